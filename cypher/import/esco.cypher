// Loads the official ESCO v1.1.1 CSV download (English) straight into Neo4j, into the Neo4j adapter's model
// (cypher/README.md) for every property Cypher can compute, following src/SkillGraph.Graph.Import/EscoImporter.cs:
// kind, preferredLabel, description, definition, scopeNote, status, code, skillType and reuseLevel (as the enums'
// numbers), collections (flags) and collectionNames, modifiedAt (ISO 8601 text), version, and the labels as
// labelTexts / labelKinds / labelLanguages (alternative then hidden, 'en').
//
// NOT computed here: searchLabels and searchText (LabelText.Normalize folds diacritics by table and splits on every
// character that is not a letter, digit, '+' or '#'; plain Cypher has no such function) and contentHash (SHA-256 of
// the concept's JSON). So the adapter reads these concepts, filters and walks them, but its search and labelContains
// do not find them, and its first write of a concept treats it as changed (version + 1, every property written).
// The supported path to a graph the service reads completely is `skillgraph import esco` (embedded store) +
// `skillgraph export neo4j` + `neo4j-admin database import full` (README.txt of the export): those CSVs hold every
// property the adapter writes. Use this file for exploration, or follow it with writes through the adapter.
//
// The CSVs must lie in <Neo4j import dir>/esco/ (docker-compose mounts $ESCO_DIR there; the `neo4j-init` service runs
// this file with cypher-shell after cypher/schema.cypher, whose constraint on :Concept(uri) the MERGEs rely on).
// Run it in auto-commit mode (cypher-shell does): each statement commits every 1000 rows (CALL … IN TRANSACTIONS).
// Load into an empty database (or one this file loaded): a node of another model is not converted.
//
// Idempotent: nodes and relationships are MERGEd on uri, properties set again; a rerun over the same files changes
// nothing. Unlike `skillgraph import esco` it upserts: concepts no longer in the download are not deleted, and
// `version` stays 1 (the adapter bumps it on writes). Rows naming a concept that is not in the download are
// skipped (MATCH finds nothing), as the importer does.

// ISCO groups (occupation pillar, top).
LOAD CSV WITH HEADERS FROM 'file:///esco/ISCOGroups_en.csv' AS row
CALL (row) {
  WITH row,
       reduce(acc = [], l IN [x IN split(coalesce(row.altLabels, ''), '\n') WHERE trim(x) <> '' | trim(x)] | CASE WHEN l IN acc THEN acc ELSE acc + l END) AS alts,
       [] AS hiddens
  MERGE (c:Concept {uri: row.conceptUri})
  ON CREATE SET c.version = 1
  SET c:IscoGroup,
      c.kind = 4,
      c.preferredLabel = row.preferredLabel,
      c.labelTexts = CASE WHEN size(alts) + size(hiddens) = 0 THEN null ELSE alts + hiddens END,
      c.labelKinds = CASE WHEN size(alts) + size(hiddens) = 0 THEN null ELSE [l IN alts | 2] + [l IN hiddens | 3] END,
      c.labelLanguages = CASE WHEN size(alts) + size(hiddens) = 0 THEN null ELSE [l IN alts + hiddens | 'en'] END,
      c.collections = coalesce(c.collections, 0),
      c.status = CASE WHEN trim(coalesce(row.status, '')) = '' THEN 'released' ELSE trim(row.status) END,
      c.code = CASE WHEN trim(coalesce(row.code, '')) = '' THEN null ELSE trim(row.code) END,
      c.description = CASE WHEN trim(coalesce(row.description, '')) = '' THEN null ELSE trim(row.description) END
} IN TRANSACTIONS OF 1000 ROWS;

