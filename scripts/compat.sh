#!/usr/bin/env bash
# The compatibility suite: the real boto3 and `aws` CLI (pytest, end2end/compat/) against a fresh server over a fresh
# SQLite database — or PostgreSQL when DATABASE_URL is set (an empty database; migrations run at start).
# Usage: scripts/compat.sh [server binary] [pytest arguments…]    e.g. scripts/compat.sh target/debug/server -k mfa
set -euo pipefail
cd "$(dirname "$0")/.."
server=${1:-target/debug/server}
shift || true
[ -x "$server" ] || { echo "no server binary at $server: build it with cargo build -p server" >&2; exit 1; }

# The Python clients, pinned; installed only when an import or the `aws` command is missing or the wrong version.
python=${PYTHON:-python3}
requirements=end2end/compat/requirements.txt
if ! "$python" - "$requirements" <<'PY' || ! command -v aws >/dev/null; then
import sys
from importlib.metadata import version, PackageNotFoundError
wanted = [l.split("#")[0].strip() for l in open(sys.argv[1])]
for line in filter(None, wanted):
    name, pinned = line.split("==")
    try:
        if version(name) != pinned:
            sys.exit(1)
    except PackageNotFoundError:
        sys.exit(1)
PY
  echo "==> installing $requirements"
  "$python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
fi

work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

port=$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export IAM_DATA_DIR="$work/data" IAM_PORT=$port IAM_HOST=127.0.0.1 IAM_LOG=${IAM_LOG:-warn}
export LEPTOS_SITE_ROOT="$PWD/target/site"
"$server" serve >"$work/server.log" 2>&1 &
pid=$!
endpoint="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  if curl -fsS -o /dev/null "$endpoint/health" 2>/dev/null; then break; fi
  kill -0 "$pid" 2>/dev/null || { echo "the server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }
  sleep 0.2
done

# The administrator the suite signs as: `server bootstrap` against the same data directory / database.
credentials=$(IAM_ROOT_PASSWORD='Compat-Root-Passw0rd!' "$server" bootstrap --email compat@example.com)
read -r account_id access_key secret < <("$python" -c \
  'import json,sys; c=json.load(sys.stdin); print(c["AccountId"], c["AccessKeyId"], c["SecretAccessKey"])' \
  <<<"$credentials")
export IAM_ENDPOINT=$endpoint IAM_ACCOUNT_ID=$account_id
export AWS_ACCESS_KEY_ID=$access_key AWS_SECRET_ACCESS_KEY=$secret AWS_DEFAULT_REGION=${AWS_DEFAULT_REGION:-us-east-1}
# Nothing from the developer's own AWS set-up may leak in.
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER=""
unset AWS_SESSION_TOKEN AWS_PROFILE AWS_ENDPOINT_URL 2>/dev/null || true

database=SQLite; [ -n "${DATABASE_URL:-}" ] && database=PostgreSQL  # never echo the URL: it may hold a password
echo "==> compatibility suite against $endpoint (account $account_id, $database)"
status=0
(cd end2end/compat && "$python" -m pytest -q -p no:cacheprovider "$@") || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- server log (last 40 lines) ---"
  tail -n 40 "$work/server.log"
fi
exit "$status"
