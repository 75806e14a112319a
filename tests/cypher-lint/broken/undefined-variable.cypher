// `s` is never bound.
MATCH (o:Occupation {uri: $uri})-[:ESSENTIAL_SKILL]->(k:Skill)
RETURN s.uri
