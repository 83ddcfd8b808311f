#!/usr/bin/env bash
# The policy editor's keystroke → findings latency in Debian's Chromium, on the release console (docs/BENCHMARKS.md,
# "Policy editor"), and the WASM the console ships, raw and gzipped.
#
#   scripts/bench-editor.sh              # builds the release console first
#   SKIP_BUILD=1 scripts/bench-editor.sh # uses target/release/server and target/site as they are
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/servers.sh
scripts/ensure-tools.sh build
scripts/ensure-tools.sh test
export PATH="$PWD/tools/node_modules/.bin:$PATH" # npm's wasm-opt for the release WASM (see ensure-tools.sh)

if [[ -z "${SKIP_BUILD:-}" ]]; then
  LEPTOS_OUTPUT_NAME=iam-console cargo leptos build --release --split
fi
wasm=target/site/pkg/iam-console.wasm
printf 'console WASM: %s bytes, %s bytes gzipped\n' "$(stat -c %s "$wasm")" "$(gzip -9 -c "$wasm" | wc -c)"

work=$(mktemp -d "${TMPDIR:-/tmp}/iam-editor-bench.XXXXXX")
port=$(free_port)
IAM_PORT=$port IAM_DATA_DIR="$work" LEPTOS_SITE_ROOT="$PWD/target/site" IAM_LOG=warn target/release/server serve \
  >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
wait_for "http://127.0.0.1:$port/health"
(cd end2end && node bench/editor-latency.mjs "http://127.0.0.1:$port")
