#!/usr/bin/env bash
# The production profile on one machine: PostgreSQL and Redis on loopback (deploy/local/services.sh, installed
# when missing), the simulated voice platform of tools/ on $BATCH_PLATFORM_PORT (default 5100) that every call is placed
# on, then $BATCH_SILOS silos (default 3) and a gateway on http://127.0.0.1:$BATCH_HTTP_PORT (default 5000).
#   deploy/local/cluster.sh up      check the ports, start the servers, build, start the silos and the gateway, wait
#                                   until the gateway is ready; on any failure, stop what this run started
#   deploy/local/cluster.sh down    stop the gateway, then the silos (each waited for), then the platform, then the
#                                   servers up started
#   deploy/local/cluster.sh status  what runs, what is stopping
# Settings, all from the environment (README.md, "The production profile", has the table):
#   BATCH_SILOS, BATCH_HTTP_PORT; BATCH_SILO_PORT and BATCH_GATEWAY_PORT (defaults 11111 and 30000): silo i listens
#   on base + i; BATCH_NO_BUILD=1 starts the binaries already built in Release; BATCH_STOP_TIMEOUT (default 30): seconds
#   a process gets to exit after SIGTERM before SIGKILL. When ConnectionStrings__Postgres and ConnectionStrings__Redis
#   are both set, up uses those servers and starts none; down stops only servers that up started.
# The demo organization is created with API key $DEMO_API_KEY (default demo-key); the admin token is
# $ADMIN_TOKEN (default admin-token). Logs, pids and which servers up started are in $BATCH_CLUSTER_DIR
# (default /tmp/batch-calling-cluster).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${BATCH_CLUSTER_DIR:-/tmp/batch-calling-cluster}
silos=${BATCH_SILOS:-3}
http_port=${BATCH_HTTP_PORT:-5000}
platform_port=${BATCH_PLATFORM_PORT:-5100}
# The Standard Webhooks secret dials and call events are signed with: a local demo's, not for anything real.
platform_secret=${PLATFORM_SECRET:-whsec_bG9jYWwtY2x1c3Rlci1kZW1vLXBsYXRmb3JtLXNlY3JldA==}
silo_port=${BATCH_SILO_PORT:-11111}
gateway_port=${BATCH_GATEWAY_PORT:-30000}
stop_timeout=${BATCH_STOP_TIMEOUT:-30}
ready_timeout=120
services=$root/deploy/local/services.sh
bin=Release/net10.0

fail() { echo "cluster.sh: $*" >&2; exit 1; }

pid_of() { cat "$dir/$1.pid" 2>/dev/null || true; }

# The process in name.pid is alive and is one of ours: not a zombie, not an unrelated process that reused the pid.
running() {
  local pid stat args
  pid=$(pid_of "$1")
  [ -n "$pid" ] || return 1
  read -r stat args < <(ps -o stat= -o args= -p "$pid" 2>/dev/null) || return 1
  [[ $stat != Z* && $args == *BatchCalling.* ]]
}

start() { # name, then the command; the pid goes to $dir/name.pid
  local name=$1 pid; shift
  rm -f "$dir/$name.stopping"
  nohup "$@" >"$dir/$name.log" 2>&1 &
  pid=$!
  disown "$pid" # its end is for stop() and the readiness loop to notice, not for bash to report
  echo "$pid" >"$dir/$name.pid"
  # Until the fork has become the program, running() cannot tell it is ours.
  for _ in $(seq 1 100); do
    running "$name" || ! kill -0 "$pid" 2>/dev/null && break
    sleep 0.05
  done
}

