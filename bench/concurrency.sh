#!/usr/bin/env bash
# Issue 15 item 5: 16 stewards and 64 readers on the embedded store for SECONDS (default 60) — the test command's
# CurationConcurrencyTests run longer: no lost update (versions and change logs equal the successful writes), no read of
# half a change set. With NEO4J_URL set (a scratch database) the same test runs against Neo4j too.
#   bench/concurrency.sh            # 60 s
#   SECONDS_TO_RUN=10 bench/concurrency.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export SKILLGRAPH_DATA="${SKILLGRAPH_DATA:-$(cd .. && pwd)/shared/data}"
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
dotnet build tests/SkillGraph.Tests -c Release -nologo -v q >/dev/null
filter="FullyQualifiedName~EmbeddedCurationConcurrencyTests"
projects=(tests/SkillGraph.Tests)
if [ -n "${NEO4J_URL:-}" ]; then
  dotnet build tests/SkillGraph.Neo4j.Tests -c Release -nologo -v q >/dev/null
  projects+=(tests/SkillGraph.Neo4j.Tests)
  filter="$filter|FullyQualifiedName~LiveNeo4jCurationConcurrencyTests"
fi
status=0
for project in "${projects[@]}"; do
  set +e
  out="$(SKILLGRAPH_CONCURRENCY_SECONDS="${SECONDS_TO_RUN:-60}" SKILLGRAPH_CONCURRENCY_REPORT="$report" \
    dotnet test "$project" -c Release --no-build -nologo --filter "$filter" 2>&1)"
  rc=$?
  set -e
  grep -E "Passed!|Failed!|Skipped!|Error Message|saw half|Assert" <<<"$out" || true
  [ "$rc" -eq 0 ] || status=1
done
cat "$report"
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
