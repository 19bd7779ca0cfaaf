#!/usr/bin/env bash
# Builds the libFuzzer targets declared under fuzz/ (clang, -DKQLINT_FUZZ=ON) and runs them for a
# bounded time: KQ_FUZZ_SECONDS in all (default 60), shared between the targets, with inputs
# capped at KQ_FUZZ_MAX_LEN bytes (default 4096; the parser's size limits are tested elsewhere).
# Seeds: the corpus fuzz/CMakeLists.txt lays beside each executable (else fixtures/syntax); what
# the fuzzer finds goes to the build tree, never into the repo. A crash, leak or timeout fails
# the run and leaves the reproducer in build-fuzz/artifacts/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${KQ_FUZZ_BUILD_DIR:-$root/build-fuzz}
total=${KQ_FUZZ_SECONDS:-60}

if [ ! -f "$root/fuzz/CMakeLists.txt" ]; then
  echo "fuzz: no fuzz/CMakeLists.txt in the repo yet; nothing to run"
  exit 0
fi

"$root/scripts/build.sh" fuzz build.ninja >/dev/null   # configure (and regenerate) only
# The fuzz executables: ninja lists every linked executable with its link rule; take those
# whose file name mentions fuzz (fuzz/CMakeLists.txt defines them).
mapfile -t targets < <(ninja -C "$dir" -t targets all \
  | sed -n 's|^\([^:]*fuzz[^:/]*\): CXX_EXECUTABLE_LINKER.*|\1|p' | sort -u)
if [ ${#targets[@]} -eq 0 ]; then
  echo "fuzz: fuzz/ declares no executable target" >&2
  exit 1
fi
"$root/scripts/build.sh" fuzz "${targets[@]}"

per=$(( total / ${#targets[@]} )); [ "$per" -ge 5 ] || per=5
mkdir -p "$dir/artifacts"
status=0
for t in "${targets[@]}"; do
  name=$(basename "$t")
  out="$dir/corpus/$name"; mkdir -p "$out"
  seeds=()
  # the seed corpus fuzz/CMakeLists.txt lays beside the executable, else fixtures/syntax
  for s in "$(dirname "$dir/$t")/corpus" "$root/fuzz/corpus/$name" "$root/fuzz/corpus"; do
    [ -d "$s" ] && seeds+=("$s")
  done
  [ ${#seeds[@]} -gt 0 ] || { [ -d "$root/fixtures/syntax" ] && seeds+=("$root/fixtures/syntax"); }
  echo "fuzz: $name for ${per}s (seeds: ${seeds[*]:-none})"
  if ! "$dir/$t" -max_total_time="$per" -timeout=10 -rss_limit_mb=2048 \
        -max_len="${KQ_FUZZ_MAX_LEN:-4096}" -print_final_stats=1 \
        -artifact_prefix="$dir/artifacts/$name-" "$out" "${seeds[@]}" 2>"$dir/$name.log"; then
    tail -n 60 "$dir/$name.log" >&2
    echo "fuzz: $name FAILED; reproducer in $dir/artifacts/ (log: $dir/$name.log)" >&2
    status=1
  else
    grep -E '^(#[0-9]+ *DONE|stat::number_of_executed_units)' "$dir/$name.log" | tail -n 2 || true
    echo "fuzz: $name ok"
  fi
done
exit $status
