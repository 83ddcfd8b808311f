#!/usr/bin/env bash
# Crash safety (docs/SECURITY.md, "Crash safety"): the real server on a fresh data directory, mutations driven by
# `query-bench crash-drive` (every acknowledged outcome appended to a log), the server killed with SIGKILL at a random
# moment (0.2–3 s into each round), restarted, and after each restart:
#   - it starts and answers (no panic, no ERROR in its log);
#   - `query-bench crash-verify`: every acknowledged create present unless an acknowledged delete followed, every
#     acknowledged delete absent (the one unanswered request per client may have gone either way);
#   - the database itself: SQLite's integrity_check and foreign_key_check, and no membership, key, inline policy,
#     attachment, tag, MFA device or login profile of a user or group that does not exist, no user over its limits.
# Exits non-zero on the first violation.
#
#   scripts/crash-test.sh                          # release builds, 10 rounds on SQLite
#   ROUNDS=20 SKIP_BUILD=1 scripts/crash-test.sh   # use target/$PROFILE/{server,query-bench} as they are
#   PROFILE=debug SKIP_BUILD=1 ROUNDS=3 scripts/crash-test.sh
#   CRASH_DATABASE=postgres scripts/crash-test.sh  # the server on a throw-away PostgreSQL (scripts/postgres.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/servers.sh
profile=${PROFILE:-release}
bin=target/$profile
rounds=${ROUNDS:-10}
database=${CRASH_DATABASE:-sqlite}

build_server_and_bench "$profile"

