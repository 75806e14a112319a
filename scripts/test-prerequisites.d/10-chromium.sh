#!/usr/bin/env bash
# The GraphiQL browser check needs Debian's chromium (playwright-core drives it; it never downloads a browser).
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
  echo "== installing Debian chromium for the browser check"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium >/dev/null
fi
