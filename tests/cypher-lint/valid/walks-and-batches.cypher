// Shapes the adapter sends: parameters, UNWIND of a batch, full-text search, CALL … IN TRANSACTIONS.
UNWIND $uris AS uri
OPTIONAL MATCH (o:Occupation {uri: uri})-[:ESSENTIAL_SKILL|OPTIONAL_SKILL]->(s:Skill)
WITH uri, s ORDER BY s.uri
RETURN uri, collect(s.uri)[$skip..$skip + $first] AS skills, count(s) AS total;

CALL db.index.fulltext.queryNodes('concept_labels', $text) YIELD node, score
WHERE $kind IS NULL OR $kind IN labels(node)
RETURN node.uri AS uri, node.preferredLabel AS preferredLabel, score
LIMIT $first;

UNWIND $rows AS row
CALL (row) {
  MERGE (c:Concept {uri: row.uri})
  ON CREATE SET c.version = 1
  SET c.preferredLabel = row.preferredLabel, c.altLabels = row.altLabels
} IN TRANSACTIONS OF 1000 ROWS;
