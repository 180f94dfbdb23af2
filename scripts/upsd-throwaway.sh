#!/usr/bin/env bash
# A throw-away NUT upsd + dummy-ups ("ups1") on a free loopback port, for demos:
#   eval "$(scripts/upsd-throwaway.sh start)"      -> UPSD_DIR, UPSD_PORT, UPSD_PIDS
#   scripts/upsd-throwaway.sh set "$UPSD_PORT" "OB LB"   (ups.status via upsrw, as admin)
#   scripts/upsd-throwaway.sh stop "$UPSD_DIR" "$UPSD_PIDS"
# Needs NUT (scripts/test-deps/nut.sh). Never touches a system upsd: own config dir, own port, own PIDs.
set -euo pipefail
free_port() { for p in $(shuf -i 20000-40000 -n 50); do (echo >/dev/tcp/127.0.0.1/$p) 2>/dev/null || { echo $p; return; }; done; }
case "${1:-start}" in
start)
  [ -x /lib/nut/upsd ] || { echo "upsd-throwaway: NUT not installed; run scripts/test-deps/nut.sh" >&2; exit 1; }
  DIR=$(mktemp -d -t supervisor-upsd.XXXXXX); PORT=$(free_port)
  printf '[ups1]\n  driver = dummy-ups\n  port = ups1.dev\n  desc = "demo UPS"\n' >"$DIR/ups.conf"
  printf 'ups.status: OL\nbattery.charge: 100\nbattery.runtime: 1800\nups.load: 23\ninput.voltage: 230\nups.realpower: 120\n' >"$DIR/ups1.dev"
  printf 'LISTEN 127.0.0.1 %s\n' "$PORT" >"$DIR/upsd.conf"
  printf '[admin]\n  password = secret\n  actions = SET FSD\n  instcmds = ALL\n  upsmon primary\n' >"$DIR/upsd.users"
  chmod 640 "$DIR"/*; chmod 770 "$DIR"; chgrp -R nut "$DIR" 2>/dev/null || true
  export NUT_CONFPATH=$DIR NUT_STATEPATH=$DIR
  /lib/nut/dummy-ups -a ups1 -u root -F >"$DIR/driver.log" 2>&1 & D=$!
  for _ in $(seq 1 50); do [ -S "$DIR/dummy-ups-ups1" ] && break; sleep 0.1; done
  /lib/nut/upsd -u root -F >"$DIR/upsd.log" 2>&1 & U=$!
  for _ in $(seq 1 50); do upsc ups1@127.0.0.1:"$PORT" ups.status 2>/dev/null | grep -q OL && break; sleep 0.2; done
  echo "export UPSD_DIR=$DIR UPSD_PORT=$PORT UPSD_PIDS='$D $U'" ;;
set)
  PORT=${2:?port}; STATUS=${3:?status}
  upsrw -s ups.status="$STATUS" -u admin -p secret ups1@127.0.0.1:"$PORT" >/dev/null 2>&1 ;;
stop)
  DIR=${2:?dir}; for p in ${3:-}; do kill "$p" 2>/dev/null || true; done; sleep 0.5; rm -rf "$DIR" ;;
*) echo "usage: upsd-throwaway.sh start | set PORT STATUS | stop DIR PIDS" >&2; exit 2 ;;
esac
