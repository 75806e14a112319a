// The change log, oldest first: change sets touching $concept (all when null) made at or after $since (ISO 8601 UTC text,
// or null), after the id $after (or from the start), at most $first; total = how many pass the filter.
MATCH (cs:ChangeSet)
  WHERE ($concept IS NULL OR $concept IN cs.concepts) AND ($since IS NULL OR cs.createdAt >= $since)
WITH cs ORDER BY cs.id
WITH collect(cs) AS sets
RETURN size(sets) AS total,
  [cs IN sets WHERE $after IS NULL OR cs.id > $after][0..$first] AS page,
  size([cs IN sets WHERE $after IS NULL OR cs.id > $after]) AS remaining
