// What career moves need in one read. fromSkills: the essential and optional skills of the occupation $from (none when
// $from is null or unknown), by URI, on every row. One row per candidate: every occupation other than $from that has one
// of the held skills ($held and fromSkills) as an essential skill, with its essential skills by URI. Without a candidate,
// one row with candidate null.
OPTIONAL MATCH (:Concept {uri: $from})-[:ESSENTIAL_SKILL|OPTIONAL_SKILL]->(f:Concept)
WITH collect(DISTINCT f.uri) AS fromSkills
WITH fromSkills, COLLECT {
  UNWIND fromSkills + $held AS held
  MATCH (c:Concept)-[:ESSENTIAL_SKILL]->(:Concept {uri: held})
    WHERE $from IS NULL OR c.uri <> $from
  RETURN DISTINCT c
} AS candidates
UNWIND CASE WHEN size(candidates) = 0 THEN [null] ELSE candidates END AS c
RETURN fromSkills, c.uri AS candidate,
  COLLECT { MATCH (c)-[:ESSENTIAL_SKILL]->(s:Concept) RETURN s.uri AS skill ORDER BY skill } AS essential
  ORDER BY candidate
