#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, from the machine's own binaries.
#   scripts/pg-test-cluster.sh start   → prints `export QUNZHU_TEST_DATABASE_URL=…` (eval it)
#   scripts/pg-test-cluster.sh stop
# Environment: PG_BIN (default: newest /usr/lib/postgresql/*/bin), PG_TEST_DIR, PG_TEST_PORT.
set -euo pipefail
cmd=${1:-start}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
PG_TEST_DIR=${PG_TEST_DIR:-/tmp/qunzhu-pg-test}
PG_TEST_PORT=${PG_TEST_PORT:-54329}

if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
  echo "pg-test-cluster: no PostgreSQL binaries found (install Debian's postgresql package, or set PG_BIN)" >&2
  exit 1
fi

# initdb refuses to run as root: run the server as the postgres user then.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    if [ ! -f "$PG_TEST_DIR/data/PG_VERSION" ]; then
      mkdir -p "$PG_TEST_DIR"
      [ "$(id -u)" = 0 ] && chown postgres "$PG_TEST_DIR"
      as_owner "$PG_BIN/initdb" -D "$PG_TEST_DIR/data" -U qunzhu --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_TEST_DIR/initdb.log" 2>&1 \
        || { cat "$PG_TEST_DIR/initdb.log" >&2; exit 1; }
    fi
    if ! as_owner "$PG_BIN/pg_ctl" -D "$PG_TEST_DIR/data" status >/dev/null 2>&1; then
      as_owner "$PG_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w -t 60 \
        -o "-p $PG_TEST_PORT -k $PG_TEST_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null || { cat "$PG_TEST_DIR/server.log" >&2; exit 1; }
    fi
    echo "export QUNZHU_TEST_DATABASE_URL=postgres://qunzhu@127.0.0.1:$PG_TEST_PORT/postgres"
    ;;
  stop)
    as_owner "$PG_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -m fast stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
