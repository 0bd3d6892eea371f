#!/usr/bin/env bash
# The deploy/ topology without containers, on loopback: PostgreSQL (scripts/services.sh), 2 API replicas,
# 2 app replicas and nginx (Debian package) in front, using deploy/nginx/moodify.conf as is.
#   start            start everything (replicas migrate an empty database at once: the advisory lock)
#   stop             stop everything this script started
#   kill NAME        SIGKILL one replica (api1 api2 app1 app2)
#   up NAME          (re)start one replica and wait until it is healthy
#   env              print the addresses (also in .services/cluster/env)
# Options by env: CLUSTER_API_REPLICAS (2), CLUSTER_APP_REPLICAS (2), CLUSTER_RATE_LIMIT (per user per min, 120),
# CLUSTER_SIGNIN_LIMIT (sign-ins per client address per min: high, every simulated user is 127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
C="$ROOT/.services/cluster"  # git-ignored, next to the services it uses
PY=${PY:-$ROOT/.venv/bin/python}
MOODIFY=${MOODIFY:-$(dirname "$PY")/moodify}
WAIT_S=${CLUSTER_WAIT_S:-90}
DB=moodify_cluster

log() { echo "cluster: $*" >&2; }
die() { log "$*"; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
alive() { [ -f "$C/$1.pid" ] && kill -0 "$(cat "$C/$1.pid")" 2>/dev/null; }
http_ok() { python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2).read()' "$1" \
  >/dev/null 2>&1; }

ensure_nginx() {
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] && return 0
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || die "nginx not found (apt-get install nginx-light)"
  log "installing nginx (Debian package)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx-light >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx-light >/dev/null; }
}
NGINX=/usr/sbin/nginx

health_url() {  # NAME -> its own health URL (not through the proxy)
  case $1 in api*) echo "http://127.0.0.1:$(cat "$C/$1.port")/health" ;;
             app*) echo "http://127.0.0.1:$(cat "$C/$1.port")/_stcore/health" ;; esac
}

up() {  # NAME: start one replica on its port (kept across restarts), wait until healthy
  local name=$1 port
  alive "$name" && return 0
  [ -f "$C/$name.port" ] || free_port > "$C/$name.port"
  port=$(cat "$C/$name.port")
  mkdir -p "$C/$name"
  set -a; . "$C/replica.env"; set +a
  export MOODIFY_DATA_DIR="$C/$name"
  case $name in
    api*) setsid "$MOODIFY" api --host 127.0.0.1 --port "$port" >>"$C/$name.log" 2>&1 < /dev/null & ;;
    app*) setsid "$MOODIFY" serve --host 127.0.0.1 --port "$port" >>"$C/$name.log" 2>&1 < /dev/null & ;;
    *) die "unknown replica $name" ;;
  esac
  echo $! > "$C/$name.pid"
  [ "${2:-}" = nowait ] || wait_healthy "$name"
}

wait_healthy() {
  local name=$1 url; url=$(health_url "$name")
  for _ in $(seq 1 $((WAIT_S * 5))); do
    http_ok "$url" && return 0
    alive "$name" || die "$name exited (log: $C/$name.log): $(tail -5 "$C/$name.log")"
    sleep 0.2
  done
  die "$name not healthy within ${WAIT_S}s (log: $C/$name.log)"
}

write_nginx_conf() {
  local n=$C/nginx; mkdir -p "$n"
  { echo "listen 127.0.0.1:$(cat "$C/proxy.port");"; } > "$n/moodify-listen.conf"
  {
    echo "worker_processes 2; pid $n/nginx.pid; error_log $n/error.log warn; daemon off;"
    echo "events { worker_connections 1024; }"
    echo "http {"
    echo "  include /etc/nginx/mime.types;"
    # Which replica served each request: the cluster test and benchmark read it (not sent to clients).
    echo "  log_format mf '\$msec \$status \$request_method \$uri \$upstream_addr';"
    echo "  access_log $n/access.log mf;"
    echo "  client_body_temp_path $n/body; proxy_temp_path $n/proxy; fastcgi_temp_path $n/fcgi;"
    echo "  uwsgi_temp_path $n/uwsgi; scgi_temp_path $n/scgi;"
    echo "  upstream moodify_app { hash \$mf_route consistent;"
    for r in $APPS; do echo "    server 127.0.0.1:$(cat "$C/$r.port") max_fails=1 fail_timeout=5s;"; done
    echo "  }"
    echo "  upstream moodify_api {"
    for r in $APIS; do echo "    server 127.0.0.1:$(cat "$C/$r.port") max_fails=1 fail_timeout=5s;"; done
    echo "    keepalive 32;"
    # nginx closes idle upstream connections before uvicorn's 5 s keep-alive does (deploy/nginx/nginx.conf).
    echo "    keepalive_timeout 4s;"
    echo "  }"
    echo "  include $ROOT/deploy/nginx/moodify.conf;"
    echo "}"
  } > "$n/nginx.conf"
  "$NGINX" -t -q -p "$n" -c "$n/nginx.conf" 2> "$n/test.log" || die "nginx config refused: $(cat "$n/test.log")"
}

