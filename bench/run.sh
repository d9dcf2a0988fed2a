#!/usr/bin/env bash
# The Waishi benchmark (make bench): see bench/README.md.
#
#   bash bench/run.sh [--fresh]
#
#   --fresh             regenerate the cached databases (bench/results/bench-$CASES.db, pg-$CASES/)
#   CASES=1000000       cases in the synthetic database
#   LEGS=10000000       itinerary legs imported for the crisis query (0: not measured)
#   ENGINES=sqlite,postgresql  the engines measured, in this order (nginx is measured once)
#   WORKERS=            waishi serve --workers (unset: the server's default)
#   IO_THREADS=         waishi serve --io-threads (unset: the server's default)
#   DURATION=10         seconds measured per figure, after a WARMUP=2 s run
#   CONNECTIONS=64      wrk connections (SEARCH_CONNECTIONS=8 for the searches), THREADS=2
#   NGINX_WORKERS=auto  nginx worker_processes
#   PG_SETTINGS=        more PostgreSQL settings for the measured cluster ("-c name=value ...")
#   KEEP_WORK=1         keep the temporary folder (database copies, logs) for a look afterwards
#   PREPARE_ONLY=1      only make what the run reads from bench/results (the databases, the legs'
#                       CSV), measuring nothing: ahead of a run, while the machine is busy
#   WAISHI_BIN=         another binary (default build/release/waishi)
#   BUSY_LIMIT=15       warn when other work keeps more than this % of the CPU busy
#
# Prints a table of both engines next to nginx, writes bench/results/latest.json and the chart
# bench/results/latest.svg. A target missed is reported (MISS), not an error: the exit status
# is non-zero only when the benchmark itself could not run or a figure could not be measured.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
BENCH=$ROOT/bench
RESULTS=$BENCH/results
BIN=${WAISHI_BIN:-$ROOT/build/release/waishi}

CASES=${CASES:-1000000}
LEGS=${LEGS:-10000000}
ENGINES=${ENGINES:-sqlite,postgresql}
WORKERS=${WORKERS:-}
IO_THREADS=${IO_THREADS:-}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}
CONNECTIONS=${CONNECTIONS:-64}
SEARCH_CONNECTIONS=${SEARCH_CONNECTIONS:-8}
THREADS=${THREADS:-2}
NGINX_WORKERS=${NGINX_WORKERS:-auto}
PG_SETTINGS=${PG_SETTINGS:-}
FRESH=0

for arg in "$@"; do
  case $arg in
    --fresh) FRESH=1 ;;
    -h | --help) sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown argument $arg (try --help)" >&2; exit 2 ;;
  esac
done

