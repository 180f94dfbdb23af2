#!/usr/bin/env bash
# A throw-away PostgreSQL server for demos: initdb + pg_ctl in a temp dir on a free loopback port.
#   eval "$(scripts/pg-throwaway.sh start)"   -> PG_DIR, PG_PORT, PG_CONN (Host=127.0.0.1;…;Username=akka;Password=akka)
#   scripts/pg-throwaway.sh stop "$PG_DIR"
# Needs the server binaries (scripts/test-deps/postgres.sh installs them). Runs the server as user postgres
# when called as root (PostgreSQL refuses to run as root).
set -euo pipefail
BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -n "$BIN" ] && [ -x "$BIN/initdb" ] || { echo "pg-throwaway: PostgreSQL not installed; run scripts/test-deps/postgres.sh" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { for p in $(shuf -i 20000-40000 -n 50); do (echo >/dev/tcp/127.0.0.1/$p) 2>/dev/null || { echo $p; return; }; done; }
case "${1:-start}" in
start)
  DIR=$(mktemp -d -t supervisor-pg.XXXXXX); [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
  PORT=$(free_port)
  as_pg "$BIN/initdb" -D "$DIR/data" -U postgres -A trust --auth-host=scram-sha-256 -N -E UTF8 --locale=C >"$DIR/initdb.log" 2>&1
  as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 30 \
    -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
  as_pg "$BIN/psql" -qX -h "$DIR" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE akka LOGIN PASSWORD 'akka'" -c "CREATE DATABASE akka OWNER akka" >/dev/null
  echo "export PG_DIR=$DIR PG_PORT=$PORT"
  echo "export PG_CONN='Host=127.0.0.1;Port=$PORT;Database=akka;Username=akka;Password=akka'" ;;
stop) DIR=${2:?usage: pg-throwaway.sh stop DIR}; as_pg "$BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true; rm -rf "$DIR" ;;
*) echo "usage: pg-throwaway.sh start | stop DIR" >&2; exit 2 ;;
esac
