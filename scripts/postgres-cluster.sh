# shellcheck shell=bash
# A throwaway PostgreSQL 15 cluster in a folder of one's own: functions sourced by
# scripts/with-postgres.sh (the tests) and bench/run.sh (the benchmark), so both create,
# start and stop it the same way.
#
#   pg_cluster_dir DIR                   creates DIR for a cluster (the server writes its socket
#                                        and log there)
#   pg_cluster_init DIR                  initdb DIR/data: UTF-8, C.UTF-8 collation and ctype (so
#                                        pg_trgm yields trigrams for Chinese text), trust auth,
#                                        superuser `postgres`
#   pg_cluster_start DIR PORT [-c NAME=VALUE ...]
#                                        starts it on 127.0.0.1:PORT (socket in DIR, log in
#                                        DIR/postgres.log) with the given settings; waits until
#                                        it accepts connections
#   pg_cluster_create_db PORT            the database `waishi` with the pg_trgm extension
#   pg_cluster_stop DIR [fast|immediate] stops it if it runs (default fast: a clean checkpoint)
#   pg_cluster_pid DIR                   the postmaster's pid (nothing when it does not run)
#   pg_cluster_url PORT                  postgresql://postgres@127.0.0.1:PORT/waishi
#   pg_cluster_psql PORT [psql args...]  psql on the database waishi, stopping at the first error
#   pg_free_port                         a free port in 25432..25531, looked for from a random
#                                        one (clusters started side by side; see with-postgres.sh)
#   pg_as CMD [ARGS...]                  runs CMD as the cluster's owner
#
# PostgreSQL refuses to run as root, so as root the cluster belongs to and runs as the
# `postgres` user (runuser); otherwise as the current user. Functions print their errors to
# stderr prefixed with $PG_CLUSTER_WHO and return non-zero; they never exit.

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_CLUSTER_WHO=${PG_CLUSTER_WHO:-postgres-cluster}

if [ "$(id -u)" = "0" ]; then
  pg_as() { runuser -u postgres -- "$@"; }
else
  pg_as() { "$@"; }
fi

pg_cluster_check() {
  if [ ! -x "$PG_BIN/initdb" ]; then
    echo "$PG_CLUSTER_WHO: $PG_BIN/initdb not found (run scripts/install-deps.sh)" >&2
    return 2
  fi
}

pg_cluster_dir() {
  mkdir -p "$1" && chmod 755 "$1" || return 2
  if [ "$(id -u)" = "0" ]; then chown postgres:postgres "$1" || return 2; fi
}

pg_cluster_init() {
  local dir=$1
  pg_cluster_check || return 2
  pg_cluster_dir "$dir" || return 2
  pg_as "$PG_BIN/initdb" -D "$dir/data" -E UTF8 --locale=C.UTF-8 --lc-ctype=C.UTF-8 \
    -A trust -U postgres >"$dir/initdb.log" 2>&1 || {
    echo "$PG_CLUSTER_WHO: initdb failed:" >&2
    cat "$dir/initdb.log" >&2
    return 2
  }
}

pg_cluster_start() {
  local dir=$1 port=$2
  shift 2
  if ! pg_as "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $*" start >/dev/null; then
    echo "$PG_CLUSTER_WHO: pg_ctl start failed:" >&2
    cat "$dir/postgres.log" >&2 || true
    return 2
  fi
}

pg_cluster_psql() {
  local port=$1
  shift
  pg_as "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d waishi "$@"
}

pg_cluster_create_db() {
  local port=$1
  pg_as "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres -c \
    "CREATE DATABASE waishi TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'" \
    >/dev/null || return 2
  pg_cluster_psql "$port" -c "CREATE EXTENSION IF NOT EXISTS pg_trgm" >/dev/null || return 2
}

pg_cluster_pid() {
  [ -f "$1/data/postmaster.pid" ] && head -1 "$1/data/postmaster.pid"
  return 0
}

pg_cluster_stop() {
  local dir=$1 mode=${2:-fast}
  [ -f "$dir/data/postmaster.pid" ] || return 0
  pg_as "$PG_BIN/pg_ctl" -D "$dir/data" -m "$mode" -w -t 120 stop >/dev/null 2>&1
}

pg_cluster_url() { echo "postgresql://postgres@127.0.0.1:$1/waishi"; }

pg_free_port() {
  local i p first=$((RANDOM % 100))
  for ((i = 0; i < 100; i++)); do
    p=$((25432 + (first + i) % 100))
    # Free when it can be bound (a connect test misses ports held by outgoing connections).
    if python3 -c 'import socket,sys; s=socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1])))' "$p" 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  echo "$PG_CLUSTER_WHO: no free port in 25432..25531" >&2
  return 1
}
