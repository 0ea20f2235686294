#!/usr/bin/env bash
# Start (or stop) a throw-away PostgreSQL cluster for tests and CI.
#
#   scripts/ci/postgres.sh          install PostgreSQL if needed, start the cluster, print its URL
#   scripts/ci/postgres.sh stop     stop the cluster
#   scripts/ci/postgres.sh clean    drop the databases tests left behind (each integration test
#                                   makes its own; nothing drops them, and on a developer's
#                                   machine they add up to gigabytes). Not while tests run.
#
# Settings: PG_DIR (default /tmp/ptce-pg), PG_PORT (default 55432).
# Runs as root (CI) or re-runs itself through sudo. PostgreSQL refuses to run as root, so the
# cluster belongs to, and is started as, the `postgres` user. Progress goes to stderr; the last
# (and only) line on stdout is the connection URL, so `url=$(scripts/ci/postgres.sh)` works.
# Idempotent: a second run while the cluster is up only prints the URL.
set -euo pipefail

PG_DIR="${PG_DIR:-/tmp/ptce-pg}"
PG_PORT="${PG_PORT:-55432}"
DATA="$PG_DIR/data"
LOG="$PG_DIR/postgres.log"
URL="postgres://ptce:ptce@127.0.0.1:${PG_PORT}/ptce"

log() { printf 'postgres.sh: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || die "must run as root (or with sudo available)"
  exec sudo --preserve-env=PG_DIR,PG_PORT "$0" "$@"
fi

pg_bindir() {
  local p
  p=$(ls -1d /usr/lib/postgresql/*/bin/postgres 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$p" ] && dirname "$p"
}

as_pg() { runuser -u postgres -- "$@"; }

install_postgres() {
  log "installing PostgreSQL from Debian"
  export DEBIAN_FRONTEND=noninteractive
  # Keep the package's own cluster from being started: we run our own.
  local policy=/usr/sbin/policy-rc.d added=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && added=1
  fi
  local rc=0
  { apt-get update -q && apt-get install -y -q --no-install-recommends postgresql; } >&2 || rc=$?
  [ "$added" -eq 1 ] && rm -f "$policy"
  [ "$rc" -eq 0 ] || die "apt-get failed ($rc)"
}

BIN=$(pg_bindir || true)

running() { [ -n "$BIN" ] && [ -f "$DATA/PG_VERSION" ] && as_pg "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

if [ "${1:-}" = "stop" ]; then
  if running; then
    as_pg "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >&2
  else
    log "not running"
  fi
  exit 0
fi
if [ "${1:-}" = "clean" ]; then
  running || die "not running"
  dropped=0
  admin="${URL%/*}/postgres"
  for db in $("$BIN/psql" -X -At "$admin" \
      -c "SELECT datname FROM pg_database WHERE datname LIKE 'ptce\_test\_%' OR datname LIKE 'ptce\_e2e\_%'"); do
    "$BIN/psql" -X -q "$admin" -c "DROP DATABASE IF EXISTS \"$db\"" >&2
    dropped=$((dropped + 1))
  done
  log "dropped $dropped test database(s)"
  exit 0
fi
[ $# -eq 0 ] || die "usage: $0 [stop|clean]"

if [ -z "$BIN" ]; then
  install_postgres
  BIN=$(pg_bindir || true)
  [ -n "$BIN" ] || die "no /usr/lib/postgresql/*/bin/postgres after installing"
fi

sql() { as_pg "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_DIR" -p "$PG_PORT" -U postgres -d postgres "$@"; }

if ! running; then
  mkdir -p "$PG_DIR"
  chown postgres:postgres "$PG_DIR"
  chmod 0755 "$PG_DIR"
  if [ ! -f "$DATA/PG_VERSION" ]; then
    log "creating a cluster in $DATA"
    rm -rf "$DATA"
    install -d -o postgres -g postgres -m 0700 "$DATA"
    locale=C
    locale -a 2>/dev/null | grep -qix 'c.utf-\?8' && locale=C.UTF-8
    as_pg "$BIN/initdb" -D "$DATA" -U postgres --encoding=UTF8 --locale="$locale" \
      --auth-local=trust --auth-host=scram-sha-256 >"$PG_DIR/initdb.log" 2>&1 \
      || { cat "$PG_DIR/initdb.log" >&2; die "initdb failed"; }
  fi
  log "starting on 127.0.0.1:$PG_PORT"
  as_pg "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$PG_DIR -c max_connections=200" >&2 \
    || { tail -n 30 "$LOG" >&2 || true; die "pg_ctl start failed"; }
fi

for _ in $(seq 1 60); do
  if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then ready=1; break; fi
  sleep 0.5
done
[ "${ready:-0}" -eq 1 ] || die "PostgreSQL does not accept connections on 127.0.0.1:$PG_PORT"

# Role and database: created once, left alone afterwards.
sql <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ptce') THEN
    CREATE ROLE ptce LOGIN PASSWORD 'ptce' NOSUPERUSER CREATEDB NOCREATEROLE;
  END IF;
END
$$;
SQL
if [ -z "$(sql -tA -c "SELECT 1 FROM pg_database WHERE datname = 'ptce'")" ]; then
  sql -c "CREATE DATABASE ptce OWNER ptce"
fi

echo "$URL"
