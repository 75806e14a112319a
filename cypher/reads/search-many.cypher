// Several searches in one read: for each $queries[i] ({kind, tokens}) one row, i with the candidates that
// reads/search.cypher would return for it (at most $limit). The adapter scores each query's candidates.
UNWIND range(0, size($queries) - 1) AS i
WITH i, $queries[i] AS q
RETURN i, COLLECT {
  MATCH (c:Concept)
    WHERE (q.kind IS NULL OR c.kind = q.kind)
    AND any(label IN c.searchLabels WHERE
      all(t IN q.tokens WHERE any(word IN split(label, ' ') WHERE word = t OR (size(t) >= 2 AND word STARTS WITH t))))
  RETURN {
    uri: c.uri, kind: c.kind, preferredLabel: c.preferredLabel, description: c.description, definition: c.definition,
    scopeNote: c.scopeNote, status: c.status, code: c.code, skillType: c.skillType, reuseLevel: c.reuseLevel,
    collections: c.collections, modifiedAt: c.modifiedAt, version: c.version,
    labelTexts: c.labelTexts, labelKinds: c.labelKinds, labelLanguages: c.labelLanguages
  } AS concept
  LIMIT $limit
} AS concepts
