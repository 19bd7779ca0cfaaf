#!/usr/bin/env bash
# Installs the Debian packages kqlint needs to build, test, compare with Microsoft's parser and
# benchmark. Idempotent and quick on re-run: apt is only called for packages that are missing.
# Used by setup.sh (README command 1) and test.sh (README command 2, which CI runs on a clean
# machine, so it must not rely on anything installed by hand).
set -euo pipefail

packages=(
  # build: compilers, generator, libraries (CMakeLists.txt find_package / pkg-config)
  cmake ninja-build g++ pkg-config antlr4 libantlr4-runtime-dev libcli11-dev libfmt-dev
  libtomlplusplus-dev libyaml-cpp-dev nlohmann-json3-dev libre2-dev libsqlite3-dev libpq-dev
  # tests: doctest, PostgreSQL for the SQL backend tests, clang + libFuzzer/sanitizer runtime,
  # python3 for the corpus comparison scripts
  doctest-dev postgresql clang libclang-rt-14-dev python3 ca-certificates
  # benchmarks (bench/): repeated timing of a cold single-file run
  hyperfine
)
# Node.js runs Microsoft's Kusto.Language oracle. A machine may already carry a newer Node.js
# from elsewhere whose package bundles npm and conflicts with Debian's npm package, so each is
# only requested when its command is missing (Debian 12's nodejs 18 + npm 9 are enough).
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "install-deps: missing packages (${missing[*]}) and not root; run as root" >&2
    exit 1
  fi
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
echo "install-deps: done"
