#!/usr/bin/env bash
# GraphiQL in real headless Chromium: the page loads from local files, runs an example query, shows a result.
set -euo pipefail
cd "$(dirname "$0")/../../tests/SkillGraph.Server.Tests/browser"
echo "== browser check (GraphiQL in headless chromium)"
npm ci --no-audit --no-fund >/dev/null
npm test
