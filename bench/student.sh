#!/usr/bin/env bash
# Issue 6: the student extractor's speed over the full ESCO catalog, opened as the CLI and the server open it
# (shipped or models/student heads, int8 encoder) with one ONNX thread per call, then with the server's setting (two
# threads for a call that runs alone, one while another runs): median latency of a 30-word sentence and a 300-word text,
# throughput with 1, 2 and 4 concurrent callers, the matcher's latency for a (300-word job, 300-word resume) pair (issue 13:
# ≤ 120 ms median), and the process's memory. Then the server's memory with the full
# graph and every student model loaded (extractSkills, matchResume and suggestOccupations each answered once), and the latency of
# extractSkills and suggestOccupations for a 220-word job ad over HTTP.
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

# Occupation suggestion reads a text line by line (decision 0033): its latency over HTTP beside extractSkills on the same
# 220-word job ad (15 lines), 10 calls each after one warm-up, medians of curl's total time.
AD='Senior Data Engineer\nWe are looking for a data engineer to join our analytics platform team in a growing logistics company.\nYou will design, build and maintain batch and streaming data pipelines that move shipment and warehouse data into our cloud data warehouse.\nYou will model data for reporting, write efficient SQL, and make sure that data quality checks run on every load.\nYou will work with analysts and data scientists to understand their needs and turn them into reliable datasets and dashboards.\nYou will automate deployments with CI/CD, monitor jobs and fix failures quickly, and document what you build.\nRequirements:\n- At least 4 years of experience as a data engineer or in a similar role.\n- Strong programming skills in Python and SQL; experience with Scala or Java is a plus.\n- Hands-on experience with Apache Spark, Kafka and Airflow, and with a cloud platform such as AWS, Azure or Google Cloud.\n- Knowledge of data modelling, data warehousing concepts and ETL design.\n- Experience with version control (Git), containers (Docker) and infrastructure as code.\n- Good communication skills in English and the ability to explain technical topics to non-technical colleagues.\nWe offer a permanent contract, flexible working hours, a training budget and a friendly team.\nTo apply, send your CV and a short cover letter through our careers page.'
median_ms() { sort -n | awk '{a[NR]=$1} END {printf "%.0f ms", a[int((NR+1)/2)]*1000}'; }
for field in extractSkills suggestOccupations; do
  case $field in extractSkills) sel='{ model skills { label } }' ;; *) sel='{ model occupations { occupation { preferredLabel } } }' ;; esac
  body="{\"query\":\"query(\$t: String!) { $field(text: \$t) $sel }\",\"variables\":{\"t\":\"$AD\"}}"
  curl -s -o /dev/null "http://127.0.0.1:$PORT/graphql" -H 'content-type: application/json' -d "$body"
  echo "$field, a 220-word job ad over HTTP: median $(for _ in $(seq 1 10); do curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$PORT/graphql" -H 'content-type: application/json' -d "$body"; done | median_ms) (10 calls)"
done
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"
