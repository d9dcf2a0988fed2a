#!/usr/bin/env bash
# Everything `make test` runs: the sanitizer build, the unit tests, the API tests on SQLite
# and on a throwaway PostgreSQL, the crash test's short form, and the web UI's checks. Ends
# with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
JOBS=$(nproc)
passed=0; failed=0; failures=()

# The machine's CPU ticks so far: busy, then idle (/proc/stat's first line).
cpu_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6}' /proc/stat; }
# How many of the cores were busy between two cpu_ticks readings ("1.4 of 2 cores busy"). The
# whole machine's: on a quiet CI machine, what a step costs, and what running steps side by side
# could gain.
cores_busy() {
  local b0 i0 b1 i1
  read -r b0 i0 <<<"$1"; read -r b1 i1 <<<"$2"
  awk -v b=$((b1 - b0)) -v i=$((i1 - i0)) -v n="$JOBS" \
    'BEGIN {printf "%.1f of %d cores busy", (b + i > 0 ? n * b / (b + i) : 0), n}'
}

step() {  # step NAME COMMAND...
  local name=$1; shift
  echo; echo "=== $name"
  local start=$SECONDS ticks; ticks=$(cpu_ticks)
  if "$@"; then
    passed=$((passed + 1)); echo "=== $name: PASSED ($((SECONDS - start)) s, $(cores_busy "$ticks" "$(cpu_ticks)"))"
  else
    failed=$((failed + 1)); failures+=("$name"); echo "=== $name: FAILED ($((SECONDS - start)) s, $(cores_busy "$ticks" "$(cpu_ticks)"))"
  fi
}

# Batches of 32 sources rather than the default 16: each batch parses the headers and compiles
# their templates once, so fewer batches are less work (a fresh build here: 605 core-seconds and
# 330 s instead of 714 and 378). Not the default, as an incremental build recompiles a whole batch.
build_asan() {
  cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWAISHI_SANITIZE=ON -DWAISHI_WERROR=ON \
    -DCMAKE_UNITY_BUILD_BATCH_SIZE=32 >/dev/null &&
    cmake --build build/asan -j"$JOBS"
}
# A freed block waits in a quarantine of 16 MB (not 256) before it is reused, and a report shows
# 8 frames of where a block was allocated and freed (not 30): the API tests' server took 94
# core-seconds instead of 111 on SQLite. A use after free is still caught while the block is
# among the last 16 MB freed.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:quarantine_size_mb=16:malloc_context_size=8
# The font stack's process-lifetime caches are not leaks of ours (scripts/lsan-suppressions.txt).
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan-suppressions.txt:print_suppressions=0"
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# The web's packages (the API tests read the Excel exports with its exceljs) and the gazetteer's
# file (scripts/places.mjs: the API and browser tests load it), made while the server builds: npm
# waits on the registry and the disk more than it computes. Its step waits for it and shows it.
web_ci() {
  (cd web && npm ci --no-audit --no-fund --loglevel=error) && node scripts/places.mjs build/places.csv
}
WEB_CI_LOG=$(mktemp)
web_ci >"$WEB_CI_LOG" 2>&1 &
WEB_CI_PID=$!
web_ci_done() {
  local rc=0
  wait "$WEB_CI_PID" || rc=$?
  cat "$WEB_CI_LOG"
  rm -f "$WEB_CI_LOG"
  return $rc
}

step "format (clang-format --dry-run)" make --no-print-directory format-check
step "build (AddressSanitizer + UBSan, -Werror)" build_asan
if [ ! -x build/asan/waishi ]; then
  kill "$WEB_CI_PID" 2>/dev/null
  echo; echo "Summary: build failed"; echo "0 passed, 1 failed"; exit 1
