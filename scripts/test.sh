#!/usr/bin/env bash
# README command 2 (and .ci/run): the whole test suite, on a clean machine as root.
#   1. install missing packages          5. the same tests under ASan + UBSan (ctest)
#   2. Release build                     6. syntax verdicts vs Microsoft's parser (corpus)
#   3. doctest suites (ctest)            7. binder verdicts vs Microsoft's binder (corpus)
#   4. unit tests of the scripts and     8. bounded libFuzzer run (when fuzz/ exists)
#      the rules' sample-event tests
# Every step runs even when an earlier independent one failed, so one run shows everything
# that is broken; steps that need a failed build are skipped. Exits non-zero if any step failed
# and ends with one line naming the failed steps and the total time.
# Needs ../shared beside the clone (or KQ_SHARED_DIR) for the corpus and the oracle.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=${KQ_BUILD_DIR:-$root/build}
asan=${KQ_ASAN_BUILD_DIR:-$root/build-asan}
jobs=${KQ_JOBS:-$(nproc)}
export KQ_JOBS=$jobs

started=$(date +%s)
failed=()
summary=()

# step NAME COMMAND...: runs one step, records its result and duration.
step() {
  local name=$1; shift
  local t0=$(date +%s) rc
  echo
  echo "==== test.sh: $name"
  "$@"; rc=$?
  local dt=$(( $(date +%s) - t0 ))
  if [ $rc -eq 0 ]; then
    summary+=("$(printf '  %-16s ok      %4ds' "$name" "$dt")")
  else
    summary+=("$(printf '  %-16s FAILED  %4ds (exit %d)' "$name" "$dt" "$rc")")
    failed+=("$name")
  fi
  return $rc
}
skip() {
  summary+=("$(printf '  %-16s skipped (%s)' "$1" "$2")")
  failed+=("$1")
}

# The query of every example in Microsoft's KQL reference (../shared/oracle/kql-docs): a second
# syntax corpus beside the hunting queries, with the newer operators (graph, project-by-names).
docs_syntax() {
  local dir="$build/docs-queries"
  rm -rf "$dir" && mkdir -p "$dir"
  for d in "$root"/../shared/oracle/kql-docs/cases/*/; do
    cp "$d/query.kql" "$dir/$(basename "$d").kql"
  done
  scripts/oracle-compare syntax --build-dir "$build" --corpus "$dir" &&
    scripts/oracle-compare binder --build-dir "$build" --corpus "$dir"
}

run_ctest() {  # build dir
  (cd "$1" && ctest --output-on-failure -j "$jobs" --timeout 1200)
}

if step deps scripts/install-deps.sh; then
  if step build scripts/build.sh release; then
    step ctest run_ctest "$build"
    step script-tests python3 -m unittest discover -s scripts/tests
    step rule-tests "$build/kqlint" test rules/
    step oracle-syntax scripts/oracle-compare syntax --build-dir "$build"
    step docs-syntax docs_syntax
    step oracle-binder scripts/oracle-compare binder --build-dir "$build"
    # The SQL backend on Microsoft's documented examples, on SQLite and PostgreSQL: fails on a
    # wrong result that is not a documented docs error (scripts/kql-docs-verdicts.tsv).
    step kql-docs-sql scripts/kql-docs-oracle --kqlint "$build/kqlint"
  else
    for s in ctest script-tests rule-tests oracle-syntax docs-syntax oracle-binder kql-docs-sql; do skip $s "build failed"; done
  fi
  if step asan-build scripts/build.sh asan; then
    # halt on the first UBSan finding too, and print where it came from
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1} \
    UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
      step asan-ctest run_ctest "$asan"
  else
    skip asan-ctest "asan build failed"
  fi
  step fuzz scripts/fuzz.sh
else
  skip everything "package installation failed"
fi

total=$(( $(date +%s) - started ))
echo
echo "==== test.sh summary"
printf '%s\n' "${summary[@]}"
elapsed=$(printf '%dm%02ds' $((total / 60)) $((total % 60)))
if [ ${#failed[@]} -eq 0 ]; then
  echo "test.sh: OK, every step passed in $elapsed"
  exit 0
fi
echo "test.sh: FAILED steps: ${failed[*]} (total $elapsed)"
exit 1
