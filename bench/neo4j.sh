#!/usr/bin/env bash
# The issue-4 graph workloads (occupation context, related occupations, skill gap, neighbourhood) against a live
# Neo4j, through the same Mediator handlers as bench/workloads.sh, with the Neo4j adapter as the IGraphStore.
#
#   NEO4J_URL=http://localhost:7474 NEO4J_USER=neo4j NEO4J_PASSWORD=… [NEO4J_DATABASE=neo4j] bench/neo4j.sh [BenchmarkDotNet args]
#
# The database must hold full ESCO v1.1.1 (docker-compose's neo4j-init loads it; or `skillgraph export neo4j` +
# neo4j-admin, see docs/operations.md). Without NEO4J_URL it prints "NEO4J_URL not set: skipped" and exits 0.
#
# The bench picks the Neo4j adapter from the environment (Graph__Store=Neo4j, Graph__Neo4j__*; BenchStore.OpenForWorkloads),
# which BenchmarkDotNet's child processes inherit. Figures go to bench/RESULTS.md, "Neo4j". Not yet run: no Neo4j here.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${NEO4J_URL:-}" ]; then
  echo "NEO4J_URL not set: skipped"
  exit 0
fi

export SKILLGRAPH_DATA="${SKILLGRAPH_DATA:-$(cd .. && pwd)/shared/data}"
export Graph__Store=Neo4j
export Graph__Neo4j__Url="$NEO4J_URL"
export Graph__Neo4j__Database="${NEO4J_DATABASE:-neo4j}"
export Graph__Neo4j__User="${NEO4J_USER:-neo4j}"
export Graph__Neo4j__Password="${NEO4J_PASSWORD:?set NEO4J_PASSWORD}"

echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== Neo4j at $NEO4J_URL (database $Graph__Neo4j__Database)"
# The Query API answers a trivial statement: the server is up, the credentials and the database are right.
curl -fsS -u "$Graph__Neo4j__User:$Graph__Neo4j__Password" -H 'Content-Type: application/json' \
  -d '{"statement":"MATCH (c:Concept) RETURN count(c) AS concepts"}' \
  "$NEO4J_URL/db/$Graph__Neo4j__Database/query/v2" | tr -d '\n'
echo

dotnet build bench/SkillGraph.Bench -c Release -nologo -clp:ErrorsOnly >/dev/null
BENCH=bench/SkillGraph.Bench/bin/Release/net10.0/SkillGraph.Bench.dll

echo "== identical answers (Neo4j vs the embedded store vs SQLite)"
dotnet "$BENCH" verify | tail -1
echo "== workloads on Neo4j (BenchmarkDotNet ShortRun)"
(cd bench/SkillGraph.Bench && dotnet bin/Release/net10.0/SkillGraph.Bench.dll --filter '*WorkloadBenchmarks*' --job short "$@" | grep -E '^\|')
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"
