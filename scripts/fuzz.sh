#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets of fuzz/ with clang (AddressSanitizer + UBSan, the
# whole library instrumented, in build/fuzz), runs each for FUZZ_SECONDS on its committed corpus
# fuzz/corpus/<target>/, then merges what it found into that corpus, minimized
# (-set_cover_merge=1: a small set of inputs that keeps every feature reached). A crash or
# broken invariant is written to fuzz/regressions/<target>/, which `make test` replays with the
# corpus; the run then fails.
#
#   FUZZ_SECONDS  time per target (default 600)
#   FUZZ_TARGETS  which targets (default: all of fuzz/*.cpp but the replay main)
#   FUZZ_JOBS     how many run at once (default 2; the machine is shared, each runs under nice)
#
# Figures of each run (executions, executions per second, corpus files, crashes) are printed at
# the end and kept in build/fuzz/summary.txt.
set -uo pipefail
cd "$(dirname "$0")/.."
unset MAKEFLAGS MFLAGS MAKELEVEL  # run from make: keep the inner builds' output plain
FUZZ_SECONDS=${FUZZ_SECONDS:-600}
FUZZ_JOBS=${FUZZ_JOBS:-2}
if [ -z "${FUZZ_TARGETS:-}" ]; then
  FUZZ_TARGETS=$(ls fuzz/*.cpp | xargs -n1 basename | sed 's/\.cpp$//' | grep -v '^replay_main$')
fi

# The longest input worth trying, per target: a JSON body with room for nesting past the depth
# limit and long strings; a request line; an identifier or a name.
max_len() {
  case $1 in
    json_body) echo 4096 ;;
    router) echo 1024 ;;
    *) echo 256 ;;
  esac
}

bash scripts/install-deps.sh --fuzz || exit 1
# clang 16, not Debian's default 14: clang 14 cannot capture a structured binding in a lambda
# (C++20; src/core/cases/engine.cpp does).
CXX=${FUZZ_CXX:-clang++-16}
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# -Werror stays with the GCC builds: a clang-only warning must not stop a fuzzing run.
# -O1 and line tables only: quicker to build, and enough for the sanitizers' stack traces.
cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE= -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only" \
  -DCMAKE_CXX_COMPILER="$CXX" \
  -DWAISHI_SANITIZE=ON -DWAISHI_FUZZ=ON -DWAISHI_WERROR=OFF "${launcher[@]}" >/dev/null || exit 1
for t in $FUZZ_TARGETS; do
  nice -n 10 cmake --build build/fuzz -j"$FUZZ_JOBS" --target "fuzz_$t" || exit 1
done

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# clang 16's runtime looks for its own llvm-symbolizer; any version reads the line tables.
if command -v llvm-symbolizer >/dev/null; then
  export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$(command -v llvm-symbolizer)}
fi
work=build/fuzz/work
: >build/fuzz/summary.txt

# One target: fuzz into a scratch folder (reading the committed corpus too), then merge both
# into a fresh folder that replaces the committed corpus.
run() {
  local t=$1 len
  len=$(max_len "$t")
  local fresh=$work/$t/new merged=$work/$t/merged log=$work/$t/fuzz.log
  rm -rf "${work:?}/$t"
  mkdir -p "$fresh" "$merged" "fuzz/corpus/$t" "fuzz/regressions/$t"
  echo "fuzz $t: ${FUZZ_SECONDS} s, -max_len=$len (log: $log)"
  nice -n 10 "build/fuzz/fuzz_$t" -max_len="$len" -max_total_time="$FUZZ_SECONDS" \
    -print_final_stats=1 -artifact_prefix="fuzz/regressions/$t/" "$fresh" "fuzz/corpus/$t" \
    >"$log" 2>&1
  local status=$?
  nice -n 10 "build/fuzz/fuzz_$t" -set_cover_merge=1 -max_len="$len" \
    "$merged" "fuzz/corpus/$t" "$fresh" \
    >"$work/$t/merge.log" 2>&1 &&
    rm -rf "fuzz/corpus/$t" && cp -r "$merged" "fuzz/corpus/$t"
  local execs rate crashes
  execs=$(grep -oP 'stat::number_of_executed_units:\s*\K\d+' "$log" | tail -1)
  rate=$(grep -oP 'stat::average_exec_per_sec:\s*\K\d+' "$log" | tail -1)
  crashes=$(find "fuzz/regressions/$t" -type f -newer "$work/$t" | wc -l)
  printf '%-12s %12s executions %8s/s %5s corpus files %3s crashes%s\n' "$t" "${execs:-?}" \
    "${rate:-?}" "$(ls "fuzz/corpus/$t" | wc -l)" "$crashes" \
    "$([ "$status" -eq 0 ] || echo " (exit $status, see $log)")" >>build/fuzz/summary.txt
  return "$status"
}

failed=0
running=0
for t in $FUZZ_TARGETS; do
  if ((running >= FUZZ_JOBS)); then
    wait -n || failed=1
    running=$((running - 1))
  fi
  run "$t" &
  running=$((running + 1))
done
while ((running > 0)); do
  wait -n || failed=1
  running=$((running - 1))
done

echo
cat build/fuzz/summary.txt
if ((failed)); then
  echo "fuzz: a target failed; its input is in fuzz/regressions/<target>/ (replayed by make test)"
  exit 1
fi