work=$(mktemp -d "${TMPDIR:-/tmp}/iam-crash.XXXXXX")
chmod 755 "$work" # PostgreSQL runs as its own user and must reach $work/pg
server_pid= driver_pid=
stop_all() {
    for pid in $driver_pid $server_pid; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    if [[ -d "$work/pg" ]]; then scripts/postgres.sh stop "$work/pg"; fi
    if [[ -n "${KEEP_WORK:-}" ]]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap stop_all EXIT

fail() {
    echo "FAILED: $*" >&2
    exit 1
}

unset DATABASE_URL IAM_DATABASE_URL
if [[ $database == postgres ]]; then
    eval "$(scripts/postgres.sh start "$work/pg")"
    export DATABASE_URL="$TEST_DATABASE_URL"
fi
port=$(free_port)
endpoint="http://127.0.0.1:$port"
export IAM_LOG=warn IAM_DATA_DIR="$work/data" IAM_HOST=127.0.0.1 IAM_PORT="$port" IAM_ROOT_EMAIL=crash@example.com
"$bin/server" bootstrap > "$work/credentials.json"
log="$work/acked.log"
: > "$work/server.log"
: > "$log"
client=(--endpoint "$endpoint" --credentials "$work/credentials.json")

start_server() {
    local lines started
    lines=$(wc -l < "$work/server.log")
    started=$(date +%s%N)
    "$bin/server" serve >> "$work/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 300); do
        curl -s -o /dev/null "$endpoint/" && break
        kill -0 "$server_pid" 2>/dev/null || fail "the server exited on start: $(tail -n 20 "$work/server.log")"
        sleep 0.05
    done
    curl -s -o /dev/null "$endpoint/" || fail "the server does not answer 15 s after start"
    if tail -n +"$((lines + 1))" "$work/server.log" | grep -E 'panicked|ERROR'; then
        fail "the server logged errors on start"
    fi
    printf 'server up in %d ms; ' "$((($(date +%s%N) - started) / 1000000))"
}

# The database, read directly: orphans, limits, and (SQLite) its own integrity checks. Prints a summary line.
check_database() {
    local sql
    sql=$(cat <<'SQL'
SELECT 'membership of a missing user', COUNT(*) FROM group_membership WHERE user_id NOT IN (SELECT user_id FROM iam_user)
UNION ALL SELECT 'membership of a missing group', COUNT(*) FROM group_membership WHERE group_id NOT IN (SELECT group_id FROM iam_group)
UNION ALL SELECT 'key of a missing user', COUNT(*) FROM access_key WHERE user_id IS NOT NULL AND user_id NOT IN (SELECT user_id FROM iam_user)
UNION ALL SELECT 'inline policy of a missing user', COUNT(*) FROM inline_policy WHERE owner_kind = 'user' AND owner_id NOT IN (SELECT user_id FROM iam_user)
UNION ALL SELECT 'inline policy of a missing group', COUNT(*) FROM inline_policy WHERE owner_kind = 'group' AND owner_id NOT IN (SELECT group_id FROM iam_group)
UNION ALL SELECT 'attachment to a missing user', COUNT(*) FROM policy_attachment WHERE owner_kind = 'user' AND owner_id NOT IN (SELECT user_id FROM iam_user)
UNION ALL SELECT 'attachment to a missing group', COUNT(*) FROM policy_attachment WHERE owner_kind = 'group' AND owner_id NOT IN (SELECT group_id FROM iam_group)
UNION ALL SELECT 'attachment of a missing policy', COUNT(*) FROM policy_attachment WHERE policy_id NOT IN (SELECT policy_id FROM managed_policy)
UNION ALL SELECT 'version of a missing policy', COUNT(*) FROM policy_version WHERE policy_id NOT IN (SELECT policy_id FROM managed_policy)
UNION ALL SELECT 'tag of a missing user', COUNT(*) FROM user_tag WHERE user_id NOT IN (SELECT user_id FROM iam_user)
UNION ALL SELECT 'MFA device of a missing user', COUNT(*) FROM mfa_device WHERE user_id IS NOT NULL AND user_id NOT IN (SELECT user_id FROM iam_user)
UNION ALL SELECT 'login profile of a missing user', COUNT(*) FROM login_profile WHERE user_id NOT IN (SELECT user_id FROM iam_user)
UNION ALL SELECT 'user with over 2 keys', COUNT(*) FROM (SELECT user_id FROM access_key WHERE user_id IS NOT NULL GROUP BY user_id HAVING COUNT(*) > 2) t
UNION ALL SELECT 'user in over 10 groups', COUNT(*) FROM (SELECT user_id FROM group_membership GROUP BY user_id HAVING COUNT(*) > 10) t
SQL
)
    if [[ $database == postgres ]]; then
        local psql
        psql=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/psql
        "$psql" "$DATABASE_URL" -At -F '|' -c "$sql" > "$work/db-check.txt" || fail "psql failed"
        python3 - "$work/db-check.txt" <<'EOF'
import sys
bad = [l for l in open(sys.argv[1]).read().splitlines() if not l.endswith("|0")]
print(f"database: {'; '.join(bad) or 'no orphan, limits hold'}")
sys.exit(1 if bad else 0)
EOF
    else
        python3 - "$IAM_DATA_DIR/iam.db" "$sql" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
bad = [f"{what}: {n}" for what, n in db.execute(sys.argv[2]) if n]
integrity = db.execute("PRAGMA integrity_check").fetchall()
if integrity != [("ok",)]:
    bad.append(f"integrity_check: {integrity[:5]}")
fks = db.execute("PRAGMA foreign_key_check").fetchall()
if fks:
    bad.append(f"foreign_key_check: {fks[:5]}")
users, keys, members = (db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("iam_user", "access_key", "group_membership"))
print(f"database: {'; '.join(bad) if bad else 'integrity ok, foreign keys ok, no orphan, limits hold'} "
      f"({users} users, {keys} keys, {members} memberships)")
sys.exit(1 if bad else 0)
EOF
    fi
}

echo "crash test: $rounds rounds, $database, $bin/server, log $log"
for round in $(seq 1 "$rounds"); do
    printf 'round %d: ' "$round"
    start_server
    if [[ $round -gt 1 ]]; then
        "$bin/query-bench" crash-verify "${client[@]}" --log "$log" > "$work/verify.txt" || {
            cat "$work/verify.txt"
            fail "round $round: the state after restart differs from the acknowledged log"
        }
        printf '%s; ' "$(head -n 1 "$work/verify.txt")"
    fi
    check_database > "$work/db.txt" || { cat "$work/db.txt"; fail "round $round: the database is inconsistent"; }
    printf '%s\n' "$(cat "$work/db.txt")"
    "$bin/query-bench" crash-drive "${client[@]}" --log "$log" --round "$round" > "$work/drive.txt" 2>&1 &
    driver_pid=$!
    delay=$(python3 -c 'import random; print(f"{random.uniform(0.2, 3.0):.2f}")')
    sleep "$delay"
    kill -9 "$server_pid"
    wait "$server_pid" 2>/dev/null || true
    server_pid=
    wait "$driver_pid" || { cat "$work/drive.txt"; fail "round $round: the driver saw answers the model did not expect"; }
    driver_pid=
    printf '         killed after %s s: %s\n' "$delay" "$(grep '^crash-drive' "$work/drive.txt")"
done

printf 'final: '
start_server
"$bin/query-bench" crash-verify "${client[@]}" --log "$log" > "$work/verify.txt" || {
    cat "$work/verify.txt"
    fail "final: the state after restart differs from the acknowledged log"
}
printf '%s; ' "$(head -n 1 "$work/verify.txt")"
check_database > "$work/db.txt" || { cat "$work/db.txt"; fail "final: the database is inconsistent"; }
cat "$work/db.txt"
echo "crash test passed: $rounds kills, $(grep -c '^ACK' "$log") acknowledged mutations verified after each restart"
