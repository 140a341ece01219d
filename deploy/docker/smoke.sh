#!/usr/bin/env bash
# Smoke test of the images deploy/images.sh built, as a user would run them: read-only root filesystem, a tmpfs on
# /tmp, the image's own non-root user, nothing but a published port.
#   deploy/docker/smoke.sh VERSION
# - gateway, on its embedded default: /health/live, /health/ready, the dashboard's files at / (no key), a job created
#   with the demo key it prints, its HEALTHCHECK, and a graceful stop;
# - silo: starts and logs (its /health/live is checked when it answers);
# - platform: starts and logs; with BATCH_SMOKE_POSTGRES (a connection string reachable from the host network) it
#   runs on the host network and its /health is checked.
# Ports: BATCH_SMOKE_PORT (18080) and the next two, on 127.0.0.1. Ends with "N passed, M failed".
set -uo pipefail

deploy=$(cd "$(dirname "$0")/.." && pwd)
version=${1:?usage: smoke.sh VERSION}
port=${BATCH_SMOKE_PORT:-18080}
engine=${BATCH_ENGINE:-$(command -v podman >/dev/null && echo podman || echo docker)}
[ "$engine" = podman ] && . "$deploy/podman/env.sh"
# Without systemd, podman says at each run and stop that it cannot set the health check's timer: harmless
# (the HEALTHCHECK is run by hand below), so filtered out.
engine_quiet() { "$engine" "$@" 2> >(grep -v 'unable to get systemd connection' >&2); }
run=(engine_quiet run -d --read-only --tmpfs "/tmp:rw,size=64m")
passed=0 failed=0 containers=()
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; [ ${#containers[@]} -eq 0 ] || "$engine" rm -f "${containers[@]}" >/dev/null 2>&1' EXIT

check() { # check DESCRIPTION COMMAND...
  if "${@:2}"; then passed=$((passed + 1)); echo "ok   $1"
  else failed=$((failed + 1)); echo "FAIL $1"; fi
}
wait_http() { # wait_http URL SECONDS: until URL answers 2xx
  local deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.5
  done
}
user_is_10001() { [ "$("$engine" exec "$1" id -u)" = 10001 ]; }
still_running() { [ "$("$engine" inspect --format '{{.State.Running}}' "$1")" = true ]; }
has_logged() { [ -n "$("$engine" logs "$1" 2>&1)" ]; }
serves_page() { # serves_page URL: the dashboard's page, and the module it loads, from the image's wwwroot
  curl -fsS "$1/" | grep -q 'src="app/main.js"' && curl -fsS -o /dev/null "$1/app/main.js"
}

# ---- gateway
gw=batch-smoke-gateway-$$
start=$SECONDS
"${run[@]}" --name "$gw" -p "127.0.0.1:$port:8080" "batch-calling/gateway:$version" >/dev/null && containers+=("$gw")
check "gateway /health/live" wait_http "http://127.0.0.1:$port/health/live" 60
check "gateway /health/ready ($((SECONDS - start)) s after run)" wait_http "http://127.0.0.1:$port/health/ready" 60
check "gateway runs as uid 10001" user_is_10001 "$gw"
check "gateway serves the dashboard at / without a key" serves_page "http://127.0.0.1:$port"
key=$("$engine" logs "$gw" 2>&1 | awk '$1 == "API" && $2 == "key:" { print $3; exit }')
check "gateway printed a demo key" test -n "$key"
answer=$(curl -sS -H "Authorization: Bearer $key" -H "Content-Type: application/json" "http://127.0.0.1:$port/batch/jobs" \
  -d '{"fromPhoneNumberId":"pn_demo","name":"Smoke","contacts":[{"phone":"+12025550101","name":"Ada"}]}')
echo "     $answer" | cut -c1-160
job=$(sed -nE 's/.*"batchJobId":"([^"]+)".*/\1/p' <<<"$answer")
check "gateway created a job" test -n "$job"
# A multipart body over 64 KB is buffered to a file in /tmp: the reason /tmp must be writable.
python3 -c 'print("phone,name"); [print(f"+1202555{i:04d},Contact {i} with a name long enough") for i in range(5000)]' > "$tmp/big.csv"
check "gateway takes a $(($(wc -c < "$tmp/big.csv") / 1024)) KB CSV upload (dry run)" curl -fsS -o /dev/null -H "Authorization: Bearer $key" \
  -F "file=@$tmp/big.csv" -F fromPhoneNumberId=pn_demo -F name=Big -F dryRun=true "http://127.0.0.1:$port/batch/jobs"
check "gateway shows the job" curl -fsS -o /dev/null -H "Authorization: Bearer $key" "http://127.0.0.1:$port/batch/jobs/$job"
if [ "$engine" = podman ]; then
  check "gateway HEALTHCHECK (podman healthcheck run)" "$engine" healthcheck run "$gw"
fi
start=$SECONDS
engine_quiet stop -t 30 "$gw" >/dev/null
check "gateway stopped on SIGTERM in $((SECONDS - start)) s, exit code 0" \
  test "$("$engine" inspect --format '{{.State.ExitCode}}' "$gw")" = 0

# ---- silo
silo=batch-smoke-silo-$$
"${run[@]}" --name "$silo" -p "127.0.0.1:$((port + 1)):8080" "batch-calling/silo:$version" >/dev/null && containers+=("$silo")
if wait_http "http://127.0.0.1:$((port + 1))/health/live" 30; then
  check "silo /health/live" true
else
  echo "     silo: no /health/live (not served by this build?); checking it runs and logs"
fi
check "silo still running" still_running "$silo"
check "silo logged" has_logged "$silo"
"$engine" logs "$silo" 2>&1 | tail -5 | sed 's/^/     silo: /'

# ---- platform
platform=batch-smoke-platform-$$
if [ -n "${BATCH_SMOKE_POSTGRES:-}" ]; then
  "${run[@]}" --name "$platform" --network host -e "ASPNETCORE_HTTP_PORTS=$((port + 2))" \
    -e "ConnectionStrings__Postgres=$BATCH_SMOKE_POSTGRES" -e "Platform__Secret=whsec_$(head -c 32 /dev/urandom | base64)" \
    "batch-calling/platform:$version" >/dev/null && containers+=("$platform")
  check "platform /health" wait_http "http://127.0.0.1:$((port + 2))/health" 60
else
  "${run[@]}" --name "$platform" -e "Platform__Secret=whsec_$(head -c 32 /dev/urandom | base64)" \
    "batch-calling/platform:$version" >/dev/null && containers+=("$platform")
  sleep 5
  check "platform logged" has_logged "$platform"
fi
"$engine" logs "$platform" 2>&1 | tail -3 | sed 's/^/     platform: /'

echo "smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
