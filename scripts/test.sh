#!/usr/bin/env bash
# The test command (README, CI): installs what the real-server tests need, builds, runs every test project,
# and ends with one line "N passed, N failed" summed over all projects.
set -uo pipefail
cd "$(dirname "$0")/.."

scripts/install-test-deps.sh || { echo "test: installing test dependencies failed"; echo "0 passed, 1 failed"; exit 1; }

results="$(mktemp -d -t supervisor-test-results.XXXXXX)"
trap 'rm -rf "$results"' EXIT

dotnet build Supervisor.sln -nologo -v q || { echo "test: build failed"; echo "0 passed, 1 failed"; exit 1; }

# -m:1 runs the test projects one after another: the integration tests start real processes and servers and
# are timing-sensitive on a 2-core box. --blame-hang-timeout: a hung test fails the run instead of hanging CI.
dotnet test Supervisor.sln --no-build -nologo -m:1 \
  --logger "trx" --results-directory "$results" \
  --blame-hang-timeout 10m
status=$?

passed=0; failed=0; files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
projects=$(ls tests/*/*.csproj | wc -l)
if [ "$files" -lt "$projects" ]; then
  echo "test: only $files of $projects test projects reported results (a test host crashed or a project ran no tests)"
  failed=$((failed + projects - files))
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
