#!/usr/bin/env bash
# Every .cypher file under cypher/ parses with Neo4j's parser against the model (cypher/model.json), and the lint
# still catches broken statements (tests/cypher-lint/broken must fail, tests/cypher-lint/valid must pass).
set -euo pipefail
cd "$(dirname "$0")/../.."
echo "== Cypher lint (cypher/**/*.cypher)"
node tools/cypher-lint/lint.mjs
node tools/cypher-lint/lint.mjs --self-test
