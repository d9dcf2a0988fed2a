#!/usr/bin/env bash
# A/B of the case read: two server binaries on copies of the benchmark's SQLite database, both
# serving at once, and wrk alternating between them, so that both see the same machine (the
# runs of one binary vary by ±5 % on the 2-core virtual machine; a change of a few per cent shows
# only side by side). Prints each run's req/s, the server's CPU time per request and the p99.
#
#   bash bench/ab.sh OLD_BINARY NEW_BINARY
#   ROUNDS=6 DURATION=5 bash bench/ab.sh /tmp/waishi-before build/release/waishi
#   ENGINE=postgresql CASES=100000 bash bench/ab.sh /tmp/waishi-before build/release/waishi
#   ARGS_A="--io-threads 2" ARGS_B="--io-threads 4" bash bench/ab.sh B B   # options of `serve`
#
# Needs the database of a previous `make bench` (bench/results/bench-$CASES.db, or for
# ENGINE=postgresql the cluster bench/results/pg-$CASES/, of which each side gets its own copy
# and PostgreSQL server) and its keys.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || {
  echo "usage: bash bench/ab.sh BINARY_A BINARY_B" >&2
  exit 2
}
ROUNDS=${ROUNDS:-4}
DURATION=${DURATION:-5}
CASES=${CASES:-1000000}
PORT=${PORT:-18450}
ENGINE=${ENGINE:-sqlite}
case $ENGINE in
  sqlite) DB=bench/results/bench-$CASES.db ;;
  postgresql)
    DB=bench/results/pg-$CASES
    PG_CLUSTER_WHO=ab
    # shellcheck source=scripts/postgres-cluster.sh
    source scripts/postgres-cluster.sh
    pg_cluster_check || exit 1
    ;;
  *)
    echo "ENGINE: sqlite or postgresql" >&2
    exit 2
    ;;
esac
[ -e "$DB" ] || {
  echo "no $DB: run make bench first (ENGINES=$ENGINE CASES=$CASES bash bench/run.sh)" >&2
  exit 1
}
export WAISHI_KEYS=$PWD/bench/results/keys BENCH_LUA_DIR=$PWD/bench
WORK=$(mktemp -d /tmp/waishi-ab.XXXXXX)
chmod 755 "$WORK"  # the PostgreSQL servers run as postgres
pids=()
stop() {
  [ ${#pids[@]} -eq 0 ] || kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  if [ "$ENGINE" = postgresql ]; then
    for side in 0 1; do pg_cluster_stop "$WORK/$side/pg" immediate; done
  fi
  rm -rf "$WORK"
}
trap stop EXIT

# The server's CPU time so far, in clock ticks, over all its threads.
ticks() {
  local total=0 fields
  for stat in /proc/"$1"/task/*/stat; do
    read -r -a fields <<<"$(sed 's/.*) //' "$stat")"
    total=$((total + fields[11] + fields[12]))
  done
  echo "$total"
}

for side in 0 1; do
  bin=$1
  read -r -a args <<<"${ARGS_A:-}"
  [ $side = 1 ] && bin=$2 && read -r -a args <<<"${ARGS_B:-}"
  mkdir -p "$WORK/$side"
  chmod 755 "$WORK/$side"
  if [ "$ENGINE" = sqlite ]; then
    cp --reflink=auto "$DB" "$WORK/$side/b.db"
    url=sqlite:$WORK/$side/b.db
  else
    pg_cluster_dir "$WORK/$side/pg"
    cp -a --reflink=auto "$DB" "$WORK/$side/pg/data"
    pg_cluster_start "$WORK/$side/pg" $((PORT + 10 + side)) -c max_connections=200
    url=$(pg_cluster_url $((PORT + 10 + side)))
  fi
  "$bin" serve --db "$url" --port $((PORT + side)) --address 127.0.0.1 \
    --no-access-log --audit-anchor "$WORK/$side/anchor.log" "${args[@]}" >"$WORK/$side/server.log" 2>&1 &
  pids+=($!)
done
for side in 0 1; do
  base=http://127.0.0.1:$((PORT + side))
  for _ in $(seq 600); do curl -sf -o /dev/null "$base/api/v1/health" && break || sleep 0.1; done
  curl -sf -D "$WORK/$side/headers" -o /dev/null -H 'Content-Type: application/json' \
    --data-binary '{"username":"bench0","password":"bench-password-0"}' "$base/api/v1/auth/login"
  grep -i '^set-cookie: *waishi_session=' "$WORK/$side/headers" | head -1 |
    sed -E 's/^[^:]*: *([^;]*).*/\1/' | tr -d '\r' >"$WORK/$side/cookie"
  # bench0's cases, as bench/run.sh reads them.
  for page in $(seq 10); do
    curl -sf -H "Cookie: $(cat "$WORK/$side/cookie")" "$base/api/v1/cases?page_size=100&page=$page" |
      node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).items.map(i=>i.id).join("\n")))'
  done >"$WORK/$side/ids"
done

read_cases() { # side seconds
  wrk -t2 -c64 -d"$2"s -s bench/case_read.lua -H "Cookie: $(cat "$WORK/$1/cookie")" \
    "http://127.0.0.1:$((PORT + $1))/api/v1/cases/1" -- "$WORK/$1/ids"
}
for side in 0 1; do read_cases $side 2 >/dev/null; done  # warm-up
hz=$(getconf CLK_TCK)
for _ in $(seq "$ROUNDS"); do
  for side in 0 1; do
    before=$(ticks "${pids[$side]}")
    read -r rps p99 < <(read_cases $side "$DURATION" |
      sed -nE 's/^BENCH_JSON .*"rps":([0-9.]+).*"p99_ms":([0-9.]+).*/\1 \2/p')
    after=$(ticks "${pids[$side]}")
    echo "$rps $(awk -v t=$((after - before)) -v hz="$hz" -v r="$rps" -v d="$DURATION" \
      'BEGIN {printf "%.1f", t / hz * 1e6 / (r * d)}') $p99" >>"$WORK/runs-$side"
  done
done
for side in 0 1; do
  name=A
  [ $side = 1 ] && name=B
  awk -v name=$name -v bin="$([ $side = 0 ] && echo "$1" || echo "$2")" '
    { rps[NR] = $1; us[NR] = $2; p99[NR] = $3; sum += $1 }
    END {
      printf "%s %s: mean %.0f req/s; runs", name, bin, sum / NR
      for (i = 1; i <= NR; i++) printf " %.0f (%s us/req, p99 %s ms)", rps[i], us[i], p99[i]
      printf "\n"
    }' "$WORK/runs-$side"
done
