#!/usr/bin/env bash
# The test command (README, CI): installs what the real-server tests need, builds, runs every test project,
# and ends with one line "N passed, N failed" summed over all projects.
set -uo pipefail
cd "$(dirname "$0")/.."

scripts/install-test-deps.sh || { echo "test: installing test dependencies failed"; echo "0 passed, 1 failed"; exit 1; }

results="$(mktemp -d -t supervisor-test-results.XXXXXX)"
trap 'rm -rf "$results"' EXIT

dotnet build Supervisor.sln -nologo -v q || { echo "test: build failed"; echo "0 passed, 1 failed"; exit 1; }

# Two lanes at once, to keep the suite inside its time budget on a 2-core box. The timing-sensitive projects run one
# after another in the first lane: the integration tests (real node processes and servers, one test at a time, see
# their AssemblyInfo.cs), then the actor tests (TestKit timings; one of them flaked when run beside the integration
# tests). The other projects (pure rules, config, drivers against their own servers on free loopback ports, the history
# store, the channels) run one after another in the second lane beside them. --blame-hang-timeout: a hung test fails
# the run instead of hanging CI. The second lane's output is printed after the first lane's, so neither is interleaved.
run_tests() {
  # One trx per project, by name: two lanes finishing in the same second must not overwrite each other's file.
  dotnet test "$1" --no-build -nologo --logger "trx;LogFileName=$(basename "$1" .csproj).trx" --results-directory "$results" --blame-hang-timeout 10m
}
timing_sensitive=(tests/Supervisor.IntegrationTests/Supervisor.IntegrationTests.csproj tests/Supervisor.Actors.Tests/Supervisor.Actors.Tests.csproj)
lane_log="$(mktemp -t supervisor-test-lane.XXXXXX)"
trap 'rm -rf "$results" "$lane_log"' EXIT
(
  lane_status=0
  for project in tests/*/*.csproj; do
    [[ " ${timing_sensitive[*]} " == *" $project "* ]] && continue
    run_tests "$project" || lane_status=1
  done
  exit $lane_status
) >"$lane_log" 2>&1 &
lane=$!
status=0
for project in "${timing_sensitive[@]}"; do
  run_tests "$project" || status=1
done
wait "$lane" || status=1
cat "$lane_log"

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
