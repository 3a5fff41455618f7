#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests (DESIGN §3 "PostgreSQL in tests").
#
#   scripts/pg_test_cluster.sh start STATE_DIR [--if-available] [--waldir DIR] [-c name=value ...]
#   scripts/pg_test_cluster.sh restart STATE_DIR
#   scripts/pg_test_cluster.sh stop STATE_DIR
#
# start: initdb into a fresh temporary directory owned by the postgres user (initdb refuses
# root, so as root it runs through `runuser -u postgres --`), listens on 127.0.0.1 only on a
# free port, keeps its unix socket inside that directory, fsync on, creates database "chorus",
# prints the connection URL (with sslmode=disable: a loopback server without TLS) and writes it
# to STATE_DIR/url (STATE_DIR/datadir records where the cluster lives). Extra "-c name=value"
# settings go to the server (tests use -c fsync=off to check that the store refuses it). With
# --if-available, missing PostgreSQL binaries are not an error: the reason goes to
# STATE_DIR/unavailable and the script exits 0 (tests then skip). --waldir puts the WAL in DIR
# (empty or absent, writable by the server's user) in 1 MiB segments, so a test can fill the
# disk under it step by step.
# restart: stops the cluster if it still runs and starts it again with the same settings and
# port (a test whose server shut itself down, or hangs in recovery).
# stop: stops the cluster and removes its directory and STATE_DIR. Both are safe to repeat.
set -euo pipefail

usage() {
  echo "usage: $0 start|restart|stop STATE_DIR [--if-available] [--waldir DIR] [-c name=value ...]" >&2
  exit 64
}
(($# >= 2)) || usage
command=$1 state=$2
shift 2

find_bin() {
  local dir
  for dir in "${PG_BIN:-}" /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [[ -n $dir && -x $dir/initdb && -x $dir/pg_ctl ]] && { echo "$dir"; return 0; }
  done
  command -v initdb >/dev/null && command -v pg_ctl >/dev/null && {
    dirname "$(command -v initdb)"; return 0; }
  return 1
}

# Runs a server binary as the postgres user when we are root (initdb and postgres refuse root).
as_owner() {
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_cluster() {
  [[ -f $state/datadir ]] || { rm -rf "$state"; return 0; }
  local base bin
  base=$(cat "$state/datadir")
  if [[ -d $base/data ]] && bin=$(find_bin); then
    as_owner "$bin/pg_ctl" -D "$base/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  # Only ever a directory this script created (mktemp pattern), never a caller's path.
  [[ $base == */chorus_pg.* ]] && rm -rf "$base"
  rm -rf "$state"
}

start_cluster() {
  local if_available=0 settings=() initdb_extra=()
  while (($#)); do
    case $1 in
      --if-available) if_available=1 ;;
      --waldir) (($# >= 2)) || usage; initdb_extra+=(--waldir="$2" --wal-segsize=1); shift ;;
      -c) (($# >= 2)) || usage; settings+=(-c "$2"); shift ;;
      *) usage ;;
    esac
    shift
  done
  stop_cluster
  mkdir -p "$state"
  local bin
  if ! bin=$(find_bin); then
    local why="PostgreSQL server binaries (initdb, pg_ctl) not found; run scripts/setup.sh"
    if ((if_available)); then echo "$why" >"$state/unavailable"; echo "$why" >&2; exit 0; fi
    echo "$why" >&2; exit 1
  fi
  if [[ $(id -u) == 0 ]] && ! id postgres >/dev/null 2>&1; then
    echo "no postgres user (the postgresql package creates it); run scripts/setup.sh" >&2; exit 1
  fi
  local base
  # As root the cluster lives in /tmp, which the postgres user can reach (a root TMPDIR such
  # as /root/tmp might not be).
  local tmp=${TMPDIR:-/tmp}
  [[ $(id -u) == 0 ]] && tmp=/tmp
  base=$(mktemp -d "$tmp/chorus_pg.XXXXXX")
  echo "$base" >"$state/datadir"
  chmod 700 "$base"
  [[ $(id -u) == 0 ]] && chown postgres: "$base"
  as_owner "$bin/initdb" -D "$base/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
    --no-instructions "${initdb_extra[@]}" >"$base/initdb.log" 2>&1 || {
    cat "$base/initdb.log" >&2; stop_cluster; exit 1; }
  local port
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    port=$((20000 + RANDOM % 40000))
    # Something already answers there: try another port.
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
    local options="-c listen_addresses=127.0.0.1 -p $port -k $base -c fsync=on -c max_connections=200 ${settings[*]}"
    if as_owner "$bin/pg_ctl" -D "$base/data" -l "$base/server.log" -w -t 60 start -o "$options" \
      >/dev/null 2>&1; then
      echo "$options" >"$state/options"
      as_owner "$bin/psql" -h "$base" -p "$port" -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
        -c "CREATE DATABASE chorus" >/dev/null
      # A loopback test server without TLS: say so, so libpq does not try to negotiate it.
      local url="postgresql://postgres@127.0.0.1:$port/chorus?sslmode=disable"
      echo "$url" >"$state/url"
      echo "$url"
      return 0
    fi
  done
  echo "could not start PostgreSQL; its log:" >&2
  cat "$base/server.log" >&2 || true
  stop_cluster
  exit 1
}

restart_cluster() {
  [[ -f $state/datadir && -f $state/options ]] || { echo "no cluster in $state" >&2; exit 1; }
  local base bin
  base=$(cat "$state/datadir")
  bin=$(find_bin)
  # Whatever state it is in (running, recovering, or shut down after a failed recovery).
  as_owner "$bin/pg_ctl" -D "$base/data" -m immediate -w stop >/dev/null 2>&1 || true
  as_owner "$bin/pg_ctl" -D "$base/data" -l "$base/server.log" -w -t 60 start \
    -o "$(cat "$state/options")" >/dev/null 2>&1 || {
    echo "could not restart PostgreSQL; its log:" >&2; tail -n 20 "$base/server.log" >&2; exit 1; }
}

case $command in
  start) start_cluster "$@" ;;
  restart) restart_cluster ;;
  stop) stop_cluster ;;
  *) usage ;;
esac
