// The schema of the SkillGraph model (cypher/README.md). Idempotent: every statement is IF NOT EXISTS, so it is
// applied at every start of the stack (docker-compose service `neo4j-init`) and by the adapter's migrations.
// Needs Neo4j 5 (any edition). Uniqueness constraints also give the range index that MERGE and look-ups by uri use.

CREATE CONSTRAINT concept_uri IF NOT EXISTS FOR (c:Concept) REQUIRE c.uri IS UNIQUE;
CREATE CONSTRAINT occupation_uri IF NOT EXISTS FOR (c:Occupation) REQUIRE c.uri IS UNIQUE;
CREATE CONSTRAINT skill_uri IF NOT EXISTS FOR (c:Skill) REQUIRE c.uri IS UNIQUE;
CREATE CONSTRAINT skill_group_uri IF NOT EXISTS FOR (c:SkillGroup) REQUIRE c.uri IS UNIQUE;
CREATE CONSTRAINT isco_group_uri IF NOT EXISTS FOR (c:IscoGroup) REQUIRE c.uri IS UNIQUE;
CREATE CONSTRAINT change_set_id IF NOT EXISTS FOR (cs:ChangeSet) REQUIRE cs.id IS UNIQUE;
CREATE CONSTRAINT write_lock_name IF NOT EXISTS FOR (l:WriteLock) REQUIRE l.name IS UNIQUE;
CREATE CONSTRAINT proposal_id IF NOT EXISTS FOR (p:Proposal) REQUIRE p.id IS UNIQUE;

// Filters of ListConceptsAsync (ConceptFilter): code prefix of ISCO groups, skill type, reuse level.
CREATE INDEX concept_preferred_label IF NOT EXISTS FOR (c:Concept) ON (c.preferredLabel);
CREATE INDEX concept_code IF NOT EXISTS FOR (c:Concept) ON (c.code);
CREATE INDEX skill_skill_type IF NOT EXISTS FOR (s:Skill) ON (s.skillType);
CREATE INDEX skill_reuse_level IF NOT EXISTS FOR (s:Skill) ON (s.reuseLevel);

// Full-text label search for operators (the adapter's SearchAsync filters searchLabels instead): the preferred label and
// every element of labelTexts (alternative and hidden labels).
CREATE FULLTEXT INDEX concept_labels IF NOT EXISTS FOR (c:Concept) ON EACH [c.preferredLabel, c.labelTexts];
