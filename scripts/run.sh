#!/usr/bin/env bash
# Builds the console (release: small WASM) and starts it with the API on the embedded SQLite default.
# Data lives in ./data (created on first start; override with IAM_DATA_DIR or DATABASE_URL). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh build
export PATH="$PWD/tools/node_modules/.bin:$PATH"

# `--split`: the lazy islands (the policy editors) and the generator's statement forms become WASM chunks of their own,
# fetched only where they are used (docs/ARCHITECTURE.md, "Islands").
cargo leptos build --release --split
export LEPTOS_SITE_ROOT="$PWD/target/site"
exec target/release/server serve "$@"
