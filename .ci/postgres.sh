#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on loopback and prints its URL (used by .ci/run and by hand).
# Usage: url=$(bash .ci/postgres.sh start DIR PORT)   ·   bash .ci/postgres.sh stop DIR
set -euo pipefail

action=${1:?start or stop}
dir=${2:?data directory}
port=${3:-55432}

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bindir/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install -y postgresql)" >&2; exit 1; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case $action in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_postgres "$bindir/initdb" -D "$dir" --auth=trust --username=postgres --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    as_postgres "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
    echo "postgres://postgres:postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_postgres "$bindir/pg_ctl" -D "$dir" -m fast -w stop >/dev/null
    ;;
  *) echo "unknown action $action" >&2; exit 2 ;;
esac
