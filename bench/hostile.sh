#!/usr/bin/env bash
# Issue 15, item 3: the students on hostile texts (tests/Shared/HostileTexts.cs: 20,000-character texts of one-letter words,
# "Java " x 4,000, emoji, right-to-left scripts, zero-width and control characters, lone surrogates, HTML, SQL …), opened
# as the server opens them: what the encoder reads of each (tokens, chunks, phrases, spans; bounded at 8,192 tokens and
# 8,192 spans) and the latency of extractSkills and matchResume. Then the issue's own measurement over HTTP against the
# Release server on the full ESCO store: matchResume with job and resume each "Java " x 4,000, and extractSkills of the
# costliest text, each answered within the request limit.
set -euo pipefail
cd "$(dirname "$0")/.."
export SKILLGRAPH_DATA="${SKILLGRAPH_DATA:-$(cd .. && pwd)/shared/data}"
REPEATS="${REPEATS:-3}"
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet build bench/SkillGraph.Bench -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet bench/SkillGraph.Bench/bin/Release/net10.0/SkillGraph.Bench.dll hostile "$REPEATS"

echo "== over HTTP (Release server, full ESCO)"
DB="${SKILLGRAPH_BENCH_DB:-/tmp/skillgraph-bench/esco.db}"
PORT="${PORT:-5392}"
dotnet build src/SkillGraph.Server -c Release -nologo -clp:ErrorsOnly >/dev/null
ASPNETCORE_ENVIRONMENT=Development SKILLGRAPH_DB="$DB" dotnet src/SkillGraph.Server/bin/Release/net10.0/SkillGraph.Server.dll --urls "http://127.0.0.1:$PORT" >/tmp/skillgraph-hostile-server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 1; done
BODIES=$(mktemp -d)
python3 - "$BODIES" <<'PY'
import json, sys
d = sys.argv[1]
java = "Java " * 4000
letters = ("b " * 10000)[:20000]
match = "query($j: String!, $r: String!) { matchResume(jobDescription: $j, resume: $r) { score matched } }"
extract = "query($t: String!) { extractSkills(text: $t) { skills { uri } } }"
json.dump({"query": match, "variables": {"j": java, "r": java}}, open(f"{d}/java-match.json", "w"))
json.dump({"query": extract, "variables": {"t": java}}, open(f"{d}/java-extract.json", "w"))
json.dump({"query": extract, "variables": {"t": letters}}, open(f"{d}/letters-extract.json", "w"))
json.dump({"query": match, "variables": {"j": "Java developer", "r": "I write Java."}}, open(f"{d}/warm.json", "w"))
PY
for _ in $(seq 1 120); do
  out=$(curl -s "http://127.0.0.1:$PORT/graphql" -H 'content-type: application/json' --data-binary @"$BODIES/warm.json")
  case "$out" in *STUDENT_LOADING*) sleep 2 ;; *) break ;; esac
done
for body in java-match java-extract letters-extract; do
  for r in $(seq 1 "$REPEATS"); do
    curl -s -o "$BODIES/$body.out" -w "$body: HTTP %{http_code} in %{time_total} s\n" "http://127.0.0.1:$PORT/graphql" -H 'content-type: application/json' --data-binary @"$BODIES/$body.json"
  done
  head -c 160 "$BODIES/$body.out"; echo
done
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"
