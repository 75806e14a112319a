// What occupation suggestions need of the skills $uris in one read, one row per stored skill: occupations = how many
// occupations (kind 1) the graph holds (the same on every row); essentialFor / optionalFor = the occupations that have
// the skill as an essential / optional skill, by URI, each as [uri, its essential skill count, its optional skill count].
WITH COUNT { (c:Concept) WHERE c.kind = 1 } AS occupations
UNWIND $uris AS uri
MATCH (s:Concept {uri: uri})
RETURN uri, occupations,
  COLLECT {
    MATCH (o:Concept)-[:ESSENTIAL_SKILL]->(s)
    WITH o ORDER BY o.uri
    RETURN [o.uri, COUNT { (o)-[:ESSENTIAL_SKILL]->(:Concept) }, COUNT { (o)-[:OPTIONAL_SKILL]->(:Concept) }] AS listing
  } AS essentialFor,
  COLLECT {
    MATCH (o:Concept)-[:OPTIONAL_SKILL]->(s)
    WITH o ORDER BY o.uri
    RETURN [o.uri, COUNT { (o)-[:ESSENTIAL_SKILL]->(:Concept) }, COUNT { (o)-[:OPTIONAL_SKILL]->(:Concept) }] AS listing
  } AS optionalFor
