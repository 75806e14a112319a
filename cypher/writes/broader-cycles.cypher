// After a write added BROADER relations in its transaction: first the hierarchy's write lock (one node every such
// transaction takes, so that two writers cannot each close half of a cycle unseen), then the first added pair
// ([narrower, broader] in $pairs) whose broader concept now reaches the narrower one going up: a cycle. No row: none.
MERGE (lock:WriteLock {name: 'broader'})
SET lock.at = timestamp()
WITH lock
UNWIND $pairs AS pair
MATCH (n:Concept {uri: pair[0]})
MATCH (b:Concept {uri: pair[1]})
MATCH (b)-[:BROADER*1..32]->(n)
RETURN pair[0] AS narrower, pair[1] AS broader
LIMIT 1
