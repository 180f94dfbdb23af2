#!/usr/bin/env bash
# Start-up of one or more `supervisor` builds, interleaved so that load hits them alike (docs/deployment.md,
# "Single-file figures"). For each: `--help`, `validate config/supervisor.conf`, and `run` (the demo config) until its
# "Supervisor: watching" line, as wall time and as the process's CPU time (user + sys), which load disturbs less.
#
#   scripts/measure-startup.sh [--runs N] LABEL=COMMAND...
#   scripts/measure-startup.sh r2r=dist/linux-x64/supervisor jit=/tmp/jit/linux-x64/supervisor "fdd=dotnet /opt/supervisor/supervisor.dll"
#
# Prints the median and minimum of each, and the 1-minute load average before and after. Needs python3 only for
# the medians. Run it from anywhere; it works in a temp dir and uses the repository's config/supervisor.conf.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
runs=9
die() { echo "measure-startup: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) [ $# -ge 2 ] || die "--runs needs a number"; runs="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *=*) break ;;
    *) die "expected LABEL=COMMAND, got '$1' (see --help)" ;;
  esac
done
[ $# -gt 0 ] || die "name at least one build: LABEL=COMMAND (see --help)"
command -v python3 >/dev/null || die "python3 not found (it computes the medians): apt-get install python3"

work="$(mktemp -d -t supervisor-startup.XXXXXX)"
trap 'rm -rf "$work"' EXIT
export DOTNET_BUNDLE_EXTRACT_BASE_DIR="$work/extract"
config="$repo/config/supervisor.conf"
results="$work/results"
tick="$(getconf CLK_TCK)"
cd "$work"

cpu_ms() { # cpu_ms PID -> user+sys milliseconds of a running process
  local stat; stat="$(cat "/proc/$1/stat")"; stat="${stat##*) }"
  # shellcheck disable=SC2086
  set -- $stat
  echo $(( (${12} + ${13}) * 1000 / tick ))
}

once() { # once LABEL WHAT COMMAND... -> "LABEL WHAT wall_ms cpu_ms" (CPU of the child, from bash's time)
  local label="$1" what="$2"; shift 2
  local TIMEFORMAT='%R %U %S' t
  t="$( { time "$@" >/dev/null 2>&1; } 2>&1 )" || die "$label: '$*' failed"
  awk -v l="$label" -v w="$what" '{ printf "%s %s %.0f %.0f\n", l, w, $1 * 1000, ($2 + $3) * 1000 }' <<<"$t" >>"$results"
}

run_ready() { # run_ready LABEL COMMAND... -> wall and CPU until "Supervisor: watching"
  local label="$1"; shift
  local port; port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  : >"$work/run.log" # truncated here, not by the child's redirection: the wait below must not see the last run's line
  local start; start="$(date +%s%N)"
  "$@" run --config "$config" --data-dir "$work/data-$label" --port "$port" >"$work/run.log" 2>&1 &
  local pid=$!
  until grep -q 'Supervisor: watching' "$work/run.log"; do
    kill -0 "$pid" 2>/dev/null || die "$label: run exited before it was ready: $(tail -5 "$work/run.log")"
    sleep 0.02
  done
  local wall=$(( ($(date +%s%N) - start) / 1000000 )) cpu; cpu="$(cpu_ms "$pid")"
  echo "$label run $wall $cpu" >>"$results"
  kill -TERM "$pid"; wait "$pid" || true
  rm -rf "$work/data-$label"
}

load_before="$(cut -d' ' -f1 /proc/loadavg)"
for spec in "$@"; do # warm the page cache and the native-library extraction
  read -r -a cmd <<<"${spec#*=}"; "${cmd[@]}" --help >/dev/null 2>&1 || die "${spec%%=*}: '${cmd[*]} --help' failed"
done
for _ in $(seq "$runs"); do
  for spec in "$@"; do
    label="${spec%%=*}"; read -r -a cmd <<<"${spec#*=}"
    once "$label" help "${cmd[@]}" --help
    once "$label" validate "${cmd[@]}" validate "$config"
    run_ready "$label" "${cmd[@]}"
  done
done
echo "measure-startup: $runs runs each; 1-minute load average $load_before before, $(cut -d' ' -f1 /proc/loadavg) after; $(nproc) CPUs"
python3 - "$results" <<'PY'
import sys, statistics, collections
rows = collections.OrderedDict()
for line in open(sys.argv[1]):
    label, what, wall, cpu = line.split()
    rows.setdefault((label, what), []).append((int(wall), int(cpu)))
for (label, what), xs in rows.items():
    w = [x[0] for x in xs]; c = [x[1] for x in xs]
    print(f"{label:6} {what:9} wall median {statistics.median(w):6.0f} ms (min {min(w):5.0f})   cpu median {statistics.median(c):6.0f} ms (min {min(c):5.0f})")
PY
