#!/usr/bin/env bash
# The compose check (scripts/test-after.d/30-docker-compose.sh) needs Debian's docker-compose (no Docker engine is needed
# or available here: `config` only parses and validates the file).
set -euo pipefail
if ! command -v docker-compose >/dev/null 2>&1; then
  echo "== installing Debian docker-compose for the compose file check"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq docker-compose >/dev/null
fi
