#!/usr/bin/env bash
# Usage: scripts/with-postgres.sh CMD [ARGS...]
#
# Creates a throwaway PostgreSQL 15 cluster in a temporary folder (UTF-8, C.UTF-8 collation
# and ctype so pg_trgm yields trigrams for Chinese text), creates the database `waishi` with
# the pg_trgm extension, runs CMD with WAISHI_PG_URL=postgresql://postgres@127.0.0.1:PORT/waishi
# (and the cluster's folder in WAISHI_PG_DIR) in its environment, then stops the cluster and
# deletes the folder whatever CMD's exit code.
# Exits with CMD's exit code. PostgreSQL refuses to run as root, so as root the cluster is
# created and run as the `postgres` user (runuser); otherwise as the current user.
# The cluster runs without fsync (tests need no durability); scripts/postgres-cluster.sh
# holds the functions, shared with the benchmark.
set -euo pipefail

if [ "$#" -lt 1 ]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

PG_CLUSTER_WHO=with-postgres
# shellcheck source=scripts/postgres-cluster.sh
source "$(dirname "${BASH_SOURCE[0]}")/postgres-cluster.sh"
pg_cluster_check || exit 2

TMP=$(mktemp -d /tmp/waishi-pg.XXXXXX)

STARTED=0
cleanup() {
  local rc=$?
  set +e
  if [ "$STARTED" = "1" ]; then pg_cluster_stop "$TMP" immediate; fi
  rm -rf "$TMP"
  return $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pg_cluster_init "$TMP" || exit 2
# Clusters may start side by side (make test runs the crash test's engines at once): the port is
# chosen and taken under one lock, so that two never choose the same free port.
# (Opened for reading: whoever created the file, any user can lock it. PostgreSQL is started
# without the descriptor, or it would hold the lock for as long as it runs.)
PORT_LOCK_FILE=/tmp/waishi-pg-port.lock
touch "$PORT_LOCK_FILE" 2>/dev/null || true
exec {PORT_LOCK}<"$PORT_LOCK_FILE"
flock "$PORT_LOCK"
PORT=${WAISHI_PG_PORT:-}
[ -n "$PORT" ] || PORT=$(pg_free_port) || exit 2
STARTED=1
pg_cluster_start "$TMP" "$PORT" -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
  -c max_connections=200 {PORT_LOCK}<&- || exit 2
exec {PORT_LOCK}>&-
pg_cluster_create_db "$PORT" || exit 2

export WAISHI_PG_URL
WAISHI_PG_URL=$(pg_cluster_url "$PORT")
# The cluster's folder (data/, postgres.log), for CMD to stop or kill it and start it again
# with scripts/postgres-cluster.sh (the crash test does); it is removed here either way.
export WAISHI_PG_DIR=$TMP
echo "with-postgres: PostgreSQL 15 on port $PORT ($WAISHI_PG_URL)" >&2

set +e
"$@"
CMD_RC=$?
set -e
exit $CMD_RC
