#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the test suite: `start STATE_DIR` creates it in a temp
# folder (initdb), starts it on a free loopback port and writes the server's base URL to
# STATE_DIR/url (lib.sh creates one database per test script on it); `stop STATE_DIR` stops it
# and removes everything. Used by ctest as the fixture of the cli_pg.* tests.
# `replica STATE_DIR` adds a streaming replica of the cluster started there (pg_basebackup, a
# second postmaster on another free loopback port with a socket folder of its own) and writes its
# base URL to STATE_DIR/replica-url once it accepts connections; `replica-stop STATE_DIR` stops
# it (a replica down), `stop` stops it too.
# initdb refuses to run as root: as root, the server runs as the unprivileged user nobody.
set -euo pipefail
usage="usage: cluster.sh start|replica|replica-stop|stop STATE_DIR"
action=${1:?$usage}
state=${2:?$usage}

bindir=${PG_BINDIR:-$(pg_config --bindir 2>/dev/null || true)}
[ -x "$bindir/initdb" ] || bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bindir/initdb" ] || { echo "cluster.sh: no PostgreSQL server found (apt-get install postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

# stop_server DATA_DIR: stops the postmaster of DATA_DIR, if one runs.
stop_server() {
  if [ -f "$1/postmaster.pid" ]; then as_owner "$bindir/pg_ctl" -D "$1" -m immediate -w stop >/dev/null 2>&1 || true; fi
}

stop() {
  [ -f "$state/data-dir" ] || return 0
  # the replica first (it lives in the primary's folder)
  [ -f "$state/replica-dir" ] && stop_server "$(cat "$state/replica-dir")"
  stop_server "$(cat "$state/data-dir")"
  rm -rf "$(dirname "$(cat "$state/data-dir")")" "$state"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

case $action in
start)
  stop
  mkdir -p "$state"
  root=$(mktemp -d "${TMPDIR:-/tmp}/svcdesk-pg.XXXXXX")
  chmod 0755 "$root"
  data="$root/data"
  mkdir -m 0700 "$data"
  [ "$(id -u)" -eq 0 ] && chown nobody "$root" "$data"
  echo "$data" >"$state/data-dir"
  as_owner "$bindir/initdb" -D "$data" -U svcdesk --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$root/initdb.log" 2>&1 ||
    { cat "$root/initdb.log" >&2; exit 1; }
  # Durability is not what the tests measure: skip the fsyncs, as a RAM disk would.
  cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$root'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
# (the defaults, written down for the replica action; initdb's pg_hba.conf lets local and
# loopback replication connections in)
wal_level = replica
max_wal_senders = 4
CONF
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if as_owner "$bindir/pg_ctl" -D "$data" -l "$root/server.log" -o "-p $port" -w -t 60 start >/dev/null 2>&1; then
      echo "postgresql://svcdesk@127.0.0.1:$port" >"$state/url"
      echo "PostgreSQL $("$bindir/postgres" -V | awk '{print $3}') test cluster on 127.0.0.1:$port ($data)"
      exit 0
    fi
    echo "cluster.sh: start on port $port failed (attempt $attempt)" >&2
  done
  tail -20 "$root/server.log" >&2
  exit 1
  ;;
replica)
  [ -f "$state/url" ] || { echo "cluster.sh: no cluster started in $state" >&2; exit 1; }
  root=$(dirname "$(cat "$state/data-dir")")
  url=$(cat "$state/url")
  primary_port=${url##*:}
  data="$root/replica"
  sockets="$root/replica-sockets"
  as_owner mkdir -m 0700 "$data"
  as_owner mkdir -m 0755 "$sockets"
  echo "$data" >"$state/replica-dir"
  # -R: standby.signal and primary_conninfo; a fast checkpoint rather than the next timed one
  as_owner "$bindir/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U svcdesk -D "$data" -R -X stream \
    --checkpoint=fast >"$root/basebackup.log" 2>&1 || { cat "$root/basebackup.log" >&2; exit 1; }
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    # -w: until it accepts connections, which a hot standby does once it reached consistency
    if as_owner "$bindir/pg_ctl" -D "$data" -l "$root/replica.log" -o "-p $port -k $sockets" -w -t 60 start \
         >/dev/null 2>&1; then
      echo "postgresql://svcdesk@127.0.0.1:$port" >"$state/replica-url"
      echo "streaming replica on 127.0.0.1:$port ($data)"
      exit 0
    fi
    echo "cluster.sh: replica start on port $port failed (attempt $attempt)" >&2
  done
  tail -20 "$root/replica.log" >&2
  exit 1
  ;;
replica-stop) [ -f "$state/replica-dir" ] && stop_server "$(cat "$state/replica-dir")" ;;
stop) stop ;;
*) echo "$usage" >&2; exit 2 ;;
esac
