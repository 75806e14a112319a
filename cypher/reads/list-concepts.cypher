// Concepts of one kind that pass every filter that is set, ordered by URI, one page after the cursor key $after.
MATCH (c:Concept)
  WHERE c.kind = $kind
  AND ($skillType IS NULL OR c.skillType = $skillType)
  AND ($reuseLevel IS NULL OR c.reuseLevel = $reuseLevel)
  AND ($iscoGroupPrefix IS NULL OR c.code STARTS WITH $iscoGroupPrefix)
  AND all(name IN $collections WHERE name IN c.collectionNames)
  AND ($labelContains IS NULL OR c.searchText CONTAINS $labelContains)
  AND ($hasEssentialSkill IS NULL OR EXISTS { MATCH (c)-[:ESSENTIAL_SKILL]->(:Concept {uri: $hasEssentialSkill}) })
  AND ($hasSkill IS NULL OR EXISTS { MATCH (c)-[:ESSENTIAL_SKILL|OPTIONAL_SKILL]->(:Concept {uri: $hasSkill}) })
WITH c.uri AS uri
  ORDER BY uri
WITH collect(uri) AS uris
WITH uris, [u IN uris WHERE $after IS NULL OR u > $after] AS rest
RETURN size(uris) AS total, rest[0..$first] AS items, size(rest) AS remaining
