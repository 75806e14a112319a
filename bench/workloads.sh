#!/usr/bin/env bash
# Issue 4: the four graph workloads — ours (Mediator handlers on the embedded store), SQLite (integer keys,
# bench/SkillGraph.Bench.Peers) and Kùzu 0.11.3 (bench/peers/kuzu) — in one run: answers compared byte for byte,
# then Kùzu timed in Node, then ours and SQLite timed by BenchmarkDotNet in the same process type.
# Arguments go to BenchmarkDotNet: `bench/workloads.sh --anyCategories context` times only the occupation context
# (categories: context, related, gap, neighbourhood); answers are still checked for all.
set -euo pipefail
cd "$(dirname "$0")/.."
export SKILLGRAPH_DATA="${SKILLGRAPH_DATA:-$(cd .. && pwd)/shared/data}"
OUT="${PEER_OUT:-/tmp/skillgraph-peers}"
mkdir -p "$OUT"
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet build bench/SkillGraph.Bench -c Release -nologo -clp:ErrorsOnly >/dev/null
(cd bench/peers/kuzu && { [ -d node_modules/kuzu ] || npm ci --no-audit --no-fund >/dev/null; } && node run.mjs > "$OUT/kuzu.json")
echo "== identical answers (ours vs SQLite vs Kùzu)"
dotnet bench/SkillGraph.Bench/bin/Release/net10.0/SkillGraph.Bench.dll verify "$OUT/kuzu.json" | tail -1
echo "== Kùzu medians (ms)"
node -e '
const r = require(process.argv[1]);
for (const [w, ps] of Object.entries(r.workloads)) for (const [p, v] of Object.entries(ps)) console.log(w.padEnd(24), p.slice(p.lastIndexOf("/") + 1).padEnd(38), v.medianMs);
' "$OUT/kuzu.json"
echo "== ours and SQLite (BenchmarkDotNet ShortRun)"
(cd bench/SkillGraph.Bench && dotnet bin/Release/net10.0/SkillGraph.Bench.dll --filter '*WorkloadBenchmarks*' --job short "$@" | grep -E '^\|')
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"
