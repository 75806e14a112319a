// Adds relationships given as {source, type, target} unless they exist; returns how many were created.
UNWIND $relations AS rel
MATCH (a:Concept {uri: rel.source}), (b:Concept {uri: rel.target})
  WHERE NOT EXISTS { MATCH (a)-[r]->(b) WHERE type(r) = rel.type }
FOREACH (_ IN CASE WHEN rel.type = 'ESSENTIAL_SKILL' THEN [1] ELSE [] END | CREATE (a)-[:ESSENTIAL_SKILL]->(b))
FOREACH (_ IN CASE WHEN rel.type = 'OPTIONAL_SKILL' THEN [1] ELSE [] END | CREATE (a)-[:OPTIONAL_SKILL]->(b))
FOREACH (_ IN CASE WHEN rel.type = 'BROADER' THEN [1] ELSE [] END | CREATE (a)-[:BROADER]->(b))
FOREACH (_ IN CASE WHEN rel.type = 'ESSENTIAL_RELATED_SKILL' THEN [1] ELSE [] END | CREATE (a)-[:ESSENTIAL_RELATED_SKILL]->(b))
FOREACH (_ IN CASE WHEN rel.type = 'OPTIONAL_RELATED_SKILL' THEN [1] ELSE [] END | CREATE (a)-[:OPTIONAL_RELATED_SKILL]->(b))
RETURN count(*) AS added
