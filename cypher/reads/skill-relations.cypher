// What related skills need of the skill $uri in one read: occupations = how many occupations have it as an essential
// skill; coRequired = up to $first other skills essential for those same occupations, each as [uri, how many of them],
// most first then by URI; and its ESSENTIAL_RELATED_SKILL / OPTIONAL_RELATED_SKILL neighbours each way, by URI.
MATCH (s:Concept {uri: $uri})
OPTIONAL MATCH (s)<-[:ESSENTIAL_SKILL]-(:Concept)-[:ESSENTIAL_SKILL]->(other:Concept)
  WHERE other <> s
WITH s, other.uri AS skill, count(other) AS n
  ORDER BY n DESC, skill
  LIMIT $first
WITH s, collect(CASE WHEN skill IS NOT NULL THEN [skill, n] END) AS coRequired
RETURN COUNT { (s)<-[:ESSENTIAL_SKILL]-(:Concept) } AS occupations,
  coRequired,
  COLLECT { MATCH (s)-[:ESSENTIAL_RELATED_SKILL]->(t:Concept) RETURN t.uri AS uri ORDER BY uri } AS essentialOut,
  COLLECT { MATCH (s)<-[:ESSENTIAL_RELATED_SKILL]-(t:Concept) RETURN t.uri AS uri ORDER BY uri } AS essentialIn,
  COLLECT { MATCH (s)-[:OPTIONAL_RELATED_SKILL]->(t:Concept) RETURN t.uri AS uri ORDER BY uri } AS optionalOut,
  COLLECT { MATCH (s)<-[:OPTIONAL_RELATED_SKILL]-(t:Concept) RETURN t.uri AS uri ORDER BY uri } AS optionalIn
