// GraphBatch.ReplaceAll: removes every relationship between concepts (the batch adds its own again).
MATCH (:Concept)-[r]->(:Concept)
DELETE r
RETURN count(*) AS removed
