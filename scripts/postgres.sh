#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on a free loopback port, for the test suite, and prints its admin URL.
#   eval "$(scripts/postgres.sh start <dir>)"   exports TEST_DATABASE_URL and PG_TEST_DIR
#   scripts/postgres.sh createdb <dir> <name>   an empty database on the server started in <dir>
#   scripts/postgres.sh stop <dir>
# Installs Debian's postgresql when missing. PostgreSQL refuses to run as root, so as root it runs as `postgres`.
set -euo pipefail
action=$1 dir=$2

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "$action" = stop ]; then
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  exit 0
fi

if [ "$action" = createdb ]; then
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  port=$(sed -n 4p "$dir/data/postmaster.pid")  # line 4 of postmaster.pid is the port
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$3"
  exit 0
fi

if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  echo "==> apt-get install postgresql" >&2
  if [ "$(id -u)" = 0 ]; then run=(); else run=(sudo); fi
  "${run[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${run[@]}" apt-get install -y -qq postgresql >/dev/null
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$dir"
[ "$(id -u)" = 0 ] && chown postgres "$dir"
as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres >/dev/null
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
echo "export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres PG_TEST_DIR=$dir"
