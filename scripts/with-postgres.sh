#!/usr/bin/env bash
# Runs a command beside a throw-away PostgreSQL cluster: installs PostgreSQL from Debian's
# packages when it is missing, starts a cluster on a free loopback port, exports where it is
# (BYTESTACK_TEST_POSTGRES, BYTESTACK_BENCH_POSTGRES, BYTESTACK_TEST_PG_BIN), runs the command
# and removes the cluster afterwards, whatever the command's outcome.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ -z "$(pg_bin)" ] || [ ! -x "$(pg_bin)/initdb" ]; then
  echo "Installing PostgreSQL (Debian package postgresql)…"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
fi
PG_BIN=$(pg_bin)

# PostgreSQL refuses to run as root: as root, the cluster belongs to the 'postgres' user.
cluster=$(mktemp -d -t bytestack-pg.XXXXXX)
chmod 755 "$cluster"
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$cluster"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
cleanup() {
  run_pg "$PG_BIN/pg_ctl" -D "$cluster/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$cluster"
}
trap cleanup EXIT

run_pg "$PG_BIN/initdb" -D "$cluster/data" -U bytestack --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
# fsync off: a test cluster trades durability for speed; it is deleted afterwards anyway.
# BYTESTACK_PG_OPTIONS adds server settings (the bench's statement statistics, for one).
run_pg "$PG_BIN/pg_ctl" -D "$cluster/data" -l "$cluster/postgres.log" -w \
  -o "-h 127.0.0.1 -p $port -k $cluster -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400 ${BYTESTACK_PG_OPTIONS:-}" \
  start >/dev/null
echo "Throw-away PostgreSQL on 127.0.0.1:$port"

export BYTESTACK_TEST_PG_BIN="$PG_BIN"
export BYTESTACK_PG_LOG="$cluster/postgres.log"
export BYTESTACK_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=bytestack;Database=postgres"
export BYTESTACK_BENCH_POSTGRES="$BYTESTACK_TEST_POSTGRES"
"$@"
