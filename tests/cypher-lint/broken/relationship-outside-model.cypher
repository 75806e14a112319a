// REQUIRES is not a relationship type of the model (cypher/README.md): ESSENTIAL_SKILL is.
MATCH (o:Occupation {uri: $uri})-[:REQUIRES]->(s:Skill)
RETURN s.uri
