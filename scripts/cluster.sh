#!/usr/bin/env bash
# Usage: scripts/cluster.sh WAISHI_BINARY POSTGRESQL_URL INSTANCES PORT [serve options...]
#
# Several `waishi serve` on one PostgreSQL database behind nginx (issue 13): INSTANCES
# servers on free ports of 127.0.0.1, each trusting nginx as its reverse proxy
# (--trusted-proxy 127.0.0.1) and given the serve options that follow, and nginx on
# 127.0.0.1:PORT in front (deploy/nginx-cluster.conf.template, round robin). The instances
# start together: they apply the migrations once between them (the write lock). Waits until
# GET /api/v1/health/ready answers 200 through nginx on every instance, prints "cluster: ready",
# then stays in the foreground. SIGTERM or SIGINT stops the instances with SIGTERM (each must
# exit with 0 within 10 s) and then nginx; the exit status says whether they all did. The
# instances' logs go to this script's standard output and error, in one stream.
#
# The database must hold the migrations' and demo's data already, or be empty (the instances
# migrate it). The keys folder comes from WAISHI_KEYS, as for `waishi serve`.
#
# CLUSTER_RESTART=1: an instance that dies is started again on its port (as a supervisor such
# as systemd's Restart=on-failure would), the line "cluster: instance N restarted" printed,
# instead of the cluster stopping. CLUSTER_PID_DIR=DIR: each instance's process id in
# DIR/instance-N.pid, rewritten at each restart (the crash test kills them by it).
#
# Examples:
#   scripts/with-postgres.sh bash -c 'scripts/cluster.sh build/release/waishi "$WAISHI_PG_URL" 3 8080'
#   (scripts/run-api-tests.sh with WAISHI_INSTANCES=3, and make cluster-demo, run it so.)
set -uo pipefail

if [ "$#" -lt 4 ]; then
  echo "usage: $0 WAISHI_BINARY POSTGRESQL_URL INSTANCES PORT [serve options...]" >&2
  exit 2
fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=$1 DB_URL=$2 INSTANCES=$3 PORT=$4
shift 4
case "$DB_URL" in postgresql://* | postgres://*) ;; *)
  echo "cluster: several instances need PostgreSQL (SQLite has one writer process)" >&2; exit 2 ;;
esac
[[ $INSTANCES =~ ^[1-9][0-9]*$ ]] || { echo "cluster: INSTANCES must be a positive number" >&2; exit 2; }
command -v nginx >/dev/null || { echo "cluster: nginx is not installed (scripts/install-deps.sh)" >&2; exit 2; }

TMP=$(mktemp -d /tmp/waishi-cluster.XXXXXX)
PIDS=()
NGINX_PID=""

port_free() { python3 -c 'import socket,sys; s=socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1])))' "$1" 2>/dev/null; }
status() {  # status URL: the HTTP status of a GET, 000 when nothing answers
  curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" 2>/dev/null || true
}

stop_all() {
  local rc=0 pid i
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for i in "${!PIDS[@]}"; do
    pid=${PIDS[$i]}
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "cluster: instance $((i + 1)) did not exit within 10 s of SIGTERM" >&2
      kill -KILL "$pid" 2>/dev/null; rc=1
    fi
    wait "$pid" 2>/dev/null
    local s=$?
    if [ "$s" != 0 ]; then echo "cluster: instance $((i + 1)) exited with $s" >&2; rc=1; fi
  done
  if [ -n "$NGINX_PID" ]; then
    kill -QUIT "$NGINX_PID" 2>/dev/null
    wait "$NGINX_PID" 2>/dev/null
  fi
  [ "${KEEP_TMP:-0}" = 1 ] || rm -rf "$TMP"
  return $rc
}
on_signal() { stop_all; exit $?; }
trap on_signal TERM INT

# The instances, on free ports above nginx's.
BACKENDS=()
p=$((PORT + 1))
# start_instance N: instance N (from 0) on its port; its process id in PIDS[N].
start_instance() {
  # In a session of their own: a Ctrl-C reaches this script, which stops them with SIGTERM.
  setsid "$BIN" serve --db "$DB_URL" --address 127.0.0.1 --port "${BACKENDS[$1]}" --trusted-proxy 127.0.0.1 "${SERVE_OPTIONS[@]}" &
  PIDS[$1]=$!
  if [ -n "${CLUSTER_PID_DIR:-}" ]; then echo "${PIDS[$1]}" >"$CLUSTER_PID_DIR/instance-$(($1 + 1)).pid"; fi
}
SERVE_OPTIONS=("$@")
for i in $(seq 1 "$INSTANCES"); do
  while ! port_free "$p"; do p=$((p + 1)); done
  BACKENDS+=("$p")
  start_instance $((i - 1))
  p=$((p + 1))
done

if [ "$(id -u)" -eq 0 ]; then USER_LINE="user root;"; else USER_LINE="# not root: nginx keeps the user it runs as"; fi
UPSTREAMS=""
for b in "${BACKENDS[@]}"; do UPSTREAMS+="    server 127.0.0.1:$b max_fails=0;\\n"; done
sed -e "s|@USER_LINE@|$USER_LINE|" -e "s|@PREFIX@|$TMP|g" -e "s|@PORT@|$PORT|" \
  -e "s|@UPSTREAMS@|$UPSTREAMS|" "$ROOT/deploy/nginx-cluster.conf.template" >"$TMP/nginx.conf"
nginx -t -q -e "$TMP/error.log" -c "$TMP/nginx.conf" -p "$TMP/" ||
  { echo "cluster: nginx refused its configuration" >&2; stop_all; exit 1; }
nginx -e "$TMP/error.log" -c "$TMP/nginx.conf" -p "$TMP/" &
NGINX_PID=$!

# Ready when every instance is, and nginx answers.
ready=0
for _ in $(seq 1 300); do
  all=1
  for i in "${!PIDS[@]}"; do
    if ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
      echo "cluster: instance $((i + 1)) died at start" >&2; stop_all; exit 1
    fi
    [ "$(status "http://127.0.0.1:${BACKENDS[$i]}/api/v1/health/ready")" = 200 ] || all=0
  done
  if ((all)) && [ "$(status "http://127.0.0.1:$PORT/api/v1/health/ready")" = 200 ]; then ready=1; break; fi
  sleep 0.1
done
if ((!ready)); then
  echo "cluster: not ready within 30 s" >&2; cat "$TMP/error.log" >&2; stop_all; exit 1
fi
INSTANCE_URLS=""
for b in "${BACKENDS[@]}"; do INSTANCE_URLS+="${INSTANCE_URLS:+ }http://127.0.0.1:$b"; done
echo "cluster: instances $INSTANCE_URLS"
echo "cluster: ready — nginx on http://127.0.0.1:$PORT in front of ${#PIDS[@]} instances (ports ${BACKENDS[*]}) on one PostgreSQL"

# In the foreground until told to stop; an instance that dies meanwhile is reported, and then
# started again (CLUSTER_RESTART=1) or the cluster stopped.
while :; do
  for i in "${!PIDS[@]}"; do
    if ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
      wait "${PIDS[$i]}" 2>/dev/null
      echo "cluster: instance $((i + 1)) died (exit $?)" >&2
      if [ "${CLUSTER_RESTART:-0}" != 1 ]; then stop_all; exit 1; fi
      start_instance "$i"
      echo "cluster: instance $((i + 1)) restarted" >&2
    fi
  done
  sleep "${CLUSTER_WATCH_S:-1}" &
  wait $!
done
