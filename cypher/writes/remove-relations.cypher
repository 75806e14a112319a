// Removes relationships given as {source, type, target}; returns how many existed.
UNWIND $relations AS rel
MATCH (:Concept {uri: rel.source})-[r]->(:Concept {uri: rel.target})
  WHERE type(r) = rel.type
DELETE r
RETURN count(*) AS removed
