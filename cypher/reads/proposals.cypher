// Proposals, oldest first: those with $status (all when null), after the id $after (or from the start), at most $first;
// total = how many have the status.
MATCH (p:Proposal)
  WHERE $status IS NULL OR p.status = $status
WITH p ORDER BY p.id
WITH collect(p) AS proposals
RETURN size(proposals) AS total,
  [p IN proposals WHERE $after IS NULL OR p.id > $after][0..$first] AS page,
  size([p IN proposals WHERE $after IS NULL OR p.id > $after]) AS remaining
