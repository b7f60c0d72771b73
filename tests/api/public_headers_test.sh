#!/usr/bin/env bash
# Every public header compiles on its own with only the standard library, and pulls in no engine
# header (Xapian, ICU, nlohmann, CLI11): what an embedding program sees is include/cite/ alone.
#   public_headers_test.sh INCLUDE_DIR CXX CC
set -euo pipefail
shopt -s nullglob
include=$1 cxx=$2 cc=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for header in "$include"/cite/*.hpp "$include"/cite/*.h; do
  name=${header#"$include"/}
  if [[ $header == *.h ]]; then
    compile=("$cc" -std=c99 -Wall -Wextra -pedantic -Werror -x c)
  else
    compile=("$cxx" -std=c++17 -Wall -Wextra -pedantic -Werror -x c++)
  fi
  printf '#include <%s>\n#include <%s>\n' "$name" "$name" >"$work/use.src"
  if ! "${compile[@]}" -fsyntax-only -I "$include" "$work/use.src"; then
    echo "FAIL: $name does not compile alone" >&2
    status=1
    continue
  fi
  "${compile[@]}" -M -I "$include" "$work/use.src" >"$work/deps"
  if grep -Eo '[^ ]*(xapian|unicode/|nlohmann|CLI/)[^ ]*' "$work/deps" >"$work/engines"; then
    echo "FAIL: $name includes engine headers: $(tr '\n' ' ' <"$work/engines")" >&2
    status=1
    continue
  fi
  echo "ok: $name"
done
exit $status
