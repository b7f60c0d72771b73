#!/usr/bin/env bash
# Installs cite into a temporary prefix, then builds the examples out of tree against it, the
# C++ one with find_package(cite) and the C one with pkg-config, and runs both on an index.
#   install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"

cmake --install "$build" --prefix "$prefix" >"$work/install.log"
libdir=$(dirname "$(find "$prefix" -name 'libcite.so.0' | head -n 1)")
for installed in "$prefix/bin/cite" "$libdir/libcite.so" "$prefix/include/cite/cite.hpp" \
                 "$prefix/include/cite/cite.h" "$libdir/cmake/cite/citeConfig.cmake" \
                 "$libdir/cmake/cite/citeConfigVersion.cmake" "$libdir/pkgconfig/cite.pc" \
                 "$prefix/share/man/man1/cite.1"; do
  [[ -e $installed ]] || { echo "FAIL: not installed: $installed" >&2; exit 1; }
done
readelf -d "$libdir/libcite.so" | grep -q 'SONAME.*libcite.so.0' || { echo "FAIL: no SONAME" >&2; exit 1; }

"$prefix/bin/cite" index --quiet --index "$work/index" "$source/corpus"

cmake -S "$source/examples/cpp" -B "$work/cpp" -DCMAKE_PREFIX_PATH="$prefix" >"$work/cpp.log"
cmake --build "$work/cpp" >>"$work/cpp.log"
"$work/cpp/search_example" "$work/index" '"138.1 million"' >"$work/cpp.out"
grep -q '^004_fad1a6b6ca469459.txt:50-66 ¶10 bytes ' "$work/cpp.out" ||
  { echo "FAIL: C++ example output:" >&2; cat "$work/cpp.out" >&2; exit 1; }

PKG_CONFIG_PATH="$libdir/pkgconfig" make -s -C "$source/examples/c" OUT="$work" >"$work/c.log"
LD_LIBRARY_PATH="$libdir" "$work/check_example" "$work/index" \
  'Russia deported 100,000 foreigners in 2024' >"$work/c.out"
grep -q '"verdict":"conflicting"' "$work/c.out" ||
  { echo "FAIL: C example output:" >&2; cat "$work/c.out" >&2; exit 1; }

echo "installed into a temporary prefix; the C++ (find_package) and C (pkg-config) examples" \
     "built out of tree and printed cited results:"
head -n 1 "$work/cpp.out"
head -c 160 "$work/c.out"; echo
