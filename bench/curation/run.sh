#!/usr/bin/env bash
# Issue 12: curation writes on a serving store over HTTP. A Release server on the full ESCO store; wrk reads the
# occupation query (bench/graphql/occupation-skills.lua) alone ("idle") and then while a second wrk creates skills as a
# steward (create-skill.lua: one concept + its change set per request), rounds taking turns; prints reads/s of both
# phases, writes/s, the write latency (median, p99) and any bad answer. Medians over ROUNDS are the figures of record.
#   bench/curation/run.sh                          # ROUNDS=4, DURATION=10s, 2 read connections, 2 write connections
#   WRITE_DELAY_MS=20 bench/curation/run.sh        # paced writers: each connection waits 20 ms between writes (≈ 100/s for 2)
#   STUDENT=1 bench/curation/run.sh                # with the student loaded: every change is followed by extractSkills' index
# Needs: dotnet, wrk (Debian package wrk), the ESCO CSVs in $SKILLGRAPH_DATA/esco/v1.1.1 (default ../shared/data).
set -euo pipefail

duration="${DURATION:-10s}"
rounds="${ROUNDS:-4}"
readers="${READERS:-2}"
writers="${WRITERS:-2}"
port="${PORT:-5182}"
# shellcheck source=../serve.sh
source "$(dirname "${BASH_SOURCE[0]}")/../serve.sh"

export SKILLGRAPH_KEY
SKILLGRAPH_KEY="$(dotnet "$cli" keys create --role steward --name bench-steward --db "$work/esco.db" 2>/dev/null)"

echo "(Development: reads need no key; the steward's key writes; no rate limit)"
start_server Auth__RateLimits__PermitsPerWindow=10000000

if [ "${STUDENT:-0}" = "1" ]; then
  echo "== loading the student (extractSkills until it answers)"
  for _ in $(seq 1 600); do
    curl -fs "$url/graphql" -H 'content-type: application/json' -d '{"query":"{ extractSkills(text: \"Java and SQL\") { model } }"}' | grep -q '"model"' && break
    sleep 1
  done
fi

reads="$root/bench/graphql/occupation-skills.lua"
writes="$root/bench/curation/create-skill.lua"
export WRITE_DELAY_MS="${WRITE_DELAY_MS:-0}"
echo "== warm-up (5 s reads, 5 s writes)"
wrk -t1 -c"$readers" -d5s -s "$reads" "$url/graphql" >/dev/null
wrk -t1 -c"$writers" -d5s -s "$writes" "$url/graphql" >/dev/null

rps() { awk '/^Requests\/sec:/ {print $2}' "$1"; }
lat() { awk -v q="$2" '$1 == q {print $2}' "$1"; }
bad() { awk '/^bad responses:/ {print $3}' "$1"; }
echo "== measuring: reads wrk -t1 -c$readers, writes wrk -t1 -c$writers (a pause of ${WRITE_DELAY_MS} ms between a connection's writes), $duration each phase (server and wrk share $(nproc) cores)"
printf '%-6s %12s %14s %10s %12s %12s %6s  %s\n' round "idle reads/s" "reads/s w/ wr" "writes/s" "write p50" "write p99" bad load
for round in $(seq 1 "$rounds"); do
  wrk -t1 -c"$readers" -d"$duration" -s "$reads" "$url/graphql" >"$work/idle.txt"
  wrk -t1 -c"$writers" -d"$duration" --latency -s "$writes" "$url/graphql" >"$work/writes.txt" &
  writer=$!
  wrk -t1 -c"$readers" -d"$duration" -s "$reads" "$url/graphql" >"$work/busy.txt"
  wait "$writer"
  printf '%-6s %12s %14s %10s %12s %12s %6s  %s\n' "$round" "$(rps "$work/idle.txt")" "$(rps "$work/busy.txt")" "$(rps "$work/writes.txt")" \
    "$(lat "$work/writes.txt" 50%)" "$(lat "$work/writes.txt" 99%)" "$(( $(bad "$work/idle.txt") + $(bad "$work/busy.txt") + $(bad "$work/writes.txt") ))" "$(cut -d' ' -f1-3 /proc/loadavg)"
done
echo "== the change log holds $(curl -fs "$url/graphql" -H 'content-type: application/json' -d '{"query":"{ changes(first: 0) { totalCount } }"}' | sed 's/.*"totalCount":\([0-9]*\).*/\1/') change sets"
