#!/bin/bash
# How long `chorus serve` takes to stop on SIGTERM while a background export of TASKS tasks runs.
# The shutdown cancels running jobs, which stop at their next page of 1,000 tasks, instead of
# waiting for them to finish; this measures that, next to the time the whole export takes.
#
#   bench/shutdown_with_job.sh [CHORUS [TASKS]]   defaults: build/release/chorus 1000000
# Prints the export's milliseconds when left alone, then the export's progress when the signal was
# sent, the milliseconds from the signal to the exit, and what the server said on standard error.
set -euo pipefail
chorus=${1:-build/release/chorus}
tasks=${2:-1000000}
email=bench-admin@example.org
password=bench-admin-password-1

data=$(mktemp -d /tmp/chorus-shutdown-XXXXXX)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$data"' EXIT

start_server() {
  CHORUS_ADMIN_EMAIL=$email CHORUS_ADMIN_PASSWORD=$password \
    "$chorus" serve --listen 127.0.0.1:0 --data "$data/data" >"$data/serve.log" 2>"$data/serve.err" &
  server=$!
  for _ in $(seq 150); do grep -q "listening on" "$data/serve.log" && break; sleep 0.2; done
  port=$(grep -o "127.0.0.1:[0-9]*" "$data/serve.log" | head -1 | cut -d: -f2)
  [ -n "$port" ] || { echo "shutdown_with_job.sh: chorus serve did not start" >&2; exit 1; }
  base="http://127.0.0.1:$port/api/v1"
  csrf=$(curl -sf -c "$data/jar" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$base/auth/login" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["csrf_token"])')
}

post() {  # post PATH JSON
  curl -sf -b "$data/jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
    -d "$2" "$base$1"
}

field() { python3 -c "import json, sys; print(json.load(sys.stdin)$1)"; }

start_server
post /projects '{"name": "shutdown bench", "overlap": 1, "label_interface": {"controls":
  [{"type": "choices", "name": "sentiment", "to": "text", "options": ["pos", "neg"]}]}}' >/dev/null
seq "$tasks" | sed 's/.*/{"text": "review number &, long enough to look like a sentence"}/' \
  >"$data/tasks.jsonl"
curl -sf -b "$data/jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/x-ndjson' \
  --data-binary @"$data/tasks.jsonl" "$base/projects/1/imports" >/dev/null
echo "imported $tasks tasks"

# The export left alone, for scale.
job=$(post /projects/1/exports '{"format": "jsonl"}' | field '["url"]')
begin=$(date +%s%N)
until [ "$(curl -sf -b "$data/jar" "http://127.0.0.1:$port$job" | field '["state"]')" != running ]; do
  sleep 0.1
done
echo "a whole export: $(( ($(date +%s%N) - begin) / 1000000 )) ms"

# Another, stopped by SIGTERM a second in.
job=$(post /projects/1/exports '{"format": "jsonl"}' | field '["url"]')
sleep 1
progress=$(curl -sf -b "$data/jar" "http://127.0.0.1:$port$job" | field '["progress"]')
begin=$(date +%s%N)
kill -TERM "$server"
wait "$server" || true
echo "SIGTERM at $progress: exit after $(( ($(date +%s%N) - begin) / 1000000 )) ms"
server=
sed 's/^/  server: /' "$data/serve.err"