// Occupations.
LOAD CSV WITH HEADERS FROM 'file:///esco/occupations_en.csv' AS row
CALL (row) {
  WITH row,
       reduce(acc = [], l IN [x IN split(coalesce(row.altLabels, ''), '\n') WHERE trim(x) <> '' | trim(x)] | CASE WHEN l IN acc THEN acc ELSE acc + l END) AS alts,
       reduce(acc = [], l IN [x IN split(coalesce(row.hiddenLabels, ''), '\n') WHERE trim(x) <> '' | trim(x)] | CASE WHEN l IN acc THEN acc ELSE acc + l END) AS hiddens
  MERGE (c:Concept {uri: row.conceptUri})
  ON CREATE SET c.version = 1
  SET c:Occupation,
      c.kind = 1,
      c.preferredLabel = row.preferredLabel,
      c.labelTexts = CASE WHEN size(alts) + size(hiddens) = 0 THEN null ELSE alts + hiddens END,
      c.labelKinds = CASE WHEN size(alts) + size(hiddens) = 0 THEN null ELSE [l IN alts | 2] + [l IN hiddens | 3] END,
      c.labelLanguages = CASE WHEN size(alts) + size(hiddens) = 0 THEN null ELSE [l IN alts + hiddens | 'en'] END,
      c.collections = coalesce(c.collections, 0),
      c.status = CASE WHEN trim(coalesce(row.status, '')) = '' THEN 'released' ELSE trim(row.status) END,
      c.modifiedAt = CASE WHEN trim(coalesce(row.modifiedDate, '')) = '' THEN null ELSE toString(datetime(trim(row.modifiedDate))) END,
      c.scopeNote = CASE WHEN trim(coalesce(row.scopeNote, '')) = '' THEN null ELSE trim(row.scopeNote) END,
      c.definition = CASE WHEN trim(coalesce(row.definition, '')) = '' THEN null ELSE trim(row.definition) END,
      c.description = CASE WHEN trim(coalesce(row.description, '')) = '' THEN null ELSE trim(row.description) END,
      c.code = CASE WHEN trim(coalesce(row.code, '')) = '' THEN null ELSE trim(row.code) END
} IN TRANSACTIONS OF 1000 ROWS;

// Skill groups.
LOAD CSV WITH HEADERS FROM 'file:///esco/skillGroups_en.csv' AS row
CALL (row) {
  WITH row,
       reduce(acc = [], l IN [x IN split(coalesce(row.altLabels, ''), '\n') WHERE trim(x) <> '' | trim(x)] | CASE WHEN l IN acc THEN acc ELSE acc + l END) AS alts,
       reduce(acc = [], l IN [x IN split(coalesce(row.hiddenLabels, ''), '\n') WHERE trim(x) <> '' | trim(x)] | CASE WHEN l IN acc THEN acc ELSE acc + l END) AS hiddens
  MERGE (c:Concept {uri: row.conceptUri})
  ON CREATE SET c.version = 1
  SET c:SkillGroup,
      c.kind = 3,
      c.preferredLabel = row.preferredLabel,
      c.labelTexts = CASE WHEN size(alts) + size(hiddens) = 0 THEN null ELSE alts + hiddens END,
      c.labelKinds = CASE WHEN size(alts) + size(hiddens) = 0 THEN null ELSE [l IN alts | 2] + [l IN hiddens | 3] END,
      c.labelLanguages = CASE WHEN size(alts) + size(hiddens) = 0 THEN null ELSE [l IN alts + hiddens | 'en'] END,
      c.collections = coalesce(c.collections, 0),
      c.status = CASE WHEN trim(coalesce(row.status, '')) = '' THEN 'released' ELSE trim(row.status) END,
      c.modifiedAt = CASE WHEN trim(coalesce(row.modifiedDate, '')) = '' THEN null ELSE toString(datetime(trim(row.modifiedDate))) END,
      c.scopeNote = CASE WHEN trim(coalesce(row.scopeNote, '')) = '' THEN null ELSE trim(row.scopeNote) END,
      c.description = CASE WHEN trim(coalesce(row.description, '')) = '' THEN null ELSE trim(row.description) END,
      c.code = CASE WHEN trim(coalesce(row.code, '')) = '' THEN null ELSE trim(row.code) END
} IN TRANSACTIONS OF 1000 ROWS;

// Skills and knowledge.
LOAD CSV WITH HEADERS FROM 'file:///esco/skills_en.csv' AS row
CALL (row) {
  WITH row,
       reduce(acc = [], l IN [x IN split(coalesce(row.altLabels, ''), '\n') WHERE trim(x) <> '' | trim(x)] | CASE WHEN l IN acc THEN acc ELSE acc + l END) AS alts,
       reduce(acc = [], l IN [x IN split(coalesce(row.hiddenLabels, ''), '\n') WHERE trim(x) <> '' | trim(x)] | CASE WHEN l IN acc THEN acc ELSE acc + l END) AS hiddens
  MERGE (c:Concept {uri: row.conceptUri})
  ON CREATE SET c.version = 1
  SET c:Skill,
      c.kind = 2,
      c.preferredLabel = row.preferredLabel,
      c.labelTexts = CASE WHEN size(alts) + size(hiddens) = 0 THEN null ELSE alts + hiddens END,
      c.labelKinds = CASE WHEN size(alts) + size(hiddens) = 0 THEN null ELSE [l IN alts | 2] + [l IN hiddens | 3] END,
      c.labelLanguages = CASE WHEN size(alts) + size(hiddens) = 0 THEN null ELSE [l IN alts + hiddens | 'en'] END,
      c.collections = coalesce(c.collections, 0),
      c.status = CASE WHEN trim(coalesce(row.status, '')) = '' THEN 'released' ELSE trim(row.status) END,
      c.modifiedAt = CASE WHEN trim(coalesce(row.modifiedDate, '')) = '' THEN null ELSE toString(datetime(trim(row.modifiedDate))) END,
      c.scopeNote = CASE WHEN trim(coalesce(row.scopeNote, '')) = '' THEN null ELSE trim(row.scopeNote) END,
      c.definition = CASE WHEN trim(coalesce(row.definition, '')) = '' THEN null ELSE trim(row.definition) END,
      c.description = CASE WHEN trim(coalesce(row.description, '')) = '' THEN null ELSE trim(row.description) END,
      c.skillType = CASE trim(coalesce(row.skillType, '')) WHEN 'skill/competence' THEN 1 WHEN 'knowledge' THEN 2 ELSE null END,
      c.reuseLevel = CASE trim(coalesce(row.reuseLevel, ''))
                     WHEN 'transversal' THEN 1 WHEN 'cross-sector' THEN 2 WHEN 'sector-specific' THEN 3 WHEN 'occupation-specific' THEN 4
                     ELSE null END
} IN TRANSACTIONS OF 1000 ROWS;

