#!/usr/bin/env bash
# start|stop|status the real services the tests use, each on a free loopback port:
#   PostgreSQL 15 (throwaway cluster in .services/pg), the Firestore emulator from the Google Cloud CLI,
#   the Firebase Auth emulator from the npm package firebase-tools (tools/package-lock.json).
# `start` is idempotent (running services are reused) and writes their addresses to .services/env:
#   MOODIFY_TEST_PG_URL, FIRESTORE_EMULATOR_HOST, FIREBASE_AUTH_EMULATOR_HOST.
# `stop` stops them all once no other caller still uses them (`stop --force`: regardless).
# Several test runs can share one checkout: calls are serialised with a lock, and every `start` records its
# caller (the parent pid, e.g. scripts/test.sh) so one run's `stop` doesn't pull the services from under
# another run still going. Works as root (PostgreSQL then runs as the `postgres` user) or as a normal user.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
S="$ROOT/.services"
mkdir -p "$S"
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
FIRESTORE_EMU=${FIRESTORE_EMU:-/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud_firestore_emulator}
AUTH_PROJECT=demo-moodify
WAIT_S=${SERVICES_WAIT_S:-120}

log() { echo "services: $*" >&2; }
die() { log "$*"; exit 1; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# wait_for NAME TEST-COMMAND...: poll until the command succeeds, or fail after WAIT_S seconds.
wait_for() {
  local name=$1; shift
  for _ in $(seq 1 $((WAIT_S * 2))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  die "$name did not answer within ${WAIT_S}s (log: $S/$name.log)"
}

http_ok() { python3 - "$1" <<'PY'
import sys, urllib.request
urllib.request.urlopen(sys.argv[1], timeout=2).read()
PY
}

as_pg_user() {  # PostgreSQL refuses to run as root
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

ensure_postgres_installed() {
  [ -x "$PGBIN/initdb" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing postgresql (Debian package)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null; }
  fi
  [ -x "$PGBIN/initdb" ] || PGBIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | tail -1)")
  [ -x "$PGBIN/initdb" ] || die "PostgreSQL server binaries not found (apt-get install postgresql)"
}

pg_home() {  # where the cluster lives: .services/pg, or a /tmp dir named in .services/pg.dir
  if [ -f "$S/pg.dir" ]; then cat "$S/pg.dir"; else echo "$S/pg"; fi
}

start_postgres() {
  local home data port
  home=$(pg_home); data="$home/data"
  if [ -f "$S/pg.port" ] && as_pg_user "$PGBIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    port=$(cat "$S/pg.port")
  else
    ensure_postgres_installed
    rm -rf "$home" "$S/pg.dir"; home="$S/pg"; mkdir -p "$home"
    [ "$(id -u)" = 0 ] && chown postgres: "$home"
    # The `postgres` user must reach the directory, and the socket path must stay under ~100 characters;
    # when the checkout is somewhere else (/root/..., a long path), use a throwaway dir in /tmp.
    if { [ "$(id -u)" = 0 ] && ! as_pg_user test -w "$home" 2>/dev/null; } || [ ${#home} -gt 70 ]; then
      rm -rf "$home"; home=$(mktemp -d /tmp/moodify-pg.XXXXXX); echo "$home" > "$S/pg.dir"
      [ "$(id -u)" = 0 ] && chown postgres: "$home"
    fi
    data="$home/data"
    as_pg_user "$PGBIN/initdb" -D "$data" -U moodify --auth=trust -E UTF8 --locale=C.UTF-8 >"$S/pg-init.log" 2>&1 \
      || die "initdb failed (log: $S/pg-init.log)"
    port=$(free_port)
    # Loopback only, unix socket inside the data dir, fsync off: a throwaway test cluster.
    as_pg_user "$PGBIN/pg_ctl" -D "$data" -l "$home/postgres.log" -w -t "$WAIT_S" 9>&- \
      -o "-h 127.0.0.1 -p $port -k $data -c fsync=off -c full_page_writes=off -c max_connections=200" start \
      >/dev/null || die "PostgreSQL did not start (log: $home/postgres.log)"
    echo "$port" > "$S/pg.port"
  fi
  wait_for postgres "$PGBIN/pg_isready" -h 127.0.0.1 -p "$port" -U moodify
  "$PGBIN/psql" -h 127.0.0.1 -p "$port" -U moodify -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname='moodify_test'" | grep -q 1 \
    || "$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U moodify moodify_test
  echo "MOODIFY_TEST_PG_URL=postgresql+psycopg://moodify@127.0.0.1:$port/moodify_test" >> "$S/env.new"
}

start_firestore() {
  local port
  if alive "$S/firestore.pid" && [ -f "$S/firestore.port" ]; then
    port=$(cat "$S/firestore.port")
  else
    [ -x "$FIRESTORE_EMU" ] || die "Firestore emulator not found at $FIRESTORE_EMU (Google Cloud CLI component)"
    port=$(free_port)
    setsid "$FIRESTORE_EMU" start --host=127.0.0.1 --port="$port" >"$S/firestore.log" 2>&1 9>&- &
    echo $! > "$S/firestore.pid"; echo "$port" > "$S/firestore.port"
  fi
  wait_for firestore http_ok "http://127.0.0.1:$port/"
  echo "FIRESTORE_EMULATOR_HOST=127.0.0.1:$port" >> "$S/env.new"
}

start_auth() {
  local port
  if alive "$S/auth.pid" && [ -f "$S/auth.port" ]; then
    port=$(cat "$S/auth.port")
  else
    if [ ! -x tools/node_modules/.bin/firebase ]; then
      log "installing firebase-tools (npm ci in tools/)"
      (cd tools && npm ci --no-audit --no-fund --loglevel=error >"$S/npm-ci.log" 2>&1) \
        || die "npm ci failed (log: $S/npm-ci.log)"
    fi
    port=$(free_port)
    # Only the auth emulator; the hub/logging/UI would otherwise grab fixed ports.
    cat > "$S/firebase.json" <<JSON
{"emulators": {"auth": {"host": "127.0.0.1", "port": $port}, "hub": {"host": "127.0.0.1", "port": $(free_port)},
  "logging": {"host": "127.0.0.1", "port": $(free_port)}, "ui": {"enabled": false}, "singleProjectMode": true}}
JSON
    # setsid directly (no subshell), so the recorded pid leads the process group that `stop` kills.
    FIREBASE_CLI_DISABLE_UPDATE_CHECK=1 NO_UPDATE_NOTIFIER=1 setsid bash -c 'cd "$1" && shift && exec "$@"' _ "$S" \
      "$ROOT/tools/node_modules/.bin/firebase" emulators:start --only auth --project "$AUTH_PROJECT" \
      --config "$S/firebase.json" >"$S/auth.log" 2>&1 9>&- &
    echo $! > "$S/auth.pid"; echo "$port" > "$S/auth.port"
  fi
  wait_for auth http_ok "http://127.0.0.1:$port/emulator/v1/projects/$AUTH_PROJECT/config"
  echo "FIREBASE_AUTH_EMULATOR_HOST=127.0.0.1:$port" >> "$S/env.new"
  echo "MOODIFY_TEST_FIREBASE_PROJECT=$AUTH_PROJECT" >> "$S/env.new"
}

kill_tree() {  # the process group started with setsid, then the recorded pid
  local pidfile=$1
  [ -f "$pidfile" ] || return 0
  local pid; pid=$(cat "$pidfile")
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

stop_all() {
  local home; home=$(pg_home)
  if [ -d "$home/data" ]; then
    as_pg_user "$PGBIN/pg_ctl" -D "$home/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  kill_tree "$S/firestore.pid"
  kill_tree "$S/auth.pid"
  rm -rf "$home" "$S/pg" "$S/pg.dir" "$S"/*.port "$S/env"
}

live_users() {  # callers of `start` that are still running (dead ones are forgotten)
  local f
  for f in "$S"/users/*; do
    [ -e "$f" ] || continue
    if kill -0 "${f##*/}" 2>/dev/null; then echo "${f##*/}"; else rm -f "$f"; fi
  done
}

exec 9>"$S/.lock"  # closed (9>&-) for every service started, so they don't hold it
flock -w 900 9 || die "another services.sh call holds $S/.lock"
case "${1:-}" in
  start)
    : > "$S/env.new"
    start_postgres
    start_firestore
    start_auth
    mv "$S/env.new" "$S/env"
    mkdir -p "$S/users"; : > "$S/users/$PPID"
    log "ready: $(tr '\n' ' ' < "$S/env")"
    ;;
  stop)
    rm -f "$S/users/$PPID"
    others=$(live_users | tr '\n' ' ')
    if [ -n "$others" ] && [ "${2:-}" != "--force" ]; then
      log "left running: still used by pid(s) $others(stop --force to stop anyway)"
    else
      stop_all; rm -rf "$S/users"
    fi
    ;;
  status) cat "$S/env" 2>/dev/null || { echo "not running" >&2; exit 1; } ;;
  *) echo "usage: $0 start|stop [--force]|status" >&2; exit 2 ;;
esac
