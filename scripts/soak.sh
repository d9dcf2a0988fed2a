#!/usr/bin/env bash
# Usage: scripts/soak.sh [WAISHI_BINARY]      (make soak; not part of make test)
#
# The soak (issue 13): the server holds many idle live views and a busy office for a long
# time, and shrugs off a client that floods it with connections or sends a byte a second.
#   1. A fresh SQLite database with the demo data (and the gazetteer when build/places.csv
#      exists), `waishi serve` on a free port with its default limits (--no-access-log).
#   2. bench/soak/soak.mjs prepare: the demo officer signs in and opens an incident.
#   3. The unloaded run: SOAK_BUSY (64) wrk connections for SOAK_BASELINE_S (10) seconds over
#      the officer's mix (bench/soak/busy.lua: a case read, GET /me, in turn), after a 3 s
#      warm-up: its p99 is the baseline.
#   4. SOAK_STREAMS (2,000) live views of the incident (Server-Sent Events) opened and held
#      idle, then the same busy clients for SOAK_S seconds (default 600), the server's VmRSS
#      and open file descriptors sampled every SOAK_SAMPLE_S (5) seconds. Memory "start" is
#      the sample a tenth into the run, at least 15 s in (the caches and pools warm), "end" the
#      last one: a run shorter than 30 s does not measure memory.
#   5. The live views closed: the file descriptors must come back to within 32 of their count
#      before the views opened, within 30 s (and so again after steps 6 and 7).
#   6. The flood: one client (127.0.0.10) opens SOAK_FLOOD (10,000) connections and holds them;
#      past the server's limit per address they must be refused at once (accepted and closed)
#      while GET /api/v1/health from 127.0.0.1 keeps answering, every time.
#   7. Slowloris: SOAK_SLOW (300) connections (127.0.0.11) send a request one header byte a
#      second: the server must cut each within its read timeout (20 s) + 5 s, serving others.
#   8. SIGTERM: the server must exit with 0.
# Prints the figures (connections, errors, p99, memory start/end, descriptors, the attacks)
# and exits 1 when one misses: any error or dropped view, p99 over 2x the baseline, memory
# over +/-10 %, descriptors not released, an attack not refused or others not served.
#
#   SOAK_S=60 scripts/soak.sh build/release/waishi     a one-minute form
#   KEEP_TMP=1                                          keep the folder (server log, samples)
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$ROOT/build/release/waishi}
case "$BIN" in /*) ;; *) BIN="$PWD/$BIN" ;; esac
[ -x "$BIN" ] || { echo "soak: $BIN is not an executable (make build-server)" >&2; exit 2; }
for tool in wrk node; do
  command -v "$tool" >/dev/null || { echo "soak: $tool is missing (bash scripts/install-deps.sh)" >&2; exit 2; }
done

SOAK_S=${SOAK_S:-600}
SOAK_STREAMS=${SOAK_STREAMS:-2000}
SOAK_BUSY=${SOAK_BUSY:-64}
SOAK_BASELINE_S=${SOAK_BASELINE_S:-10}
SOAK_SAMPLE_S=${SOAK_SAMPLE_S:-5}
SOAK_FLOOD=${SOAK_FLOOD:-10000}
SOAK_SLOW=${SOAK_SLOW:-300}
READ_TIMEOUT_S=20  # the server's default --read-timeout
export WAISHI_DEMO_PASSWORD=${WAISHI_DEMO_PASSWORD:-demo-Passw0rd}
# The clients hold thousands of sockets: as many files as the system lets us.
ulimit -n "$(ulimit -Hn)" 2>/dev/null
if (($(ulimit -n) < SOAK_FLOOD + 512)); then
  echo "soak: the clients may open $(ulimit -n) files, the flood needs $((SOAK_FLOOD + 512)) (raise the hard limit)" >&2
  exit 2
fi

TMP=$(mktemp -d /tmp/waishi-soak.XXXXXX)
LOG=$TMP/server.log
SERVER_PID="" STREAMS_PID="" WRK_PID="" SAMPLER_PID=""
cleanup() {
  for pid in "$WRK_PID" "$SAMPLER_PID" "$STREAMS_PID" "$SERVER_PID"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null
      wait "$pid" 2>/dev/null
    fi
  done
  if [ "${KEEP_TMP:-0}" = 1 ]; then echo "soak: kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
say() { echo "soak: $*"; }
die() { echo "soak: ERROR: $*" >&2; [ -s "$LOG" ] && tail -n 20 "$LOG" >&2; exit 1; }

# A private copy: a rebuild during the run cannot change the binary under the test.
cp "$BIN" "$TMP/waishi" || die "cannot copy $BIN"
BIN=$TMP/waishi

# --- 1. the server ------------------------------------------------------------------------------
port_free() { python3 -c 'import socket,sys; s=socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1])))' "$1" 2>/dev/null; }
PORT=""
start=$((20000 + RANDOM % 10000))
for p in $(seq "$start" $((start + 200))); do
  if port_free "$p"; then PORT=$p; break; fi
done
[ -n "$PORT" ] || die "no free port"
URL=http://127.0.0.1:$PORT
DB=sqlite:$TMP/waishi.db
export WAISHI_KEYS=$TMP/keys
"$BIN" keys init >/dev/null || die "waishi keys init failed"
if [ -f "$ROOT/build/places.csv" ]; then
  "$BIN" places load --db "$DB" "$ROOT/build/places.csv" >"$TMP/places.log" 2>&1 || die "waishi places load failed"
fi
"$BIN" demo --db "$DB" >"$TMP/demo.log" 2>&1 || { tail -n 20 "$TMP/demo.log" >&2; die "waishi demo failed"; }
"$BIN" serve --db "$DB" --port "$PORT" --address 127.0.0.1 --no-access-log >"$LOG" 2>&1 &
SERVER_PID=$!
for _ in $(seq 300); do
  kill -0 "$SERVER_PID" 2>/dev/null || die "the server exited at start-up"
  curl -sf -o /dev/null "$URL/api/v1/health" && break
  sleep 0.1
done
curl -sf -o /dev/null "$URL/api/v1/health" || die "the server did not answer within 30 s"
say "server pid $SERVER_PID on $URL; $SOAK_STREAMS live views, $SOAK_BUSY busy clients, ${SOAK_S} s; $(nproc) cores"
if pgrep -x cc1plus >/dev/null; then say "WARNING: a compiler is running: the latencies will be noisy"; fi

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$SERVER_PID/status"; }
fds() { find "/proc/$SERVER_PID/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l; }
alive() { kill -0 "$SERVER_PID" 2>/dev/null; }

# --- 2. the officer and the incident --------------------------------------------------------------
node "$ROOT/bench/soak/soak.mjs" prepare "$URL" "$TMP/client" >"$TMP/prepare.out" || die "soak.mjs prepare failed"
COOKIE=$(cat "$TMP/client/cookie")

# busy SECONDS OUT: the busy clients for SECONDS, their BENCH_JSON line in OUT (in the background
# with &: WRK_PID is then the caller's to set).
busy() {
  BENCH_LUA_DIR=$ROOT/bench wrk -t2 -c"$SOAK_BUSY" -d"${1}s" --timeout 5s -s "$ROOT/bench/soak/busy.lua" \
    -H "Cookie: $COOKIE" "$URL/" -- "$TMP/client/paths.txt" >"$2" 2>&1
}
figure() { grep '^BENCH_JSON ' "$1" | tail -1 | cut -d' ' -f2- | node -e '
  const j = JSON.parse(require("fs").readFileSync(0, "utf8")); process.stdout.write(String(eval(process.argv[1])))' "$2"; }

# --- 3. the unloaded run ---------------------------------------------------------------------------
busy 3 "$TMP/warmup.out"
busy "$SOAK_BASELINE_S" "$TMP/baseline.out"
grep -q '^BENCH_JSON ' "$TMP/baseline.out" || { cat "$TMP/baseline.out" >&2; die "the unloaded run failed"; }
BASE_P99=$(figure "$TMP/baseline.out" 'j.p99_ms')
BASE_RPS=$(figure "$TMP/baseline.out" 'j.rps')
BASE_ERRORS=$(figure "$TMP/baseline.out" 'j.non2xx + j.socket_errors + j.timeouts')
say "unloaded: $BASE_RPS req/s, p99 $BASE_P99 ms, $BASE_ERRORS errors"

# --- 4. the live views and the long run --------------------------------------------------------------
sleep 2
FDS_BEFORE=$(fds)
node "$ROOT/bench/soak/soak.mjs" streams "$URL" "$TMP/client" "$SOAK_STREAMS" >"$TMP/streams.out" 2>&1 &
STREAMS_PID=$!
for _ in $(seq 1200); do
  grep -q '^SOAK_STREAMS_OPEN ' "$TMP/streams.out" && break
  kill -0 "$STREAMS_PID" 2>/dev/null || break
  sleep 0.1
done
OPEN_LINE=$(grep '^SOAK_STREAMS_OPEN ' "$TMP/streams.out" | cut -d' ' -f2-)
[ -n "$OPEN_LINE" ] || { cat "$TMP/streams.out" >&2; die "the live views did not open within 120 s"; }
STREAMS_OPEN=$(node -p "JSON.parse(process.argv[1]).opened" "$OPEN_LINE")
FDS_WITH=$(fds)
say "live views: $OPEN_LINE; server descriptors $FDS_BEFORE before, $FDS_WITH with them"

SAMPLES=$TMP/samples.txt
(
  t0=$SECONDS
  while alive; do
    echo "$((SECONDS - t0)) $(rss_kb) $(fds)"
    sleep "$SOAK_SAMPLE_S"
  done
) >"$SAMPLES" &
SAMPLER_PID=$!
busy "$SOAK_S" "$TMP/soak.out" &
WRK_PID=$!
wait "$WRK_PID"
WRK_PID=""
kill "$SAMPLER_PID" 2>/dev/null
wait "$SAMPLER_PID" 2>/dev/null
SAMPLER_PID=""
echo "$SOAK_S $(rss_kb) $(fds)" >>"$SAMPLES"
alive || die "the server died during the soak"
grep -q '^BENCH_JSON ' "$TMP/soak.out" || { cat "$TMP/soak.out" >&2; die "the busy clients failed"; }
LOAD_P99=$(figure "$TMP/soak.out" 'j.p99_ms')
LOAD_RPS=$(figure "$TMP/soak.out" 'j.rps')
LOAD_REQUESTS=$(figure "$TMP/soak.out" 'j.requests')
LOAD_ERRORS=$(figure "$TMP/soak.out" 'j.non2xx + j.socket_errors + j.timeouts')
# Memory: the sample a tenth into the run, at least 15 s in (the server's memory grows for about
# 10 s under the load, its caches and pools filling, then holds), and the last.
WARM_S=$((SOAK_S / 10))
((WARM_S < 15 && SOAK_S >= 30)) && WARM_S=15
read -r MEM_START MEM_END FDS_PEAK < <(awk -v warm="$WARM_S" '
  $1 >= warm && start == "" {start = $2} {end = $2; if ($3 > peak) peak = $3}
  END {print start, end, peak}' "$SAMPLES")

# --- 5. the live views leave -------------------------------------------------------------------------
kill -TERM "$STREAMS_PID"
wait "$STREAMS_PID"
STREAMS_PID=""
STREAMS_LINE=$(grep '^SOAK_JSON ' "$TMP/streams.out" | cut -d' ' -f2-)
[ -n "$STREAMS_LINE" ] || { cat "$TMP/streams.out" >&2; die "the live views' client gave no figures"; }
stream_figure() { node -p "const j = JSON.parse(process.argv[1]); $1" "$STREAMS_LINE"; }
STREAMS_FAILED=$(stream_figure 'j.failed')
STREAMS_DROPPED=$(stream_figure 'j.dropped')
FDS_AFTER=$(fds)
for _ in $(seq 60); do
  ((FDS_AFTER <= FDS_BEFORE + 32)) && break
  sleep 0.5
  FDS_AFTER=$(fds)
done

# --- 6. the flood, 7. slowloris ------------------------------------------------------------------------
node "$ROOT/bench/soak/soak.mjs" flood "$URL" "$SOAK_FLOOD" 127.0.0.10 >"$TMP/flood.out" 2>&1
FLOOD_LINE=$(grep '^SOAK_JSON ' "$TMP/flood.out" | cut -d' ' -f2-)
[ -n "$FLOOD_LINE" ] || { cat "$TMP/flood.out" >&2; die "the flood gave no figures"; }
alive || die "the server died during the flood"
node "$ROOT/bench/soak/soak.mjs" slowloris "$URL" "$SOAK_SLOW" 127.0.0.11 $((READ_TIMEOUT_S + 15)) >"$TMP/slow.out" 2>&1
SLOW_LINE=$(grep '^SOAK_JSON ' "$TMP/slow.out" | cut -d' ' -f2-)
[ -n "$SLOW_LINE" ] || { cat "$TMP/slow.out" >&2; die "slowloris gave no figures"; }
alive || die "the server died during slowloris"
# The attackers' connections are gone too.
FDS_END=$(fds)
for _ in $(seq 60); do
  ((FDS_END <= FDS_BEFORE + 32)) && break
  sleep 0.5
  FDS_END=$(fds)
done

# --- 8. SIGTERM ----------------------------------------------------------------------------------------
kill -TERM "$SERVER_PID"
wait "$SERVER_PID"
SERVER_RC=$?
SERVER_PID=""

# --- the figures -----------------------------------------------------------------------------------------
node - "$TMP" <<EOF
const dir = process.argv[2];
const f = {
  soak_s: $SOAK_S, streams: $SOAK_STREAMS, streams_open: $STREAMS_OPEN, busy: $SOAK_BUSY,
  streams_failed: $STREAMS_FAILED, streams_dropped: $STREAMS_DROPPED,
  base_p99: $BASE_P99, base_rps: $BASE_RPS, base_errors: $BASE_ERRORS,
  load_p99: $LOAD_P99, load_rps: $LOAD_RPS, load_requests: $LOAD_REQUESTS, load_errors: $LOAD_ERRORS,
  mem_start_kb: ${MEM_START:-0}, mem_end_kb: ${MEM_END:-0},
  fds_before: $FDS_BEFORE, fds_with: $FDS_WITH, fds_peak: ${FDS_PEAK:-0}, fds_after: $FDS_AFTER, fds_end: $FDS_END,
  flood: $FLOOD_LINE, slow: $SLOW_LINE, server_rc: $SERVER_RC, read_timeout_s: $READ_TIMEOUT_S,
};
const mb = (kb) => (kb / 1024).toFixed(1);
const memChange = f.mem_start_kb ? (100 * (f.mem_end_kb - f.mem_start_kb)) / f.mem_start_kb : NaN;
const ratio = f.load_p99 / f.base_p99;
const rows = [
  ['connections', \`\${f.streams_open}/\${f.streams} live views held \${f.soak_s} s + \${f.busy} busy\`,
    f.streams_open === f.streams],
  ['errors', \`\${f.load_errors} of \${f.load_requests} requests, \${f.streams_failed} views refused, \${f.streams_dropped} dropped\`,
    f.load_errors === 0 && f.base_errors === 0 && f.streams_failed === 0 && f.streams_dropped === 0],
  ['p99', \`\${f.load_p99.toFixed(1)} ms loaded vs \${f.base_p99.toFixed(1)} ms unloaded (\${ratio.toFixed(2)}x; \${f.load_rps.toFixed(0)} vs \${f.base_rps.toFixed(0)} req/s)\`,
    ratio <= 2],
  ['memory', \`\${mb(f.mem_start_kb)} MB start, \${mb(f.mem_end_kb)} MB end (\${memChange >= 0 ? '+' : ''}\${memChange.toFixed(1)} %)\`,
    Math.abs(memChange) <= 10],
  ['descriptors', \`\${f.fds_before} before the views, \${f.fds_with} with them (peak \${f.fds_peak}), \${f.fds_after} after, \${f.fds_end} after the attacks\`,
    f.fds_after <= f.fds_before + 32 && f.fds_end <= f.fds_before + 32],
  ['flood', \`\${f.flood.attempted} opened: \${f.flood.held} held, \${f.flood.refused} refused (closed within \${f.flood.refusal_max_ms} ms), \${f.flood.connect_failed} not connected; health \${f.flood.probes - f.flood.probe_failures}/\${f.flood.probes} ok, slowest \${f.flood.probe_max_ms} ms\`,
    f.flood.refused > 0 && f.flood.probes > 0 && f.flood.probe_failures === 0],
  ['slowloris', \`\${f.slow.cut_by_server}/\${f.slow.connections} cut by the server, the last after \${f.slow.max_cut_s} s (limit \${f.read_timeout_s} s); health \${f.slow.probes - f.slow.probe_failures}/\${f.slow.probes} ok, slowest \${f.slow.probe_max_ms} ms\`,
    f.slow.cut_by_server === f.slow.connections && f.slow.max_cut_s <= f.read_timeout_s + 5 && f.slow.probes > 0 && f.slow.probe_failures === 0],
  ['shutdown', \`SIGTERM: exit \${f.server_rc}\`, f.server_rc === 0],
];
let ok = true;
for (const [name, text, pass] of rows) {
  ok &&= pass;
  console.log(\`soak: \${name.padEnd(12)} \${pass ? 'ok  ' : 'MISS'} \${text}\`);
}
require('fs').writeFileSync(dir + '/figures.json', JSON.stringify(f, null, 1));
console.log(\`soak: \${ok ? 'passed' : 'FAILED'}\`);
process.exit(ok ? 0 : 1);
EOF
