#!/usr/bin/env bash
# Issue 6: the student extractor's speed over the full ESCO catalog, opened as the CLI and the server open it
# (shipped or models/student heads, int8 encoder) with one ONNX thread per call, then with the server's setting (two
# threads for a call that runs alone, one while another runs): median latency of a 30-word sentence and a 300-word text,
# throughput with 1, 2 and 4 concurrent callers, the matcher's latency for a (300-word job, 300-word resume) pair (issue 13:
# ≤ 120 ms median), and the process's memory. Then the server's memory with the full
# graph and every student model loaded (extractSkills, matchResume and suggestOccupations each answered once).
set -euo pipefail
cd "$(dirname "$0")/.."
export SKILLGRAPH_DATA="${SKILLGRAPH_DATA:-$(cd .. && pwd)/shared/data}"
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet build bench/SkillGraph.Bench -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet bench/SkillGraph.Bench/bin/Release/net10.0/SkillGraph.Bench.dll student 1
dotnet bench/SkillGraph.Bench/bin/Release/net10.0/SkillGraph.Bench.dll student 2 --narrow-when-busy   # the server's setting

echo "== server memory (full ESCO, all student models loaded)"
DB="${SKILLGRAPH_BENCH_DB:-/tmp/skillgraph-bench/esco.db}"
PORT="${PORT:-5391}"
dotnet build src/SkillGraph.Server -c Release -nologo -clp:ErrorsOnly >/dev/null
ASPNETCORE_ENVIRONMENT=Development SKILLGRAPH_DB="$DB" dotnet src/SkillGraph.Server/bin/Release/net10.0/SkillGraph.Server.dll --urls "http://127.0.0.1:$PORT" >/tmp/skillgraph-student-server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 1; done
ask() { curl -s "http://127.0.0.1:$PORT/graphql" -H 'content-type: application/json' -d "$1"; }
JOB='We need a software developer to write and debug Java code, design databases and work in an agile team.'
RESUME='Software engineer: five years of Java programming, SQL databases and unit testing.'
for _ in $(seq 1 120); do
  out=$(ask "{\"query\":\"{ extractSkills(text: \\\"$JOB\\\") { model } matchResume(jobDescription: \\\"$JOB\\\", resume: \\\"$RESUME\\\") { score } suggestOccupations(text: \\\"$JOB\\\") { model } }\"}")
  case "$out" in *STUDENT_LOADING*) sleep 2 ;; *) break ;; esac
done
echo "$out" | head -c 300; echo
echo "server RSS: $(awk '/VmRSS/ {printf "%.0f MiB", $2/1024}' /proc/$SERVER/status), peak $(awk '/VmHWM/ {printf "%.0f MiB", $2/1024}' /proc/$SERVER/status)"
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"
