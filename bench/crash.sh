#!/usr/bin/env bash
# Issue 15, item 4: the crash tests (tests/SkillGraph.Tests/Cli/CliCrashTests) with more seeds than the test command runs:
# the real CLI killed with SIGKILL at SEEDS seeded random points of import, curate apply, keys create, teach, train and
# export neo4j, and the real server (tests/SkillGraph.Server.Tests/Curation/ServerKillTests) while it accepts a proposal;
# after each kill PRAGMA integrity_check is ok, the store holds the state before or after the run, every output under its
# final name is whole (an export folder the previous set or the new one), and a rerun completes where an uninterrupted
# run ends. The CLI runs with the temp folder in SKILLGRAPH_OUTPUT_ROOTS (tests/SkillGraph.Tests/Support/CliProcess.cs).
set -euo pipefail
cd "$(dirname "$0")/.."
export SKILLGRAPH_DATA="${SKILLGRAPH_DATA:-$(cd .. && pwd)/shared/data}"
SEEDS="${SEEDS:-25}"
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg); $SEEDS seeds per verb"
dotnet build tests/SkillGraph.Tests -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build tests/SkillGraph.Server.Tests -c Release -nologo -clp:ErrorsOnly >/dev/null
start=$(date +%s)
SKILLGRAPH_CRASH_SEEDS="$SEEDS" dotnet test tests/SkillGraph.Tests -c Release --no-build --filter "FullyQualifiedName~CliCrashTests" --logger "console;verbosity=detailed" 2>&1 \
  | grep -E "Passed |Failed |runs killed|^ *seed |Total tests|Passed!|Failed!" || true
# The server's own write path: the server process killed while it accepts a proposal (one change set of 90 changes).
SKILLGRAPH_CRASH_SEEDS="$SEEDS" dotnet test tests/SkillGraph.Server.Tests -c Release --no-build --filter "FullyQualifiedName~ServerKillTests" --logger "console;verbosity=detailed" 2>&1 \
  | grep -E "Passed |Failed |killed in flight|^ *seed |Total tests|Passed!|Failed!" || true
echo "== $(( $(date +%s) - start )) s; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