names() {
  APIS=$(seq -f "api%g" 1 "${CLUSTER_API_REPLICAS:-2}" | tr '\n' ' ')
  APPS=$(seq -f "app%g" 1 "${CLUSTER_APP_REPLICAS:-2}" | tr '\n' ' ')
}

start() {
  names
  [ -f "$C/env" ] && die "already started (scripts/cluster.sh stop first)"
  rm -rf "$C"; mkdir -p "$C"
  ensure_nginx
  scripts/services.sh start >/dev/null
  set -a; . .services/env; set +a
  local admin=${MOODIFY_TEST_PG_URL/postgresql+psycopg:/postgresql:}
  PGOPTIONS="-c client_min_messages=warning" psql "$admin" -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
  local url=${MOODIFY_TEST_PG_URL%/*}/$DB
  cat > "$C/replica.env" <<ENV
MOODIFY_STORE=sql
MOODIFY_AUTH=local
MOODIFY_DATABASE_URL=$url
MOODIFY_API_RATE_LIMIT_PER_MIN=${CLUSTER_RATE_LIMIT:-120}
MOODIFY_SIGNIN_CLIENT_PER_MIN=${CLUSTER_SIGNIN_LIMIT:-100000}
MOODIFY_TRUSTED_PROXIES=127.0.0.1
MOODIFY_LOG_LEVEL=WARNING
MOODIFY_ORT_THREADS=1
STREAMLIT_SERVER_COOKIE_SECRET=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
ENV
  free_port > "$C/proxy.port"
  local t0=$SECONDS r
  for r in $APIS $APPS; do up "$r" nowait; done  # all at once on the empty database
  for r in $APIS $APPS; do wait_healthy "$r"; done
  write_nginx_conf
  setsid "$NGINX" -p "$C/nginx" -c "$C/nginx/nginx.conf" >"$C/nginx.log" 2>&1 < /dev/null &
  echo $! > "$C/nginx.pid"
  local proxy="http://127.0.0.1:$(cat "$C/proxy.port")"
  for _ in $(seq 1 100); do http_ok "$proxy/api/health" && http_ok "$proxy/_stcore/health" && break; sleep 0.1; done
  http_ok "$proxy/api/health" || die "the proxy does not answer (log: $C/nginx/error.log)"
  {
    echo "MOODIFY_CLUSTER_URL=$proxy"
    echo "MOODIFY_CLUSTER_DB=$url"
    echo "MOODIFY_CLUSTER_APIS=\"$APIS\""
    echo "MOODIFY_CLUSTER_APPS=\"$APPS\""
    echo "MOODIFY_CLUSTER_RATE_LIMIT=${CLUSTER_RATE_LIMIT:-120}"
  } > "$C/env"
  log "ready in $((SECONDS - t0)) s: $proxy (api: $APIS; app: $APPS)"
}

stop_one() {
  local name=$1 pid
  [ -f "$C/$name.pid" ] || return 0
  pid=$(cat "$C/$name.pid")
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$C/$name.pid"
}

stop() {
  local f
  for f in "$C"/*.pid; do [ -e "$f" ] && stop_one "$(basename "$f" .pid)"; done
  if [ -f "$C/replica.env" ]; then
    set -a; . "$C/replica.env"; set +a
    local admin=${MOODIFY_DATABASE_URL/postgresql+psycopg:/postgresql:}
    psql "${admin%/*}/postgres" -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -f "$C/env"
  scripts/services.sh stop >/dev/null 2>&1 || true
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  kill) [ -f "$C/$2.pid" ] || die "no $2"; kill -KILL -- "-$(cat "$C/$2.pid")" 2>/dev/null || kill -KILL "$(cat "$C/$2.pid")"
        rm -f "$C/$2.pid" ;;
  up) up "$2" ;;
  env) cat "$C/env" ;;
  *) echo "usage: $0 start|stop|kill NAME|up NAME|env" >&2; exit 2 ;;
esac
