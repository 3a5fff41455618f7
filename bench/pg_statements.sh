#!/bin/bash
# What one label costs PostgreSQL: one `chorus serve` on a throwaway cluster (scripts/
# pg_test_cluster.sh, fsync on) with pg_stat_statements loaded, ANNOTATORS simulated annotators
# labelling in a closed loop for DURATION seconds (chorus_load, the web app's one request per
# label), then the statements the server ran during the measured window: calls, server time and
# planning time per acknowledged label, by statement, most frequent first (a statement whose
# custom plan PostgreSQL keeps choosing is planned at every call). Setup (logins, the import) and a
# 5 s warm-up are left out: the counters are reset when the measured window opens.
#
#   [PG_SETTINGS="-c name=value ..."] bench/pg_statements.sh [CHORUS [CHORUS_LOAD [ANNOTATORS [DURATION [OUT_DIR]]]]]
#   defaults: build/release/chorus build/bench/bench/chorus_load 50 20 bench/out/pg_statements
# PG_SETTINGS adds server settings (e.g. -c plan_cache_mode=force_generic_plan).
# Writes OUT_DIR/load.json (chorus_load's report) and OUT_DIR/statements.txt (the table).
set -euo pipefail
chorus=${1:-build/release/chorus}
load=${2:-build/bench/bench/chorus_load}
annotators=${3:-50}
duration=${4:-20}
out=${5:-bench/out/pg_statements}
email=bench-admin@example.org
password=bench-admin-password-1

mkdir -p "$out"
work=$(mktemp -d /tmp/chorus-pg-statements-XXXXXX)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  wait 2>/dev/null || true
  scripts/pg_test_cluster.sh stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
url=$(scripts/pg_test_cluster.sh start "$work/pg" -c shared_preload_libraries=pg_stat_statements \
  -c pg_stat_statements.track=all -c pg_stat_statements.track_planning=on ${PG_SETTINGS:-})  # nested statements too: trigger bodies
psql_run() { psql "$url" -X -q -v ON_ERROR_STOP=1 "$@"; }
psql_run -c "CREATE EXTENSION pg_stat_statements"

CHORUS_ADMIN_EMAIL=$email CHORUS_ADMIN_PASSWORD=$password \
  "$chorus" serve --listen 127.0.0.1:0 --db "$url" --data "$work/data" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 150); do grep -q "listening on" "$work/serve.log" && break; sleep 0.2; done
port=$(grep -o "127.0.0.1:[0-9]*" "$work/serve.log" | head -1 | cut -d: -f2)
[ -n "$port" ] || { echo "pg_statements.sh: the server did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }

warmup=5
"$load" --url "http://127.0.0.1:$port" --admin-email "$email" --admin-password "$password" \
  --annotators "$annotators" --duration "$duration" --warmup "$warmup" --no-verify \
  --tasks $((annotators * 50 + duration * 2000)) --format json >"$out/load.json" 2>"$work/load.err" &
loader=$!
# The measured window opens $warmup s after the loader's setup; its stderr says when that ends.
until grep -q "load starts" "$work/load.err" 2>/dev/null || ! kill -0 "$loader" 2>/dev/null; do sleep 0.1; done
sleep "$warmup"
# CPU seconds used so far by the server, the cluster's processes (the postmaster and its
# children: backends, WAL writer, checkpointer) and the loader.
cpu_of() { awk -v tck="$(getconf CLK_TCK)" '{sum += $14 + $15} END {printf "%.2f", sum / tck}' "$@" 2>/dev/null || echo 0; }
postmaster=$(head -1 "$(cat "$work/pg/datadir")/data/postmaster.pid")
cluster_stats() { for pid in "$postmaster" $(pgrep -P "$postmaster"); do echo "/proc/$pid/stat"; done; }
cpu_now() {
  echo "$(cpu_of /proc/$server/stat) $(cpu_of $(cluster_stats)) $(cpu_of /proc/$loader/stat)"
}
psql_run -c "SELECT pg_stat_statements_reset()" >/dev/null
read -r server0 pg0 load0 <<<"$(cpu_now)"
# The last sample taken while the loader still runs (its /proc entry goes when it exits).
while read -r s p l <<<"$(cpu_now)" && kill -0 "$loader" 2>/dev/null; do
  server1=$s pg1=$p load1=$l
  sleep 0.5
done
wait "$loader"
labels=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["submissions"])' "$out/load.json")
{
  echo "# $(date -u +%FT%TZ) $annotators annotators, ${duration} s, $labels labels acknowledged in the window"
  psql_run -P pager=off -c "
    SELECT round(calls::numeric / $labels, 2) AS per_label,
           round((total_exec_time / $labels)::numeric * 1000, 1) AS us_per_label,
           round((total_plan_time / $labels)::numeric * 1000, 1) AS plan_us_per_label,
           round(wal_bytes / $labels) AS wal_bytes_per_label,
           left(regexp_replace(query, '\s+', ' ', 'g'), 110) AS statement
    FROM pg_stat_statements WHERE calls > 0 ORDER BY calls DESC, total_exec_time DESC"
  psql_run -P pager=off -A -t -c "
    SELECT 'in all: ' || round(sum(calls)::numeric / $labels, 1) || ' statements and '
           || round((sum(total_exec_time) / $labels)::numeric * 1000) || ' us of execution, '
           || round((sum(total_plan_time) / $labels)::numeric * 1000) || ' us of planning and '
           || round(sum(wal_bytes) / $labels) || ' bytes of WAL per label'
    FROM pg_stat_statements WHERE toplevel"
  echo "$server0 $pg0 $load0 $server1 $pg1 $load1" | awk -v n="$labels" '{
    printf "CPU per label: server %.0f us, PostgreSQL %.0f us, loader %.0f us\n",
           ($4 - $1) / n * 1e6, ($5 - $2) / n * 1e6, ($6 - $3) / n * 1e6 }'
} | tee "$out/statements.txt"
