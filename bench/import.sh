#!/usr/bin/env bash
# Issue 2: full ESCO import (target ≤ 20 s wall, peak memory ≤ 1.5 GB) with the Release build of the CLI,
# into a fresh store and then again into the same store (the idempotent re-import), 3 runs each.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${SKILLGRAPH_DATA:-$(cd .. && pwd)/shared/data}"
dotnet build src/SkillGraph.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null
CLI="src/SkillGraph.Cli/bin/Release/net10.0/skillgraph.dll"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
for run in 1 2 3; do
  rm -f "$WORK"/esco.db*
  for mode in fresh again; do
    /usr/bin/time -f "$mode run $run: wall %e s, peak RSS %M KB" \
      dotnet "$CLI" import esco --dir "$DATA/esco/v1.1.1" --db "$WORK/esco.db" >/dev/null 2>"$WORK/err" || { cat "$WORK/err"; exit 1; }
    tail -1 "$WORK/err"
  done
done