// Skill groups that only the hierarchy file names (7 in v1.1.1); groups already loaded are left as they are.
LOAD CSV WITH HEADERS FROM 'file:///esco/skillsHierarchy_en.csv' AS row
CALL (row) {
  WITH [
    [row.`Level 0 URI`, row.`Level 0 preferred term`, row.`Level 0 code`],
    [row.`Level 1 URI`, row.`Level 1 preferred term`, row.`Level 1 code`],
    [row.`Level 2 URI`, row.`Level 2 preferred term`, row.`Level 2 code`],
    [row.`Level 3 URI`, row.`Level 3 preferred term`, row.`Level 3 code`],
    [null, null, null]
  ] AS levels, row.Description AS description
  UNWIND range(0, 3) AS i
  WITH levels, description, i
  WHERE trim(coalesce(levels[i][0], '')) <> ''
  MERGE (g:Concept {uri: trim(levels[i][0])})
  ON CREATE SET g:SkillGroup,
                g.kind = 3,
                g.version = 1,
                g.collections = 0,
                g.status = 'released',
                g.preferredLabel = levels[i][1],
                g.code = CASE WHEN trim(coalesce(levels[i][2], '')) = '' THEN null ELSE trim(levels[i][2]) END,
                g.description = CASE WHEN trim(coalesce(levels[i + 1][0], '')) = '' AND trim(coalesce(description, '')) <> ''
                                THEN trim(description) ELSE null END
} IN TRANSACTIONS OF 1000 ROWS;

// Broader relations, occupation pillar (occupation → occupation or ISCO group, ISCO → ISCO).
LOAD CSV WITH HEADERS FROM 'file:///esco/broaderRelationsOccPillar.csv' AS row
CALL (row) {
  MATCH (n:Concept {uri: row.conceptUri})
  MATCH (b:Concept {uri: row.broaderUri})
  MERGE (n)-[:BROADER]->(b)
} IN TRANSACTIONS OF 1000 ROWS;

// Broader relations, skill pillar (skill → skill or group, group → group).
LOAD CSV WITH HEADERS FROM 'file:///esco/broaderRelationsSkillPillar.csv' AS row
CALL (row) {
  MATCH (n:Concept {uri: row.conceptUri})
  MATCH (b:Concept {uri: row.broaderUri})
  MERGE (n)-[:BROADER]->(b)
} IN TRANSACTIONS OF 1000 ROWS;

// Occupation → skill, essential or optional (other relation types are skipped, as the importer does).
LOAD CSV WITH HEADERS FROM 'file:///esco/occupationSkillRelations.csv' AS row
CALL (row) {
  MATCH (o:Concept {uri: row.occupationUri})
  MATCH (s:Concept {uri: row.skillUri})
  FOREACH (_ IN CASE WHEN row.relationType = 'essential' THEN [1] ELSE [] END | MERGE (o)-[:ESSENTIAL_SKILL]->(s))
  FOREACH (_ IN CASE WHEN row.relationType = 'optional' THEN [1] ELSE [] END | MERGE (o)-[:OPTIONAL_SKILL]->(s))
} IN TRANSACTIONS OF 1000 ROWS;

