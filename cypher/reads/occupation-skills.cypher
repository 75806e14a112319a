// The essential and optional skills of the occupation $uri, ordered by URI, each with listedBy = how many
// ESSENTIAL_SKILL and OPTIONAL_SKILL relationships (of any occupation) end at it.
MATCH (:Concept {uri: $uri})-[r:ESSENTIAL_SKILL|OPTIONAL_SKILL]->(s:Concept)
RETURN type(r) AS type, s.uri AS uri, COUNT { (s)<-[:ESSENTIAL_SKILL|OPTIONAL_SKILL]-(:Concept) } AS listedBy
  ORDER BY uri