# SIGTERM to each named process, then wait until all have exited: at most $stop_timeout s, then SIGKILL. A pid file
# goes only once its process is gone, so status sees a process that is still stopping.
stop() {
  local name pending=() left killed=0 deadline
  for name in "$@"; do
    if running "$name"; then
      touch "$dir/$name.stopping"
      kill -TERM "$(pid_of "$name")" 2>/dev/null || true
      pending+=("$name")
    else
      rm -f "$dir/$name.pid" "$dir/$name.stopping"
    fi
  done
  deadline=$((SECONDS + stop_timeout))
  while [ ${#pending[@]} -gt 0 ]; do
    left=()
    for name in "${pending[@]}"; do
      if running "$name"; then left+=("$name"); else rm -f "$dir/$name.pid" "$dir/$name.stopping"; fi
    done
    pending=(${left[@]+"${left[@]}"})
    [ ${#pending[@]} -gt 0 ] || break
    if [ "$SECONDS" -ge "$deadline" ]; then
      if [ "$killed" -eq 1 ]; then
        echo "cluster.sh: ${pending[*]} still alive after SIGKILL; pids in $dir" >&2
        return 1
      fi
      echo "cluster.sh: ${pending[*]} did not exit within ${stop_timeout}s of SIGTERM; sending SIGKILL" >&2
      for name in "${pending[@]}"; do kill -KILL "$(pid_of "$name")" 2>/dev/null || true; done
      killed=1
      deadline=$((SECONDS + 10))
    fi
    sleep 0.2
  done
}

silo_names() { # silos with a pid file, whatever BATCH_SILOS is now
  local pidfile
  for pidfile in "$dir"/silo*.pid; do
    [ -f "$pidfile" ] && basename "$pidfile" .pid
  done
  return 0
}

# Empty when nothing accepts connections on 127.0.0.1:port; otherwise who does, as far as ss can tell.
port_holder() {
  local port=$1 users connected=0
  # A connection refused means free; one accepted, or left hanging (status 124), means taken.
  timeout 2 bash -c ": </dev/tcp/127.0.0.1/$port" 2>/dev/null || connected=$?
  [ "$connected" -eq 0 ] || [ "$connected" -eq 124 ] || return 0
  users=$(ss -Hltnp "sport = :$port" 2>/dev/null | grep -o 'users:(("[^"]*",pid=[0-9]*' | head -n 1) || true
  if [[ $users =~ \"([^\"]*)\",pid=([0-9]+) ]]; then
    echo "${BASH_REMATCH[1]} (pid ${BASH_REMATCH[2]}: $(ps -o args= -p "${BASH_REMATCH[2]}" 2>/dev/null | cut -c1-120))"
  else
    echo "another process"
  fi
}

# Every port this run will listen on must be a number, used once, and free; all are checked before anything starts.
check_ports() {
  local -A owner=()
  local entries=() entry port what problems=() holder i
  running gateway || entries+=("$http_port:the gateway's HTTP port (BATCH_HTTP_PORT)")
  running platform || entries+=("$platform_port:the simulated platform's HTTP port (BATCH_PLATFORM_PORT)")
  for i in $(seq 0 $((silos - 1))); do
    running "silo$i" && continue
    entries+=("$((silo_port + i)):silo$i's silo port (BATCH_SILO_PORT + $i)")
    entries+=("$((gateway_port + i)):silo$i's gateway port (BATCH_GATEWAY_PORT + $i)")
  done
  for entry in ${entries[@]+"${entries[@]}"}; do
    port=${entry%%:*} what=${entry#*:}
    if [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
      problems+=("port $port, $what, is not a TCP port")
    elif [ -n "${owner[$port]:-}" ]; then
      problems+=("port $port is both ${owner[$port]} and $what")
    else
      owner[$port]=$what
      holder=$(port_holder "$port")
      [ -z "$holder" ] || problems+=("port $port, $what, is in use by $holder")
    fi
  done
  [ ${#problems[@]} -eq 0 ] && return 0
  printf 'cluster.sh: %s\n' "${problems[@]}" >&2
  fail "nothing was started; free the ports or choose others (BATCH_HTTP_PORT, BATCH_PLATFORM_PORT, BATCH_SILO_PORT, BATCH_GATEWAY_PORT)"
}

# What this run of up started, stopped again when up fails: never half a cluster left behind.
started_processes=()
started_servers=()
cleanup_failed_up() {
  local status=$? name silos_started=()
  trap - EXIT
  [ "$status" -ne 0 ] || return 0
  if [ ${#started_processes[@]} -gt 0 ] || [ ${#started_servers[@]} -gt 0 ]; then
    echo "cluster.sh: up failed; stopping what this run started (logs stay in $dir)" >&2
    for name in ${started_processes[@]+"${started_processes[@]}"}; do [ "$name" = gateway ] || silos_started+=("$name"); done
    [[ " ${started_processes[*]-} " != *" gateway "* ]] || stop gateway || true
    [ ${#silos_started[@]} -eq 0 ] || stop "${silos_started[@]}" || true
    if [ ${#started_servers[@]} -gt 0 ]; then
      "$services" down "${started_servers[@]}" || true
      for name in "${started_servers[@]}"; do sed -i "/^$name\$/d" "$dir/servers" 2>/dev/null || true; done
      [ -s "$dir/servers" ] || rm -f "$dir/servers"
    fi
  fi
  exit "$status"
}

number() { [[ $2 =~ ^[0-9]+$ ]] || fail "$1 must be a number, not '$2'"; }

up() {
  local name i dll env
  number BATCH_SILOS "$silos"
  [ "$silos" -ge 1 ] || fail "BATCH_SILOS must be at least 1"
  number BATCH_HTTP_PORT "$http_port"
  number BATCH_PLATFORM_PORT "$platform_port"
  number BATCH_SILO_PORT "$silo_port"
  number BATCH_GATEWAY_PORT "$gateway_port"
  number BATCH_STOP_TIMEOUT "$stop_timeout"
  mkdir -p "$dir"
  check_ports
  trap cleanup_failed_up EXIT
  trap 'exit 130' INT TERM

  if [ -n "${ConnectionStrings__Postgres:-}" ] && [ -n "${ConnectionStrings__Redis:-}" ]; then
    echo "using the servers in ConnectionStrings__Postgres and ConnectionStrings__Redis; starting none" >&2
  else
    # Only servers that were not running already are ours to stop, at down or when this run fails.
    for name in $("$services" status | sed -n 's/: stopped$//p'); do
      started_servers+=("$name")
      echo "$name" >>"$dir/servers"
    done
    env=$("$services" up) || fail "PostgreSQL or Redis did not start (deploy/local/services.sh up)"
    eval "$env"
  fi
  export Profile=Production ConnectionStrings__Postgres ConnectionStrings__Redis

  if [ "${BATCH_NO_BUILD:-}" != 1 ]; then
    # To a log: build servers that outlive the build must not hold the caller's stdout or stderr.
    for name in src/Silo src/Gateway tools/SimulatedPlatform; do
      dotnet build "$root/$name" -c Release -nologo -v:q >"$dir/build.log" 2>&1 ||
        { tail -n 30 "$dir/build.log" >&2; fail "building $name failed; see $dir/build.log"; }
    done
  fi
  for dll in src/Silo/bin/$bin/BatchCalling.Silo.dll src/Gateway/bin/$bin/BatchCalling.Gateway.dll \
    tools/SimulatedPlatform/bin/$bin/BatchCalling.SimulatedPlatform.dll; do
    [ -f "$root/$dll" ] || fail "$dll is missing: build in Release or unset BATCH_NO_BUILD"
  done

  if ! running platform; then
    Platform__Secret=$platform_secret \
      start platform dotnet "$root/tools/SimulatedPlatform/bin/$bin/BatchCalling.SimulatedPlatform.dll" --urls "http://127.0.0.1:$platform_port"
    started_processes+=(platform)
  fi
  # Every silo dials the platform through the webhook dialer; it posts call events back to the gateway.
  export Dialer__Default__Type=Webhook Dialer__Default__Url="http://127.0.0.1:$platform_port/calls" Dialer__Default__Secret=$platform_secret \
    Gateway__PublicUrl="http://127.0.0.1:$http_port" Network__AllowPrivateAddresses=true

  for i in $(seq 0 $((silos - 1))); do
    running "silo$i" && continue
    Orleans__SiloPort=$((silo_port + i)) Orleans__GatewayPort=$((gateway_port + i)) \
      start "silo$i" dotnet "$root/src/Silo/bin/$bin/BatchCalling.Silo.dll"
    started_processes+=("silo$i")
  done
  if ! running gateway; then
    Demo__Enabled=true Demo__ApiKey=${DEMO_API_KEY:-demo-key} Admin__Token=${ADMIN_TOKEN:-admin-token} \
      start gateway dotnet "$root/src/Gateway/bin/$bin/BatchCalling.Gateway.dll" --urls "http://127.0.0.1:$http_port"
    started_processes+=(gateway)
  fi

  local deadline=$((SECONDS + ready_timeout))
  until curl -sf -m 5 "http://127.0.0.1:$http_port/health/ready" >/dev/null; do
    for name in ${started_processes[@]+"${started_processes[@]}"}; do
      running "$name" || { tail -n 20 "$dir/$name.log" >&2; fail "$name exited; see $dir/$name.log"; }
    done
    [ "$SECONDS" -lt "$deadline" ] || fail "the gateway was not ready within ${ready_timeout}s; see $dir/*.log"
    sleep 1
  done
  trap - EXIT INT TERM
  echo "ready: http://127.0.0.1:$http_port (API key ${DEMO_API_KEY:-demo-key}, admin token ${ADMIN_TOKEN:-admin-token}); logs in $dir"
}

down() {
  number BATCH_STOP_TIMEOUT "$stop_timeout"
  # The gateway first, then the silos, then the servers: nothing is left running against a server that is gone.
  stop gateway
  local names
  mapfile -t names < <(silo_names)
  [ ${#names[@]} -eq 0 ] || stop "${names[@]}"
  # Last of ours: calls still on the line end and are reported while the platform runs.
  stop platform
  if [ -s "$dir/servers" ]; then
    mapfile -t names < <(sort -u "$dir/servers")
    "$services" down "${names[@]}"
  fi
  rm -f "$dir/servers"
}

status() {
  local pidfile name
  for pidfile in "$dir"/*.pid; do
    [ -f "$pidfile" ] || continue
    name=$(basename "$pidfile" .pid)
    if ! running "$name"; then
      echo "$name: stopped"
    elif [ -f "$dir/$name.stopping" ]; then
      echo "$name: stopping (pid $(pid_of "$name"))"
    else
      echo "$name: running (pid $(pid_of "$name"))"
    fi
  done
  if [ -s "$dir/servers" ]; then
    echo "started by up, stopped by down: $(sort -u "$dir/servers" | paste -sd ' ')"
  fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *)
    echo "usage: $0 up|down|status" >&2
    exit 2
    ;;
esac
