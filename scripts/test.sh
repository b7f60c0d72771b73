#!/usr/bin/env bash
# Builds cite with its tests and runs the whole suite three ways: as built (build/), under
# AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/), and each libFuzzer target briefly
# from its seeds (build-fuzz/, clang). Exits non-zero if any of the three failed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jobs="$(nproc)"

bash "$root/scripts/build.sh"
echo
status=0
# --no-tests=error: a suite that registered no tests must not pass.
ctest --test-dir "$root/build" --output-on-failure --no-tests=error -j2 || status=1

# Sanitizers: any error stops the process with a stack (halt_on_error; UBSan is built with
# -fno-sanitize-recover), and leaks are errors. docs/fuzzing.md says why a test is left out.
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$root/tests/fuzz/lsan.supp:print_suppressions=0"
echo
echo "== under AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/)"
cmake -S "$root" -B "$root/build-asan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCITE_SANITIZE=ON
cmake --build "$root/build-asan" -j"$jobs"
ctest --test-dir "$root/build-asan" --output-on-failure --no-tests=error -j2 || status=1

echo
echo "== fuzz targets, briefly from their seeds (build-fuzz/)"
cmake -S "$root" -B "$root/build-fuzz" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCITE_FUZZ=ON \
  -DCITE_BUILD_TESTS=OFF -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14
cmake --build "$root/build-fuzz" -j"$jobs" --target cite_fuzzers
ctest --test-dir "$root/build-fuzz" --output-on-failure --no-tests=error -j2 -L fuzz || status=1
exit $status
