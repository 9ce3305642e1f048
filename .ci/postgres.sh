#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the tests (Debian's postgresql package; installed when missing),
# listening on 127.0.0.1 only, with a role allowed to create databases. Prints the URL to export as
# SUBSIDY_DESK_TEST_PG_URL. Idempotent: a server already running in the directory is reused.
#   SUBSIDY_DESK_PG_PORT (default 54329), SUBSIDY_DESK_PG_DIR (default /tmp/subsidy-desk-pg)
set -euo pipefail
PORT="${SUBSIDY_DESK_PG_PORT:-54329}"
BASE="${SUBSIDY_DESK_PG_DIR:-/tmp/subsidy-desk-pg}"
SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
if [ -z "$(pg_bin)" ]; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >&2
  $SUDO apt-get install -y -qq --no-install-recommends postgresql >&2
fi
BIN="$(pg_bin)"

# The server refuses to run as root: run it as the package's `postgres` user then.
as_owner() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if ! as_owner "$BIN/pg_ctl" -D "$BASE/data" status >/dev/null 2>&1; then
  rm -rf "$BASE"
  mkdir -p "$BASE"
  if [ "$(id -u)" = "0" ]; then chown postgres: "$BASE"; fi
  as_owner "$BIN/initdb" -D "$BASE/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  as_owner "$BIN/pg_ctl" -D "$BASE/data" -l "$BASE/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $BASE -c fsync=off" start >&2
fi

psql_admin() { as_owner "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = 'desk'")" != "1" ]; then
  psql_admin -c "CREATE ROLE desk LOGIN CREATEDB PASSWORD 'desk'" >/dev/null
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = 'desk_test'")" != "1" ]; then
  psql_admin -c "CREATE DATABASE desk_test OWNER desk" >/dev/null
fi
echo "postgresql://desk:desk@127.0.0.1:$PORT/desk_test"
