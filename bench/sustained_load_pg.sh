#!/bin/bash
# Security catalogue entry 21 on PostgreSQL with several instances: INSTANCES (default 2)
# `chorus serve` processes on one database of a throwaway cluster (scripts/pg_test_cluster.sh,
# fsync on), and 1,000 simulated annotators split evenly among them, each pausing 2 s on average
# between labels, for DURATION seconds (default 600). Each instance's share is driven by its own
# chorus_load, with annotators of its own, in a project of its own; each checks its project's
# export at the end (every acknowledged label stored exactly once). Every 10 s this script
# records the size of the cluster's pg_wal directory and each server's resident memory.
# Logging 1,000 annotators in is 1,000 argon2id hashes, which take both cores for a minute or
# two; each loader warms up 150 s, so that no measured window overlaps another's setup.
#
#   bench/sustained_load_pg.sh [CHORUS [CHORUS_LOAD [DURATION [OUT_DIR [INSTANCES]]]]]
#   defaults: build/release/chorus build/bench/bench/chorus_load 600 bench/out/sustained_pg 2
# Writes OUT_DIR/load-I.json (chorus_load's report for instance I = 0, 1, ...) and
# OUT_DIR/samples.txt ("seconds pg_wal_bytes rss_kib..." per line, one RSS per instance).
set -euo pipefail
chorus=${1:-build/release/chorus}
load=${2:-build/bench/bench/chorus_load}
duration=${3:-600}
out=${4:-bench/out/sustained_pg}
instances=${5:-2}
email=bench-admin@example.org
password=bench-admin-password-1
share=$((1000 / instances))

mkdir -p "$out"
work=$(mktemp -d /tmp/chorus-sustained-pg-XXXXXX)
servers=()
cleanup() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  scripts/pg_test_cluster.sh stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
url=$(scripts/pg_test_cluster.sh start "$work/pg")
wal_dir=$(cat "$work/pg/datadir")/data/pg_wal

# One after the other, so the first creates the administrator and the others find it.
ports=()
for i in $(seq 0 $((instances - 1))); do
  CHORUS_ADMIN_EMAIL=$email CHORUS_ADMIN_PASSWORD=$password \
    "$chorus" serve --listen 127.0.0.1:0 --db "$url" --data "$work/data-$i" >"$work/serve-$i.log" 2>&1 &
  servers+=($!)
  for _ in $(seq 150); do grep -q "listening on" "$work/serve-$i.log" && break; sleep 0.2; done
  port=$(grep -o "127.0.0.1:[0-9]*" "$work/serve-$i.log" | head -1 | cut -d: -f2)
  [ -n "$port" ] || { echo "sustained_load_pg.sh: instance $i did not start:" >&2; cat "$work/serve-$i.log" >&2; exit 1; }
  ports+=("$port")
done

: >"$out/samples.txt"
start=$(date +%s)
(while kill -0 "${servers[0]}" 2>/dev/null; do
  line="$(($(date +%s) - start)) $(du -sb "$wal_dir" | cut -f1)"
  for pid in "${servers[@]}"; do line+=" $(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)"; done
  echo "$line" >>"$out/samples.txt"
  sleep 10
done) &

# Tasks for each share at about 500 / INSTANCES labels/s, with room to spare (overlap 1).
tasks=$(((duration + 150) * 700 / instances + 10000))
loaders=()
for i in $(seq 0 $((instances - 1))); do
  "$load" --url "http://127.0.0.1:${ports[$i]}" --admin-email "$email" --admin-password "$password" \
    --annotators "$share" --first-annotator $((i * share)) --think-ms 2000 --duration "$duration" \
    --warmup 150 --tasks "$tasks" --format json >"$out/load-$i.json" &
  loaders+=($!)
done
for pid in "${loaders[@]}"; do wait "$pid"; done
python3 - "$out" "$instances" <<'PY'
import json, sys
out, n = sys.argv[1], int(sys.argv[2])
reports = [json.load(open(f"{out}/load-{i}.json")) for i in range(n)]
rate = sum(r["submissions_per_second"] for r in reports)
errors = {}
for r in reports:
    for status, count in r["errors"].items():
        errors[status] = errors.get(status, 0) + count
p99 = max(r["latency"]["next_and_submit"]["p99_ms"] for r in reports)
acknowledged = sum(r["acknowledged_total"] for r in reports)
verified = all(r["verification"].get("ok", False) for r in reports)
print(f"{n} instances: {rate:.0f} labels/s in all, worst p99 {p99:.1f} ms, errors {errors or 'none'}, "
      f"{acknowledged} acknowledged, export check {'passed' if verified else 'FAILED'}")
PY
awk '{if ($2 > wal) wal = $2; for (i = 3; i <= NF; ++i) if ($i > rss) rss = $i}
     END {printf "largest pg_wal %.1f MB, largest RSS of one instance %.0f MiB over %d samples\n",
          wal / 1e6, rss / 1024, NR}' "$out/samples.txt"
