#!/usr/bin/env bash
# Concurrency stress (docs/SECURITY.md, "Concurrency"): `query-bench race` — 50 clients, 10,000 racing mutations —
# against a fresh server on SQLite, then on a throw-away PostgreSQL (scripts/postgres.sh). Exits non-zero if any
# invariant is violated (duplicate names, limits exceeded, lost writes, orphans, 5xx).
#
#   scripts/stress.sh                               # release builds, then SQLite and PostgreSQL
#   SKIP_BUILD=1 scripts/stress.sh                  # use target/$PROFILE/{server,query-bench} as they are
#   PROFILE=debug SKIP_BUILD=1 scripts/stress.sh --mutations 1000   # extra arguments go to query-bench race
#   STRESS_DATABASES=sqlite scripts/stress.sh       # only one of them (sqlite, postgres)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/servers.sh
profile=${PROFILE:-release}
bin=target/$profile

build_server_and_bench "$profile"

work=$(mktemp -d "${TMPDIR:-/tmp}/iam-stress.XXXXXX")
chmod 755 "$work" # PostgreSQL runs as its own user and must reach $work/pg
server_pid=
stop_all() {
    if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    if [[ -d "$work/pg" ]]; then scripts/postgres.sh stop "$work/pg"; fi
    rm -rf "$work"
}
trap stop_all EXIT


unset DATABASE_URL IAM_DATABASE_URL # never a database from the environment: the run writes thousands of users
status=0
for database in ${STRESS_DATABASES:-sqlite postgres}; do
    echo "=== $database"
    unset DATABASE_URL
    if [[ $database == postgres ]]; then
        eval "$(scripts/postgres.sh start "$work/pg")"
        export DATABASE_URL="$TEST_DATABASE_URL"
    fi
    port=$(free_port)
    export IAM_LOG=${IAM_LOG:-warn} IAM_DATA_DIR="$work/data-$database" IAM_HOST=127.0.0.1 IAM_PORT="$port" IAM_ROOT_EMAIL=stress@example.com
    "$bin/server" bootstrap > "$work/credentials-$database.json"
    "$bin/server" serve > "$work/server-$database.log" 2>&1 &
    server_pid=$!
    wait_for "http://127.0.0.1:$port/"
    "$bin/query-bench" race --label "$database" --endpoint "http://127.0.0.1:$port" \
        --credentials "$work/credentials-$database.json" "$@" | tee "$work/race-$database.txt" || status=1
    if grep -qE 'panicked|ERROR' "$work/server-$database.log"; then
        echo "the server logged errors:" >&2
        grep -E 'panicked|ERROR' "$work/server-$database.log" | head -20 >&2
        status=1
    fi
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
    server_pid=
    if [[ $database == postgres ]]; then
        scripts/postgres.sh stop "$work/pg"
        rm -rf "$work/pg"
    fi
done
exit $status
