// Loads the official ESCO v1.1.1 CSV download (English) straight into Neo4j, following the model of cypher/README.md
// and the mapping of src/SkillGraph.Graph.Import/EscoImporter.cs. For operators who do not go through
// `skillgraph import esco` + `skillgraph export neo4j` + `neo4j-admin database import full`.
//
// The CSVs must lie in <Neo4j import dir>/esco/ (docker-compose mounts $ESCO_DIR there; the `neo4j-init` service runs
// this file with cypher-shell after cypher/schema.cypher, whose constraint on :Concept(uri) the MERGEs rely on).
// Run it in auto-commit mode (cypher-shell does): each statement commits every 1000 rows (CALL … IN TRANSACTIONS).
//
// Idempotent: nodes and relationships are MERGEd on uri, properties set again; a rerun over the same files changes
// nothing. Unlike `skillgraph import esco` it upserts: concepts no longer in the download are not deleted, and
// `version` stays 1 (the adapter bumps it on writes). Rows naming a concept that is not in the download are
// skipped (MATCH finds nothing), as the importer does.

// ISCO groups (occupation pillar, top).
LOAD CSV WITH HEADERS FROM 'file:///esco/ISCOGroups_en.csv' AS row
CALL (row) {
  MERGE (c:Concept {uri: row.conceptUri})
  ON CREATE SET c.version = 1
  SET c:IscoGroup,
      c.preferredLabel = row.preferredLabel,
      c.language = 'en',
      c.altLabels = CASE WHEN trim(coalesce(row.altLabels, '')) = '' THEN null
                    ELSE reduce(acc = [], l IN [x IN split(row.altLabels, '\n') WHERE trim(x) <> '' | trim(x)] | CASE WHEN l IN acc THEN acc ELSE acc + l END) END,
      c.status = CASE WHEN trim(coalesce(row.status, '')) = '' THEN 'released' ELSE trim(row.status) END,
      c.code = CASE WHEN trim(coalesce(row.code, '')) = '' THEN null ELSE trim(row.code) END,
      c.description = CASE WHEN trim(coalesce(row.description, '')) = '' THEN null ELSE trim(row.description) END
} IN TRANSACTIONS OF 1000 ROWS;

// Occupations.
LOAD CSV WITH HEADERS FROM 'file:///esco/occupations_en.csv' AS row
CALL (row) {
  MERGE (c:Concept {uri: row.conceptUri})
  ON CREATE SET c.version = 1
  SET c:Occupation,
      c.preferredLabel = row.preferredLabel,
      c.language = 'en',
      c.altLabels = CASE WHEN trim(coalesce(row.altLabels, '')) = '' THEN null
                    ELSE reduce(acc = [], l IN [x IN split(row.altLabels, '\n') WHERE trim(x) <> '' | trim(x)] | CASE WHEN l IN acc THEN acc ELSE acc + l END) END,
      c.hiddenLabels = CASE WHEN trim(coalesce(row.hiddenLabels, '')) = '' THEN null
                       ELSE reduce(acc = [], l IN [x IN split(row.hiddenLabels, '\n') WHERE trim(x) <> '' | trim(x)] | CASE WHEN l IN acc THEN acc ELSE acc + l END) END,
      c.status = CASE WHEN trim(coalesce(row.status, '')) = '' THEN 'released' ELSE trim(row.status) END,
      c.modifiedAt = CASE WHEN trim(coalesce(row.modifiedDate, '')) = '' THEN null ELSE datetime(trim(row.modifiedDate)) END,
      c.scopeNote = CASE WHEN trim(coalesce(row.scopeNote, '')) = '' THEN null ELSE trim(row.scopeNote) END,
      c.definition = CASE WHEN trim(coalesce(row.definition, '')) = '' THEN null ELSE trim(row.definition) END,
      c.description = CASE WHEN trim(coalesce(row.description, '')) = '' THEN null ELSE trim(row.description) END,
      c.code = CASE WHEN trim(coalesce(row.code, '')) = '' THEN null ELSE trim(row.code) END
} IN TRANSACTIONS OF 1000 ROWS;

// Skill groups.
LOAD CSV WITH HEADERS FROM 'file:///esco/skillGroups_en.csv' AS row
CALL (row) {
  MERGE (c:Concept {uri: row.conceptUri})
  ON CREATE SET c.version = 1
  SET c:SkillGroup,
      c.preferredLabel = row.preferredLabel,
      c.language = 'en',
      c.altLabels = CASE WHEN trim(coalesce(row.altLabels, '')) = '' THEN null
                    ELSE reduce(acc = [], l IN [x IN split(row.altLabels, '\n') WHERE trim(x) <> '' | trim(x)] | CASE WHEN l IN acc THEN acc ELSE acc + l END) END,
      c.hiddenLabels = CASE WHEN trim(coalesce(row.hiddenLabels, '')) = '' THEN null
                       ELSE reduce(acc = [], l IN [x IN split(row.hiddenLabels, '\n') WHERE trim(x) <> '' | trim(x)] | CASE WHEN l IN acc THEN acc ELSE acc + l END) END,
      c.status = CASE WHEN trim(coalesce(row.status, '')) = '' THEN 'released' ELSE trim(row.status) END,
      c.modifiedAt = CASE WHEN trim(coalesce(row.modifiedDate, '')) = '' THEN null ELSE datetime(trim(row.modifiedDate)) END,
      c.scopeNote = CASE WHEN trim(coalesce(row.scopeNote, '')) = '' THEN null ELSE trim(row.scopeNote) END,
      c.description = CASE WHEN trim(coalesce(row.description, '')) = '' THEN null ELSE trim(row.description) END,
      c.code = CASE WHEN trim(coalesce(row.code, '')) = '' THEN null ELSE trim(row.code) END
} IN TRANSACTIONS OF 1000 ROWS;

