#!/usr/bin/env bash
# Builds the solution and runs every test project, then prints one line with the totals of all of them:
#   tests: 212 passed, 0 failed[, 3 skipped]
# Exits non-zero when the build or any test fails. Needs only the .NET SDK: PostgreSQL and Redis, which the
# production-profile tests use, are installed (Debian packages) and started on loopback when missing.
set -uo pipefail
cd "$(dirname "$0")"

if ! services=$(deploy/local/services.sh up); then
  echo "tests: 0 passed, 1 failed (PostgreSQL and Redis could not be started)"
  exit 1
fi
eval "$services"

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

sum() { cat "$results"/*.trx 2>/dev/null | grep -o "<Counters [^>]*>" | grep -o " $1=\"[0-9]*\"" | grep -o "[0-9]*" | awk '{s+=$1} END {print s+0}'; }
passed=$(sum passed)
failed=$(( $(sum failed) + $(sum error) + $(sum timeout) + $(sum aborted) ))
skipped=$(sum notExecuted)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the build or a test host failed before any result was written
fi

line="tests: $passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
