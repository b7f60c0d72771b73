#!/usr/bin/env bash
# Builds cite with its tests and runs the whole suite; exits with ctest's status.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

bash "$root/scripts/build.sh"
echo
# --no-tests=error: a suite that registered no tests must not pass.
exec ctest --test-dir "$root/build" --output-on-failure --no-tests=error -j2
