// The first statement is fine; the second lacks a closing parenthesis (reported on line 6).
CREATE CONSTRAINT concept_uri IF NOT EXISTS FOR (c:Concept) REQUIRE c.uri IS UNIQUE;

MATCH (c:Concept {uri: $uri})
SET c.preferredLabel = $label
RETURN count((c);
