# Sourced by the HTTP load scripts (bench/graphql/run.sh, bench/curation/run.sh): checks wrk and the ESCO download,
# builds Release, imports ESCO into a temporary folder ($work/esco.db) and starts the server there; the EXIT trap stops
# it and removes the folder. Set `port` before sourcing; `root`, `work`, `url`, `cli` are set here.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${SKILLGRAPH_DATA:-$root/../shared/data}"
esco="$data/esco/v1.1.1"
url="http://127.0.0.1:$port"
cli="$root/src/SkillGraph.Cli/bin/Release/net10.0/skillgraph.dll"

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
[ -d "$esco" ] || { echo "no ESCO download at $esco (set SKILLGRAPH_DATA)" >&2; exit 2; }

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== building Release"
dotnet build -c Release -nologo -v q "$root/src/SkillGraph.Server" >/dev/null
dotnet build -c Release -nologo -v q "$root/src/SkillGraph.Cli" >/dev/null

echo "== importing ESCO into $work/esco.db"
dotnet "$cli" import esco --dir "$esco" --db "$work/esco.db" >/dev/null 2>&1

# start_server [NAME=VALUE ...]: the Release server in Development on $url over $work/esco.db, with these variables.
start_server() {
  echo "== starting the server on $url"
  env ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning "$@" \
    dotnet "$root/src/SkillGraph.Server/bin/Release/net10.0/SkillGraph.Server.dll" --db "$work/esco.db" --urls "$url" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 150); do
    curl -fs "$url/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "the server did not answer /healthz within 30 s" >&2
  exit 1
}