// Skills and knowledge.
LOAD CSV WITH HEADERS FROM 'file:///esco/skills_en.csv' AS row
CALL (row) {
  MERGE (c:Concept {uri: row.conceptUri})
  ON CREATE SET c.version = 1
  SET c:Skill,
      c.preferredLabel = row.preferredLabel,
      c.language = 'en',
      c.altLabels = CASE WHEN trim(coalesce(row.altLabels, '')) = '' THEN null
                    ELSE reduce(acc = [], l IN [x IN split(row.altLabels, '\n') WHERE trim(x) <> '' | trim(x)] | CASE WHEN l IN acc THEN acc ELSE acc + l END) END,
      c.hiddenLabels = CASE WHEN trim(coalesce(row.hiddenLabels, '')) = '' THEN null
                       ELSE reduce(acc = [], l IN [x IN split(row.hiddenLabels, '\n') WHERE trim(x) <> '' | trim(x)] | CASE WHEN l IN acc THEN acc ELSE acc + l END) END,
      c.status = CASE WHEN trim(coalesce(row.status, '')) = '' THEN 'released' ELSE trim(row.status) END,
      c.modifiedAt = CASE WHEN trim(coalesce(row.modifiedDate, '')) = '' THEN null ELSE datetime(trim(row.modifiedDate)) END,
      c.scopeNote = CASE WHEN trim(coalesce(row.scopeNote, '')) = '' THEN null ELSE trim(row.scopeNote) END,
      c.definition = CASE WHEN trim(coalesce(row.definition, '')) = '' THEN null ELSE trim(row.definition) END,
      c.description = CASE WHEN trim(coalesce(row.description, '')) = '' THEN null ELSE trim(row.description) END,
      c.skillType = CASE WHEN trim(coalesce(row.skillType, '')) = '' THEN null ELSE trim(row.skillType) END,
      c.reuseLevel = CASE WHEN trim(coalesce(row.reuseLevel, '')) = '' THEN null ELSE trim(row.reuseLevel) END
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
                g.version = 1,
                g.language = 'en',
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

// Collections: each file adds its name to `collections` once, in the order of EscoCollections.
LOAD CSV WITH HEADERS FROM 'file:///esco/digitalSkillsCollection_en.csv' AS row
CALL (row) {
  MATCH (c:Concept {uri: row.conceptUri})
  SET c.collections = CASE WHEN 'digital' IN coalesce(c.collections, []) THEN c.collections ELSE coalesce(c.collections, []) + 'digital' END
} IN TRANSACTIONS OF 1000 ROWS;

LOAD CSV WITH HEADERS FROM 'file:///esco/greenSkillsCollection_en.csv' AS row
CALL (row) {
  MATCH (c:Concept {uri: row.conceptUri})
  SET c.collections = CASE WHEN 'green' IN coalesce(c.collections, []) THEN c.collections ELSE coalesce(c.collections, []) + 'green' END
} IN TRANSACTIONS OF 1000 ROWS;

LOAD CSV WITH HEADERS FROM 'file:///esco/transversalSkillsCollection_en.csv' AS row
CALL (row) {
  MATCH (c:Concept {uri: row.conceptUri})
  SET c.collections = CASE WHEN 'transversal' IN coalesce(c.collections, []) THEN c.collections ELSE coalesce(c.collections, []) + 'transversal' END
} IN TRANSACTIONS OF 1000 ROWS;

LOAD CSV WITH HEADERS FROM 'file:///esco/languageSkillsCollection_en.csv' AS row
CALL (row) {
  MATCH (c:Concept {uri: row.conceptUri})
  SET c.collections = CASE WHEN 'language' IN coalesce(c.collections, []) THEN c.collections ELSE coalesce(c.collections, []) + 'language' END
} IN TRANSACTIONS OF 1000 ROWS;

LOAD CSV WITH HEADERS FROM 'file:///esco/researchSkillsCollection_en.csv' AS row
CALL (row) {
  MATCH (c:Concept {uri: row.conceptUri})
  SET c.collections = CASE WHEN 'research' IN coalesce(c.collections, []) THEN c.collections ELSE coalesce(c.collections, []) + 'research' END
} IN TRANSACTIONS OF 1000 ROWS;

LOAD CSV WITH HEADERS FROM 'file:///esco/researchOccupationsCollection_en.csv' AS row
CALL (row) {
  MATCH (c:Concept {uri: row.conceptUri})
  SET c.collections = CASE WHEN 'research' IN coalesce(c.collections, []) THEN c.collections ELSE coalesce(c.collections, []) + 'research' END
} IN TRANSACTIONS OF 1000 ROWS;

LOAD CSV WITH HEADERS FROM 'file:///esco/digCompSkillsCollection_en.csv' AS row
CALL (row) {
  MATCH (c:Concept {uri: row.conceptUri})
  SET c.collections = CASE WHEN 'digComp' IN coalesce(c.collections, []) THEN c.collections ELSE coalesce(c.collections, []) + 'digComp' END
} IN TRANSACTIONS OF 1000 ROWS;
