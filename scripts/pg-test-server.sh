#!/bin/sh
# Throwaway PostgreSQL cluster for tests: a fresh initdb in a temporary directory, listening
# only on a unix socket inside it. PostgreSQL refuses to run as root, so as root the cluster
# belongs to the `postgres` system user.
#
#   scripts/pg-test-server.sh start        prints the cluster directory, then the libpq conninfo
#   scripts/pg-test-server.sh stop DIR     stops the cluster and deletes DIR
#
# Exit status 77 (and a message on stderr) when the PostgreSQL binaries are missing.
set -eu

find_bin() {
  for d in "$(pg_config --bindir 2>/dev/null || true)" /usr/lib/postgresql/*/bin /usr/local/bin /usr/bin; do
    if [ -n "$d" ] && [ -x "$d/$1" ]; then echo "$d/$1"; return 0; fi
  done
  return 1
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    INITDB=$(find_bin initdb) || { echo "pg-test-server: initdb not found (install postgresql)" >&2; exit 77; }
    PG_CTL=$(find_bin pg_ctl) || { echo "pg-test-server: pg_ctl not found (install postgresql)" >&2; exit 77; }
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
      echo "pg-test-server: running as root but there is no postgres user" >&2; exit 77
    fi
    DIR=$(mktemp -d /tmp/kqlint-pg.XXXXXX)
    chmod 755 "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    PORT=$(( 20000 + $$ % 20000 ))
    as_owner "$INITDB" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
      || { cat "$DIR/initdb.log" >&2; exit 1; }
    as_owner "$PG_CTL" -D "$DIR/data" -l "$DIR/server.log" -w \
      -o "-k $DIR -p $PORT -c listen_addresses= -c fsync=off" start >/dev/null \
      || { cat "$DIR/server.log" >&2; exit 1; }
    echo "$DIR"
    echo "host=$DIR port=$PORT dbname=postgres user=postgres"
    ;;
  stop)
    DIR=${2:?usage: pg-test-server.sh stop DIR}
    case "$DIR" in /tmp/kqlint-pg.*) ;; *) echo "pg-test-server: refusing to remove $DIR" >&2; exit 2;; esac
    PG_CTL=$(find_bin pg_ctl) || exit 0
    as_owner "$PG_CTL" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: pg-test-server.sh start | stop DIR" >&2; exit 2;;
esac
