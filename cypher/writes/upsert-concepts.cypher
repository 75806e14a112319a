// Inserts or updates concepts: every property from row.properties (a null removes one), and the label of its kind.
UNWIND $rows AS row
MERGE (c:Concept {uri: row.uri})
SET c += row.properties
REMOVE c:Occupation:Skill:SkillGroup:IscoGroup
FOREACH (_ IN CASE WHEN row.kind = 1 THEN [1] ELSE [] END | SET c:Occupation)
FOREACH (_ IN CASE WHEN row.kind = 2 THEN [1] ELSE [] END | SET c:Skill)
FOREACH (_ IN CASE WHEN row.kind = 3 THEN [1] ELSE [] END | SET c:SkillGroup)
FOREACH (_ IN CASE WHEN row.kind = 4 THEN [1] ELSE [] END | SET c:IscoGroup)
RETURN count(c) AS written
