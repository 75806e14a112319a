// One page of the outgoing neighbours of each of $uris over relationship type $type, ordered by URI:
// total = all of them, items = up to $first after the cursor key $after, remaining = how many follow the cursor.
UNWIND $uris AS uri
OPTIONAL MATCH (:Concept {uri: uri})-[r]->(n:Concept)
  WHERE type(r) = $type
WITH uri, n.uri AS target
  ORDER BY uri, target
WITH uri, collect(target) AS targets
WITH uri, targets, [t IN targets WHERE $after IS NULL OR t > $after] AS rest
RETURN uri, size(targets) AS total, rest[0..$first] AS items, size(rest) AS remaining
