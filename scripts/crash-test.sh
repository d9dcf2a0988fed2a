#!/usr/bin/env bash
# Usage: scripts/crash-test.sh WAISHI_BINARY [ROUNDS] [ENGINES]
#
# The crash durability test (issue 13): no write the server acknowledged is lost when it is
# killed. ROUNDS (default 10) rounds on each of ENGINES (default sqlite,postgresql,cluster; comma
# separated; `cluster`: PostgreSQL through nginx in front of two instances), the engines side by
# side. For each engine:
#   1. A fresh database: SQLite in a temporary folder, PostgreSQL from scripts/with-postgres.sh
#      with synchronous_commit on for the database `waishi` (the throwaway cluster turns it off;
#      a commit must reach the WAL before it is acknowledged, or killing PostgreSQL loses it —
#      fsync and full_page_writes stay off: killing processes does not drop the kernel's page
#      cache). The audit key, the gazetteer (build/places.csv when present), the demo data
#      (password $WAISHI_DEMO_PASSWORD), then `waishi serve`.
#   2. Each round: tests/crash/crash.mjs drives creates, uploads, comments and transitions at
#      full speed; 1 to 4 s in (drawn at random; CRASH_KILL_MS=MIN-MAX changes it) the server
#      gets SIGKILL. In the middle round on PostgreSQL, PostgreSQL itself is killed first (the
#      postmaster and all its processes, SIGKILL), started again (crash recovery), and the
#      server must serve again without a restart within 5 s; then the server is killed too.
#      Then, before the restart: SQLite `PRAGMA integrity_check` (PostgreSQL: amcheck's
#      bt_index_check on every index), nothing half-written (tests/crash/half-written.sql: no
#      case without its history events and audit entries) and `waishi audit verify`. The server
#      starts again and crash.mjs verify re-reads every write acknowledged in the round.
#   3. After the last round every round's writes are verified again, the server must stop on
#      SIGTERM with 0, and the checks of step 2 run once more.
# `cluster`: the same on PostgreSQL, but the client drives nginx in front of two instances
# (scripts/cluster.sh, which starts a killed instance again) for a fixed time (--seconds), and
# each round one instance (the first, then the second, …) is killed mid-request: its requests in
# flight are answered 502 by nginx, the other instance serves on, and every write acknowledged
# through nginx must be there, read back through nginx once the killed one is back.
# Prints per round the engine, the round, the acknowledged writes by kind and the lost ones;
# at the end per engine and in total: rounds, acknowledged, lost. Exits 1 when a round did not
# run, a write is lost or any check failed.
#
# Examples:
#   scripts/crash-test.sh build/release/waishi            # make crash-test: 10 + 10 rounds
#   scripts/crash-test.sh build/asan/waishi 3             # the short form of make test
#   scripts/crash-test.sh build/release/waishi 2 sqlite
#   scripts/crash-test.sh build/release/waishi 4 cluster
set -uo pipefail

if [ "$#" -lt 1 ]; then
  echo "usage: $0 WAISHI_BINARY [ROUNDS] [ENGINES]" >&2
  exit 2
fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SELF="$ROOT/scripts/crash-test.sh"
BIN=$1
ROUNDS=${2:-10}
ENGINES=${3:-sqlite,postgresql,cluster}
case "$BIN" in /*) ;; *) BIN="$PWD/$BIN" ;; esac
if [ ! -x "$BIN" ]; then
  echo "crash-test: $BIN is not an executable" >&2
  exit 2
fi
# shellcheck source=scripts/test-env.sh
source "$ROOT/scripts/test-env.sh"

# ---------------------------------------------------------------------------------------------
# The whole test: each engine in a process of its own, then the figures.
# ---------------------------------------------------------------------------------------------
if [ -z "${CRASH_ENGINE:-}" ]; then
  SUMMARY=$(mktemp /tmp/waishi-crash-summary.XXXXXX)
  LOGS=$(mktemp -d /tmp/waishi-crash-logs.XXXXXX)
  trap 'rm -rf "$SUMMARY" "$LOGS"' EXIT
  START=$SECONDS
  FAILED=0
  # The engines side by side, each with its own server and database (PostgreSQL: a cluster of
  # its own): one engine's rounds wait on its server's restarts and checks more than they
  # compute. Each engine's output is printed whole, in the order given, once all are done.
  for engine in ${ENGINES//,/ }; do
    case "$engine" in
      sqlite | postgresql | cluster) ;;
      *) echo "crash-test: unknown engine '$engine' (sqlite, postgresql, cluster)" >&2; exit 2 ;;
    esac
  done
  PIDS=()
  # Background jobs ignore SIGINT: an interrupted run stops its engines itself, each engine's
  # script and its scripts/with-postgres.sh (which waits for it), and each cleans up.
  stop_engines() {
    local pid
    for pid in "${PIDS[@]}"; do pkill -TERM -P "$pid"; kill -TERM "$pid"; done 2>/dev/null
    wait
  }
  trap 'stop_engines; exit 130' INT
  trap 'stop_engines; exit 143' TERM
  for engine in ${ENGINES//,/ }; do
    if [ "$engine" = sqlite ]; then
      CRASH_ENGINE=sqlite CRASH_SUMMARY=$SUMMARY bash "$SELF" "$BIN" "$ROUNDS" >"$LOGS/$engine" 2>&1 &
    else
      CRASH_ENGINE=$engine CRASH_SUMMARY=$SUMMARY \
        "$ROOT/scripts/with-postgres.sh" bash "$SELF" "$BIN" "$ROUNDS" >"$LOGS/$engine" 2>&1 &
    fi
    PIDS+=($!)
  done
  i=0
  for engine in ${ENGINES//,/ }; do
    wait "${PIDS[$i]}" || FAILED=1
    cat "$LOGS/$engine"
    i=$((i + 1))
  done
  # The figures: per engine its rounds and writes, then the total; a missing figure fails.
  node - "$SUMMARY" "$ROUNDS" "$ENGINES" "$((SECONDS - START))" <<'EOF' || FAILED=1
const fs = require('node:fs');
const [file, rounds, engines, seconds] = process.argv.slice(2);
const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
let ok = true, allRounds = 0, allAcked = 0, allLost = 0;
for (const engine of engines.split(',')) {
  const done = lines.find((l) => l.engine === engine && l.rounds !== undefined);
  const writes = lines.find((l) => l.label === engine);
  if (!done || !writes) {
    console.log(`crash-test: ${engine}: no figures (the run stopped early)`);
    ok = false;
    continue;
  }
  const kinds = Object.entries(writes.acknowledged).map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(`crash-test: ${engine}: ${done.rounds}/${rounds} rounds, acknowledged ${writes.total} `
    + `(${kinds}), lost ${writes.lost}, failed checks ${done.failures + writes.problems}`);
  ok &&= done.rounds === Number(rounds) && done.failures === 0 && writes.lost === 0 && writes.problems === 0;
  allRounds += done.rounds;
  allAcked += writes.total;
  allLost += writes.lost;
}
console.log(`crash-test: ${allRounds} rounds, ${allAcked} writes acknowledged, lost ${allLost}: `
  + `${ok ? 'passed' : 'FAILED'} (${seconds} s)`);
process.exit(ok ? 0 : 1);
EOF
  exit "$FAILED"
fi

# ---------------------------------------------------------------------------------------------
# One engine ($CRASH_ENGINE); on PostgreSQL inside scripts/with-postgres.sh.
# ---------------------------------------------------------------------------------------------
ENGINE=$CRASH_ENGINE
TMP=$(mktemp -d /tmp/waishi-crash.XXXXXX)
LOG="$TMP/server.log"
SERVER_PID=""
LOAD_PID=""
FAILURES=0
ROUNDS_DONE=0

cleanup() {
  # scripts/cluster.sh stops its instances (each in a session of its own) on SIGTERM.
  if [ "$ENGINE" = cluster ] && [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
  fi
  for pid in "$LOAD_PID" "$SERVER_PID"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null
      wait "$pid" 2>/dev/null
    fi
  done
  if [ "${KEEP_TMP:-0}" != "1" ]; then rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fail() {
  echo "crash-test ($ENGINE): $*" >&2
  FAILURES=$((FAILURES + 1))
}

show_log() {
  echo "----- server log (last 40 lines) -----" >&2
  tail -n 40 "$LOG" >&2
  echo "----- end of server log -----" >&2
}

# A private copy, so that a rebuild during the run cannot change the binary under the test.
cp "$BIN" "$TMP/waishi" || { echo "crash-test: cannot copy $BIN" >&2; exit 2; }
BIN="$TMP/waishi"

case "$ENGINE" in
  sqlite) DB_URL="sqlite:$TMP/waishi.db" ;;
  postgresql | cluster)
    if [ -z "${WAISHI_PG_URL:-}" ] || [ -z "${WAISHI_PG_DIR:-}" ]; then
      echo "crash-test: PostgreSQL runs inside scripts/with-postgres.sh (WAISHI_PG_URL, WAISHI_PG_DIR)" >&2
      exit 2
    fi
    DB_URL=$WAISHI_PG_URL
    PG_PORT=${DB_URL##*:}
    PG_PORT=${PG_PORT%%/*}
    PG_CLUSTER_WHO=crash-test
    # shellcheck source=scripts/postgres-cluster.sh
    source "$ROOT/scripts/postgres-cluster.sh"
    psql_q() { "$PG_BIN/psql" -X -q -At -F ' ' -v ON_ERROR_STOP=1 "$DB_URL" "$@"; }
    ;;
  *) echo "crash-test: unknown engine '$ENGINE'" >&2; exit 2 ;;
esac

export WAISHI_KEYS="$TMP/keys"
"$BIN" keys init >/dev/null || { echo "crash-test: waishi keys init failed" >&2; exit 1; }
if [ -f "$ROOT/build/places.csv" ]; then
  "$BIN" places load --db "$DB_URL" "$ROOT/build/places.csv" >"$TMP/places.log" 2>&1 ||
    { echo "crash-test: waishi places load failed:" >&2; cat "$TMP/places.log" >&2; exit 1; }
fi
"$BIN" demo --db "$DB_URL" >"$TMP/demo.log" 2>&1 ||
  { echo "crash-test: waishi demo failed:" >&2; tail -n 40 "$TMP/demo.log" >&2; exit 1; }
if [ "$ENGINE" != sqlite ]; then
  psql_q -c "ALTER DATABASE waishi SET synchronous_commit = on" -c "CREATE EXTENSION IF NOT EXISTS amcheck" ||
    { echo "crash-test: cannot set up PostgreSQL" >&2; exit 1; }
fi

port_free() { python3 -c 'import socket,sys; s=socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1])))' "$1" 2>/dev/null; }

# Starts the server on a free port ($URL) and waits until it is ready.
start_server() {
  local start p ready=0
  PORT=""
  # Each engine in a range of its own (they run side by side): 20080, 21080, 22080 and up.
  case "$ENGINE" in sqlite) start=20080 ;; postgresql) start=21080 ;; cluster) start=22080 ;; esac
  start=$((start + RANDOM % 800))
  for p in $(seq "$start" $((start + 200))); do
    if port_free "$p"; then PORT=$p; break; fi
  done
  [ -n "$PORT" ] || { echo "crash-test: no free port" >&2; return 1; }
  URL="http://127.0.0.1:$PORT"
  if [ "$ENGINE" = cluster ]; then
    # nginx on $PORT, the instances above it; a killed instance started again at once.
    echo "== cluster: nginx on port $PORT, 2 instances" >>"$LOG"
    mkdir -p "$TMP/pids"
    CLUSTER_RESTART=1 CLUSTER_PID_DIR="$TMP/pids" CLUSTER_WATCH_S=0.2 \
      "$ROOT/scripts/cluster.sh" "$BIN" "$DB_URL" 2 "$PORT" --no-access-log >>"$LOG" 2>&1 &
  else
    echo "== serve on port $PORT" >>"$LOG"
    "$BIN" serve --db "$DB_URL" --port "$PORT" --no-access-log >>"$LOG" 2>&1 &
  fi
  SERVER_PID=$!
  for _ in $(seq 1 300); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then break; fi
    if ready "$URL"; then ready=1; break; fi
    sleep 0.1
  done
  if [ "$ready" != 1 ]; then
    echo "crash-test: the server did not become ready within 30 s" >&2
    show_log
    return 1
  fi
}

ready() {
  node -e "fetch('$1/api/v1/health/ready').then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))" 2>/dev/null
}

# SIGKILL; a server that had already died by itself fails the round (prints how).
kill_server() {
  local rc
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -KILL "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
  else
    wait "$SERVER_PID" 2>/dev/null
    rc=$?
    if ((rc > 128)); then rc="signal $(kill -l $((rc - 128)))"; else rc="exit $rc"; fi
    fail "$LABEL: the server had died by itself before the kill ($rc)"
    tail -n 5 "$LOG" >&2
  fi
  SERVER_PID=""
}

# PostgreSQL dies as a whole: the postmaster and every process of it at once (SIGKILL), then
# starts again as scripts/with-postgres.sh started it, recovering from its WAL.
kill_postgres() {
  local pid kids
  pid=$(pg_cluster_pid "$WAISHI_PG_DIR")
  [ -n "$pid" ] || { fail "PostgreSQL's postmaster.pid is missing"; return 1; }
  kids=$(pgrep -P "$pid" | tr '\n' ' ')
  # shellcheck disable=SC2086
  kill -KILL "$pid" $kids
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
}

# As scripts/with-postgres.sh starts it (pg_ctl's word on the stale postmaster.pid aside).
restart_postgres() {
  pg_cluster_start "$WAISHI_PG_DIR" "$PG_PORT" -c fsync=off -c synchronous_commit=off \
    -c full_page_writes=off -c max_connections=200 2>"$TMP/pg-restart.log" ||
    { cat "$TMP/pg-restart.log" >&2; return 1; }
}

# cluster: instance N killed (SIGKILL) mid-request, after DELAY_MS of load; sets HOW.
kill_instance() {
  INSTANCE=$1
  local pid
  pid=$(cat "$TMP/pids/instance-$INSTANCE.pid" 2>/dev/null)
  if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
    fail "$LABEL: instance $INSTANCE was not running before the kill"
    return 1
  fi
  kill -KILL "$pid"
  HOW="instance $INSTANCE of 2 killed (SIGKILL) after $DELAY_MS ms of load through nginx"
}

# cluster: instance N started again by scripts/cluster.sh and serving within 30 s.
instance_back() {
  for _ in $(seq 1 300); do
    if [ "$(grep -c "cluster: instance $1 restarted" "$LOG")" -ge "$((RESTARTS[$1] + 1))" ] && ready "$URL"; then
      RESTARTS[$1]=$((RESTARTS[$1] + 1))
      return 0
    fi
    sleep 0.1
  done
  fail "$LABEL: instance $1 was not started again within 30 s"
  return 1
}
RESTARTS=(0 0 0)

# The database's own checks, the half-written cases and the audit chain; prints a summary.
check_database() {
  local what=$1 out integrity
  if [ "$ENGINE" = sqlite ]; then
    integrity=$(sqlite3 "${DB_URL#sqlite:}" 'PRAGMA integrity_check' 2>&1)
    if [ "$integrity" = ok ]; then integrity="integrity_check ok"
    else fail "$what: PRAGMA integrity_check: $integrity"; integrity="integrity_check FAILED"; fi
    out=$(sqlite3 "${DB_URL#sqlite:}" <"$ROOT/tests/crash/half-written.sql" 2>&1)
  else
    # One line per index checked; an error stops psql.
    if integrity=$(psql_q -c "SELECT c.relname, bt_index_check(c.oid) FROM pg_index i
                                JOIN pg_class c ON c.oid = i.indexrelid
                                JOIN pg_am a ON a.oid = c.relam
                                JOIN pg_namespace n ON n.oid = c.relnamespace
                               WHERE a.amname = 'btree' AND n.nspname = 'public'" 2>&1); then
      integrity="amcheck ok ($(printf '%s\n' "$integrity" | grep -c .) indexes)"
    else
      fail "$what: amcheck: $integrity"
      integrity="amcheck FAILED"
    fi
    out=$(psql_q -f "$ROOT/tests/crash/half-written.sql" 2>&1)
  fi
  local half=0
  if [ -n "$out" ]; then
    half=$(printf '%s\n' "$out" | wc -l)
    fail "$what: half-written cases (case id, problem):"
    printf '%s\n' "$out" | head -n 20 >&2
  fi
  local audit
  if audit=$("$BIN" audit verify --db "$DB_URL" 2>&1); then audit="audit verify ok"
  else fail "$what: waishi audit verify: $audit"; audit="audit verify FAILED"; fi
  echo "  $integrity; half-written $half; $audit"
}

start_server || exit 1
echo "== crash-test: $ENGINE, $ROUNDS rounds, $(basename "$(dirname "$1")")/$(basename "$1") (set up in $SECONDS s)"
KILL_MS=${CRASH_KILL_MS:-1000-4000}
KILL_MIN=${KILL_MS%-*}
KILL_MAX=${KILL_MS#*-}
PG_KILL_ROUND=$(((ROUNDS + 1) / 2))
JOURNALS=()
for round in $(seq 1 "$ROUNDS"); do
  LABEL="$ENGINE round $round/$ROUNDS"
  JOURNAL="$TMP/round-$round.json"
  LOAD_FOR=()
  # Through nginx the client runs its time out: the kill comes within it.
  [ "$ENGINE" = cluster ] && LOAD_FOR=(--seconds $(((KILL_MAX + 999) / 1000 + 2)))
  node "$ROOT/tests/crash/crash.mjs" load --url "$URL" --journal "$JOURNAL" "${LOAD_FOR[@]}" 2>"$TMP/load.log" &
  LOAD_PID=$!
  for _ in $(seq 1 300); do
    [ -f "$JOURNAL.started" ] && break
    kill -0 "$LOAD_PID" 2>/dev/null || break
    sleep 0.05
  done
  if [ ! -f "$JOURNAL.started" ]; then
    fail "$LABEL: the client did not start:"
    cat "$TMP/load.log" >&2
    break
  fi
  DELAY_MS=$((KILL_MIN + (RANDOM * 32768 + RANDOM) % (KILL_MAX - KILL_MIN + 1)))
  sleep "$(printf '%d.%03d' $((DELAY_MS / 1000)) $((DELAY_MS % 1000)))"
  HOW="the server killed (SIGKILL) after $DELAY_MS ms of load"
  if [ "$ENGINE" = postgresql ] && [ "$round" = "$PG_KILL_ROUND" ]; then
    kill_postgres
    sleep 0.5
    restart_postgres || { fail "$LABEL: PostgreSQL did not start again"; break; }
    back="no"
    for _ in $(seq 1 50); do
      if ready "$URL"; then back="yes"; break; fi
      sleep 0.1
    done
    HOW="PostgreSQL killed (SIGKILL) after $DELAY_MS ms of load and started again (the server ready again without a restart within 5 s: $back), then the server killed"
    # The server replaces its broken connections (db::Database::Lease, the writer).
    [ "$back" = yes ] || fail "$LABEL: the server did not serve again within 5 s of PostgreSQL's restart"
  fi
  if [ "$ENGINE" = cluster ]; then
    kill_instance $((round % 2 == 1 ? 1 : 2)) || break
  else
    kill_server
  fi
  wait "$LOAD_PID"
  LOAD_RC=$?
  LOAD_PID=""
  echo "-- $LABEL: $HOW; $(grep '^load: ' "$TMP/load.log" | sed 's/^load: //')"
  if [ "$LOAD_RC" != 0 ]; then
    fail "$LABEL: the client failed (exit $LOAD_RC):"
    cat "$TMP/load.log" >&2
    [ -f "$JOURNAL" ] || break
  fi
  grep '^  refused' "$TMP/load.log" || true
  JOURNALS+=("$JOURNAL")
  check_database "$LABEL"
  if [ "$ENGINE" != cluster ]; then
    start_server || { fail "$LABEL: the server did not start again"; break; }
  else
    instance_back "$INSTANCE" || break
  fi
  node "$ROOT/tests/crash/crash.mjs" verify --url "$URL" --label "  $LABEL" "$JOURNAL" ||
    fail "$LABEL: acknowledged writes lost or changed"
  ROUNDS_DONE=$((ROUNDS_DONE + 1))
done

# Every round's writes once more, after the later crashes; a clean stop; the checks again.
if [ "${#JOURNALS[@]}" -gt 0 ] && [ -n "$SERVER_PID" ]; then
  node "$ROOT/tests/crash/crash.mjs" verify --url "$URL" --label "$ENGINE" \
    --summary "${CRASH_SUMMARY:-/dev/null}" "${JOURNALS[@]}" || fail "acknowledged writes lost or changed"
fi
if [ -n "$SERVER_PID" ]; then
  kill -TERM "$SERVER_PID"
  stopped=0
  for _ in $(seq 1 100); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then stopped=1; break; fi
    sleep 0.1
  done
  if [ "$stopped" = 1 ]; then
    wait "$SERVER_PID"
    rc=$?
    [ "$rc" = 0 ] || fail "the server exited with $rc after SIGTERM (expected 0)"
    SERVER_PID=""
  else
    fail "the server did not stop within 10 s of SIGTERM"
  fi
  echo "-- $ENGINE: after the last round and a clean stop:"
  check_database "$ENGINE, at the end"
fi
if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$LOG"; then
  fail "sanitizer reports in the server log:"
  grep -nE -A5 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$LOG" | head -n 40 >&2
fi
[ "$FAILURES" = 0 ] || show_log
echo "{\"engine\":\"$ENGINE\",\"rounds\":$ROUNDS_DONE,\"failures\":$FAILURES}" >>"${CRASH_SUMMARY:-/dev/null}"
[ "$FAILURES" = 0 ]
