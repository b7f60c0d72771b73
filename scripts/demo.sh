#!/usr/bin/env bash
# Builds cite, indexes corpus/ into .cite and runs two example queries.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cite="$root/build/cite"

bash "$root/scripts/build.sh"

echo
echo "==> cite index --index .cite corpus"
"$cite" index --index "$root/.cite" "$root/corpus"

echo
echo "==> cite query 'Russia deported more than 80,000 foreigners in 2024' --limit 3"
"$cite" query --index "$root/.cite" 'Russia deported more than 80,000 foreigners in 2024' --limit 3

echo
echo "==> cite query '\"138.1 million\"'"
"$cite" query --index "$root/.cite" '"138.1 million"'
