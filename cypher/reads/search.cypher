// Search candidates: concepts (of kind $kind, or any) with a preferred or alternative label (normalised, in
// searchLabels) in which every query token is a word or, from two characters, a word prefix. The adapter scores them.
MATCH (c:Concept)
  WHERE ($kind IS NULL OR c.kind = $kind)
  AND any(label IN c.searchLabels WHERE
    all(q IN $tokens WHERE any(word IN split(label, ' ') WHERE word = q OR (size(q) >= 2 AND word STARTS WITH q))))
RETURN {
  uri: c.uri, kind: c.kind, preferredLabel: c.preferredLabel, description: c.description, definition: c.definition,
  scopeNote: c.scopeNote, status: c.status, code: c.code, skillType: c.skillType, reuseLevel: c.reuseLevel,
  collections: c.collections, modifiedAt: c.modifiedAt, version: c.version,
  labelTexts: c.labelTexts, labelKinds: c.labelKinds, labelLanguages: c.labelLanguages
} AS concept
LIMIT $limit
