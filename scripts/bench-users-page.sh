#!/usr/bin/env bash
# The console's users page over a large account (docs/BENCHMARKS.md, "The users page at 10,000 users"): the server
# response time and HTML size of /users as root, first page, a path prefix, a later page and a name search, after
# `query-bench --keep` has created the users through the Query API (release build, SQLite in a fresh data directory).
#
#   scripts/bench-users-page.sh                 # 10,000 users
#   USERS=100000 scripts/bench-users-page.sh    # any other count
#   SKIP_BUILD=1 scripts/bench-users-page.sh    # target/release/{server,query-bench} as they are
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/servers.sh
build_server_and_bench release
users=${USERS:-10000}
rounds=${ROUNDS:-7}

work=$(mktemp -d "${TMPDIR:-/tmp}/iam-users-page.XXXXXX")
trap 'kill $server_pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
unset DATABASE_URL IAM_DATABASE_URL
port=$(free_port)
export IAM_DATA_DIR="$work/data" IAM_HOST=127.0.0.1 IAM_PORT="$port" IAM_ROOT_EMAIL=bench@example.com
export IAM_ROOT_PASSWORD=Bench-Root-Pass-42 IAM_LOG=warn
target/release/server bootstrap > "$work/credentials.json"
LEPTOS_SITE_ROOT="$PWD/target/site" target/release/server serve > "$work/server.log" 2>&1 &
server_pid=$!
url="http://127.0.0.1:$port"
wait_for "$url/"
target/release/query-bench --label users-page --endpoint "$url" --credentials "$work/credentials.json" \
    --users "$users" --paths 4 --list-rounds 1 --keep > "$work/create.txt"
grep -E "^create-users" "$work/create.txt" || cat "$work/create.txt"

jar="$work/cookies"
curl -sf -c "$jar" -b "$jar" -H 'Accept: application/json' -X POST \
    --data-urlencode "email=$IAM_ROOT_EMAIL" --data-urlencode "password=$IAM_ROOT_PASSWORD" "$url/api/sign_in_root" >/dev/null

# One page: the median of $rounds server response times (to the last byte, local), the HTML as sent (gzip) and as
# rendered, and the number of table rows.
measure() {
    local label=$1 path=$2 times=() gz raw rows
    curl -sf -b "$jar" "$url$path" > /dev/null # warm: the first render of a page also compiles its route
    for _ in $(seq "$rounds"); do
        times+=("$(curl -sf -b "$jar" -H 'Accept-Encoding: gzip' -o /dev/null -w '%{time_total}' "$url$path")")
    done
    gz=$(curl -sf -b "$jar" -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "$url$path")
    raw=$(curl -sf -b "$jar" "$url$path" | tee "$work/page.html" | wc -c)
    [[ -n "${KEEP_PAGES:-}" ]] && cp "$work/page.html" "$KEEP_PAGES/$(echo "$label" | tr -c 'a-z0-9' '_').html"
    rows=$(grep -o '<tr' "$work/page.html" | wc -l)
    printf '%-28s %9.1f ms %9d B gzip %9d B html %5d rows\n' "$label" \
        "$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)] * 1000}')" "$gz" "$raw" "$rows"
}
echo "users page, $users users, median of $rounds (root, SQLite, release):"
measure "/users" "/users"
measure "/users?prefix=/bench/b/" "/users?prefix=/bench/b/"
after=$(grep -o 'after=[^"&]*' "$work/page.html" | head -1)
measure "/users?prefix=/bench/b/&<page 2>" "/users?prefix=/bench/b/&$after"
measure "/users?name=bench-0004" "/users?name=bench-0004"
measure "/users/<one user>" "/users/$(grep -o '/users/[^"?]*' "$work/page.html" | grep -v 'prefix' | head -1 | cut -d/ -f3)"
