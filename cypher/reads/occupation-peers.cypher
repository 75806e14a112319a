// What related occupations need of the occupation $uri in one read, one row per skill it lists (essential, and optional
// when $withOptional): type, the skill's uri, and the occupations that have that skill as an essential skill
// (essentialFor) and as an optional one (optionalFor, empty unless $withOptional), each by URI.
MATCH (:Concept {uri: $uri})-[r:ESSENTIAL_SKILL|OPTIONAL_SKILL]->(s:Concept)
  WHERE $withOptional OR type(r) = 'ESSENTIAL_SKILL'
RETURN type(r) AS type, s.uri AS uri,
  COLLECT { MATCH (o:Concept)-[:ESSENTIAL_SKILL]->(s) RETURN o.uri AS occupation ORDER BY occupation } AS essentialFor,
  COLLECT { MATCH (o:Concept)-[:OPTIONAL_SKILL]->(s) WHERE $withOptional RETURN o.uri AS occupation ORDER BY occupation } AS optionalFor
  ORDER BY uri
