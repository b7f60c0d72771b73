#!/usr/bin/env bash
# Installs the Debian 12 packages cite needs to build and test, skipping those already installed.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libxapian-dev xapian-tools python3-xapian python3-jsonschema
  libicu-dev libcli11-dev nlohmann-json3-dev libcpp-httplib-dev
  libgtest-dev googletest valgrind
  chromium
  libmd4c-dev libgumbo-dev libpoppler-cpp-dev libuchardet-dev
  wordnet-base
  clang-14 libfuzzer-14-dev libclang-rt-14-dev
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: nothing missing (${#packages[@]} packages already installed)"
  exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-deps: error: missing packages: ${missing[*]}; run this script as root or install" \
       "sudo, or install them yourself with apt-get install ${missing[*]}" >&2
  exit 1
fi

"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y --no-install-recommends "${missing[@]}"
echo "install-deps: installed ${missing[*]}"
