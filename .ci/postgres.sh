#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on loopback and prints its URL (used by .ci/run, by the crash check and by hand).
# Usage: url=$(bash .ci/postgres.sh start DIR PORT)   ·   bash .ci/postgres.sh stop DIR
#        bash .ci/postgres.sh restart DIR PORT   (stops at once, as a crash: -m immediate, then starts; recovery replays the WAL)
set -euo pipefail

action=${1:?start, restart or stop}
dir=${2:?data directory}
port=${3:-55432}

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bindir/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install -y postgresql)" >&2; exit 1; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_server() {
  as_postgres "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
}

case $action in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_postgres "$bindir/initdb" -D "$dir" --auth=trust --username=postgres --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    start_server
    echo "postgres://postgres:postgres@127.0.0.1:$port/postgres"
    ;;
  restart)
    as_postgres "$bindir/pg_ctl" -D "$dir" -m immediate -w stop >/dev/null
    start_server
    ;;
  stop)
    as_postgres "$bindir/pg_ctl" -D "$dir" -m fast -w stop >/dev/null
    ;;
  *) echo "unknown action $action" >&2; exit 2 ;;
esac