// Skill → skill, essential or optional.
LOAD CSV WITH HEADERS FROM 'file:///esco/skillSkillRelations.csv' AS row
CALL (row) {
  MATCH (a:Concept {uri: row.originalSkillUri})
  MATCH (b:Concept {uri: row.relatedSkillUri})
  FOREACH (_ IN CASE WHEN row.relationType = 'essential' THEN [1] ELSE [] END | MERGE (a)-[:ESSENTIAL_RELATED_SKILL]->(b))
  FOREACH (_ IN CASE WHEN row.relationType = 'optional' THEN [1] ELSE [] END | MERGE (a)-[:OPTIONAL_RELATED_SKILL]->(b))
} IN TRANSACTIONS OF 1000 ROWS;

// Collections: each file adds its name to `collectionNames` and its flag to `collections` once, in the order of
// EscoCollections.
LOAD CSV WITH HEADERS FROM 'file:///esco/digitalSkillsCollection_en.csv' AS row
CALL (row) {
  MATCH (c:Concept {uri: row.conceptUri})
  WITH c, 'digital' IN coalesce(c.collectionNames, []) AS already
  SET c.collectionNames = CASE WHEN already THEN c.collectionNames ELSE coalesce(c.collectionNames, []) + 'digital' END,
      c.collections = CASE WHEN already THEN c.collections ELSE coalesce(c.collections, 0) + 1 END
} IN TRANSACTIONS OF 1000 ROWS;

LOAD CSV WITH HEADERS FROM 'file:///esco/greenSkillsCollection_en.csv' AS row
CALL (row) {
  MATCH (c:Concept {uri: row.conceptUri})
  WITH c, 'green' IN coalesce(c.collectionNames, []) AS already
  SET c.collectionNames = CASE WHEN already THEN c.collectionNames ELSE coalesce(c.collectionNames, []) + 'green' END,
      c.collections = CASE WHEN already THEN c.collections ELSE coalesce(c.collections, 0) + 2 END
} IN TRANSACTIONS OF 1000 ROWS;

LOAD CSV WITH HEADERS FROM 'file:///esco/transversalSkillsCollection_en.csv' AS row
CALL (row) {
  MATCH (c:Concept {uri: row.conceptUri})
  WITH c, 'transversal' IN coalesce(c.collectionNames, []) AS already
  SET c.collectionNames = CASE WHEN already THEN c.collectionNames ELSE coalesce(c.collectionNames, []) + 'transversal' END,
      c.collections = CASE WHEN already THEN c.collections ELSE coalesce(c.collections, 0) + 4 END
} IN TRANSACTIONS OF 1000 ROWS;

LOAD CSV WITH HEADERS FROM 'file:///esco/languageSkillsCollection_en.csv' AS row
CALL (row) {
  MATCH (c:Concept {uri: row.conceptUri})
  WITH c, 'language' IN coalesce(c.collectionNames, []) AS already
  SET c.collectionNames = CASE WHEN already THEN c.collectionNames ELSE coalesce(c.collectionNames, []) + 'language' END,
      c.collections = CASE WHEN already THEN c.collections ELSE coalesce(c.collections, 0) + 8 END
} IN TRANSACTIONS OF 1000 ROWS;

LOAD CSV WITH HEADERS FROM 'file:///esco/researchSkillsCollection_en.csv' AS row
CALL (row) {
  MATCH (c:Concept {uri: row.conceptUri})
  WITH c, 'research' IN coalesce(c.collectionNames, []) AS already
  SET c.collectionNames = CASE WHEN already THEN c.collectionNames ELSE coalesce(c.collectionNames, []) + 'research' END,
      c.collections = CASE WHEN already THEN c.collections ELSE coalesce(c.collections, 0) + 16 END
} IN TRANSACTIONS OF 1000 ROWS;

LOAD CSV WITH HEADERS FROM 'file:///esco/researchOccupationsCollection_en.csv' AS row
CALL (row) {
  MATCH (c:Concept {uri: row.conceptUri})
  WITH c, 'research' IN coalesce(c.collectionNames, []) AS already
  SET c.collectionNames = CASE WHEN already THEN c.collectionNames ELSE coalesce(c.collectionNames, []) + 'research' END,
      c.collections = CASE WHEN already THEN c.collections ELSE coalesce(c.collections, 0) + 16 END
} IN TRANSACTIONS OF 1000 ROWS;

LOAD CSV WITH HEADERS FROM 'file:///esco/digCompSkillsCollection_en.csv' AS row
CALL (row) {
  MATCH (c:Concept {uri: row.conceptUri})
  WITH c, 'digComp' IN coalesce(c.collectionNames, []) AS already
  SET c.collectionNames = CASE WHEN already THEN c.collectionNames ELSE coalesce(c.collectionNames, []) + 'digComp' END,
      c.collections = CASE WHEN already THEN c.collections ELSE coalesce(c.collections, 0) + 32 END
} IN TRANSACTIONS OF 1000 ROWS;
