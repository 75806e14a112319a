// One hop over the skill–skill relations from the skills $uris, one row per stored skill: uri, and its
// ESSENTIAL_RELATED_SKILL / OPTIONAL_RELATED_SKILL neighbours each way (Out: the skill needs the other), by URI, each as
// [uri, listedBy] where listedBy = how many ESSENTIAL_SKILL and OPTIONAL_SKILL relationships end at that neighbour.
UNWIND $uris AS uri
MATCH (s:Concept {uri: uri})
RETURN uri,
  COLLECT {
    MATCH (s)-[:ESSENTIAL_RELATED_SKILL]->(t:Concept)
    WITH t ORDER BY t.uri
    RETURN [t.uri, COUNT { (t)<-[:ESSENTIAL_SKILL|OPTIONAL_SKILL]-(:Concept) }] AS link
  } AS essentialOut,
  COLLECT {
    MATCH (s)<-[:ESSENTIAL_RELATED_SKILL]-(t:Concept)
    WITH t ORDER BY t.uri
    RETURN [t.uri, COUNT { (t)<-[:ESSENTIAL_SKILL|OPTIONAL_SKILL]-(:Concept) }] AS link
  } AS essentialIn,
  COLLECT {
    MATCH (s)-[:OPTIONAL_RELATED_SKILL]->(t:Concept)
    WITH t ORDER BY t.uri
    RETURN [t.uri, COUNT { (t)<-[:ESSENTIAL_SKILL|OPTIONAL_SKILL]-(:Concept) }] AS link
  } AS optionalOut,
  COLLECT {
    MATCH (s)<-[:OPTIONAL_RELATED_SKILL]-(t:Concept)
    WITH t ORDER BY t.uri
    RETURN [t.uri, COUNT { (t)<-[:ESSENTIAL_SKILL|OPTIONAL_SKILL]-(:Concept) }] AS link
  } AS optionalIn
