#!/usr/bin/env bash
# PostgreSQL and Redis on loopback for the production profile, its tests and the local cluster.
#   deploy/local/services.sh up     install the Debian packages when missing, start both, print the connection strings
#   deploy/local/services.sh down [postgres|redis]...   stop both, or those named
#   deploy/local/services.sh status print "postgres: running" or "stopped", then the same for redis
#   deploy/local/services.sh env    print the connection strings as shell exports
#   deploy/local/services.sh stop postgres|redis   stop one of them at once, as a crash would (fault tests restart it with up)
#   deploy/local/services.sh restart postgres|redis   stop one of them at once and start it again: a crash and a quick recovery
# Data lives in $BATCH_SERVICES_DIR (default /tmp/batch-calling-services); ports $BATCH_PG_PORT (55432) and
# $BATCH_REDIS_PORT (56379), so a system PostgreSQL or Redis on the usual ports is left alone.
set -euo pipefail

dir=${BATCH_SERVICES_DIR:-/tmp/batch-calling-services}
pg_port=${BATCH_PG_PORT:-55432}
redis_port=${BATCH_REDIS_PORT:-56379}
database=batch_calling

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

as_postgres() {
  # PostgreSQL refuses to run as root; the Debian package creates the postgres user.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

install_missing() {
  local packages=()
  [ -n "$(pg_bin)" ] || packages+=(postgresql)
  command -v redis-server >/dev/null || packages+=(redis-server)
  [ ${#packages[@]} -eq 0 ] && return
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "installing ${packages[*]}" >&2
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >&2
}

connection_strings() {
  echo "export ConnectionStrings__Postgres='Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$database;Pooling=true;Maximum Pool Size=50'"
  echo "export ConnectionStrings__Redis='127.0.0.1:$redis_port,abortConnect=false'"
}

pg_running() {
  local bin; bin=$(pg_bin)
  [ -n "$bin" ] && [ -s "$dir/pg/PG_VERSION" ] && as_postgres "$bin/pg_ctl" -D "$dir/pg" status >/dev/null 2>&1
}

redis_running() { command -v redis-cli >/dev/null && redis-cli -p "$redis_port" ping >/dev/null 2>&1; }

pg_up() {
  local bin; bin=$(pg_bin)
  mkdir -p "$dir"
  if [ ! -s "$dir/pg/PG_VERSION" ]; then
    mkdir -p "$dir/pg"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir/pg"
    as_postgres "$bin/initdb" -D "$dir/pg" -U postgres -A trust --no-sync >/dev/null
  fi
  if ! pg_running; then
    as_postgres "$bin/pg_ctl" -D "$dir/pg" -l "$dir/pg/server.log" -w start \
      -o "-p $pg_port -c listen_addresses=127.0.0.1 -k /tmp -c max_connections=300 -c fsync=on" >/dev/null
  fi
  if ! psql -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "select 1 from pg_database where datname = '$database'" | grep -q 1; then
    psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "create database $database" >/dev/null
  fi
}

# As a crash: PostgreSQL without a checkpoint (it recovers from its WAL at the next start), Redis without saving.
pg_stop_now() { as_postgres "$(pg_bin)/pg_ctl" -D "$dir/pg" -m immediate stop >/dev/null; }

redis_stop_now() { redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true; }

redis_up() {
  mkdir -p "$dir/redis"
  if ! redis_running; then
    # Append-only with an fsync per write: reminders survive a Redis restart.
    redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$dir/redis" --appendonly yes --appendfsync always \
      --save "" --daemonize yes --logfile "$dir/redis.log" --pidfile "$dir/redis.pid"
    for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  fi
}

case "${1:-}" in
  up)
    install_missing
    pg_up
    redis_up
    connection_strings
    ;;
  down)
    shift
    [ $# -gt 0 ] || set -- postgres redis
    for server in "$@"; do
      case $server in
        postgres)
          bin=$(pg_bin)
          [ -n "$bin" ] && [ -d "$dir/pg" ] && as_postgres "$bin/pg_ctl" -D "$dir/pg" -m fast stop >/dev/null 2>&1 || true
          ;;
        redis) redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true ;;
        *) echo "usage: $0 down [postgres|redis]..." >&2; exit 2 ;;
      esac
    done
    ;;
  status)
    # The same tests as up's: "stopped" means up would start it.
    echo "postgres: $(pg_running && echo running || echo stopped)"
    echo "redis: $(redis_running && echo running || echo stopped)"
    ;;
  env)
    connection_strings
    ;;
  stop)
    case "${2:-}" in
      postgres) pg_stop_now ;;
      redis) redis_stop_now ;;
      *) echo "usage: $0 stop postgres|redis" >&2; exit 2 ;;
    esac
    ;;
  restart)
    case "${2:-}" in
      postgres) pg_stop_now; pg_up ;;
      redis) redis_stop_now; redis_up ;;
      *) echo "usage: $0 restart postgres|redis" >&2; exit 2 ;;
    esac
    ;;
  *)
    echo "usage: $0 up|down|status|env|stop|restart" >&2
    exit 2
    ;;
esac
