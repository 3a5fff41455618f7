#!/usr/bin/env bash
# Installs everything Chorus needs to build, test and run, on Debian 12. Idempotent: it only
# installs what is missing, so `make run` and `make test` call it every time.
# Usage: scripts/setup.sh [--bench]
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libfmt-dev nlohmann-json3-dev libsimdjson-dev libcli11-dev
  libsqlite3-dev libpq-dev postgresql
  libsodium-dev  # argon2id password hashes, random secrets (DESIGN §3)
  libboost-dev  # Debian 12's Boost 1.74 (Asio, Beast); never libboost1.81-dev (DESIGN §3)
  libgtest-dev libgmock-dev libbenchmark-dev
  clang-format clang-tidy
)

# --bench adds what the benchmarks compare against: the Python tools users run today.
if [[ ${1:-} == --bench ]]; then
  packages+=(python3-numpy python3-pandas python3-statsmodels python3-sklearn python3-nltk
             hyperfine time)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  if [[ $(id -u) != 0 ]]; then
    command -v sudo >/dev/null || { echo "setup: run as root or install sudo" >&2; exit 1; }
    sudo=sudo
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
