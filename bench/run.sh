#!/usr/bin/env bash
# The Waishi benchmark (make bench): see bench/README.md.
#
#   bash bench/run.sh [--fresh]
#
#   --fresh             regenerate the cached database bench/results/bench-$CASES.db
#   CASES=1000000       cases in the synthetic database
#   WORKERS=            waishi serve --workers (unset: the server's default)
#   IO_THREADS=         waishi serve --io-threads (unset: the server's default)
#   DURATION=10         seconds measured per figure, after a WARMUP=2 s run
#   CONNECTIONS=64      wrk connections (SEARCH_CONNECTIONS=8 for the searches), THREADS=2
#   NGINX_WORKERS=auto  nginx worker_processes
#   KEEP_WORK=1         keep the temporary folder (database copy, logs) for a look afterwards
#   WAISHI_BIN=         another binary (default build/release/waishi)
#   BUSY_LIMIT=15       warn when other work keeps more than this % of the CPU busy
#
# Prints a table and writes bench/results/latest.json. A target missed is reported (MISS),
# not an error: the exit status is non-zero only when the benchmark itself could not run
# or a figure could not be measured.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
BENCH=$ROOT/bench
RESULTS=$BENCH/results
BIN=${WAISHI_BIN:-$ROOT/build/release/waishi}

CASES=${CASES:-1000000}
WORKERS=${WORKERS:-}
IO_THREADS=${IO_THREADS:-}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}
CONNECTIONS=${CONNECTIONS:-64}
SEARCH_CONNECTIONS=${SEARCH_CONNECTIONS:-8}
THREADS=${THREADS:-2}
NGINX_WORKERS=${NGINX_WORKERS:-auto}
FRESH=0

for arg in "$@"; do
  case $arg in
    --fresh) FRESH=1 ;;
    -h | --help) sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown argument $arg (try --help)" >&2; exit 2 ;;
  esac
done

say() { printf '%s\n' "bench: $*"; }
die() { printf '%s\n' "bench: ERROR: $*" >&2; exit 1; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

[[ $CASES =~ ^[0-9]+$ ]] && ((CASES > 0)) || die "CASES must be a positive number"
for tool in wrk nginx curl node; do
  command -v "$tool" >/dev/null || die "$tool is missing (bash scripts/install-deps.sh installs it)"
done
[ -x "$BIN" ] || die "$BIN does not exist: run 'make bench' (or 'make build-server') first"
# The machine must be quiet: client and server share its cores with whatever else runs.
# CPU time (ticks) used so far by the given processes.
cpu_ticks() {
  local pid total=0 t
  for pid in "$@"; do
    t=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)
    total=$((total + t))
  done
  echo "$total"
}
CLK_TCK=$(getconf CLK_TCK)
SERVER_PID="" NGINX_PID="" WRK_PID=""
our_pids() {
  [ -n "$SERVER_PID" ] && echo "$SERVER_PID"
  [ -n "$NGINX_PID" ] && echo "$NGINX_PID" && pgrep -P "$NGINX_PID"
  return 0
}
# other_busy SECONDS: the share (%) of all cores busy meanwhile with work that is not ours
# (our server and nginx excluded), from /proc/stat.
stat_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat; }
other_busy() {
  local a b ours0 ours1 pids
  pids=$(our_pids)
  a=$(stat_ticks)
  ours0=$(cpu_ticks $pids)
  sleep "$1"
  b=$(stat_ticks)
  ours1=$(cpu_ticks $pids)
  awk -v a="$a" -v b="$b" -v ours=$((ours1 - ours0)) 'BEGIN {split(a, x, " "); split(b, y, " "); t = y[2] - x[2];
    busy = 0; if (t > 0) busy = 100 * (y[1] - x[1] - ours) / t; if (busy < 0) busy = 0; printf "%.0f", busy}'
}
BUSY_LIMIT=${BUSY_LIMIT:-15}
busy_warning() {  # busy%: warns, naming the busiest processes, when over BUSY_LIMIT
  (($1 > BUSY_LIMIT)) || return 0
  say "WARNING: $1% of the CPU is busy with other work: the figures will be low. Busiest now:"
  top -b -n 2 -d 0.5 -w 200 2>/dev/null | awk -v ours=" $(our_pids | tr '\n' ' ') " \
    '/^ *PID/ {n++; next} n == 2 && NF >= 12 && $9 > 1 && index(ours, " " $1 " ") == 0 {print "    " $9 "% " $12 " (pid " $1 ")"}' | head -4
}
BUSY_START=$(other_busy 1)
busy_warning "$BUSY_START"
if pgrep -x cc1plus >/dev/null; then say "WARNING: a compiler is running: the figures will be low"; fi

mkdir -p "$RESULTS"
WORK=$(mktemp -d /tmp/waishi-bench.XXXXXX)
# The audit key stays with the cached database, whose chain it sealed; keys init creates only
# what is missing (the signing pair of the PDF figure).
export WAISHI_KEYS=$RESULTS/keys
"$BIN" keys init >/dev/null || die "waishi keys init failed"
RESULT_LINES=$WORK/results.jsonl
: >"$RESULT_LINES"
FAILED=0

