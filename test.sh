#!/usr/bin/env bash
# The one command that runs every test of SkillGraph (README "Test it"). CI runs exactly this.
# It installs what the tests need when it is missing (Debian chromium for the browser check, npm packages),
# checks formatting, runs the .NET test suites on the full ESCO data, then the browser check.
set -euo pipefail
cd "$(dirname "$0")"

export SKILLGRAPH_DATA="${SKILLGRAPH_DATA:-$(cd .. && pwd)/shared/data}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ ! -d "$SKILLGRAPH_DATA/esco/v1.1.1" ]; then
  echo "test.sh: ESCO data not found at $SKILLGRAPH_DATA/esco/v1.1.1 (set SKILLGRAPH_DATA)" >&2
  exit 1
fi

for hook in scripts/test-prerequisites.d/*.sh; do
  [ -e "$hook" ] && bash "$hook"
done

echo "== format check"
dotnet format SkillGraph.sln --verify-no-changes

echo "== build"
dotnet build SkillGraph.sln -c Release -nologo -clp:ErrorsOnly

echo "== tests"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
dotnet test SkillGraph.sln -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
if [ "$status" -ne 0 ]; then
  echo "dotnet: $passed passed, $failed failed"
  exit "$status"
fi

for check in scripts/test-after.d/*.sh; do
  [ -e "$check" ] && bash "$check"
done
echo "test.sh: all tests passed (the browser check included)"
echo "dotnet: $passed passed, $failed failed"
