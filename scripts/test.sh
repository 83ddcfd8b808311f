#!/usr/bin/env bash
# Runs every test: the policy crate, the Query API wire crate, unit and black-box integration tests of the server (SQLite and PostgreSQL), the
# boto3 / aws CLI compatibility suite (SQLite and PostgreSQL), then the end-to-end suite in Debian's Chromium, hydrated and with JavaScript off, each against a fresh server over a fresh SQLite file.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh test

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
# cargo-leptos puts LEPTOS_OUTPUT_NAME in the environment of its builds; having it there for `cargo test` as well
# (not only from .cargo/config.toml's [env]) keeps the two builds' fingerprints alike.
export LEPTOS_OUTPUT_NAME=iam-console
# A one-off run in a fresh clone gains nothing from incremental caches (GBs of target/); keep them for local work.
if [[ "${CI:-}" == "true" ]]; then export CARGO_INCREMENTAL=0; fi

say "build the console (debug) with cargo-leptos"
# cargo-leptos appends `--cfg erase_components` to RUSTFLAGS for debug builds; it must not be set here as well, or the
# flag appears twice and no artefact matches the test build's (the whole tree compiled twice, ~15 minutes).
env -u RUSTFLAGS cargo leptos build --split  # lazy islands split out, as scripts/run.sh ships it
# The same flags cargo-leptos gave its build, so the tests reuse its artefacts instead of rebuilding.
export RUSTFLAGS="--cfg erase_components"

work=$(mktemp -d)
chmod 755 "$work"  # the PostgreSQL server runs as `postgres` and must reach its directory inside
cleanup() {
  scripts/postgres.sh stop "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT

say "unit and integration tests (SQLite)"
cargo test -p iam-policy -p iam-query-wire  # the latter also replays both fuzz corpora of server/wire/fuzz
cargo test -p migration -p app -p server --features app/ssr

say "integration tests again on PostgreSQL (same migrations, same suite)"
eval "$(scripts/postgres.sh start "$work/pg")"
TEST_DATABASE_URL=$TEST_DATABASE_URL cargo test -p server --features app/ssr --test api

say "compatibility suite: the real boto3 and aws CLI against the server (SQLite, then PostgreSQL)"
scripts/compat.sh target/debug/server
scripts/postgres.sh createdb "$work/pg" iam_compat
DATABASE_URL="${TEST_DATABASE_URL%/*}/iam_compat" scripts/compat.sh target/debug/server
unset TEST_DATABASE_URL

say "end-to-end tests in Chromium"
scripts/e2e.sh target/debug/server
say "all tests passed"
