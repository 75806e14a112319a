#!/usr/bin/env bash
# SkillGraph Studio's speed in headless chromium on the full ESCO store: first-load size, the software developer picture
# drawn after its data arrived, search results after typing stops (medians; bench/RESULTS.md, "Studio").
# Needs the built server and CLI (dotnet build -c Release) and Debian chromium. ROUNDS=9 by default.
set -euo pipefail
cd "$(dirname "$0")/.."
export SKILLGRAPH_DATA="${SKILLGRAPH_DATA:-$(cd .. && pwd)/shared/data}"
(cd tests/SkillGraph.Server.Tests/browser && npm ci --no-audit --no-fund >/dev/null)
node bench/studio.mjs
