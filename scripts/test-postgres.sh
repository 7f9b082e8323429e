#!/usr/bin/env bash
# Source this file: it makes a PostgreSQL 15+ server available to the tests and exports
# BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING for @backstage/backend-test-utils.
#
# - If that variable is already set, it is used as it is (your own server).
# - Otherwise Debian's `postgresql` package is installed when its binaries are missing
#   (needs root and apt), a throw-away cluster is made in a temp dir with `initdb`, and
#   started on a free loopback port. `test_postgres_stop` stops it and removes it.
# No Docker is involved: BACKSTAGE_TEST_DISABLE_DOCKER=1 stops TestDatabases from trying.

export BACKSTAGE_TEST_DISABLE_DOCKER=1

test_postgres_stop() { :; }

if [ -z "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
  _pg_bin=""
  for v in 17 16 15; do
    if [ -x "/usr/lib/postgresql/$v/bin/initdb" ]; then _pg_bin="/usr/lib/postgresql/$v/bin"; break; fi
  done
  if [ -z "$_pg_bin" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "test-postgres: installing Debian's postgresql package" >&2
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2 || return 1
      # The package starts a cluster of its own; the tests use their own throw-away one.
      (service postgresql stop || pg_ctlcluster --force 15 main stop) >/dev/null 2>&1 || true
      for v in 17 16 15; do
        if [ -x "/usr/lib/postgresql/$v/bin/initdb" ]; then _pg_bin="/usr/lib/postgresql/$v/bin"; break; fi
      done
    fi
  fi
  if [ -z "$_pg_bin" ]; then
    echo "test-postgres: no PostgreSQL found; install the postgresql package or set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING" >&2
    return 1
  fi

  _pg_dir="$(mktemp -d /tmp/cloud-deployments-pg.XXXXXX)"
  _pg_port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  # initdb refuses to run as root: run the server as the postgres user when we are root.
  _pg_run=()
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$_pg_dir"
    _pg_run=(runuser -u postgres --)
  fi
  (cd / && "${_pg_run[@]}" "$_pg_bin/initdb" -D "$_pg_dir/data" -U postgres --auth=trust --no-sync -E UTF8 >"$_pg_dir/initdb.log" 2>&1) ||
    { cat "$_pg_dir/initdb.log" >&2; return 1; }
  _pg_options="-h 127.0.0.1 -p $_pg_port -k $_pg_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
  (cd / && "${_pg_run[@]}" "$_pg_bin/pg_ctl" -D "$_pg_dir/data" -l "$_pg_dir/server.log" -w -t 30 \
    -o "$_pg_options" start >/dev/null) || { cat "$_pg_dir/server.log" >&2; return 1; }
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres@127.0.0.1:$_pg_port"
  # For the fault suite (faults/), which stops and starts this throw-away cluster.
  export TEST_POSTGRES_PG_CTL="$_pg_bin/pg_ctl" TEST_POSTGRES_PGDATA="$_pg_dir/data"
  export TEST_POSTGRES_OPTIONS="$_pg_options" TEST_POSTGRES_LOG="$_pg_dir/server.log"
  export TEST_POSTGRES_RUN_AS="$([ "$(id -u)" = 0 ] && echo postgres || true)"
  echo "test-postgres: PostgreSQL $("$_pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$_pg_port" >&2

  test_postgres_stop() {
    (cd / && "${_pg_run[@]}" "$_pg_bin/pg_ctl" -D "$_pg_dir/data" -m immediate stop) >/dev/null 2>&1 || true
    rm -rf "$_pg_dir"
  }
fi
