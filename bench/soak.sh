#!/usr/bin/env bash
# Issue 15 item 1: a mixed workload at saturation (bench/soak/mix.lua: searches, occupation pages, walks, extractSkills,
# matchResume, a steward's updateConcept with a key made by `skillgraph keys create`) over loopback against the Release
# server on the full ESCO store, in slices of SLICE_S seconds (default 60) for MINUTES slices (default 10). Per slice:
# requests, errors (GraphQL errors and socket errors), non-2xx, intended CONFLICTs (stale expectedVersion) apart,
# p50/p99 (wrk), the server's RSS (/proc), its managed heap, the GraphQL documents it keeps parsed, GC counts and thread-pool queue (its own runtime log line,
# Diagnostics:RuntimeStatsEvery). Targets, checked at the end: 0 errors and 0 non-2xx; RSS growth ≤ 5 % from slice 2 to
# the last; p99 of the last slice ≤ 1.5 × slice 2. Exit 1 when a target is missed.
#   bench/soak.sh                                  # 10 × 60 s, wrk -t2 -c16
#   MINUTES=3 SLICE_S=20 bench/soak.sh             # a short check of the script
#   CONNECTIONS=32 THREADS=2 bench/soak.sh
# Needs: dotnet, wrk, the ESCO CSVs in $SKILLGRAPH_DATA/esco/v1.1.1 (default ../shared/data). Run it on a quiet machine.
set -euo pipefail
minutes="${MINUTES:-10}"
slice="${SLICE_S:-60}"
connections="${CONNECTIONS:-16}"
threads="${THREADS:-2}"
port="${PORT:-5184}"
# shellcheck source=serve.sh
source "$(dirname "${BASH_SOURCE[0]}")/serve.sh"

export SOAK_KEY SOAK_OCCUPATIONS="$work/occupations.txt" SOAK_SKILLS="$work/skills.txt"
SOAK_KEY="$(dotnet "$cli" keys create --role steward --name bench-soak --db "$work/esco.db" 2>/dev/null)"
grep -o 'http://data.europa.eu/esco/occupation/[0-9a-f-]*' "$esco/occupations_en.csv" | sort -u | awk 'NR <= 500' >"$SOAK_OCCUPATIONS"
grep -o 'http://data.europa.eu/esco/skill/[0-9a-f-]*' "$esco/skills_en.csv" | sort -u | awk 'NR <= 2000' >"$SOAK_SKILLS"

echo "(Development; the steward's key for writes; rate limits lifted; runtime figures logged every 5 s)"
start_server Auth__RateLimits__PermitsPerWindow=10000000 Diagnostics__RuntimeStatsEvery=00:00:05 \
  Logging__LogLevel__SkillGraph.Server.RuntimeStatsLogging=Information
echo "== loading the student (extractSkills until it answers)"
for _ in $(seq 1 600); do
  curl -fs "$url/graphql" -H 'content-type: application/json' -d '{"query":"{ extractSkills(text: \"Java and SQL\") { model } }"}' | grep -q '"model"' && break
  sleep 1
done
mix="$root/bench/soak/mix.lua"
echo "== warm-up 20 s"
wrk -t"$threads" -c"$connections" -d20s -s "$mix" "$url/graphql" >/dev/null 2>&1

runtime() { grep 'runtime: gc0=' "$work/server.log" | tail -1 | sed -E 's/.*runtime: //'; }
field() { sed -E "s/.*(^| )$1=([0-9.]+).*/\2/" <<<"$2"; }
echo "== soak: $minutes × ${slice} s, wrk -t$threads -c$connections, $(nproc) cores shared by server and wrk; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%5s %9s %8s %6s %6s %9s %8s %8s %8s %7s %8s %7s %5s %5s %4s %6s %6s\n' slice requests "req/s" errors non2xx conflicts writes "p50 ms" "p99 ms" "RSS MiB" "heap MiB" "docs" gc0 gc1 gc2 tpthr tpqueue
declare -a rss p99
failed=0
bad_answers=0
for m in $(seq 1 "$minutes"); do
  line="$(wrk -t"$threads" -c"$connections" -d"${slice}s" --timeout 30s --latency -s "$mix" "$url/graphql" 2>"$work/wrk.err" | grep '^SOAK ')"
  kill -0 "$server_pid" 2>/dev/null || { echo "the server died"; tail -30 "$work/server.log"; exit 1; }
  rss[m]=$(( $(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status") / 1024 ))
  stats="$(runtime)"
  requests=$(field requests "$line"); errors=$(( $(field errors "$line") + $(field socket_errors "$line") ))
  p99[m]=$(field p99_ms "$line")
  printf '%5s %9s %8.0f %6s %6s %9s %8s %8s %8s %7s %8s %7s %5s %5s %4s %6s %6s\n' "$m" "$requests" "$(echo "$requests / $slice" | bc -l)" "$errors" \
    "$(field non2xx "$line")" "$(field conflicts "$line")" "$(field writes "$line")" "$(field p50_ms "$line")" "${p99[m]}" "${rss[m]}" \
    "$(field heapMiB "$stats")" "$(field cachedDocuments "$stats")" \
    "$(field gc0 "$stats")" "$(field gc1 "$stats")" "$(field gc2 "$stats")" "$(field threadPoolThreads "$stats")" "$(field threadPoolQueue "$stats")"
  [ "$errors" -eq 0 ] && [ "$(field non2xx "$line")" -eq 0 ] || { failed=1; bad_answers=1; }
  [ -s "$work/wrk.err" ] && head -3 "$work/wrk.err"
done
echo "== targets"
if [ "$minutes" -ge 2 ]; then
  growth=$(echo "(${rss[$minutes]} - ${rss[2]}) * 100 / ${rss[2]}" | bc -l)
  ratio=$(echo "${p99[$minutes]} / ${p99[2]}" | bc -l)
  printf 'RSS slice 2 → %s: %s → %s MiB (%+.1f %%; target ≤ 5 %%)\n' "$minutes" "${rss[2]}" "${rss[$minutes]}" "$growth"
  printf 'p99 slice 2 → %s: %s → %s ms (× %.2f; target ≤ 1.5)\n' "$minutes" "${p99[2]}" "${p99[$minutes]}" "$ratio"
  (( $(echo "$growth > 5" | bc -l) )) && failed=1
  (( $(echo "$ratio > 1.5" | bc -l) )) && failed=1
fi
echo "errors and non-2xx (CONFLICTs apart): $([ "$bad_answers" -eq 0 ] && echo none || echo 'some: see the table')"
server_errors=$(grep -c -E '^(fail|crit):' "$work/server.log" || true)
echo "server log: $server_errors error entries"
[ "$server_errors" -eq 0 ] || { grep -A3 -E '^(fail|crit):' "$work/server.log" | head -20; failed=1; }
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$failed" -eq 0 ] && echo "soak: all targets met" || echo "soak: a target was missed"
exit "$failed"
