#!/usr/bin/env bash
# Usage: scripts/cluster-demo.sh WAISHI_BINARY [INSTANCES] [PORT]   (make cluster-demo)
#
# The multi-instance set-up to look at (issue 13): a throwaway PostgreSQL cluster
# (scripts/with-postgres.sh), the gazetteer and the demo data, then INSTANCES (default 3)
# `waishi serve` behind nginx on http://127.0.0.1:PORT (default 8080) with the web UI
# (scripts/cluster.sh, deploy/nginx-cluster.conf.template). Ctrl-C stops everything and
# throws the database away. The audit key is made in a temporary folder too.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:?usage: $0 WAISHI_BINARY [INSTANCES] [PORT]}
INSTANCES=${2:-3}
WEB_PORT=${3:-8080}
case "$BIN" in /*) ;; *) BIN="$PWD/$BIN" ;; esac
export WAISHI_DEMO_PASSWORD=${WAISHI_DEMO_PASSWORD:-demo-Passw0rd}
KEYS=$(mktemp -d /tmp/waishi-cluster-keys.XXXXXX)
trap 'rm -rf "$KEYS"' EXIT
export WAISHI_KEYS=$KEYS
export BIN INSTANCES WEB_PORT ROOT
"$ROOT/scripts/with-postgres.sh" bash -c '
  set -e
  "$BIN" keys init >/dev/null
  if [ -f "$ROOT/build/places.csv" ]; then "$BIN" places load --db "$WAISHI_PG_URL" "$ROOT/build/places.csv" >/dev/null; fi
  "$BIN" demo --db "$WAISHI_PG_URL" >/dev/null
  echo "cluster-demo: demo data loaded (password $WAISHI_DEMO_PASSWORD); Ctrl-C stops it all"
  "$ROOT/scripts/cluster.sh" "$BIN" "$WAISHI_PG_URL" "$INSTANCES" "$WEB_PORT" --static "$ROOT/web/dist"
'
