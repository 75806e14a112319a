#!/usr/bin/env bash
# SkillGraph Studio in real headless chromium on the full ESCO store (keys made by the CLI): explore, the students' spans,
# curation with history and revert, roles, the review queue, axe-core on every page. Screenshots: artifacts/studio/*.png.
set -euo pipefail
cd "$(dirname "$0")/../../tests/SkillGraph.Server.Tests/browser"
echo "== browser check (SkillGraph Studio in headless chromium, full ESCO store)"
npm ci --no-audit --no-fund >/dev/null
npm run --silent test:studio
