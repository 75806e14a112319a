#!/usr/bin/env bash
# Load test of the GraphQL server over loopback: builds Release, imports ESCO into a temporary store,
# starts the server, runs wrk against POST /graphql (an occupation with its ~100 skills) and GET /healthz,
# and prints requests/s and p99 latency of both.
#   bench/graphql/run.sh                      # 15 s per endpoint, 2 threads, 16 connections
#   DURATION=30s CONNECTIONS=32 ROUNDS=3 bench/graphql/run.sh   # ROUNDS: measure each endpoint that often
# The machine is shared: look at the load average printed with each round before trusting a p99.
# Needs: dotnet, wrk (Debian package wrk), the ESCO CSVs in $SKILLGRAPH_DATA/esco/v1.1.1 (default ../shared/data).
set -euo pipefail

duration="${DURATION:-15s}"
threads="${THREADS:-2}"
connections="${CONNECTIONS:-16}"
rounds="${ROUNDS:-1}"
port="${PORT:-5181}"
# shellcheck source=../serve.sh
source "$(dirname "${BASH_SOURCE[0]}")/../serve.sh"
start_server

script="$root/bench/graphql/occupation-skills.lua"
echo "== warm-up (5 s each)"
wrk -t"$threads" -c"$connections" -d5s -s "$script" "$url/graphql" >/dev/null
wrk -t"$threads" -c"$connections" -d5s "$url/healthz" >/dev/null

run() { # name, wrk args...
  local name="$1"; shift
  local out; out="$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "$@")"
  echo "$out" >"$work/$name.txt"
  local rps p99 bad
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  bad="$(awk '/^bad responses:/ {print $3}' <<<"$out")"
  printf '%-20s %10s req/s   p99 %8s%s\n' "$name" "$rps" "$p99" "${bad:+   bad responses $bad}"
  grep -E 'Non-2xx|Socket errors' <<<"$out" || true
}

echo "== measuring: wrk -t$threads -c$connections -d$duration --latency (server and wrk share this machine's $(nproc) cores)"
for round in $(seq 1 "$rounds"); do
  echo "-- round $round, $(uptime | sed 's/.*load/load/')"
  run "graphql-occupation" -s "$script" "$url/graphql"
  run "healthz" "$url/healthz"
done
