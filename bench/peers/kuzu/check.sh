#!/usr/bin/env bash
# Runs both peers (Kuzu via run.mjs, SQLite via the PeerCheck file-based app) and checks that every
# workload/parameter gives a byte-identical canonical answer; prints the medians side by side.
#   bash bench/peers/kuzu/check.sh            answers + timings (about 2-3 minutes on 2 cores)
#   bash bench/peers/kuzu/check.sh --quick    answers only (one call each)
# Reports go to ${PEER_OUT:-/tmp/skillgraph-peers}/{kuzu,sqlite}.json. Databases are cached under /tmp.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
peers="$here/../../SkillGraph.Bench.Peers"
out="${PEER_OUT:-/tmp/skillgraph-peers}"
mkdir -p "$out"
mode=()
if [[ "${1:-}" == "--quick" ]]; then mode=(--answers-only); fi

cd "$here"
[[ -d node_modules/kuzu ]] || npm ci --no-audit --no-fund
node run.mjs "${mode[@]}" > "$out/kuzu.json"
(cd "$peers" && dotnet run --file check/PeerCheck.cs -c Release -- "${mode[@]}") > "$out/sqlite.json"
node compare.mjs "$out/kuzu.json" "$out/sqlite.json"
