// Concepts by URI (the adapter maps them back to the order asked; unknown URIs give no row).
UNWIND $uris AS uri
MATCH (c:Concept {uri: uri})
RETURN {
  uri: c.uri, kind: c.kind, preferredLabel: c.preferredLabel, description: c.description, definition: c.definition,
  scopeNote: c.scopeNote, status: c.status, code: c.code, skillType: c.skillType, reuseLevel: c.reuseLevel,
  collections: c.collections, modifiedAt: c.modifiedAt, version: c.version,
  labelTexts: c.labelTexts, labelKinds: c.labelKinds, labelLanguages: c.labelLanguages
} AS concept
