#!/usr/bin/env bash
# Builds the solution and runs every test project, then prints one line with the totals of all of them:
#   tests: N passed, M failed[, K skipped]
# Exits non-zero when the build or any test fails. Needs only the .NET SDK and npm: spin (the model check), Chromium (the browser tests), PostgreSQL and Redis, which the
# production-profile tests use, and podman with its tools (the pod test) are installed (Debian packages) when missing, the
# servers started on loopback, and the
# committed OpenAPI document is linted with Spectral (npm, installed into $BATCH_TOOLS_DIR), which counts as one test.
set -uo pipefail
cd "$(dirname "$0")"

if ! services=$(deploy/local/services.sh up); then
  echo "tests: 0 passed, 1 failed (PostgreSQL and Redis could not be started)"
  exit 1
fi
eval "$services"

# The slot protocol's model check (SlotProtocolModelTests) needs spin, a Debian package; gcc comes with the build tools.
if ! command -v spin >/dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "installing spin" >&2
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends spin; } >/dev/null 2>&1 ||
    echo "spin could not be installed: the model check will fail" >&2
fi

# The browser tests (BatchCalling.BrowserTests) drive the system Chromium (CHROMIUM_PATH, else the Debian package's), with
# fonts-liberation for its text; Playwright never downloads a browser, and without one the tests fail, saying so.
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "installing chromium" >&2
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium fonts-liberation; } >/dev/null 2>&1 ||
    echo "chromium could not be installed: the browser tests will fail" >&2
fi

# The pod test (BatchCalling.PodTests) plays the podman overlay: podman, buildah, runc, debootstrap, catatonit… (Debian
# packages, deploy/podman/install.sh installs what is missing). When they cannot be installed the test reports itself
# skipped, with the reason.
if ! podman_install=$(deploy/podman/install.sh 2>&1); then
  echo "podman and its tools could not be installed (deploy/podman/install.sh), the pod test will fail or be skipped:" >&2
  tail -n 3 <<<"$podman_install" >&2
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

dotnet build Orleans.Batch.sln -c Release -nologo -v:q
build=$?
status=$build
if [ "$build" -eq 0 ]; then
  # One project at a time: the timing-sensitive tests (ceilings, fairness) get the machine's cores to themselves.
  for project in test/*/*.csproj; do
    name=$(basename "$project" .csproj)
    dotnet test "$project" -c Release --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results" -nologo || status=1
  done
fi

# The contract: docs/openapi.json (which the gateway tests prove equal to the served document) under spectral:oas.
tools=${BATCH_TOOLS_DIR:-/tmp/batch-calling-tools}
spectral="$tools/spectral/node_modules/.bin/spectral"
lint_passed=0
if [ ! -x "$spectral" ]; then
  mkdir -p "$tools/spectral"
  npm install --prefix "$tools/spectral" --no-audit --no-fund --silent @stoplight/spectral-cli@6.16.3 >&2 || true
fi
if [ -x "$spectral" ] && "$spectral" lint docs/openapi.json --ruleset .spectral.yaml --fail-severity error; then
  lint_passed=1
else
  echo "Spectral found errors in docs/openapi.json (or could not be installed)" >&2
  status=1
fi

sum() { cat "$results"/*.trx 2>/dev/null | grep -o "<Counters [^>]*>" | grep -o " $1=\"[0-9]*\"" | grep -o "[0-9]*" | awk '{s+=$1} END {print s+0}'; }
passed=$(( $(sum passed) + lint_passed ))
failed=$(( $(sum failed) + $(sum error) + $(sum timeout) + $(sum aborted) + 1 - lint_passed ))
# A skipped test counts as neither executed nor notExecuted in the trx counters: total minus executed.
skipped=$(( $(sum total) - $(sum executed) ))
# xunit puts a skip's reason in the trx, not on the console: say it here.
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  awk '/outcome="NotExecuted"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); open = 1 }
       open && /<Message>/ { sub(/.*<Message>/, ""); sub(/<\/Message>.*/, ""); print "skipped " name ": " $0; open = 0 }' "$trx" >&2
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the build or a test host failed before any result was written
fi

line="tests: $passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
