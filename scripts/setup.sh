#!/usr/bin/env bash
# README command 1: on a fresh Debian 12 machine (as root), install every package kqlint needs,
# build it (Release) and run the main job, `kqlint check rules/`, over the bundled rule pack.
# Idempotent: a second run installs nothing and rebuilds only what changed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" release kqlint
kqlint=${KQ_BUILD_DIR:-$root/build}/kqlint
echo "setup: built $kqlint; running: kqlint check rules/"
cd "$root"
exec "$kqlint" check rules/
