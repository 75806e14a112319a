#!/usr/bin/env bash
# Issue 15 item 2: the GraphQL fuzzer's 10,000 cases (tests/SkillGraph.Server.Tests/Fuzz, the same generator the test
# command runs 1,000 of) against the Release server on the full ESCO store over loopback, with a steward's key (mutations
# included), the student loaded first. Prints statuses by kind, refusal latency (p50, p99, max, how many over 100 ms — the
# server's own time, from the Server-Timing header it sends with Diagnostics:ServerTiming; the fuzzer's clock beside it) and
# every failure (a 5xx, an unhandled exception, an uncoded error, a LIMIT that names no limit, a multi-line message).
#   bench/fuzz.sh                          # 10,000 cases, seed 15, one at a time
#   DOCUMENTS=2000 SEED=7 PARALLEL=2 bench/fuzz.sh
# Needs: dotnet, wrk (serve.sh checks it), the ESCO CSVs in $SKILLGRAPH_DATA/esco/v1.1.1 (default ../shared/data).
set -euo pipefail
port="${PORT:-5183}"
# shellcheck source=serve.sh
source "$(dirname "${BASH_SOURCE[0]}")/serve.sh"

key="$(dotnet "$cli" keys create --role steward --name bench-fuzz --db "$work/esco.db" 2>/dev/null)"
echo "(Development, a steward's key; rate limits lifted so that the cases reach what lies behind them)"
start_server Auth__RateLimits__PermitsPerWindow=10000000 Auth__RateLimits__TeacherPermitsPerWindow=1000000 Diagnostics__ServerTiming=true
echo "== loading the student (extractSkills until it answers)"
for _ in $(seq 1 600); do
  curl -fs "$url/graphql" -H 'content-type: application/json' -d '{"query":"{ extractSkills(text: \"Java and SQL\") { model } }"}' | grep -q '"model"' && break
  sleep 1
done

echo "== building the fuzzer (tests/SkillGraph.Server.Tests, Release)"
dotnet build -c Release -nologo -v q -clp:ErrorsOnly "$root/tests/SkillGraph.Server.Tests"
echo "== fuzzing: ${DOCUMENTS:-10000} cases, seed ${SEED:-15}, ${PARALLEL:-1} at a time; load average $(cut -d' ' -f1-3 /proc/loadavg)"
rss_before=$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status")
set +e
SKILLGRAPH_FUZZ_URL="$url" SKILLGRAPH_FUZZ_KEY="$key" SKILLGRAPH_FUZZ_DOCUMENTS="${DOCUMENTS:-10000}" SKILLGRAPH_FUZZ_SEED="${SEED:-15}" \
  SKILLGRAPH_FUZZ_PARALLEL="${PARALLEL:-1}" SKILLGRAPH_FUZZ_REPORT="$work/fuzz.txt" \
  dotnet test "$root/tests/SkillGraph.Server.Tests" -c Release --no-build -nologo --filter "FullyQualifiedName~GraphQLFuzzTests.AgainstTheServerAtFuzzUrl" >"$work/test.log" 2>&1
status=$?
set -e
[ -f "$work/fuzz.txt" ] && cat "$work/fuzz.txt" || tail -40 "$work/test.log"
if kill -0 "$server_pid" 2>/dev/null; then
  echo "server: still running (pid $server_pid), RSS $((rss_before / 1024)) → $(( $(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status") / 1024 )) MiB"
else
  echo "server: CRASHED"; tail -20 "$work/server.log"; exit 1
fi
errors=$(grep -c -E '^(fail|crit):' "$work/server.log" || true)
echo "server log: $errors error entries"
[ "$errors" -eq 0 ] || grep -A3 -E '^(fail|crit):' "$work/server.log" | head -20
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
