#!/usr/bin/env bash
# The Playwright suite against two fresh servers (fresh SQLite each): one for the hydrated project, one for the
# JavaScript-off project, since each starts with the first-run set-up.
# Usage: scripts/e2e.sh <server binary> [playwright args, e.g. a spec file name to run only that spec]
set -euo pipefail
cd "$(dirname "$0")/.."
server=${1:-target/debug/server}
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
start_server() { # name -> sets server_url
  local name=$1 port
  port=$(free_port)
  IAM_PORT=$port IAM_DATA_DIR="$work/$name" LEPTOS_SITE_ROOT="$PWD/target/site" IAM_LOG=${IAM_LOG:-warn} \
    "$server" serve >"$work/$name.log" 2>&1 &
  pids+=($!)
  server_url="http://127.0.0.1:$port"
}
start_server hydrated; E2E_URL_HYDRATED=$server_url
start_server nojs; E2E_URL_NOJS=$server_url
export E2E_URL_HYDRATED E2E_URL_NOJS

rm -rf end2end/test-results
if ! (cd end2end && npx playwright test "${@:2}"); then
  echo "--- server logs ---"
  tail -n 50 "$work"/*.log
  exit 1
fi
echo "screenshots: end2end/test-results/"
