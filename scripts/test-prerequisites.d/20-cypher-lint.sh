#!/usr/bin/env bash
# The Cypher lint (scripts/test-after.d/20-cypher-lint.sh) runs Neo4j's own parser from npm
# (@neo4j-cypher/language-support, pinned in tools/cypher-lint/package-lock.json).
set -euo pipefail
cd "$(dirname "$0")/../../tools/cypher-lint"
if [ ! -d node_modules/@neo4j-cypher/language-support ]; then
  echo "== installing the Cypher lint (npm ci in tools/cypher-lint)"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
