// GraphBatch.ReplaceAll: removes every concept (and its relationships) whose URI is not in $keep.
MATCH (c:Concept)
  WHERE NOT c.uri IN $keep
DETACH DELETE c
RETURN count(*) AS removed
