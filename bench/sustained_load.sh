#!/bin/bash
# Security catalogue entry 21 on one SQLite node: 1,000 simulated annotators, each pausing 2 s
# on average between labels, for DURATION seconds (default 600) against one `chorus serve`.
# chorus_load checks the export at the end (every acknowledged label stored exactly once) and
# reports errors and latencies; every 10 s this script records the WAL file's size and the
# server's resident memory, to show both stay bounded. With EXPORTS=1 an administrator also
# exports the project as JSONL back to back for the whole run (catalogue entry 9: a long reader
# beside the writers, which must not keep the WAL from being checkpointed); OUT_DIR/exports.txt
# then lists each export's seconds and bytes. The server keeps its default connection cap
# (2,000), which leaves the exporter room beside the 1,000 annotators.
#
#   bench/sustained_load.sh [CHORUS [CHORUS_LOAD [DURATION [OUT_DIR [EXPORTS]]]]]
#   defaults: build/release/chorus build/bench/bench/chorus_load 600 bench/out/sustained 0
# Writes OUT_DIR/load.json (chorus_load's report) and OUT_DIR/samples.txt
# ("seconds wal_bytes rss_kib" per line).
set -euo pipefail
chorus=${1:-build/release/chorus}
load=${2:-build/bench/bench/chorus_load}
duration=${3:-600}
out=${4:-bench/out/sustained}
exports=${5:-0}
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

if [ "$exports" = 1 ]; then
  : >"$out/exports.txt"
  (base="http://127.0.0.1:$port/api/v1"
   # The load's project is the server's first; it exists once chorus_load has imported.
   until curl -sf -c "$data/jar" -H 'Content-Type: application/json' \
     -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$base/auth/login" >/dev/null &&
     curl -sf -b "$data/jar" "$base/projects/1" >/dev/null; do sleep 1; done
   while kill -0 "$server" 2>/dev/null; do
     curl -s -b "$data/jar" -o /dev/null -w '%{http_code} %{time_total} %{size_download}\n' \
       "$base/projects/1/export?format=jsonl" >>"$out/exports.txt" || break
   done) &
fi

# Tasks for 1,000 annotators at about 500 labels/s, with room to spare (overlap 1).
tasks=$((duration * 700 + 10000))
"$load" --url "http://127.0.0.1:$port" --admin-email "$email" --admin-password "$password" \
  --annotators 1000 --think-ms 2000 --duration "$duration" --warmup 2 --tasks "$tasks" \
  --format json >"$out/load.json"
awk '{if ($2 > wal) wal = $2; if ($3 > rss) rss = $3}
     END {printf "largest WAL %.1f MB, largest RSS %.0f MiB over %d samples\n",
          wal / 1e6, rss / 1024, NR}' "$out/samples.txt"
if [ "$exports" = 1 ]; then
  awk '$1 == 200 {n++; t += $2; if ($2 > m) m = $2; b = $3} $1 != 200 {bad++}
       END {printf "%d exports back to back, %.1f s each on average (longest %.1f s), the last %.0f MB; %d not 200\n",
            n, t / n, m, b / 1e6, bad}' "$out/exports.txt"
fi
