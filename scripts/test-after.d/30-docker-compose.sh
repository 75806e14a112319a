#!/usr/bin/env bash
# docker-compose.yml is valid with the variables of .env.example (what an operator copies to .env).
set -euo pipefail
cd "$(dirname "$0")/../.."
echo "== docker-compose config (docker-compose.yml with .env.example)"
docker-compose --env-file .env.example config -q
services=$(docker-compose --env-file .env.example config --services | sort | tr '\n' ' ')
if [ "$services" != "esco-import neo4j neo4j-init skillgraph " ]; then
  echo "docker-compose.yml: expected services esco-import, neo4j, neo4j-init, skillgraph; found: $services" >&2
  exit 1
fi
echo "docker-compose.yml: valid (services: $services)"
