// What a skill gap needs in one read, as rows of five parts (columns part, uri, type, reach, targets, concept):
// 'concept': the occupation $uri and each held concept ($held) that exists, with the concept;
// 'skill': each essential and optional skill of $uri, with type, the concept and reach (how many occupations have it as an essential skill);
// 'broader': each held skill (kind 2), and each skill one step broader than one, with targets = what it is one step narrower than, by URI;
// 'narrower': each held skill, with targets = what is one step narrower than it, by URI;
// 'count': one row, reach = how many occupations (kind 1) the graph holds.
UNWIND [$uri] + $held AS asked
MATCH (c:Concept {uri: asked})
RETURN 'concept' AS part, c.uri AS uri, null AS type, null AS reach, null AS targets, {
  uri: c.uri, kind: c.kind, preferredLabel: c.preferredLabel, description: c.description, definition: c.definition,
  scopeNote: c.scopeNote, status: c.status, code: c.code, skillType: c.skillType, reuseLevel: c.reuseLevel,
  collections: c.collections, modifiedAt: c.modifiedAt, version: c.version,
  labelTexts: c.labelTexts, labelKinds: c.labelKinds, labelLanguages: c.labelLanguages
} AS concept
UNION ALL
MATCH (:Concept {uri: $uri})-[r:ESSENTIAL_SKILL|OPTIONAL_SKILL]->(c:Concept)
RETURN 'skill' AS part, c.uri AS uri, type(r) AS type, COUNT { (c)<-[:ESSENTIAL_SKILL]-(:Concept) } AS reach, null AS targets, {
  uri: c.uri, kind: c.kind, preferredLabel: c.preferredLabel, description: c.description, definition: c.definition,
  scopeNote: c.scopeNote, status: c.status, code: c.code, skillType: c.skillType, reuseLevel: c.reuseLevel,
  collections: c.collections, modifiedAt: c.modifiedAt, version: c.version,
  labelTexts: c.labelTexts, labelKinds: c.labelKinds, labelLanguages: c.labelLanguages
} AS concept
UNION ALL
UNWIND $held AS asked
MATCH (h:Concept {uri: asked})
  WHERE h.kind = 2
OPTIONAL MATCH (h)-[:BROADER]->(b:Concept)
  WHERE b.kind = 2
WITH h, collect(b) AS steps
UNWIND [h] + steps AS n
WITH DISTINCT n
RETURN 'broader' AS part, n.uri AS uri, null AS type, null AS reach,
  COLLECT { MATCH (n)-[:BROADER]->(t:Concept) RETURN t.uri AS target ORDER BY target } AS targets, null AS concept
UNION ALL
UNWIND $held AS asked
MATCH (h:Concept {uri: asked})
  WHERE h.kind = 2
RETURN 'narrower' AS part, h.uri AS uri, null AS type, null AS reach,
  COLLECT { MATCH (h)<-[:BROADER]-(t:Concept) RETURN t.uri AS target ORDER BY target } AS targets, null AS concept
UNION ALL
RETURN 'count' AS part, null AS uri, null AS type, COUNT { (o:Concept) WHERE o.kind = 1 } AS reach, null AS targets, null AS concept