fi
# gtest_shards COMMAND...: the test binary once per core, side by side, each running its share of
# the tests (GoogleTest's GTEST_TOTAL_SHARDS and GTEST_SHARD_INDEX); each share's output is
# printed whole once all are done. A test binary keeps one core busy: the unit tests take about
# half the time this way.
gtest_shards() {
  local logs i status=0 pids=()
  logs=$(mktemp -d)
  for ((i = 0; i < JOBS; i++)); do
    GTEST_TOTAL_SHARDS=$JOBS GTEST_SHARD_INDEX=$i "$@" >"$logs/$i" 2>&1 &
    pids+=($!)
  done
  for ((i = 0; i < JOBS; i++)); do
    wait "${pids[$i]}" || status=1
    echo "--- share $((i + 1)) of $JOBS"
    cat "$logs/$i"
  done
  rm -rf "$logs"
  return $status
}
export -f gtest_shards
export JOBS
# side_by_side LABEL FUNCTION [LABEL FUNCTION ...]: the functions at once, each one's output
# printed whole, in the order given, when all are done; fails when one of them failed. For
# suites that wait on their servers more than they compute: two at once take little longer
# than one.
side_by_side() {
  local logs i rc status=0 pids=() labels=()
  logs=$(mktemp -d)
  while (($# >= 2)); do
    labels+=("$1")
    "$2" >"$logs/${#pids[@]}" 2>&1 &
    pids+=($!)
    shift 2
  done
  for ((i = 0; i < ${#pids[@]}; i++)); do
    rc=0
    wait "${pids[$i]}" || rc=$?
    echo "--- ${labels[$i]} (exit $rc)"
    cat "$logs/$i"
    ((rc == 0)) || status=1
  done
  rm -rf "$logs"
  return $status
}
# The unit tests: on SQLite (their PostgreSQL instances skip without a server), and those of the
# engine, the accounts and the audit once more on a throwaway PostgreSQL.
unit_sqlite() { gtest_shards build/asan/waishi_unit_tests --gtest_brief=1; }
unit_postgresql() {
  scripts/with-postgres.sh bash -c \
    'WAISHI_TEST_PG_URL="$WAISHI_PG_URL" gtest_shards build/asan/waishi_unit_tests --gtest_brief=1 --gtest_filter="*/Postgres"'
}
step "unit tests on SQLite, and on PostgreSQL (the engine, accounts, audit), side by side" \
  side_by_side SQLite unit_sqlite PostgreSQL unit_postgresql
# Every fuzz target on its committed corpus and on every crash `make fuzz` found.
replay_fuzz() {
  local t dirs
  for t in fuzz/corpus/*/; do
    t=$(basename "$t")
    dirs=("fuzz/corpus/$t")
    [ -d "fuzz/regressions/$t" ] && dirs+=("fuzz/regressions/$t")
    "build/asan/fuzz_${t}_replay" "${dirs[@]}" || return 1
  done
}
step "fuzz corpus replay" replay_fuzz
step "web: install (made during the build)" web_ci_done
api_sqlite() { scripts/run-api-tests.sh build/asan/waishi sqlite:; }
# PostgreSQL through nginx in front of two servers (scripts/cluster.sh): the same tests, each
# request to the next server, and tests/api/instances.test.mjs addressing each one.
api_postgresql() {
  WAISHI_INSTANCES=2 scripts/with-postgres.sh bash -c 'scripts/run-api-tests.sh build/asan/waishi "$WAISHI_PG_URL"'
}
step "API tests on SQLite, and on PostgreSQL through nginx in front of two servers, side by side" \
  side_by_side SQLite api_sqlite PostgreSQL api_postgresql
# The short form of make crash-test: 3 rounds of SIGKILL under load on each engine, and 3 of an
# instance killed behind nginx; the three side by side.
step "crash test (3 rounds on SQLite, 3 on PostgreSQL, 3 through nginx in front of two instances)" \
  scripts/crash-test.sh build/asan/waishi 3 sqlite,postgresql,cluster
if [ -f web/package.json ]; then
  step "API contract (redocly lint, generated web types)" scripts/check-openapi.sh build/asan/waishi
  step "web: type check and build" bash -c 'cd web && npm run build'
  step "web: unit tests" bash -c 'cd web && npm run test:unit'
  if [ -d web/e2e ]; then
    step "web: end-to-end tests in Chromium" scripts/run-e2e-tests.sh build/asan/waishi
  fi
fi

echo
echo "Summary:"
((${#failures[@]})) && printf '  failed: %s\n' "${failures[@]}"
echo "$passed passed, $failed failed"
((failed == 0))
