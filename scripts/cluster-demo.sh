#!/usr/bin/env bash
# Local cluster demo: 3 supervisor nodes + 2 agent nodes on loopback sharing a throw-away PostgreSQL journal.
# A real NUT upsd (dummy-ups, a throw-away instance on a free port) loses mains; the shutdown saga starts on
# the node that runs the supervisor singleton; the demo kills that node (kill -9) while the saga waits on a slow
# step; a survivor takes over, resumes the saga from the journal and finishes it; `supervisor sagas show` proves
# every step ran once. Nothing real is touched: agent-1 is in dry-run; agent-2 runs only `sleep` and `echo` for
# real (to have a slow step to kill the node in). Needs: .NET SDK, NUT and PostgreSQL server binaries
# (scripts/test-deps/nut.sh and postgres.sh install them).
#   scripts/cluster-demo.sh            # keeps logs in $DEMO_DIR (printed) for reading afterwards
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DEMO_DIR=${DEMO_DIR:-$(mktemp -d -t supervisor-cluster-demo.XXXXXX)}
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

say "building"
dotnet build src/Supervisor.Node -nologo -v q >/dev/null
SUP="dotnet $ROOT/src/Supervisor.Node/bin/Debug/net10.0/supervisor.dll"

say "starting a throw-away PostgreSQL for the shared journal and a throw-away NUT upsd"
eval "$(scripts/pg-throwaway.sh start)"
eval "$(scripts/upsd-throwaway.sh start)"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  sleep 1; for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  scripts/pg-throwaway.sh stop "$PG_DIR"
  scripts/upsd-throwaway.sh stop "$UPSD_DIR" "$UPSD_PIDS"
  echo "logs: $DEMO_DIR"
}
trap cleanup EXIT

P=(4801 4802 4803 4811 4812)
SEEDS=(--seed 127.0.0.1:${P[0]} --seed 127.0.0.1:${P[1]} --seed 127.0.0.1:${P[2]})
cat > "$DEMO_DIR/supervisor.conf" <<CONF
supervisor {
  journal { provider = postgresql, connection-string = "$PG_CONN" }
  devices {
    ups-a { driver = nut, host = "127.0.0.1", port = $UPSD_PORT, ups = ups1, poll-interval = 1s }
  }
  groups.rack-a {
    members = [ups-a]
    min-healthy = 1
    shutdown {
      retry-interval = 2s
      phases = [
        { name = vms, steps = [ { host = agent-1, action = stop-vms, timeout = 30s } ] },
        { name = containers, steps = [ { host = agent-2, action = drain, timeout = 60s } ] },
        { name = local-host, steps = [ { host = agent-1, action = poweroff, timeout = 30s }, { host = agent-2, action = poweroff, timeout = 30s } ] }
      ]
    }
  }
}
CONF
cat > "$DEMO_DIR/agent-1.conf" <<CONF
supervisor.agent {
  host = agent-1
  dry-run = on
  actions {
    stop-vms { command = ["virsh", "shutdown", "--all"] }
    poweroff { command = ["systemctl", "poweroff"] }
  }
}
CONF
cat > "$DEMO_DIR/agent-2.conf" <<CONF
# dry-run off, but its only actions are harmless: a 15 s sleep standing in for a slow drain, and an echo.
supervisor.agent {
  host = agent-2
  dry-run = off
  actions {
    drain { command = ["sleep", "15"], timeout = 60s }
    poweroff { command = ["echo", "would power off agent-2 now"] }
  }
}
CONF

start() { # name port config roles
  (cd "$DEMO_DIR" && exec $SUP run --config "$3" --port "$2" --roles "$4" --data-dir "data-$1" "${SEEDS[@]}" >"$DEMO_DIR/$1.log" 2>&1) &
  PIDS+=($!); eval "PID_$1=$!"
}
say "starting supervisor-1..3 and agent-1..2 (logs in $DEMO_DIR)"
start s1 ${P[0]} supervisor.conf supervisor; sleep 3
start s2 ${P[1]} supervisor.conf supervisor
start s3 ${P[2]} supervisor.conf supervisor
start a1 ${P[3]} agent-1.conf agent
start a2 ${P[4]} agent-2.conf agent

wait_for() { # file pattern timeout
  for _ in $(seq 1 $(( $3 * 2 ))); do grep -qE "$2" "$1" 2>/dev/null && return 0; sleep 0.5; done
  echo "timed out waiting for /$2/ in $1"; tail -20 "$1"; exit 1
}
for _ in $(seq 1 60); do
  up=$($SUP cluster show --json --node 127.0.0.1:${P[0]} 2>/dev/null | grep -c '"status": "Up"' || true)
  [ "$up" = 5 ] && break; sleep 1
done
$SUP cluster show --node 127.0.0.1:${P[0]}

SUPERVISOR=$($SUP cluster show --json --node 127.0.0.1:${P[0]} | sed -n 's/.*"supervisorNode": "akka.tcp:\/\/supervisor@127.0.0.1:\([0-9]*\)".*/\1/p')
case $SUPERVISOR in ${P[0]}) VICTIM=s1;; ${P[1]}) VICTIM=s2;; *) VICTIM=s3;; esac
wait_for "$DEMO_DIR/$VICTIM.log" "Group rack-a: STARTING -> HEALTHY" 60
$SUP status --node 127.0.0.1:${P[3]}
say "the supervisor singleton runs on $VICTIM (port $SUPERVISOR); mains fails: upsrw ups.status=\"OB LB\""
scripts/upsd-throwaway.sh set "$UPSD_PORT" "OB LB"
wait_for "$DEMO_DIR/$VICTIM.log" "step 2.1-containers-agent-2-drain dispatched" 60
grep -E "Saga|Group rack-a" "$DEMO_DIR/$VICTIM.log" | tail -8

say "kill -9 $VICTIM while the saga waits on agent-2's 15 s drain"
eval "kill -9 \$PID_$VICTIM"; KILLED_AT=$(date +%s.%N)
SURVIVORS=(); for n in s1 s2 s3; do [ $n != "$VICTIM" ] && SURVIVORS+=($n); done
for _ in $(seq 1 120); do
  for n in "${SURVIVORS[@]}"; do grep -q "RESUMED from journal" "$DEMO_DIR/$n.log" 2>/dev/null && { NEW=$n; break 2; }; done
  sleep 0.25
done
[ -n "${NEW:-}" ] || { echo "no survivor resumed the saga"; exit 1; }
echo "saga resumed on $NEW $(echo "$(date +%s.%N) - $KILLED_AT" | bc) s after the kill"
wait_for "$DEMO_DIR/$NEW.log" "Saga .*: COMPLETE" 90
grep -E "Saga|Group rack-a" "$DEMO_DIR/$NEW.log" | tail -10

case $NEW in s1) NP=${P[0]};; s2) NP=${P[1]};; *) NP=${P[2]};; esac
SAGA=$($SUP sagas list --json --node 127.0.0.1:$NP | sed -n 's/.*"sagaId": "\([^"]*\)".*/\1/p' | head -1)
say "supervisor sagas show $SAGA --node 127.0.0.1:$NP"
$SUP sagas show "$SAGA" --node 127.0.0.1:$NP
say "agent action logs (each step exactly once)"
cat "$DEMO_DIR"/data-a1/agent-actions.jsonl "$DEMO_DIR"/data-a2/agent-actions.jsonl
