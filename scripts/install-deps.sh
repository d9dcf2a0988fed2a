#!/usr/bin/env bash
# Installs the Debian 12 packages Waishi builds, tests and benchmarks with.
# Idempotent: does nothing (and needs no network) when everything is present.
#   --fuzz  also clang 16 and its libFuzzer runtime, for `make fuzz` (make test does not need them)
set -euo pipefail

packages=(
  build-essential cmake pkg-config clang-format
  librestinio-dev libasio-dev libfmt-dev libhttp-parser-dev
  libsoci-dev libboost-dev libsqlite3-dev libpq-dev sqlite3 iso-codes
  nlohmann-json3-dev libargon2-dev libsodium-dev libicu-dev libjemalloc-dev libxlsxwriter-dev
  libcurl4-openssl-dev python3-aiosmtpd
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql-15 postgresql-contrib
  curl wrk nginx-light
  nodejs npm chromium fonts-noto-cjk
  libcairo2-dev libpango1.0-dev libqrencode-dev libssl-dev poppler-utils zbar-tools
  libcsv-dev
)
if [[ ${1:-} == --fuzz ]]; then
  packages+=(clang-16 libclang-rt-16-dev)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The Node.js the machine ships (v20, outside dpkg) is fine: don't replace it.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do [[ $p == nodejs || $p == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]}")
fi
((${#missing[@]})) || exit 0

echo "install-deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian starts the packaged nginx and PostgreSQL clusters; Waishi runs its own.
$SUDO systemctl disable --now nginx postgresql >/dev/null 2>&1 || true
