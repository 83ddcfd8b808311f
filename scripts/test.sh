#!/usr/bin/env bash
# Runs every test: the policy crate, unit and black-box integration tests of the server, then the end-to-end suite
# in Debian's Chromium, hydrated and with JavaScript off, each against a fresh server over a fresh SQLite file.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh test

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
# The same flag cargo-leptos gives its debug builds, so tests reuse its artefacts instead of rebuilding.
export RUSTFLAGS="--cfg erase_components"

say "build the console (debug) with cargo-leptos"
cargo leptos build

say "unit and integration tests"
cargo test -p iam-policy
cargo test -p migration -p app -p server --features app/ssr

say "end-to-end tests in Chromium"
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
  IAM_PORT=$port IAM_DATA_DIR="$work/$name" LEPTOS_SITE_ROOT="$PWD/target/site" IAM_LOG=warn \
    target/debug/server serve >"$work/$name.log" 2>&1 &
  pids+=($!)
  server_url="http://127.0.0.1:$port"
}
start_server hydrated; E2E_URL_HYDRATED=$server_url
start_server nojs; E2E_URL_NOJS=$server_url
export E2E_URL_HYDRATED E2E_URL_NOJS

if ! (cd end2end && npx playwright test); then
  echo "--- server logs ---"; tail -n 50 "$work"/*.log
  exit 1
fi
say "all tests passed"
