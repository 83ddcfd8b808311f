#!/usr/bin/env bash
# The Query API benchmark (docs/BENCHMARKS.md, "Query API vs moto"): the same SigV4-signed workload, from the same
# client (`query-bench`, server/bench), against our server (release build, SQLite in a fresh temporary data directory)
# and then against moto's server; prints both side by side.
#
#   scripts/bench-query-api.sh                        # 2,000 users, 32 requests in flight
#   scripts/bench-query-api.sh --users 500            # any further arguments go to both query-bench runs
#   SKIP_BUILD=1 scripts/bench-query-api.sh           # use target/release/{server,query-bench} as they are
#   BENCH_DATABASE=postgres scripts/bench-query-api.sh # our server on a throw-away PostgreSQL (scripts/postgres.sh)
#
# The two servers run one after the other, never together, so each has the machine to itself (with the client).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/servers.sh

build_server_and_bench release
if ! python3 -c 'import moto.server, flask' 2>/dev/null; then
    pip install 'moto[server]'
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/iam-bench.XXXXXX")
chmod 755 "$work" # PostgreSQL runs as its own user and must reach $work/pg
pids=()
stop_all() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    [[ -d "$work/pg" ]] && scripts/postgres.sh stop "$work/pg"
    rm -rf "$work"
}
trap stop_all EXIT


# --- our server: a fresh data directory (and database), an administrator from `server bootstrap`, then serve
unset DATABASE_URL IAM_DATABASE_URL # never a database from the environment: the bench writes 2,000 users
if [[ "${BENCH_DATABASE:-sqlite}" == postgres ]]; then
    eval "$(scripts/postgres.sh start "$work/pg")"
    export DATABASE_URL="$TEST_DATABASE_URL"
fi
port=$(free_port)
export IAM_DATA_DIR="$work/data" IAM_HOST=127.0.0.1 IAM_PORT="$port" IAM_ROOT_EMAIL=bench@example.com
target/release/server bootstrap > "$work/credentials.json"
target/release/server serve > "$work/server.log" 2>&1 &
server_pid=$!
pids+=("$server_pid")
wait_for "http://127.0.0.1:$port/"
target/release/query-bench --label ours --endpoint "http://127.0.0.1:$port" --credentials "$work/credentials.json" "$@" \
    | tee "$work/ours.txt"
kill "$server_pid"
wait "$server_pid" 2>/dev/null || true

# --- moto: accepts any credentials (it checks no signature), account 123456789012
port=$(free_port)
python3 -m moto.server -p "$port" > "$work/moto.log" 2>&1 &
pids+=("$!")
wait_for "http://127.0.0.1:$port/"
echo
target/release/query-bench --label moto --endpoint "http://127.0.0.1:$port" \
    --access-key-id AKIAIOSFODNN7EXAMPLE --secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY "$@" | tee "$work/moto.txt"

echo
python3 - "$work/ours.txt" "$work/moto.txt" <<'EOF'
import json, sys
ours, moto = (json.loads(next(l for l in open(f) if l.startswith("SUMMARY "))[8:]) for f in sys.argv[1:])
print(f"{ours['users']} users, concurrency {ours['concurrency']}: ours vs moto")
print(f"{'phase':<13} {'ours req/s':>10} {'moto req/s':>10} {'ratio':>7}   {'ours p50/p99 ms':>16}   {'moto p50/p99 ms':>16}")
for o, m in zip(ours["phases"], moto["phases"]):
    print(f"{o['phase']:<13} {o['rps']:>10.0f} {m['rps']:>10.0f} {o['rps'] / m['rps']:>6.1f}x"
          f"   {o['p50_ms']:>7.2f} / {o['p99_ms']:<7.2f}   {m['p50_ms']:>7.2f} / {m['p99_ms']:<7.2f}")
    if o["items"] != o["requests"] or m["items"] != m["requests"]:
        oi, mi = o["items"] / o["seconds"], m["items"] / m["seconds"]
        print(f"{'  users/s':<13} {oi:>10.0f} {mi:>10.0f} {oi / mi:>6.1f}x   "
              f"({o['requests']} vs {m['requests']} requests for the same {o['items']} users listed)")
# moto ignores MaxItems (one page per prefix), so whole-run requests/s would compare different request counts:
# compare the three write phases (the same requests on both) and the whole workload's wall time instead.
writes = lambda run: [p for p in run["phases"] if p["phase"] != "list-users"]
o_w, m_w = (sum(p["requests"] for p in writes(r)) / sum(p["seconds"] for p in writes(r)) for r in (ours, moto))
print(f"{'writes':<13} {o_w:>10.0f} {m_w:>10.0f} {o_w / m_w:>6.1f}x   (create-users, put-policy, create-key together)")
print(f"{'whole run':<13} {ours['seconds']:>9.2f}s {moto['seconds']:>9.2f}s {moto['seconds'] / ours['seconds']:>6.1f}x   (wall time of the four timed phases)")
EOF
