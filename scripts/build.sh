#!/usr/bin/env bash
# Configures and builds one flavour of kqlint in its own build directory under the repo:
#   release  build/       Release build of kqlint and the tests (README commands 1 and 2)
#   asan     build-asan/  the tests under AddressSanitizer + UndefinedBehaviorSanitizer
#   fuzz     build-fuzz/  the libFuzzer targets in fuzz/ (clang), only the fuzz executables
# Re-running only rebuilds what changed. Extra arguments are passed to ninja (targets).
# KQ_JOBS overrides the parallelism (default: all cores); KQ_BUILD_DIR, KQ_ASAN_BUILD_DIR and
# KQ_FUZZ_BUILD_DIR override the directories (e.g. one per engineer in a shared checkout).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
flavour=${1:?usage: build.sh release|asan|fuzz [ninja targets...]}
shift
jobs=${KQ_JOBS:-$(nproc)}

case "$flavour" in
  release)
    dir=${KQ_BUILD_DIR:-$root/build}
    args=(-DCMAKE_BUILD_TYPE=Release) ;;
  asan)
    # -O1 keeps the instrumented build and run reasonably quick while stacks stay readable.
    dir=${KQ_ASAN_BUILD_DIR:-$root/build-asan}
    args=(-DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-g -O1" -DKQLINT_SANITIZE=ON) ;;
  fuzz)
    dir=${KQ_FUZZ_BUILD_DIR:-$root/build-fuzz}
    args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DKQLINT_FUZZ=ON -DKQLINT_TESTS=OFF
          -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++) ;;
  *) echo "build.sh: unknown flavour '$flavour' (release, asan or fuzz)" >&2; exit 2 ;;
esac

# ccache, when installed, lets several build directories of one checkout share compiled objects.
if command -v ccache >/dev/null; then
  export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
  args+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi

# Configure once; later runs let ninja re-run cmake when CMakeLists or globs change.
if [ ! -f "$dir/build.ninja" ]; then
  cmake -S "$root" -B "$dir" -G Ninja "${args[@]}"
fi
ninja -C "$dir" -j "$jobs" "$@"
