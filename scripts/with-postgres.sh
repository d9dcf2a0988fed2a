#!/usr/bin/env bash
# Usage: scripts/with-postgres.sh CMD [ARGS...]
#
# Creates a throwaway PostgreSQL 15 cluster in a temporary folder (UTF-8, C.UTF-8 collation
# and ctype so pg_trgm yields trigrams for Chinese text), creates the database `waishi` with
# the pg_trgm extension, runs CMD with WAISHI_PG_URL=postgresql://postgres@127.0.0.1:PORT/waishi
# in its environment, then stops the cluster and deletes the folder whatever CMD's exit code.
# Exits with CMD's exit code. PostgreSQL refuses to run as root, so as root the cluster is
# created and run as the `postgres` user (runuser); otherwise as the current user.
set -euo pipefail

if [ "$#" -lt 1 ]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PG_BIN/initdb" ]; then
  echo "with-postgres: $PG_BIN/initdb not found (run scripts/install-deps.sh)" >&2
  exit 2
fi

TMP=$(mktemp -d /tmp/waishi-pg.XXXXXX)
chmod 755 "$TMP"

if [ "$(id -u)" = "0" ]; then
  chown postgres:postgres "$TMP"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

STARTED=0
cleanup() {
  local rc=$?
  set +e
  if [ "$STARTED" = "1" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$TMP/data" -m immediate -w stop >/dev/null 2>&1
  fi
  rm -rf "$TMP"
  return $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_free() {
  # Free when it can be bound (a connect test misses ports held by outgoing connections).
  python3 -c 'import socket,sys; s=socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1])))' "$1" 2>/dev/null
}

PORT=${WAISHI_PG_PORT:-}
if [ -z "$PORT" ]; then
  for p in $(seq 25432 25531); do
    if port_free "$p"; then PORT=$p; break; fi
  done
fi
if [ -z "$PORT" ]; then
  echo "with-postgres: no free port in 25432..25531" >&2
  exit 2
fi

as_pg "$PG_BIN/initdb" -D "$TMP/data" -E UTF8 --locale=C.UTF-8 --lc-ctype=C.UTF-8 \
  -A trust -U postgres >"$TMP/initdb.log" 2>&1 || {
  echo "with-postgres: initdb failed:" >&2
  cat "$TMP/initdb.log" >&2
  exit 2
}

STARTED=1
if ! as_pg "$PG_BIN/pg_ctl" -D "$TMP/data" -l "$TMP/postgres.log" -w -t 60 \
     -o "-p $PORT -k $TMP -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
     start >/dev/null; then
  echo "with-postgres: pg_ctl start failed:" >&2
  cat "$TMP/postgres.log" >&2 || true
  exit 2
fi

PSQL=("$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres)
as_pg "${PSQL[@]}" -d postgres -c \
  "CREATE DATABASE waishi TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'" >/dev/null
as_pg "${PSQL[@]}" -d waishi -c "CREATE EXTENSION IF NOT EXISTS pg_trgm" >/dev/null

export WAISHI_PG_URL="postgresql://postgres@127.0.0.1:$PORT/waishi"
echo "with-postgres: PostgreSQL 15 on port $PORT ($WAISHI_PG_URL)" >&2

set +e
"$@"
CMD_RC=$?
set -e
exit $CMD_RC
