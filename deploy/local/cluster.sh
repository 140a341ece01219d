#!/usr/bin/env bash
# The production profile on one machine: PostgreSQL and Redis on loopback (installed when missing), then
# $BATCH_SILOS silos (default 3) and a gateway on http://127.0.0.1:$BATCH_HTTP_PORT (default 5000).
#   deploy/local/cluster.sh up      build, start everything, wait until the gateway is ready
#   deploy/local/cluster.sh down    stop the gateway and the silos, then PostgreSQL and Redis
#   deploy/local/cluster.sh status  what runs
# The demo organization is created with API key $DEMO_API_KEY (default demo-key); the admin token is
# $ADMIN_TOKEN (default admin-token). Logs and pids are in $BATCH_CLUSTER_DIR (default /tmp/batch-calling-cluster).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${BATCH_CLUSTER_DIR:-/tmp/batch-calling-cluster}
silos=${BATCH_SILOS:-3}
http_port=${BATCH_HTTP_PORT:-5000}

start() { # name, then the command; the pid goes to $dir/name.pid
  local name=$1; shift
  nohup "$@" >"$dir/$name.log" 2>&1 &
  echo $! >"$dir/$name.pid"
}

running() { [ -f "$dir/$1.pid" ] && kill -0 "$(cat "$dir/$1.pid")" 2>/dev/null; }

case "${1:-}" in
  up)
    mkdir -p "$dir"
    eval "$("$root/deploy/local/services.sh" up)"
    export Profile=Production ConnectionStrings__Postgres ConnectionStrings__Redis
    dotnet build "$root/src/Silo" -c Release -nologo -v:q >/dev/null
    dotnet build "$root/src/Gateway" -c Release -nologo -v:q >/dev/null
    for i in $(seq 0 $((silos - 1))); do
      running "silo$i" || Orleans__SiloPort=$((11111 + i)) Orleans__GatewayPort=$((30000 + i)) \
        start "silo$i" dotnet "$root/src/Silo/bin/Release/net10.0/BatchCalling.Silo.dll"
    done
    running gateway || Demo__Enabled=true Demo__ApiKey=${DEMO_API_KEY:-demo-key} Admin__Token=${ADMIN_TOKEN:-admin-token} \
      start gateway dotnet "$root/src/Gateway/bin/Release/net10.0/BatchCalling.Gateway.dll" --urls "http://127.0.0.1:$http_port"
    for _ in $(seq 1 120); do
      if curl -sf "http://127.0.0.1:$http_port/health/ready" >/dev/null; then
        echo "ready: http://127.0.0.1:$http_port (API key ${DEMO_API_KEY:-demo-key}, admin token ${ADMIN_TOKEN:-admin-token}); logs in $dir"
        exit 0
      fi
      sleep 1
    done
    echo "the gateway did not become ready; see $dir/*.log" >&2
    exit 1
    ;;
  down)
    for pidfile in "$dir"/*.pid; do
      [ -f "$pidfile" ] || continue
      kill "$(cat "$pidfile")" 2>/dev/null || true
      rm -f "$pidfile"
    done
    "$root/deploy/local/services.sh" down
    ;;
  status)
    for pidfile in "$dir"/*.pid; do
      [ -f "$pidfile" ] || continue
      name=$(basename "$pidfile" .pid)
      if running "$name"; then echo "$name: running (pid $(cat "$pidfile"))"; else echo "$name: stopped"; fi
    done
    ;;
  *)
    echo "usage: $0 up|down|status" >&2
    exit 2
    ;;
esac