# --- stop everything we started, whatever happens ------------------------------------------
stop_pid() {  # pid, name: TERM, up to 10 s, then KILL
  local pid=$1 i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "$2 (pid $pid) did not stop on SIGTERM: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_pid "$WRK_PID" wrk
  stop_pid "$SERVER_PID" waishi
  stop_pid "$NGINX_PID" nginx
  [ -f "$WORK/server.log" ] && cp "$WORK/server.log" "$RESULTS/server.log"
  if [ "${KEEP_WORK:-0}" = 1 ]; then
    say "kept $WORK"
  else
    rm -rf "$WORK"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A TCP port nobody listens on (and not one handed out already), below the ephemeral range
# (32768-60999) the client sockets of wrk and curl use.
USED_PORTS=" "
free_port() {
  local p i
  for i in $(seq 500); do
    p=$((20000 + RANDOM % 12000))
    [[ $USED_PORTS == *" $p "* ]] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      USED_PORTS+="$p "
      echo "$p"
      return 0
    fi
  done
  return 1
}

# json FILE JS-EXPRESSION: evaluates the expression with j = the parsed file; prints it.
json() {
  node -e '
    const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const v = eval(process.argv[2]);
    process.stdout.write(typeof v === "string" ? v : JSON.stringify(v));' "$1" "$2"
}
urlencode() { node -e 'process.stdout.write(encodeURIComponent(process.argv[1]))' "$1"; }

# http METHOD URL OUT [curl args...]: the status code; the body goes to OUT.
http() {
  local method=$1 url=$2 out=$3
  shift 3
  local code
  code=$(curl -s -o "$out" -w '%{http_code}' -X "$method" --max-time 60 "$@" "$url") || true
  echo "${code:-000}"
}

say "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo); $(uname -sr)"
say "binary: $BIN ($(date -r "$BIN" '+%Y-%m-%d %H:%M'))"
say "work folder: $WORK"

# --- 1. the database: generated once per CASES, cached ---------------------------------------
DB_CACHE=$RESULTS/bench-$CASES.db
DATAGEN_S=""
if ((FRESH)) || [ ! -s "$DB_CACHE" ]; then
  rm -f "$DB_CACHE" "$DB_CACHE-wal" "$DB_CACHE-shm"
  partial=$RESULTS/bench-$CASES.partial.db
  rm -f "$partial" "$partial-wal" "$partial-shm"
  say "generating $CASES cases into $DB_CACHE (once; --fresh regenerates) ..."
  t0=$(now_ms)
  if ! "$BIN" bench-data --db "sqlite:$partial" --cases "$CASES" >"$WORK/bench-data.log" 2>&1; then
    tail -20 "$WORK/bench-data.log" >&2
    rm -f "$partial" "$partial-wal" "$partial-shm"
    die "waishi bench-data failed"
  fi
  DATAGEN_S=$(awk -v ms=$(($(now_ms) - t0)) 'BEGIN {printf "%.1f", ms / 1000}')
  for suffix in "" -wal -shm; do
    [ -e "$partial$suffix" ] && mv "$partial$suffix" "$DB_CACHE$suffix"
  done
  say "generated in ${DATAGEN_S} s ($(du -h "$DB_CACHE" | cut -f1)): $(tail -1 "$WORK/bench-data.log")"
else
  say "reusing $DB_CACHE ($(du -h "$DB_CACHE" | cut -f1); --fresh regenerates)"
fi
# The server works on a copy, so every run starts from the same database (the benchmark
# writes: drafts, submissions, audit entries).
t0=$(now_ms)
for suffix in "" -wal; do
  [ -e "$DB_CACHE$suffix" ] && cp --reflink=auto "$DB_CACHE$suffix" "$WORK/bench.db$suffix"
done
say "copied the database to the work folder in $(($(now_ms) - t0)) ms"

# --- 2. nginx: the reference ------------------------------------------------------------------
NGINX_PORT=$(free_port) || die "no free port"
NGINX_DIR=$WORK/nginx
mkdir -p "$NGINX_DIR/html"
echo '{"placeholder":true}' >"$NGINX_DIR/html/case.json"
if [ "$(id -u)" -eq 0 ]; then USER_LINE="user root;"; else USER_LINE="# not root: nginx keeps the user it runs as"; fi
sed -e "s|@USER_LINE@|$USER_LINE|" -e "s|@WORKERS@|$NGINX_WORKERS|" -e "s|@PREFIX@|$NGINX_DIR|g" \
  -e "s|@PORT@|$NGINX_PORT|" "$BENCH/nginx.conf.template" >"$NGINX_DIR/nginx.conf"
nginx -t -q -e "$NGINX_DIR/error.log" -c "$NGINX_DIR/nginx.conf" -p "$NGINX_DIR/" \
  || die "nginx rejects $NGINX_DIR/nginx.conf: $(cat "$NGINX_DIR/error.log")"
nginx -e "$NGINX_DIR/error.log" -c "$NGINX_DIR/nginx.conf" -p "$NGINX_DIR/" &
NGINX_PID=$!
for i in $(seq 100); do
  [ "$(http GET "http://127.0.0.1:$NGINX_PORT/case.json" /dev/null)" = 200 ] && break
  kill -0 "$NGINX_PID" 2>/dev/null || die "nginx exited: $(cat "$NGINX_DIR/error.log")"
  sleep 0.05
done
NGINX_PROCS=$(($(pgrep -c -P "$NGINX_PID" || true)))
say "nginx $(nginx -v 2>&1 | sed 's|.*/||') on port $NGINX_PORT: worker_processes $NGINX_WORKERS ($NGINX_PROCS workers)"

# --- 3. the server; start-up time ---------------------------------------------------------------
PORT=$(free_port) || die "no free port"
BASE=http://127.0.0.1:$PORT
serve_args=(serve --db "sqlite:$WORK/bench.db" --port "$PORT" --address 127.0.0.1 --no-access-log
  --audit-anchor "$WORK/audit-anchor.log")
[ -n "$WORKERS" ] && serve_args+=(--workers "$WORKERS")
[ -n "$IO_THREADS" ] && serve_args+=(--io-threads "$IO_THREADS")
# The defaults as src/main.cpp states them (for the record only).
default_of() { grep -o "Get(\"$1\", \"[0-9]*\")" "$ROOT/src/main.cpp" 2>/dev/null | grep -o '[0-9]\+' | head -1 || true; }
WORKERS_SHOWN=${WORKERS:-"$(default_of workers) (default)"}
IO_THREADS_SHOWN=${IO_THREADS:-"$(default_of io-threads) (default)"}
t0=$(date +%s%N)
"$BIN" "${serve_args[@]}" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
STARTUP_MS=""
for i in $(seq 6000); do
  if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$BASE/api/v1/health" || true)" = 200 ]; then
    STARTUP_MS=$((($(date +%s%N) - t0) / 1000000))
    break
  fi
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$WORK/server.log" >&2; die "waishi serve exited"; }
  sleep 0.01
done
[ -n "$STARTUP_MS" ] || die "waishi did not answer /api/v1/health within 60 s"
say "waishi on port $PORT, workers $WORKERS_SHOWN, io-threads $IO_THREADS_SHOWN: health answered ${STARTUP_MS} ms after launch"
server_threads() { awk '/^Threads:/ {print $2}' "/proc/$SERVER_PID/status"; }
say "server threads: $(server_threads)"

# --- 4. sign in, the cases to read, the body to submit --------------------------------------------
login() {  # username password prefix: sets ${prefix}_COOKIE and ${prefix}_CSRF; returns non-zero on failure
  local user=$1 pass=$2 prefix=$3 status cookie
  status=$(http POST "$BASE/api/v1/auth/login" "$WORK/login-$prefix.json" -D "$WORK/login-$prefix.headers" \
    -H 'Content-Type: application/json' --data-binary "{\"username\":\"$user\",\"password\":\"$pass\"}")
  [ "$status" = 200 ] || return 1
  cookie=$(grep -i '^set-cookie: *waishi_session=' "$WORK/login-$prefix.headers" | head -1 | sed -E 's/^[^:]*: *([^;]*).*/\1/' | tr -d '\r')
  [ -n "$cookie" ] || return 1
  printf -v "${prefix}_COOKIE" '%s' "$cookie"
  printf -v "${prefix}_CSRF" '%s' "$(json "$WORK/login-$prefix.json" 'j.csrf_token')"
}
login bench0 bench-password-0 ENT || die "cannot sign in as bench0: $(cat "$WORK/login-ENT.json" 2>/dev/null)"
ENT_H=(-H "Cookie: $ENT_COOKIE")
OFFICER=0
if login bench.officer bench-password-officer OFF; then
  OFFICER=1
  OFF_H=(-H "Cookie: $OFF_COOKIE")
  say "signed in as bench0 (enterprise_user) and bench.officer (officer)"
else
  say "signed in as bench0; bench.officer cannot sign in (older bench data?): the queue and search figures use bench0's view"
fi

# Up to 1,000 of bench0's cases (10 pages of 100), for the reads to spread over.
IDS=$WORK/case-ids.txt
: >"$IDS"
ORG_TOTAL=0
for page in $(seq 10); do
  status=$(http GET "$BASE/api/v1/cases?page_size=100&page=$page" "$WORK/page.json" "${ENT_H[@]}")
  [ "$status" = 200 ] || die "GET /api/v1/cases?page=$page answered $status: $(head -c 500 "$WORK/page.json")"
  json "$WORK/page.json" 'j.items.map(i => i.id).join("\n")' >>"$IDS"
  echo >>"$IDS"
  ORG_TOTAL=$(json "$WORK/page.json" 'j.total')
  (($(json "$WORK/page.json" 'j.items.length') == 100)) || break
done
sed -i '/^$/d' "$IDS"
N_IDS=$(wc -l <"$IDS")
((N_IDS > 0)) || die "bench0 sees no case"
CASE_ID=$(head -1 "$IDS")
status=$(http GET "$BASE/api/v1/cases/$CASE_ID" "$WORK/case.json" "${ENT_H[@]}")
[ "$status" = 200 ] || die "GET /api/v1/cases/$CASE_ID answered $status"
# nginx serves the very bytes of a case read's answer.
cp "$WORK/case.json" "$NGINX_DIR/html/case.json"
CASE_BYTES=$(wc -c <"$WORK/case.json")
say "bench0's organization has $ORG_TOTAL cases; reading $N_IDS of them; one answer is $CASE_BYTES bytes (nginx serves the same bytes)"

# A valid outbound_travel draft: the members of a generated case (valid resident ids and
# passport spellings), a trip ~100 days ahead with 20 days of publicity before it.
node -e '
  const fs = require("fs");
  const c = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
  const dep = day(100), ret = day(104);
  const data = {
    purpose: "赴德国亚琛参加智能制造技术交流与商务洽谈（基准测试）",
    departure_date: dep, return_date: ret,
    itinerary: [{ country: "DE", city: "Aachen", from: dep, to: ret, transit_airside: false }],
    members: c.data.members,
    inviter: { name: "Industrie- und Handelskammer Aachen", country: "DE", kind: "foreign_counterpart" },
    funding: { source: "企业自筹", budget_cny: 80000 },
    publicity_start: day(80),
  };
  fs.writeFileSync(process.argv[2], JSON.stringify({ type: "outbound_travel", data }));
' "$WORK/case.json" "$WORK/create-body.json"

Q2=张伟
Q4=洽谈经贸
Q2_ENC=$(urlencode "$Q2")
Q4_ENC=$(urlencode "$Q4")
if ((OFFICER)); then
  QUEUE_NAME=officer_queue QUEUE_PATH="/api/v1/cases?state=office_review&page=1&page_size=20" QUEUE_H=("${OFF_H[@]}")
  SEARCH_WHO=officer SEARCH_H=("${OFF_H[@]}")
else
  QUEUE_NAME=enterprise_list QUEUE_PATH="/api/v1/cases?page_size=20" QUEUE_H=("${ENT_H[@]}")
  SEARCH_WHO=bench0 SEARCH_H=("${ENT_H[@]}")
fi

# Every request once with curl before it is measured: a benchmark of errors is worthless.
preflight() {  # name expected-status method path [curl args...]
  local name=$1 expected=$2 method=$3 path=$4 status
  shift 4
  status=$(http "$method" "$BASE$path" "$WORK/preflight-$name.json" "$@")
  if [ "$status" != "$expected" ]; then
    say "ERROR: $name: $method $path answered $status (expected $expected): $(head -c 600 "$WORK/preflight-$name.json")"
    return 1
  fi
}
ENT_WRITE_H=("${ENT_H[@]}" -H "X-CSRF-Token: $ENT_CSRF" -H 'Content-Type: application/json')
preflight health 200 GET /api/v1/health || FAILED=1
preflight me 200 GET /api/v1/me "${ENT_H[@]}" || FAILED=1
preflight case_read 200 GET "/api/v1/cases/$(tail -1 "$IDS")" "${ENT_H[@]}" || FAILED=1
preflight "$QUEUE_NAME" 200 GET "$QUEUE_PATH" "${QUEUE_H[@]}" || FAILED=1
preflight search_2 200 GET "/api/v1/cases?q=$Q2_ENC&page_size=20" "${SEARCH_H[@]}" || FAILED=1
preflight search_4 200 GET "/api/v1/cases?q=$Q4_ENC&page_size=20" "${SEARCH_H[@]}" || FAILED=1
CREATE_OK=1 SUBMIT_OK=1
preflight create 201 POST /api/v1/cases "${ENT_WRITE_H[@]}" --data-binary "@$WORK/create-body.json" || { FAILED=1 CREATE_OK=0; }
if ((CREATE_OK)); then
  draft=$(json "$WORK/preflight-create.json" 'j.id')
  preflight submit 200 POST "/api/v1/cases/$draft/transitions" "${ENT_WRITE_H[@]}" --data-binary '{"action":"submit"}' \
    || { SUBMIT_OK=0; say "the create+submit figure is skipped (optional)"; }
else
  SUBMIT_OK=0
fi
say "search hits: $Q2 $(json "$WORK/preflight-search_2.json" 'j.total' 2>/dev/null || echo '?'), $Q4 $(json "$WORK/preflight-search_4.json" 'j.total' 2>/dev/null || echo '?') (as $SEARCH_WHO); queue total $(json "$WORK/preflight-$QUEUE_NAME.json" 'j.total' 2>/dev/null || echo '?')"

# --- 5. the measurements -------------------------------------------------------------------------

# idle_wait PID...: waits (up to 120 s) until the processes use under 10 % of a core over
# 0.2 s; prints how long that took in ms (0 when already idle).
idle_wait() {
  local t0 a b i
  t0=$(now_ms)
  a=$(cpu_ticks "$@")
  for i in $(seq 600); do
    sleep 0.2
    b=$(cpu_ticks "$@")
    if (((b - a) * 100 < CLK_TCK * 2)); then
      echo $(($(now_ms) - t0 - 200 > 0 ? $(now_ms) - t0 - 200 : 0))
      return 0
    fi
    a=$b
  done
  echo $(($(now_ms) - t0))
}

# measure NAME CONNECTIONS TIMEOUT URL SCRIPT [wrk options...] [-- script args]
measure() {
  local name=$1 conns=$2 timeout=$3 url=$4 script=$5 out line cpu0 cpu1 cpu2 drain_ms server_cpu=null busy pids rss hwm
  shift 5
  # The server measured: waishi, or nginx's master and workers.
  if [[ $url == "$BASE"* ]]; then pids=("$SERVER_PID"); else pids=("$NGINX_PID" $(pgrep -P "$NGINX_PID")); fi
  local threads=$THREADS
  ((conns < threads)) && threads=$conns
  out=$WORK/wrk-$name.txt
  busy=$(other_busy 0.5)
  busy_warning "$busy"
  printf 'bench: %-18s %3d connections ... ' "$name" "$conns"
  # warm-up: same requests, not counted
  BENCH_LUA_DIR=$BENCH wrk -t"$threads" -c"$conns" -d"${WARMUP}s" --timeout "$timeout" -s "$BENCH/$script" "$url" "$@" \
    >"$WORK/wrk-$name-warmup.txt" 2>&1 &
  WRK_PID=$!
  wait "$WRK_PID" || true
  idle_wait "${pids[@]}" >/dev/null
  cpu0=$(cpu_ticks "${pids[@]}")
  BENCH_LUA_DIR=$BENCH wrk -t"$threads" -c"$conns" -d"${DURATION}s" --timeout "$timeout" -s "$BENCH/$script" "$url" "$@" \
    >"$out" 2>&1 &
  WRK_PID=$!
  wait "$WRK_PID" || true
  WRK_PID=""
  cpu1=$(cpu_ticks "${pids[@]}")
  # Work the server still does once the requests are answered (the audit entries of the
  # reads, queued for the writer): counted in the cost per request, and reported.
  drain_ms=$(idle_wait "${pids[@]}")
  cpu2=$(cpu_ticks "${pids[@]}")
  # waishi's memory now, and its peak so far (which run makes it grow).
  rss=null hwm=null
  if [[ $url == "$BASE"* ]]; then
    rss=$(awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$SERVER_PID/status" 2>/dev/null || echo null)
    hwm=$(awk '/^VmHWM:/ {printf "%.1f", $2 / 1024}' "/proc/$SERVER_PID/status" 2>/dev/null || echo null)
  fi
  line=$(grep '^BENCH_JSON ' "$out" | tail -1 | cut -d' ' -f2-)
  if [ -z "$line" ]; then
    echo "FAILED"
    sed 's/^/    /' "$out" | tail -15
    FAILED=1
    return 0
  fi
  if kill -0 "${pids[0]}" 2>/dev/null; then
    server_cpu=$(awk -v t=$((cpu1 - cpu0)) -v hz="$CLK_TCK" -v d="$DURATION" 'BEGIN {printf "%.2f", t / hz / d}')
  fi
  node -e '
    const [line, name, conns, cpu, busy, ticks, hz, drain, rss, hwm] = process.argv.slice(1);
    const r = JSON.parse(line);
    const cores = cpu === "null" ? null : Number(cpu);
    const out = { name, connections: Number(conns), ...r, server_cpu_cores: cores,
      server_cpu_us_per_request: cores === null || !r.requests ? null : Math.round((Number(ticks) / Number(hz)) * 1e6 / r.requests),
      server_busy_after_ms: Number(drain), server_rss_mb: JSON.parse(rss), server_peak_rss_mb: JSON.parse(hwm),
      other_load_pct_before: Number(busy) };
    process.stdout.write(JSON.stringify(out) + "\n");
  ' "$line" "$name" "$conns" "$server_cpu" "$busy" $((cpu2 - cpu0)) "$CLK_TCK" "$drain_ms" "$rss" "$hwm" >>"$RESULT_LINES"
  json <(tail -1 "$RESULT_LINES") '`${j.rps.toFixed(0)} req/s, p50 ${j.p50_ms.toFixed(2)} ms, p99 ${j.p99_ms.toFixed(2)} ms` +
    (j.server_busy_after_ms >= 500 ? `; the server worked ${(j.server_busy_after_ms / 1000).toFixed(1)} s more after the run` : "") +
    (j.non2xx + j.socket_errors + j.timeouts ? `, ERRORS: ${j.non2xx} non-2xx, ${j.socket_errors} socket, ${j.timeouts} timeouts` : "")'
  echo
}

say "measuring: ${WARMUP} s warm-up + ${DURATION} s per figure, wrk $THREADS threads"
measure nginx_static "$CONNECTIONS" 2s "http://127.0.0.1:$NGINX_PORT/case.json" common.lua
measure health "$CONNECTIONS" 2s "$BASE/api/v1/health" common.lua
measure me "$CONNECTIONS" 2s "$BASE/api/v1/me" common.lua "${ENT_H[@]}"
measure case_read "$CONNECTIONS" 5s "$BASE/api/v1/cases/$CASE_ID" case_read.lua "${ENT_H[@]}" -- "$IDS"
measure "$QUEUE_NAME" "$CONNECTIONS" 10s "$BASE$QUEUE_PATH" common.lua "${QUEUE_H[@]}"
measure search_2char "$SEARCH_CONNECTIONS" 30s "$BASE/api/v1/cases?q=$Q2_ENC&page_size=20" common.lua "${SEARCH_H[@]}"
measure search_4char "$SEARCH_CONNECTIONS" 30s "$BASE/api/v1/cases?q=$Q4_ENC&page_size=20" common.lua "${SEARCH_H[@]}"
if ((CREATE_OK)); then
  measure create "$CONNECTIONS" 10s "$BASE/api/v1/cases" create.lua \
    -H "Cookie: $ENT_COOKIE" -H "X-CSRF-Token: $ENT_CSRF" -- "$WORK/create-body.json"
fi
if ((SUBMIT_OK)); then
  measure create_submit "$CONNECTIONS" 10s "$BASE/api/v1/cases" create_submit.lua \
    -H "Cookie: $ENT_COOKIE" -H "X-CSRF-Token: $ENT_CSRF" -- "$WORK/create-body.json"
fi

kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$WORK/server.log" >&2; die "waishi died during the runs"; }

# Official documents: render + sign of a two-page letter (a 20-row table), on one core while
# the server is idle.
PDF_COUNT=${PDF_COUNT:-100}
PDF_JSON=$("$BIN" bench-pdf --count "$PDF_COUNT" 2>"$WORK/bench-pdf.log") \
  || { say "ERROR: waishi bench-pdf failed: $(head -c 300 "$WORK/bench-pdf.log")"; FAILED=1; PDF_JSON=null; }
[ "$PDF_JSON" = null ] || say "PDF generation: $(json <(echo "$PDF_JSON") '`${j.per_second} letters/s on one core (${j.letters} letters of ${j.pages} pages, ${(j.bytes / 1024).toFixed(0)} KB each, in ${j.seconds} s)`')"
RSS_MB=$(awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$SERVER_PID/status")
HWM_MB=$(awk '/^VmHWM:/ {printf "%.1f", $2 / 1024}' "/proc/$SERVER_PID/status")
RSS_SPLIT=$(awk '/^(RssAnon|RssFile):/ {printf "%s%s %.1f MB", sep, $1, $2 / 1024; sep = ", "}' "/proc/$SERVER_PID/status")
say "server memory after the runs: VmRSS $RSS_MB MB ($RSS_SPLIT; peak VmHWM $HWM_MB MB), $(server_threads) threads"
DB_AFTER="$(du -h "$WORK/bench.db" | cut -f1) + WAL $( (du -h "$WORK/bench.db-wal" 2>/dev/null || echo 0) | cut -f1)"
say "database after the runs: $DB_AFTER (before: $(du -h "$DB_CACHE" | cut -f1))"

# --- 5b. the Excel export of a filtered case list ------------------------------------------------
# The officer's export of one month of cases (GET /api/v1/cases/export?month=…): the month whose
# count is nearest to EXPORT_ROWS (default a tenth of the cases, at most the server's cap of
# 100,000), read from the database copy. Timed with curl; the server's memory is its VmRSS
# before and its peak during the export (VmHWM, reset first through /proc/PID/clear_refs).
EXPORT_JSON=null
EXPORT_ROWS=${EXPORT_ROWS:-$((CASES / 10 < 100000 ? CASES / 10 : 100000))}
if ((OFFICER)) && command -v sqlite3 >/dev/null; then
  EXPORT_MONTH=$(sqlite3 "$WORK/bench.db" "SELECT substr(submitted_at, 1, 7) AS m FROM cases
    WHERE submitted_at IS NOT NULL GROUP BY m HAVING COUNT(*) <= $EXPORT_ROWS
    ORDER BY $EXPORT_ROWS - COUNT(*) LIMIT 1")
  EXPORT_EXPECTED=$(sqlite3 "$WORK/bench.db" "SELECT COUNT(*) FROM cases WHERE substr(submitted_at, 1, 7) = '$EXPORT_MONTH'")
  idle_wait "$SERVER_PID" >/dev/null
  echo 5 >"/proc/$SERVER_PID/clear_refs" 2>/dev/null || say "(cannot reset the peak memory: the export's peak is the run's)"
  EXPORT_RSS0=$(awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$SERVER_PID/status")
  printf 'bench: %-18s %7s rows ... ' export_xlsx "$EXPORT_EXPECTED"
  EXPORT_T=$(curl -s -o "$WORK/export.xlsx" -w '%{http_code} %{time_total}' "${OFF_H[@]}" \
    "$BASE/api/v1/cases/export?month=$EXPORT_MONTH&lang=zh")
  EXPORT_HWM=$(awk '/^VmHWM:/ {printf "%.1f", $2 / 1024}' "/proc/$SERVER_PID/status")
  EXPORT_MB=$(awk -v b="$(wc -c <"$WORK/export.xlsx")" 'BEGIN {printf "%.1f", b / 1048576}')
  if [ "${EXPORT_T%% *}" = 200 ]; then
    EXPORT_S=${EXPORT_T#* }
    echo "${EXPORT_S} s, ${EXPORT_MB} MB file; server memory ${EXPORT_RSS0} MB before, peak ${EXPORT_HWM} MB"
    EXPORT_JSON="{\"name\":\"export_xlsx\",\"rows\":$EXPORT_EXPECTED,\"month\":\"$EXPORT_MONTH\",\"seconds\":$EXPORT_S,\"file_mb\":$EXPORT_MB,\"rss_before_mb\":$EXPORT_RSS0,\"peak_rss_mb\":$EXPORT_HWM}"
  else
    echo "FAILED (${EXPORT_T%% *}): $(head -c 300 "$WORK/export.xlsx")"
    FAILED=1
  fi
else
  say "the export figure needs bench.officer and the sqlite3 command: skipped"
fi

# Anything the server logged (with --no-access-log it logs only start-up, warnings and errors).
LOG_PROBLEMS=$(grep -cE ' (WARN|ERROR) ' "$WORK/server.log" || true)
if ((LOG_PROBLEMS > 0)); then
  say "WARNING: the server logged $LOG_PROBLEMS warnings/errors (bench/results/server.log); the first:"
  grep -E ' (WARN|ERROR) ' "$WORK/server.log" | head -5 | cut -c1-300 | sed 's/^/    /'
fi

# --- 6. the table, the targets, latest.json --------------------------------------------------------
node - "$RESULT_LINES" "$RESULTS/latest.json" <<EOF || die "could not write the report"
const fs = require("fs");
const [linesFile, outFile] = process.argv.slice(2);
const runs = fs.readFileSync(linesFile, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
const by = Object.fromEntries(runs.map((r) => [r.name, r]));
const nginx = by.nginx_static;
const meta = {
  cases: $CASES, case_bytes: $CASE_BYTES, workers: "$WORKERS_SHOWN", io_threads: "$IO_THREADS_SHOWN", nginx_workers: "$NGINX_WORKERS",
  wrk_threads: $THREADS, duration_s: $DURATION, warmup_s: $WARMUP, cores: $(nproc),
  search_as: "$SEARCH_WHO", queue: "$QUEUE_NAME", database_after_run: "$DB_AFTER",
  server_log_warnings: $LOG_PROBLEMS, other_load_pct_at_start: $BUSY_START, at: new Date().toISOString(),
};
const rows = runs.map((r) => ({
  name: r.name, rps: r.rps, p50_ms: r.p50_ms, p99_ms: r.p99_ms,
  ratio_to_nginx: nginx && nginx.rps ? Number((r.rps / nginx.rps).toFixed(3)) : null,
  ...r,
}));
const single = (name, value, unit) => ({ name, rps: null, p50_ms: null, p99_ms: null, ratio_to_nginx: null, value, unit });
const extra = [single("startup_ms", $STARTUP_MS, "ms"), single("rss_mb", $RSS_MB, "MB"), single("peak_rss_mb", $HWM_MB, "MB")];
if ("$DATAGEN_S") extra.push(single("bench_data_s", Number("$DATAGEN_S"), "s"));
const pdf = $PDF_JSON;
if (pdf) extra.push({ ...single("pdf_letters_per_s", pdf.per_second, "letters/s"), ...pdf });
const exported = $EXPORT_JSON;
if (exported) extra.push({ ...single("export_xlsx_s", exported.seconds, "s"), ...exported, name: "export_xlsx_s" });
fs.writeFileSync(outFile, JSON.stringify([...rows, ...extra, { name: "meta", rps: null, p50_ms: null, p99_ms: null, ratio_to_nginx: null, ...meta }], null, 1) + "\n");

const pad = (s, n) => String(s).padStart(n);
console.log("");
console.log("name                  conns     req/s    p50 ms    p99 ms  x nginx  CPU cores  CPU us/req  after s  peak MB  errors");
for (const r of rows) {
  const errors = r.non2xx + r.socket_errors + r.timeouts;
  const busy = r.other_load_pct_before > $BUSY_LIMIT ? "  (machine " + r.other_load_pct_before + "% busy before)" : "";
  console.log(r.name.padEnd(20) + pad(r.connections, 7) + pad(r.rps.toFixed(0), 10) + pad(r.p50_ms.toFixed(2), 10) +
    pad(r.p99_ms.toFixed(2), 10) + pad(r.ratio_to_nginx === null ? "-" : r.ratio_to_nginx.toFixed(2), 9) +
    pad(r.server_cpu_cores === null ? "-" : r.server_cpu_cores.toFixed(2), 11) +
    pad(r.server_cpu_us_per_request === null ? "-" : r.server_cpu_us_per_request, 12) +
    pad((r.server_busy_after_ms / 1000).toFixed(1), 9) +
    pad(r.server_peak_rss_mb === null ? "-" : r.server_peak_rss_mb.toFixed(0), 9) +
    pad(errors ? errors + " !" : "0", 8) + busy);
}
console.log("CPU cores: the server's CPU time during the run / its duration (of $(nproc) cores; wrk uses the rest).");
console.log("CPU us/req: the server's CPU time per request, including the work it did after the run;");
console.log("after s: how long the server kept working once the run was over (queued audit writes).");
console.log("peak MB: waishi's peak resident memory (VmHWM) so far, after this run.");
if (by.create_submit) {
  const s = by.create_submit;
  console.log("  create_submit: " + s.created + " created, " + s.submitted + " submitted (" + s.submits_per_s +
    " submissions/s, each a create + a submit), " + (s.submit_failed + s.create_failed + s.other_status) + " refused");
}
if (pdf) console.log("PDF generation: " + pdf.per_second + " letters per second on one core (render + sign, " +
  pdf.pages + " pages with a 20-row table, " + (pdf.bytes / 1024).toFixed(0) + " KB each)");
if (exported) console.log("export of " + exported.rows + " cases to xlsx (one month, as the officer): " + exported.seconds +
  " s, " + exported.file_mb + " MB; server memory " + exported.rss_before_mb + " MB before, peak " + exported.peak_rss_mb + " MB");
console.log("startup $STARTUP_MS ms, memory $RSS_MB MB (peak $HWM_MB MB)" +
  ("$DATAGEN_S" ? ", database generated in $DATAGEN_S s" : ", database cached") + "; $CASES cases");
console.log("");

const checks = [];
const check = (label, ok, detail) => checks.push([label, ok === null ? "n/a " : ok ? "PASS" : "MISS", detail]);
const read = by.case_read;
check("case read >= 0.5x nginx req/s", read && nginx ? read.rps >= 0.5 * nginx.rps : null,
  read && nginx ? (read.rps / nginx.rps).toFixed(2) + "x" : "not measured");
check("case read p99 < 5 ms (" + (read ? read.connections : "?") + " conns)", read ? read.p99_ms < 5 : null,
  read ? read.p99_ms.toFixed(2) + " ms" : "not measured");
check("submission (create) >= 2000/s", by.create ? by.create.rps >= 2000 : null,
  by.create ? by.create.rps.toFixed(0) + "/s" : "not measured");
if (by.create_submit) check("  create+submit >= 2000/s (info)", Number(by.create_submit.submits_per_s) >= 2000,
  by.create_submit.submits_per_s + " submissions/s");
for (const s of ["search_2char", "search_4char"]) {
  // A run in which no request completed measured nothing: wrk then reports 0 ms.
  if (by[s]) check(s + " p50 < 20 ms (" + by[s].connections + " conns)", by[s].requests > 0 && by[s].p50_ms < 20,
    by[s].requests > 0 ? "p50 " + by[s].p50_ms.toFixed(2) + " ms, p99 " + by[s].p99_ms.toFixed(2) + " ms"
                       : "no request completed in the run");
}
const scale = $CASES === 1000000 ? "" : " [target is for 1M cases]";
check("start-up < 1 s" + scale, $STARTUP_MS < 1000, "$STARTUP_MS ms");
check("memory < 300 MB" + scale, $RSS_MB < 300, "$RSS_MB MB");
console.log("targets (PRODUCT.md section 5):");
for (const [label, word, detail] of checks) console.log("  " + word + "  " + label.padEnd(44) + detail);
const bad = rows.filter((r) => r.non2xx + r.socket_errors + r.timeouts > 0);
if (bad.length) {
  console.log("");
  console.log("WARNING: errors during " + bad.map((r) => r.name + " (" + r.non2xx + " non-2xx, " + r.socket_errors +
    " socket, " + r.timeouts + " timeouts)").join(", ") + ": those figures measure errors, not work.");
}
console.log("");
console.log("written: " + outFile);
EOF

((FAILED == 0)) || die "some figures could not be measured (see above)"
