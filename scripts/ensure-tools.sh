#!/usr/bin/env bash
# Installs what building and testing need, when it is missing; skips what is present. Idempotent.
#   scripts/ensure-tools.sh build   wasm32 target, wasm-bindgen-cli (matching Cargo.lock), cargo-leptos, wasm-opt
#   scripts/ensure-tools.sh test    the above, plus Node packages for end2end/ and Debian's Chromium
# Everything comes from the package registries (crates.io, npm, Debian): nothing downloads a prebuilt binary.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-build}"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root to run: $*" >&2; return 1
  fi
}

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "apt-get install ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
}

# --- Rust: wasm target, wasm-bindgen-cli, cargo-leptos -------------------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# The CLI must be exactly the wasm-bindgen version in Cargo.lock.
wasm_bindgen_wanted=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
wasm_bindgen_have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$wasm_bindgen_have" != "$wasm_bindgen_wanted" ]; then
  say "cargo install wasm-bindgen-cli $wasm_bindgen_wanted (about 7 minutes, once)"
  # --locked fails on an index gap for this version; the fallback resolver picks versions our rustc supports.
  CARGO_RESOLVER_INCOMPATIBLE_RUST_VERSIONS=fallback cargo install wasm-bindgen-cli --version "$wasm_bindgen_wanted"
fi

cargo_leptos_version=0.3.10
if ! cargo leptos --version 2>/dev/null | grep -q "$cargo_leptos_version"; then
  say "cargo install cargo-leptos $cargo_leptos_version (about 11 minutes, once)"
  # A lighter release profile halves the install time; the tool works the same.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_OPT_LEVEL=1 \
    cargo install cargo-leptos --version "$cargo_leptos_version" --locked
fi

# --- wasm-opt for release builds: npm's binaryen (Debian's 108 breaks hydration; cargo-leptos would download) ---
if [ ! -x tools/node_modules/.bin/wasm-opt ]; then
  say "npm install binaryen (wasm-opt) into tools/"
  npm ci --prefix tools --no-audit --no-fund --loglevel=error
fi

[ "$what" = test ] || exit 0

# --- Browser tests ---------------------------------------------------------------------------------------------
apt_install chromium
if [ ! -d end2end/node_modules/@playwright/test ]; then
  say "npm ci in end2end/"
  npm ci --prefix end2end --no-audit --no-fund --loglevel=error
fi
