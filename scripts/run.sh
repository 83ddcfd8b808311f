#!/usr/bin/env bash
# Builds the console (release: small WASM) and starts it with the API on the embedded SQLite default.
# Data lives in ./data (created on first start; override with IAM_DATA_DIR or DATABASE_URL). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh build
export PATH="$PWD/tools/node_modules/.bin:$PATH"

# `--split`: each page is a WASM chunk of its own, fetched when the page is first shown (app/src/lazy_pages.rs).
cargo leptos build --release --split
export LEPTOS_SITE_ROOT="$PWD/target/site"
exec target/release/server serve "$@"
