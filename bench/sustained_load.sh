#!/bin/bash
# Security catalogue entry 21 on one SQLite node: 1,000 simulated annotators, each pausing 2 s
# on average between labels, for DURATION seconds (default 600) against one `chorus serve`.
# chorus_load checks the export at the end (every acknowledged label stored exactly once) and
# reports errors and latencies; every 10 s this script records the WAL file's size and the
# server's resident memory, to show both stay bounded.
#
#   bench/sustained_load.sh [CHORUS [CHORUS_LOAD [DURATION [OUT_DIR]]]]
#   defaults: build/release/chorus build/bench/bench/chorus_load 600 bench/out/sustained
# Writes OUT_DIR/load.json (chorus_load's report) and OUT_DIR/samples.txt
# ("seconds wal_bytes rss_kib" per line).
set -euo pipefail
chorus=${1:-build/release/chorus}
load=${2:-build/bench/bench/chorus_load}
duration=${3:-600}
out=${4:-bench/out/sustained}
email=bench-admin@example.org
password=bench-admin-password-1

mkdir -p "$out"
data=$(mktemp -d /tmp/chorus-sustained-XXXXXX)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$data"' EXIT
CHORUS_ADMIN_EMAIL=$email CHORUS_ADMIN_PASSWORD=$password \
  "$chorus" serve --listen 127.0.0.1:0 --data "$data/data" >"$data/serve.log" 2>&1 &
server=$!
for _ in $(seq 150); do grep -q "listening on" "$data/serve.log" && break; sleep 0.2; done
port=$(grep -o "127.0.0.1:[0-9]*" "$data/serve.log" | head -1 | cut -d: -f2)
[ -n "$port" ] || { echo "sustained_load.sh: chorus serve did not start" >&2; exit 1; }

: >"$out/samples.txt"
start=$(date +%s)
(while kill -0 "$server" 2>/dev/null; do
  wal=$(stat -c %s "$data/data/chorus.db-wal" 2>/dev/null || echo 0)
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$server/status" 2>/dev/null || echo 0)
  echo "$(($(date +%s) - start)) $wal $rss" >>"$out/samples.txt"
  sleep 10
done) &

# Tasks for 1,000 annotators at about 500 labels/s, with room to spare (overlap 1).
tasks=$((duration * 700 + 10000))
"$load" --url "http://127.0.0.1:$port" --admin-email "$email" --admin-password "$password" \
  --annotators 1000 --think-ms 2000 --duration "$duration" --warmup 2 --tasks "$tasks" \
  --format json >"$out/load.json"
awk '{if ($2 > wal) wal = $2; if ($3 > rss) rss = $3}
     END {printf "largest WAL %.1f MB, largest RSS %.0f MiB over %d samples\n",
          wal / 1e6, rss / 1024, NR}' "$out/samples.txt"
