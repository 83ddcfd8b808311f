#!/usr/bin/env bash
# The first load of each console page in Debian's Chromium (docs/BENCHMARKS.md, "First load"): requests, gzip bytes of
# WASM + JS + CSS (first load and lazily loaded part), time to hydrated. Builds the release front end (`--split`: lazy
# islands in chunks of their own) unless SKIP_BUILD=1.
#
#   scripts/bench-first-load.sh                        # release front end + the debug server (same HTML as release)
#   SERVER=target/release/server SKIP_BUILD=1 scripts/bench-first-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/servers.sh
scripts/ensure-tools.sh build
scripts/ensure-tools.sh test
export PATH="$PWD/tools/node_modules/.bin:$PATH" # npm's wasm-opt for the release WASM (see ensure-tools.sh)

if [[ -z "${SKIP_BUILD:-}" ]]; then
  env -u RUSTFLAGS LEPTOS_OUTPUT_NAME=iam-console cargo leptos build --release --split --frontend-only
fi
server=${SERVER:-target/debug/server}
wasm=target/site/pkg/iam-console.wasm
printf 'main WASM module: %s bytes, %s gzipped; %s split files\n' "$(stat -c %s "$wasm")" \
  "$(gzip -9 -c "$wasm" | wc -c)" "$(ls target/site/pkg/*.wasm | wc -l)"

work=$(mktemp -d "${TMPDIR:-/tmp}/iam-first-load.XXXXXX")
port=$(free_port)
IAM_PORT=$port IAM_DATA_DIR="$work" LEPTOS_SITE_ROOT="$PWD/target/site" IAM_LOG=warn "$server" serve \
  >"$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
wait_for "http://127.0.0.1:$port/health"
(cd end2end && node bench/first-load.mjs "http://127.0.0.1:$port")
