// The size of the graph (GraphCounts) and the last import run, in one row.
OPTIONAL MATCH (c:Concept)
WITH
  count(CASE WHEN c.kind = 1 THEN 1 END) AS occupations,
  count(CASE WHEN c.kind = 2 THEN 1 END) AS skills,
  count(CASE WHEN c.kind = 3 THEN 1 END) AS skillGroups,
  count(CASE WHEN c.kind = 4 THEN 1 END) AS iscoGroups,
  sum(CASE WHEN c IS NULL THEN 0 ELSE 1 + size(coalesce(c.labelTexts, [])) END) AS labels,
  sum(CASE WHEN 'digital' IN c.collectionNames THEN 1 ELSE 0 END) AS digital,
  sum(CASE WHEN 'green' IN c.collectionNames THEN 1 ELSE 0 END) AS green,
  sum(CASE WHEN 'transversal' IN c.collectionNames THEN 1 ELSE 0 END) AS transversal,
  sum(CASE WHEN 'language' IN c.collectionNames THEN 1 ELSE 0 END) AS language,
  sum(CASE WHEN 'research' IN c.collectionNames THEN 1 ELSE 0 END) AS research,
  sum(CASE WHEN 'digComp' IN c.collectionNames THEN 1 ELSE 0 END) AS digComp
OPTIONAL MATCH (run:ImportRun)
WITH occupations, skills, skillGroups, iscoGroups, labels, digital, green, transversal, language, research, digComp, run
  ORDER BY run.finishedAt DESC
  LIMIT 1
RETURN occupations, skills, skillGroups, iscoGroups, labels,
  COUNT { MATCH (:Concept)-[:ESSENTIAL_SKILL]->(:Concept) } AS essential,
  COUNT { MATCH (:Concept)-[:OPTIONAL_SKILL]->(:Concept) } AS optional,
  COUNT { MATCH (a:Concept)-[:BROADER]->(:Concept) WHERE a.kind IN [2, 3] } AS skillBroader,
  COUNT { MATCH (a:Concept)-[:BROADER]->(:Concept) WHERE NOT a.kind IN [2, 3] } AS occupationBroader,
  COUNT { MATCH (:Concept)-[:ESSENTIAL_RELATED_SKILL|OPTIONAL_RELATED_SKILL]->(:Concept) } AS skillSkill,
  {digital: digital, green: green, transversal: transversal, language: language, research: research, digComp: digComp} AS collections,
  CASE WHEN run IS NULL THEN null ELSE {
    source: run.source, finishedAt: run.finishedAt, skipped: run.skipped,
    skippedByCategory: run.skippedByCategory, skippedByReason: run.skippedByReason, examples: run.examples
  } END AS lastImport