say() { printf '%s\n' "bench: $*"; }
die() { printf '%s\n' "bench: ERROR: $*" >&2; exit 1; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
since_s() { awk -v ms=$(($(now_ms) - $1)) 'BEGIN {printf "%.1f", ms / 1000}'; }

[[ $CASES =~ ^[0-9]+$ ]] && ((CASES > 0)) || die "CASES must be a positive number"
IFS=, read -r -a ENGINE_LIST <<<"$ENGINES"
((${#ENGINE_LIST[@]} > 0)) || die "ENGINES is empty (sqlite, postgresql or both)"
SEEN=" "
for engine in "${ENGINE_LIST[@]}"; do
  case $engine in sqlite | postgresql) ;; *) die "ENGINES: unknown engine '$engine' (sqlite, postgresql)" ;; esac
  [[ $SEEN == *" $engine "* ]] && die "ENGINES names $engine twice"
  SEEN+="$engine "
done
uses() { [[ $SEEN == *" $1 "* ]]; }
for tool in wrk nginx curl node; do
  command -v "$tool" >/dev/null || die "$tool is missing (bash scripts/install-deps.sh installs it)"
done
[ -x "$BIN" ] || die "$BIN does not exist: run 'make bench' (or 'make build-server') first"
if uses postgresql; then
  PG_CLUSTER_WHO=bench
  # shellcheck source=scripts/postgres-cluster.sh
  source "$ROOT/scripts/postgres-cluster.sh"
  pg_cluster_check || die "PostgreSQL 15 is needed for ENGINES=$ENGINES (or run with ENGINES=sqlite)"
fi

# The machine must be quiet: client and server share its cores with whatever else runs.
# CPU time (ticks) used so far by the given processes, with that of their children that have
# exited (PostgreSQL's parallel workers and autovacuum workers come and go).
cpu_ticks() {
  local pid total=0 t
  for pid in "$@"; do
    t=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat" 2>/dev/null || echo 0)
    total=$((total + t))
  done
  echo "$total"
}
CLK_TCK=$(getconf CLK_TCK)
SERVER_PID="" NGINX_PID="" WRK_PID="" PG_RUN_DIR="" PG_GEN_DIR=""
# The PostgreSQL clusters' processes: the postmaster and its children.
pg_pids() {
  local dir pid
  for dir in "$PG_RUN_DIR" "$PG_GEN_DIR"; do
    [ -n "$dir" ] || continue
    pid=$(pg_cluster_pid "$dir")
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || continue
    echo "$pid"
    pgrep -P "$pid" || true
  done
}
nginx_pids() { [ -n "$NGINX_PID" ] && echo "$NGINX_PID" && pgrep -P "$NGINX_PID"; return 0; }
# The server measured: waishi with its PostgreSQL cluster, or nginx's master and workers.
measured_pids() {
  if [ "$1" = nginx ]; then nginx_pids; else [ -n "$SERVER_PID" ] && echo "$SERVER_PID"; pg_pids; fi
  return 0
}
our_pids() { measured_pids waishi; nginx_pids; }
# ticks_of WHO (waishi, nginx, postgres or ours): cpu_ticks of those processes, as they are now.
ticks_of() {
  local pids
  case $1 in
    postgres) mapfile -t pids < <(pg_pids) ;;
    ours) mapfile -t pids < <(our_pids) ;;
    *) mapfile -t pids < <(measured_pids "$1") ;;
  esac
  cpu_ticks "${pids[@]}"
}
# other_busy SECONDS: the share (%) of all cores busy meanwhile with work that is not ours
# (our server, its database and nginx excluded), from /proc/stat.
stat_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat; }
other_busy() {
  local a b ours0 ours1
  a=$(stat_ticks)
  ours0=$(ticks_of ours)
  sleep "$1"
  b=$(stat_ticks)
  ours1=$(ticks_of ours)
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
chmod 755 "$WORK"  # the PostgreSQL cluster inside runs as another user when we are root
# The audit key stays with the cached databases, whose chains it sealed; keys init creates
# only what is missing (the signing pair of the PDF figure).
export WAISHI_KEYS=$RESULTS/keys
"$BIN" keys init >/dev/null || die "waishi keys init failed"
RESULT_LINES=$WORK/results.jsonl
: >"$RESULT_LINES"
FAILED=0

# --- stop everything we started, whatever happens ------------------------------------------
stop_pid() {  # pid, name: TERM, up to 10 s, then KILL
  local pid=$1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "$2 (pid $pid) did not stop on SIGTERM: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}
# The logs of the run, for a look afterwards: server-ENGINE.log, postgres.log.
save_logs() {
  local f
  for f in "$WORK"/server-*.log; do [ -f "$f" ] && cp "$f" "$RESULTS/"; done
  [ -n "$PG_RUN_DIR" ] && [ -f "$PG_RUN_DIR/postgres.log" ] && cp "$PG_RUN_DIR/postgres.log" "$RESULTS/postgres.log"
  return 0
}
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  stop_pid "$WRK_PID" wrk
  stop_pid "$SERVER_PID" waishi
  stop_pid "$NGINX_PID" nginx
  # The clusters are copies (or an unfinished generation): no need for a clean shutdown.
  [ -n "$PG_RUN_DIR" ] && pg_cluster_stop "$PG_RUN_DIR" immediate
  [ -n "$PG_GEN_DIR" ] && pg_cluster_stop "$PG_GEN_DIR" immediate
  save_logs
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
  local p
  for _ in $(seq 500); do
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
# record KIND KEY=STRING... KEY:=JSON...: appends {"kind":KIND,KEY:VALUE,...} to the results.
record() {
  node -e '
    const [kind, ...pairs] = process.argv.slice(1);
    const o = { kind };
    for (const p of pairs) {
      const i = p.indexOf("="), k = p.slice(0, i);
      if (k.endsWith(":")) o[k.slice(0, -1)] = JSON.parse(p.slice(i + 1));
      else o[k] = p.slice(i + 1);
    }
    process.stdout.write(JSON.stringify(o) + "\n");' "$@" >>"$RESULT_LINES"
}

# http METHOD URL OUT [curl args...]: the status code; the body goes to OUT.
http() {
  local method=$1 url=$2 out=$3
  shift 3
  local code
  code=$(curl -s -o "$out" -w '%{http_code}' -X "$method" --max-time 60 "$@" "$url") || true
  echo "${code:-000}"
}

CPU_MODEL=$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo)
MACHINE="$(nproc) cores (${CPU_MODEL:-unknown CPU}), $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo), $(uname -sr)"
say "machine: $MACHINE"
say "binary: $BIN ($(date -r "$BIN" '+%Y-%m-%d %H:%M'))"
say "engines: ${ENGINE_LIST[*]}; work folder: $WORK"

# --- 1. the databases: generated once per CASES and engine, cached ----------------------------
declare -A DATAGEN_S=()
DB_CACHE=$RESULTS/bench-$CASES.db
PG_CACHE=$RESULTS/pg-$CASES
# The measured cluster: durable commits (fsync, synchronous_commit and full_page_writes at
# their defaults: on), like SQLite's synchronous=FULL; otherwise PostgreSQL's defaults.
read -r -a PG_EXTRA <<<"$PG_SETTINGS"
PG_BENCH_SETTINGS=(-c max_connections=200 "${PG_EXTRA[@]}")

generate_sqlite() {
  local partial=$RESULTS/bench-$CASES.partial.db t0 suffix
  rm -f "$DB_CACHE" "$DB_CACHE-wal" "$DB_CACHE-shm" "$partial" "$partial-wal" "$partial-shm"
  say "generating $CASES cases into $DB_CACHE (once; --fresh regenerates) ..."
  t0=$(now_ms)
  if ! "$BIN" bench-data --db "sqlite:$partial" --cases "$CASES" >"$WORK/bench-data-sqlite.log" 2>&1; then
    tail -20 "$WORK/bench-data-sqlite.log" >&2
    rm -f "$partial" "$partial-wal" "$partial-shm"
    die "waishi bench-data failed (SQLite)"
  fi
  DATAGEN_S[sqlite]=$(since_s "$t0")
  for suffix in "" -wal -shm; do
    [ -e "$partial$suffix" ] && mv "$partial$suffix" "$DB_CACHE$suffix"
  done
  say "generated in ${DATAGEN_S[sqlite]} s ($(du -h "$DB_CACHE" | cut -f1)): $(tail -1 "$WORK/bench-data-sqlite.log")"
}

# The PostgreSQL data is a whole cluster's data folder, generated in a cluster of the work
# folder (without fsync: nothing to make durable yet), stopped cleanly, then moved to the cache.
generate_postgresql() {
  local t0 port
  rm -rf "$PG_CACHE" "$PG_CACHE.partial"
  say "generating $CASES cases into a PostgreSQL cluster cached as $PG_CACHE/ (once; --fresh regenerates) ..."
  t0=$(now_ms)
  PG_GEN_DIR=$WORK/pg-gen
  pg_cluster_init "$PG_GEN_DIR" || die "initdb failed"
  port=$(free_port) || die "no free port"
  pg_cluster_start "$PG_GEN_DIR" "$port" -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
    -c max_connections=200 || die "the PostgreSQL cluster for the generation did not start"
  pg_cluster_create_db "$port" || die "could not create the database waishi"
  if ! "$BIN" bench-data --db "$(pg_cluster_url "$port")" --cases "$CASES" >"$WORK/bench-data-postgresql.log" 2>&1; then
    tail -20 "$WORK/bench-data-postgresql.log" >&2
    die "waishi bench-data failed (PostgreSQL)"
  fi
  # The planner's statistics (the search's tsvector among them) and the visibility map, as
  # autovacuum would leave them some time after a bulk load; not during the measured runs.
  pg_cluster_psql "$port" -c "VACUUM ANALYZE" || die "VACUUM ANALYZE failed"
  # A clean shutdown (a checkpoint) makes the folder a consistent copy to start from.
  pg_cluster_stop "$PG_GEN_DIR" fast || die "the generation's cluster did not stop cleanly"
  DATAGEN_S[postgresql]=$(since_s "$t0")
  mv "$PG_GEN_DIR/data" "$PG_CACHE.partial"
  sync -f "$PG_CACHE.partial"
  mv "$PG_CACHE.partial" "$PG_CACHE"
  rm -rf "$PG_GEN_DIR"
  PG_GEN_DIR=""
  say "generated in ${DATAGEN_S[postgresql]} s ($(du -sh "$PG_CACHE" | cut -f1)): $(tail -1 "$WORK/bench-data-postgresql.log")"
}

if uses sqlite; then
  if ((FRESH)) || [ ! -s "$DB_CACHE" ]; then
    generate_sqlite
  else
    say "reusing $DB_CACHE ($(du -h "$DB_CACHE" | cut -f1); --fresh regenerates)"
    # A cache from an older binary gets the newer migrations once, not at every run's start.
    "$BIN" migrate --db "sqlite:$DB_CACHE" >"$WORK/migrate-sqlite.log" 2>&1 \
      || die "waishi migrate failed on $DB_CACHE: $(tail -3 "$WORK/migrate-sqlite.log")"
  fi
fi
if uses postgresql; then
  if ((FRESH)) || [ ! -f "$PG_CACHE/PG_VERSION" ]; then
    generate_postgresql
  else
    say "reusing $PG_CACHE/ ($(du -sh "$PG_CACHE" | cut -f1); --fresh regenerates)"
  fi
fi
# The legs' CSV of the crisis query and the import (LEGS > 0), made once and kept.
LEGS_CSV=$RESULTS/itineraries-$LEGS.csv
make_legs_csv() {
  [ -s "$LEGS_CSV" ] && return 0
  say "generating $LEGS itinerary legs (bench/itineraries.py, kept in bench/results) ..."
  python3 "$BENCH/itineraries.py" "$LEGS" "$LEGS_CSV.tmp" && mv "$LEGS_CSV.tmp" "$LEGS_CSV" ||
    say "bench/itineraries.py failed: no $LEGS_CSV"
}
if ((${PREPARE_ONLY:-0})); then
  if ((LEGS > 0)); then make_legs_csv; fi
  say "prepared (PREPARE_ONLY=1): nothing measured"
  exit 0
fi

# --- 2. nginx: the reference, measured once ---------------------------------------------------
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
for _ in $(seq 100); do
  [ "$(http GET "http://127.0.0.1:$NGINX_PORT/case.json" /dev/null)" = 200 ] && break
  kill -0 "$NGINX_PID" 2>/dev/null || die "nginx exited: $(cat "$NGINX_DIR/error.log")"
  sleep 0.05
done
NGINX_PROCS=$(($(pgrep -c -P "$NGINX_PID" || true)))
say "nginx $(nginx -v 2>&1 | sed 's|.*/||') on port $NGINX_PORT: worker_processes $NGINX_WORKERS ($NGINX_PROCS workers)"
NGINX_MEASURED=0

# --- the measurements ---------------------------------------------------------------------------

# idle_wait WHO (waishi or nginx): waits (up to 120 s) until the measured processes use under
# 10 % of a core over 0.2 s; prints how long that took in ms (0 when already idle).
idle_wait() {
  local t0 a b
  t0=$(now_ms)
  a=$(ticks_of "$1")
  for _ in $(seq 600); do
    sleep 0.2
    b=$(ticks_of "$1")
    if (((b - a) * 100 < CLK_TCK * 2)); then
      echo $(($(now_ms) - t0 - 200 > 0 ? $(now_ms) - t0 - 200 : 0))
      return 0
    fi
    a=$b
  done
  echo $(($(now_ms) - t0))
}

# The server's own histogram of how long it took to answer (GET /metrics, from the arrival of a
# request to its answer handed to the socket), every route but /metrics summed: "le count" lines.
server_histogram() {
  curl -sf "$BASE/metrics" | awk '/^waishi_http_request_duration_seconds_bucket/ && !/route="\/metrics"/ {
    match($0, /le="[^"]*"/); n[substr($0, RSTART + 4, RLENGTH - 5)] += $NF
  } END {for (le in n) print le, n[le]}' | sort -g
}

# measure NAME CONNECTIONS TIMEOUT URL SCRIPT [wrk options...] [-- script args]
# One figure of the current ENGINE (nginx_static: of none); appends its line to the results.
measure() {
  local name=$1 conns=$2 timeout=$3 url=$4 script=$5 out line cpu0 cpu1 cpu2 pg0 pg1 drain_ms
  local server_cpu=null pg_cpu=null busy who=waishi engine=$ENGINE rss hwm
  shift 5
  if [[ $url != "$BASE"* ]]; then who=nginx engine=null; else engine=\"$ENGINE\"; fi
  local threads=$THREADS
  ((conns < threads)) && threads=$conns
  out=$WORK/wrk-$ENGINE-$name.txt
  busy=$(other_busy 0.5)
  busy_warning "$busy"
  printf 'bench: %-18s %3d connections ... ' "$name" "$conns"
  # warm-up: same requests, not counted
  BENCH_LUA_DIR=$BENCH wrk -t"$threads" -c"$conns" -d"${WARMUP}s" --timeout "$timeout" -s "$BENCH/$script" "$url" "$@" \
    >"$WORK/wrk-$ENGINE-$name-warmup.txt" 2>&1 &
  WRK_PID=$!
  wait "$WRK_PID" || true
  idle_wait "$who" >/dev/null
  if [ "$who" = waishi ]; then server_histogram >"$out.before" || true; fi
  cpu0=$(ticks_of "$who")
  pg0=$(ticks_of postgres)
  BENCH_LUA_DIR=$BENCH wrk -t"$threads" -c"$conns" -d"${DURATION}s" --timeout "$timeout" -s "$BENCH/$script" "$url" "$@" \
    >"$out" 2>&1 &
  WRK_PID=$!
  wait "$WRK_PID" || true
  WRK_PID=""
  cpu1=$(ticks_of "$who")
  pg1=$(ticks_of postgres)
  # Work the server still does once the requests are answered (the audit entries of the
  # reads, queued for the writer): counted in the cost per request, and reported.
  drain_ms=$(idle_wait "$who")
  cpu2=$(ticks_of "$who")
  # The p99 as the server saw it: the upper bound of the histogram's bucket that holds it (wrk's
  # p99 adds wrk's own wait for a core, which on 2 shared cores can be most of it).
  local server_p99=null
  if [ "$who" = waishi ] && [ -e "$out.before" ]; then
    server_histogram >"$out.after" || true
    # The buckets come in order, +Inf (every request) last.
    server_p99=$(awk 'FILENAME == ARGV[1] {before[$1] = $2; next} {le[++n] = $1; count[n] = $2 - before[$1]}
      END {
        for (i = 1; i < n; i++) if (count[n] > 0 && count[i] >= 0.99 * count[n]) { print le[i] * 1000; exit }
        print "null"
      }' "$out.before" "$out.after")
  fi
  # waishi's memory now, and its peak so far (which run makes it grow).
  rss=null hwm=null
  if [ "$who" = waishi ]; then
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
  if [ "$who" = nginx ] || kill -0 "$SERVER_PID" 2>/dev/null; then
    server_cpu=$(awk -v t=$((cpu1 - cpu0)) -v hz="$CLK_TCK" -v d="$DURATION" 'BEGIN {printf "%.2f", t / hz / d}')
    if [ "$who" = waishi ] && [ "$ENGINE" = postgresql ]; then
      pg_cpu=$(awk -v t=$((pg1 - pg0)) -v hz="$CLK_TCK" -v d="$DURATION" 'BEGIN {printf "%.2f", t / hz / d}')
    fi
  fi
  node -e '
    const [line, name, engine, conns, cpu, pgcpu, busy, ticks, hz, drain, rss, hwm, serverP99] = process.argv.slice(1);
    const r = JSON.parse(line);
    const cores = cpu === "null" ? null : Number(cpu);
    const out = { kind: "figure", name, engine: JSON.parse(engine), connections: Number(conns), ...r, server_cpu_cores: cores,
      server_cpu_us_per_request: cores === null || !r.requests ? null : Math.round((Number(ticks) / Number(hz)) * 1e6 / r.requests),
      server_busy_after_ms: Number(drain), server_rss_mb: JSON.parse(rss), server_peak_rss_mb: JSON.parse(hwm),
      postgres_cpu_cores: JSON.parse(pgcpu), other_load_pct_before: Number(busy),
      server_p99_ms_at_most: JSON.parse(serverP99) };
    process.stdout.write(JSON.stringify(out) + "\n");
  ' "$line" "$name" "$engine" "$conns" "$server_cpu" "$pg_cpu" "$busy" $((cpu2 - cpu0)) "$CLK_TCK" "$drain_ms" "$rss" "$hwm" \
    "$server_p99" >>"$RESULT_LINES"
  json <(tail -1 "$RESULT_LINES") '`${j.rps.toFixed(0)} req/s, p50 ${j.p50_ms.toFixed(2)} ms, p99 ${j.p99_ms.toFixed(2)} ms` +
    (j.server_p99_ms_at_most === null ? "" : ` (server side: p99 at most ${j.server_p99_ms_at_most} ms)`) +
    (j.server_busy_after_ms >= 500 ? `; the server worked ${(j.server_busy_after_ms / 1000).toFixed(1)} s more after the run` : "") +
    (j.non2xx + j.socket_errors + j.timeouts ? `, ERRORS: ${j.non2xx} non-2xx, ${j.socket_errors} socket, ${j.timeouts} timeouts` : "")'
  echo
}

# engine_sql SQL: one value from the current engine's copy of the database.
engine_sql() {
  if [ "$ENGINE" = sqlite ]; then sqlite3 "$WORK/bench.db" "$1"; else pg_cluster_psql "$PG_PORT" -At -c "$1"; fi
}
# The resident memory of the PostgreSQL processes, counting their shared memory once (PSS).
pg_pss_mb() {
  local pid kb=0 k
  for pid in $(pg_pids); do
    k=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || true)
    kb=$((kb + ${k:-0}))
  done
  awk -v kb="$kb" 'BEGIN {printf "%.1f", kb / 1024}'
}

PDF_JSON=null
# run_engine ENGINE: sections 3 to 5b on a fresh copy of ENGINE's cached database, the server
# stopped (and the cluster removed) afterwards.
run_engine() {
  ENGINE=$1
  local t0 db_url db_before db_desc pg_start_ms=null pg_version="" pg_shown="" suffix status draft
  echo
  say "=== $ENGINE ==="
  # --- 3a. the server's database: a copy of the cached one ---------------------------------------
  # The server works on a copy, so every run starts from the same database (the benchmark
  # writes: drafts, submissions, audit entries).
  t0=$(now_ms)
  if [ "$ENGINE" = sqlite ]; then
    for suffix in "" -wal; do
      [ -e "$DB_CACHE$suffix" ] && cp --reflink=auto "$DB_CACHE$suffix" "$WORK/bench.db$suffix"
    done
    say "copied the database to the work folder in $(($(now_ms) - t0)) ms"
    db_url=sqlite:$WORK/bench.db
    db_before=$(du -h "$DB_CACHE" | cut -f1)
    db_desc="SQLite, WAL, synchronous=FULL"
  else
    PG_RUN_DIR=$WORK/pg
    pg_cluster_dir "$PG_RUN_DIR" || die "cannot create $PG_RUN_DIR"
    cp -a --reflink=auto "$PG_CACHE" "$PG_RUN_DIR/data"
    say "copied the PostgreSQL data folder to the work folder in $(($(now_ms) - t0)) ms"
    PG_PORT=$(free_port) || die "no free port"
    t0=$(now_ms)
    pg_cluster_start "$PG_RUN_DIR" "$PG_PORT" "${PG_BENCH_SETTINGS[@]}" || die "the PostgreSQL cluster did not start"
    pg_start_ms=$(($(now_ms) - t0))
    db_url=$(pg_cluster_url "$PG_PORT")
    db_before=$(du -sh "$PG_CACHE" | cut -f1)
    pg_version=$(pg_cluster_psql "$PG_PORT" -At -c "SHOW server_version")
    pg_shown=$(pg_cluster_psql "$PG_PORT" -At -c "SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name)
      FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'work_mem',
      'effective_cache_size', 'jit', 'max_parallel_workers_per_gather', 'max_connections')")
    db_desc="PostgreSQL $pg_version ($pg_shown)"
    say "PostgreSQL $pg_version on port $PG_PORT, started in $pg_start_ms ms: $pg_shown"
  fi

  # --- 3. the server; start-up time ---------------------------------------------------------------
  PORT=$(free_port) || die "no free port"
  BASE=http://127.0.0.1:$PORT
  local serve_args=(serve --db "$db_url" --port "$PORT" --address 127.0.0.1 --no-access-log
    --audit-anchor "$WORK/audit-anchor-$ENGINE.log")
  [ -n "$WORKERS" ] && serve_args+=(--workers "$WORKERS")
  [ -n "$IO_THREADS" ] && serve_args+=(--io-threads "$IO_THREADS")
  local server_log=$WORK/server-$ENGINE.log
  t0=$(date +%s%N)
  "$BIN" "${serve_args[@]}" >"$server_log" 2>&1 &
  SERVER_PID=$!
  local startup_ms=""
  for _ in $(seq 6000); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$BASE/api/v1/health" || true)" = 200 ]; then
      startup_ms=$((($(date +%s%N) - t0) / 1000000))
      break
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$server_log" >&2; die "waishi serve exited"; }
    sleep 0.01
  done
  [ -n "$startup_ms" ] || die "waishi did not answer /api/v1/health within 60 s"
  say "waishi on port $PORT, workers $WORKERS_SHOWN, io-threads $IO_THREADS_SHOWN: health answered ${startup_ms} ms after launch"
  say "server threads: $(server_threads)"

  # --- 4. sign in, the cases to read, the body to submit --------------------------------------------
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
  local ids=$WORK/case-ids-$ENGINE.txt org_total=0 page
  : >"$ids"
  for page in $(seq 10); do
    status=$(http GET "$BASE/api/v1/cases?page_size=100&page=$page" "$WORK/page.json" "${ENT_H[@]}")
    [ "$status" = 200 ] || die "GET /api/v1/cases?page=$page answered $status: $(head -c 500 "$WORK/page.json")"
    json "$WORK/page.json" 'j.items.map(i => i.id).join("\n")' >>"$ids"
    echo >>"$ids"
    org_total=$(json "$WORK/page.json" 'j.total')
    (($(json "$WORK/page.json" 'j.items.length') == 100)) || break
  done
  sed -i '/^$/d' "$ids"
  local n_ids case_id case_bytes
  n_ids=$(wc -l <"$ids")
  ((n_ids > 0)) || die "bench0 sees no case"
  case_id=$(head -1 "$ids")
  status=$(http GET "$BASE/api/v1/cases/$case_id" "$WORK/case.json" "${ENT_H[@]}")
  [ "$status" = 200 ] || die "GET /api/v1/cases/$case_id answered $status"
  case_bytes=$(wc -c <"$WORK/case.json")
  # nginx serves the very bytes of a case read's answer (the first engine's: it is measured once).
  if ((!NGINX_MEASURED)); then
    cp "$WORK/case.json" "$NGINX_DIR/html/case.json"
    CASE_BYTES=$case_bytes
  fi
  say "bench0's organization has $org_total cases; reading $n_ids of them; one answer is $case_bytes bytes (nginx serves $CASE_BYTES)"

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

  local queue_name queue_path search_who queue_h search_h
  if ((OFFICER)); then
    queue_name=officer_queue queue_path="/api/v1/cases?state=office_review&page=1&page_size=20" queue_h=("${OFF_H[@]}")
    search_who=officer search_h=("${OFF_H[@]}")
  else
    queue_name=enterprise_list queue_path="/api/v1/cases?page_size=20" queue_h=("${ENT_H[@]}")
    search_who=bench0 search_h=("${ENT_H[@]}")
  fi

  # Every request once with curl before it is measured: a benchmark of errors is worthless.
  local ent_write_h=("${ENT_H[@]}" -H "X-CSRF-Token: $ENT_CSRF" -H 'Content-Type: application/json')
  preflight health 200 GET /api/v1/health || FAILED=1
  preflight me 200 GET /api/v1/me "${ENT_H[@]}" || FAILED=1
  preflight case_read 200 GET "/api/v1/cases/$(tail -1 "$ids")" "${ENT_H[@]}" || FAILED=1
  preflight "$queue_name" 200 GET "$queue_path" "${queue_h[@]}" || FAILED=1
  preflight search_2 200 GET "/api/v1/cases?q=$Q2_ENC&page_size=20" "${search_h[@]}" || FAILED=1
  preflight search_4 200 GET "/api/v1/cases?q=$Q4_ENC&page_size=20" "${search_h[@]}" || FAILED=1
  local create_ok=1 submit_ok=1
  preflight create 201 POST /api/v1/cases "${ent_write_h[@]}" --data-binary "@$WORK/create-body.json" || { FAILED=1 create_ok=0; }
  if ((create_ok)); then
    draft=$(json "$WORK/preflight-create.json" 'j.id')
    preflight submit 200 POST "/api/v1/cases/$draft/transitions" "${ent_write_h[@]}" --data-binary '{"action":"submit"}' \
      || { submit_ok=0; say "the create+submit figure is skipped (optional)"; }
  else
    submit_ok=0
  fi
  say "search hits: $Q2 $(json "$WORK/preflight-search_2.json" 'j.total' 2>/dev/null || echo '?'), $Q4 $(json "$WORK/preflight-search_4.json" 'j.total' 2>/dev/null || echo '?') (as $search_who); queue total $(json "$WORK/preflight-$queue_name.json" 'j.total' 2>/dev/null || echo '?')"

  # --- 5. the measurements ---------------------------------------------------------------------------
  say "measuring: ${WARMUP} s warm-up + ${DURATION} s per figure, wrk $THREADS threads"
  if ((!NGINX_MEASURED)); then
    measure nginx_static "$CONNECTIONS" 2s "http://127.0.0.1:$NGINX_PORT/case.json" common.lua
    NGINX_MEASURED=1
  fi
  measure health "$CONNECTIONS" 2s "$BASE/api/v1/health" common.lua
  measure me "$CONNECTIONS" 2s "$BASE/api/v1/me" common.lua "${ENT_H[@]}"
  measure case_read "$CONNECTIONS" 5s "$BASE/api/v1/cases/$case_id" case_read.lua "${ENT_H[@]}" -- "$ids"
  measure "$queue_name" "$CONNECTIONS" 10s "$BASE$queue_path" common.lua "${queue_h[@]}"
  measure search_2char "$SEARCH_CONNECTIONS" 30s "$BASE/api/v1/cases?q=$Q2_ENC&page_size=20" common.lua "${search_h[@]}"
  measure search_4char "$SEARCH_CONNECTIONS" 30s "$BASE/api/v1/cases?q=$Q4_ENC&page_size=20" common.lua "${search_h[@]}"
  if ((create_ok)); then
    measure create "$CONNECTIONS" 10s "$BASE/api/v1/cases" create.lua \
      -H "Cookie: $ENT_COOKIE" -H "X-CSRF-Token: $ENT_CSRF" -- "$WORK/create-body.json"
  fi
  if ((submit_ok)); then
    measure create_submit "$CONNECTIONS" 10s "$BASE/api/v1/cases" create_submit.lua \
      -H "Cookie: $ENT_COOKIE" -H "X-CSRF-Token: $ENT_CSRF" -- "$WORK/create-body.json"
  fi

  kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$server_log" >&2; die "waishi died during the runs"; }

  # Official documents: render + sign of a two-page letter (a 20-row table), on one core while
  # the server is idle. No database involved: measured once, during the first engine's turn.
  if [ "$PDF_JSON" = null ]; then
    local pdf_count=${PDF_COUNT:-100}
    PDF_JSON=$("$BIN" bench-pdf --count "$pdf_count" 2>"$WORK/bench-pdf.log") \
      || { say "ERROR: waishi bench-pdf failed: $(head -c 300 "$WORK/bench-pdf.log")"; FAILED=1; PDF_JSON=null; }
    [ "$PDF_JSON" = null ] || say "PDF generation: $(json <(echo "$PDF_JSON") '`${j.per_second} letters/s on one core (${j.letters} letters of ${j.pages} pages, ${(j.bytes / 1024).toFixed(0)} KB each, in ${j.seconds} s)`')"
  fi
  local rss_mb hwm_mb rss_split db_after pg_pss=null
  rss_mb=$(awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$SERVER_PID/status")
  hwm_mb=$(awk '/^VmHWM:/ {printf "%.1f", $2 / 1024}' "/proc/$SERVER_PID/status")
  rss_split=$(awk '/^(RssAnon|RssFile):/ {printf "%s%s %.1f MB", sep, $1, $2 / 1024; sep = ", "}' "/proc/$SERVER_PID/status")
  say "server memory after the runs: VmRSS $rss_mb MB ($rss_split; peak VmHWM $hwm_mb MB), $(server_threads) threads"
  if [ "$ENGINE" = sqlite ]; then
    db_after="$(du -h "$WORK/bench.db" | cut -f1) + WAL $( (du -h "$WORK/bench.db-wal" 2>/dev/null || echo 0) | cut -f1)"
  else
    pg_pss=$(pg_pss_mb)
    say "PostgreSQL processes: $pg_pss MB resident (PSS: shared memory counted once), $(pg_pids | wc -l) processes"
    db_after="$(du -sh "$PG_RUN_DIR/data" | cut -f1) (data folder, WAL included)"
  fi
  say "database after the runs: $db_after (before: $db_before)"

  # --- 5b. the Excel export of a filtered case list ------------------------------------------------
  # The officer's export of one month of cases (GET /api/v1/cases/export?month=…): the month
  # whose count is nearest to EXPORT_ROWS (default a tenth of the cases, at most the server's
  # cap of 100,000), read from the database copy. Timed with curl; the server's memory is its
  # VmRSS before and its peak during the export (VmHWM, reset first through /proc/PID/clear_refs).
  local export_rows=${EXPORT_ROWS:-$((CASES / 10 < 100000 ? CASES / 10 : 100000))}
  local export_month export_expected export_rss0 export_t export_hwm export_mb export_s
  if ((OFFICER)) && { [ "$ENGINE" = postgresql ] || command -v sqlite3 >/dev/null; }; then
    export_month=$(engine_sql "SELECT substr(submitted_at, 1, 7) AS m FROM cases
      WHERE submitted_at IS NOT NULL GROUP BY m HAVING COUNT(*) <= $export_rows
      ORDER BY $export_rows - COUNT(*) LIMIT 1")
    export_expected=$(engine_sql "SELECT COUNT(*) FROM cases WHERE substr(submitted_at, 1, 7) = '$export_month'")
    idle_wait waishi >/dev/null
    echo 5 >"/proc/$SERVER_PID/clear_refs" 2>/dev/null || say "(cannot reset the peak memory: the export's peak is the run's)"
    export_rss0=$(awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$SERVER_PID/status")
    printf 'bench: %-18s %7s rows ... ' export_xlsx "$export_expected"
    curl -s -o "$WORK/export.xlsx" -w '%{http_code} %{time_total}' "${OFF_H[@]}" \
      "$BASE/api/v1/cases/export?month=$export_month&lang=zh" >"$WORK/export.status" &
    local export_curl=$! export_anon=0 anon
    # The peak of the memory the server allocated (RssAnon), sampled every 100 ms while the
    # export runs: VmHWM also counts the pages of the database file the SQLite readers map
    # (mmap_size) and touched, which are the OS's page cache, not the server's memory.
    while kill -0 "$export_curl" 2>/dev/null; do
      anon=$(awk '/^RssAnon:/ {print $2}' "/proc/$SERVER_PID/status")
      ((anon > export_anon)) && export_anon=$anon
      sleep 0.1
    done
    wait "$export_curl" || true
    export_t=$(cat "$WORK/export.status")
    export_anon=$(awk -v kb="$export_anon" 'BEGIN {printf "%.1f", kb / 1024}')
    export_hwm=$(awk '/^VmHWM:/ {printf "%.1f", $2 / 1024}' "/proc/$SERVER_PID/status")
    export_mb=$(awk -v b="$(wc -c <"$WORK/export.xlsx")" 'BEGIN {printf "%.1f", b / 1048576}')
    if [ "${export_t%% *}" = 200 ]; then
      export_s=${export_t#* }
      echo "${export_s} s, ${export_mb} MB file; server memory ${export_rss0} MB before, peak ${export_hwm} MB (allocated: ${export_anon} MB)"
      record single name=export_xlsx_s engine="$ENGINE" value:="$export_s" unit=s rows:="$export_expected" \
        month="$export_month" seconds:="$export_s" file_mb:="$export_mb" rss_before_mb:="$export_rss0" peak_rss_mb:="$export_hwm" \
        peak_anon_mb:="$export_anon"
    else
      echo "FAILED (${export_t%% *}): $(head -c 300 "$WORK/export.xlsx")"
      FAILED=1
    fi
  else
    say "the export figure needs bench.officer (and for SQLite the sqlite3 command): skipped"
  fi

  # --- 5c. overseas safety: LEGS itinerary legs imported, and the crisis query over them -----------
  # The CSV is generated once (bench/itineraries.py, cached in bench/results). SQLite: imported
  # into a new database of its own each run (the import's rate is the figure). PostgreSQL: into
  # the copy of the cluster the server uses. Then `waishi bench crisis`: 300 km circles over 3
  # days around random legs, by the index, and the full scan of the same table beside it.
  if ((LEGS > 0)); then
    local legs_csv=$LEGS_CSV legs_url import_json crisis_json
    make_legs_csv
    if [ "$ENGINE" = sqlite ]; then
      legs_url=sqlite:$WORK/safety.db
      rm -f "$WORK"/safety.db*
    else
      legs_url=$db_url
    fi
    # Measured on a quiet machine like the others: the server done with the export, and the
    # disk with the writes of the runs before (on 2026-12-04 an import right after them ran at
    # 150,258 legs/s, alone at 255,000).
    idle_wait waishi >/dev/null
    sync
    # SQLite: the import once first into a database thrown away, its rate shown beside (info).
    # On this virtual machine the host takes back the memory the guest has freed, and the first
    # process to touch it again after the runs pays a fault on the host for each page: on
    # 2026-12-05 the first import ran at 202,633 legs/s and the second at 257,616 (by hand, after
    # the page cache was dropped, 326,000; bench/README.md, "The import").
    if [ "$ENGINE" = sqlite ]; then
      local first_json
      printf 'bench: %-18s %9s legs ... ' import_first "$LEGS"
      if first_json=$("$BIN" import itineraries --db "sqlite:$WORK/safety-first.db" "$legs_csv" 2>"$WORK/import-first.log" | tail -1); then
        echo "$(json <(echo "$first_json") '`${j.legs_per_second} legs/s (${j.seconds} s; thrown away)`')"
        record single name=import_first_legs_per_s engine="$ENGINE" value:="$(json <(echo "$first_json") 'j.legs_per_second')" \
          unit=legs/s import:="$first_json"
      else
        echo "FAILED: $(grep -v ' INFO ' "$WORK/import-first.log" | head -c 300)"
        FAILED=1
      fi
      rm -f "$WORK"/safety-first.db*
      sync
    fi
    printf 'bench: %-18s %9s legs ... ' import_legs "$LEGS"
    if import_json=$("$BIN" import itineraries --db "$legs_url" "$legs_csv" 2>"$WORK/import-$ENGINE.log" | tail -1); then
      echo "$(json <(echo "$import_json") '`${j.legs_per_second} legs/s (${j.legs} legs of ${j.people} people in ${j.seconds} s)`')"
      record single name=import_legs_per_s engine="$ENGINE" value:="$(json <(echo "$import_json") 'j.legs_per_second')" \
        unit=legs/s import:="$import_json"
      printf 'bench: %-18s %9s legs ... ' crisis_query "$LEGS"
      if crisis_json=$("$BIN" bench crisis --db "$legs_url" "${CRISIS_QUERIES:-200}" "${CRISIS_SCANS:-3}" 2>"$WORK/crisis-$ENGINE.log" | tail -1); then
        echo "$(json <(echo "$crisis_json") '`p50 ${j.p50_ms} ms, p99 ${j.p99_ms} ms (${j.affected_legs_mean} legs found on average); full scan ${j.scan_p50_ms} ms: ${j.vs_scan}x`')"
        record single name=crisis_p50_ms engine="$ENGINE" value:="$(json <(echo "$crisis_json") 'j.p50_ms')" unit=ms crisis:="$crisis_json"
        record single name=crisis_vs_scan engine="$ENGINE" value:="$(json <(echo "$crisis_json") 'j.vs_scan')" unit=x
      else
        echo "FAILED: $(grep -v ' INFO ' "$WORK/crisis-$ENGINE.log" | head -c 300)"
        FAILED=1
      fi
      # The roll call of an incident over 10,000 people with an address, added to the register.
      local roll_json
      printf 'bench: %-18s %9s people ... ' roll_call 10000
      if roll_json=$("$BIN" bench roll-call --db "$legs_url" 10000 2>"$WORK/roll-$ENGINE.log" | tail -1); then
        echo "$(json <(echo "$roll_json") '`${j.send_ms} ms (${j.per_second} people/s, ${j.emailed} e-mails queued)`')"
        record single name=roll_call_10k_ms engine="$ENGINE" value:="$(json <(echo "$roll_json") 'j.send_ms')" \
          unit=ms roll_call:="$roll_json"
      else
        echo "FAILED: $(grep -v ' INFO ' "$WORK/roll-$ENGINE.log" | head -c 300)"
        FAILED=1
      fi
    else
      echo "FAILED: $(grep -v ' INFO ' "$WORK/import-$ENGINE.log" | head -c 300)"
      FAILED=1
    fi
    [ "${KEEP_WORK:-0}" = 1 ] || rm -f "$WORK"/safety.db*
  fi

  # Anything the server logged (with --no-access-log it logs only start-up, warnings and errors).
  local log_problems
  log_problems=$(grep -cE ' (WARN|ERROR) ' "$server_log" || true)
  if ((log_problems > 0)); then
    say "WARNING: the server logged $log_problems warnings/errors (bench/results/$(basename "$server_log")); the first:"
    grep -E ' (WARN|ERROR) ' "$server_log" | head -5 | cut -c1-300 | sed 's/^/    /'
  fi

  local cached=true
  record single name=startup_ms engine="$ENGINE" value:="$startup_ms" unit=ms
  record single name=rss_mb engine="$ENGINE" value:="$rss_mb" unit=MB
  record single name=peak_rss_mb engine="$ENGINE" value:="$hwm_mb" unit=MB
  if [ -n "${DATAGEN_S[$ENGINE]:-}" ]; then
    cached=false
    record single name=bench_data_s engine="$ENGINE" value:="${DATAGEN_S[$ENGINE]}" unit=s
  fi
  if [ "$ENGINE" = postgresql ]; then
    record single name=postgres_pss_mb engine="$ENGINE" value:="$pg_pss" unit=MB
    record single name=postgres_start_ms engine="$ENGINE" value:="$pg_start_ms" unit=ms
  fi
  record engine_meta engine="$ENGINE" database="$db_desc" case_bytes:="$case_bytes" search_as="$search_who" \
    queue="$queue_name" database_before_run="$db_before" database_after_run="$db_after" \
    server_log_warnings:="$log_problems" data_cached:="$cached"

  # --- the engine's turn is over: the server stopped, the copy removed ---------------------------
  stop_pid "$SERVER_PID" waishi
  SERVER_PID=""
  save_logs
  if [ "$ENGINE" = postgresql ]; then
    pg_cluster_stop "$PG_RUN_DIR" immediate
    [ "${KEEP_WORK:-0}" = 1 ] || rm -rf "$PG_RUN_DIR/data"
  else
    [ "${KEEP_WORK:-0}" = 1 ] || rm -f "$WORK/bench.db" "$WORK/bench.db-wal" "$WORK/bench.db-shm"
  fi
}

# The helpers of run_engine.
# The defaults as src/main.cpp states them (for the record only).
default_of() { grep -o "Get(\"$1\", \"[0-9]*\")" "$ROOT/src/main.cpp" 2>/dev/null | grep -o '[0-9]\+' | head -1 || true; }
WORKERS_SHOWN=${WORKERS:-"$(default_of workers) (default)"}
IO_THREADS_SHOWN=${IO_THREADS:-"$(default_of io-threads) (default)"}
server_threads() { awk '/^Threads:/ {print $2}' "/proc/$SERVER_PID/status"; }
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
preflight() {  # name expected-status method path [curl args...]
  local name=$1 expected=$2 method=$3 path=$4 status
  shift 4
  status=$(http "$method" "$BASE$path" "$WORK/preflight-$name.json" "$@")
  if [ "$status" != "$expected" ]; then
    say "ERROR: $ENGINE: $name: $method $path answered $status (expected $expected): $(head -c 600 "$WORK/preflight-$name.json")"
    return 1
  fi
}
Q2=张伟
Q4=洽谈经贸
Q2_ENC=$(urlencode "$Q2")
Q4_ENC=$(urlencode "$Q4")
CASE_BYTES=0

for engine in "${ENGINE_LIST[@]}"; do run_engine "$engine"; done
ENGINE=""

# --- 6. the table, the targets, latest.json, latest.svg -----------------------------------------
record meta engines:="$(node -p 'JSON.stringify(process.argv.slice(1))' "${ENGINE_LIST[@]}")" cases:="$CASES" \
  case_bytes:="$CASE_BYTES" workers="$WORKERS_SHOWN" io_threads="$IO_THREADS_SHOWN" nginx_workers="$NGINX_WORKERS" \
  wrk_threads:="$THREADS" duration_s:="$DURATION" warmup_s:="$WARMUP" connections:="$CONNECTIONS" \
  search_connections:="$SEARCH_CONNECTIONS" cores:="$(nproc)" machine="$MACHINE" \
  other_load_pct_at_start:="$BUSY_START" busy_limit:="$BUSY_LIMIT" at="$(date -u +%Y-%m-%dT%H:%M:%S.000Z)"
if [ "$PDF_JSON" != null ]; then
  record single name=pdf_letters_per_s engine:=null value:="$(json <(echo "$PDF_JSON") 'j.per_second')" \
    unit=letters/s pdf:="$PDF_JSON"
fi
node "$BENCH/report.mjs" "$RESULT_LINES" "$RESULTS/latest.json" || die "could not write the report"
node "$BENCH/chart.mjs" "$RESULTS/latest.json" "$RESULTS/latest.svg" || die "could not draw the chart"
say "written: $RESULTS/latest.json, $RESULTS/latest.svg"

((FAILED == 0)) || die "some figures could not be measured (see above)"
