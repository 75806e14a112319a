// A walk up BROADER in one statement: from each start ($uris[i], with $depths[i] between 1 and 8), every concept
// fewer than $depths[i] steps up (the start included), with all its broader concepts ordered by URI. The pattern's
// upper bound 7 is fixed (a bound cannot be a parameter): the adapter sends no depth above 8.
UNWIND range(0, size($uris) - 1) AS i
MATCH (s:Concept {uri: $uris[i]})
MATCH p = (s)-[:BROADER*0..7]->(n:Concept)
  WHERE length(p) < $depths[i]
WITH DISTINCT n
OPTIONAL MATCH (n)-[:BROADER]->(b:Concept)
WITH n.uri AS uri, b.uri AS target
  ORDER BY uri, target
RETURN uri, collect(target) AS targets
