#!/usr/bin/env bash
# Installs the real servers the test suites start (today: NUT upsd + dummy-ups + upsrw), plus certutil and
# pk12util (libnss3-tools): Debian's upsd is built with NSS, and its STARTTLS tests need an NSS certificate database.
# Idempotent: does nothing when everything is already there. Never leaves a stock service running:
# the tests start their own upsd on a free loopback port and must not collide with a system one.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

need_nut=0
for f in /lib/nut/upsd /lib/nut/dummy-ups; do
  [ -x "$f" ] || need_nut=1
done
command -v upsrw >/dev/null 2>&1 || need_nut=1
command -v certutil >/dev/null 2>&1 || need_nut=1
command -v pk12util >/dev/null 2>&1 || need_nut=1

if [ "$need_nut" -eq 0 ]; then
  echo "test-deps/nut: NUT already installed ($(/lib/nut/upsd -V 2>&1 | head -n1)); nothing to do"
  exit 0
fi

# Debian's postinst would start nut-server/nut-client through invoke-rc.d. A policy-rc.d that exits 101
# forbids that. Containers often ship one already; only add (and later remove) ours when there is none.
POLICY=/usr/sbin/policy-rc.d
added_policy=0
if [ ! -e "$POLICY" ]; then
  echo "test-deps/nut: adding temporary $POLICY so apt does not start the stock NUT services"
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null
  $SUDO chmod +x "$POLICY"
  added_policy=1
fi
cleanup() {
  if [ "$added_policy" -eq 1 ]; then
    $SUDO rm -f "$POLICY"
    echo "test-deps/nut: removed temporary $POLICY"
  fi
}
trap cleanup EXIT

echo "test-deps/nut: apt-get update"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
echo "test-deps/nut: apt-get install -y nut-server nut-client libnss3-tools"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q nut-server nut-client libnss3-tools

for f in /lib/nut/upsd /lib/nut/dummy-ups; do
  [ -x "$f" ] || { echo "test-deps/nut: $f still missing after install" >&2; exit 1; }
done
command -v upsrw >/dev/null 2>&1 || { echo "test-deps/nut: upsrw still missing after install" >&2; exit 1; }
command -v certutil >/dev/null 2>&1 || { echo "test-deps/nut: certutil (libnss3-tools) still missing after install" >&2; exit 1; }

# Debian's default /etc/nut/nut.conf is MODE=none, so even an init script would not start anything.
# Check anyway and say so rather than kill a process we did not start.
running="$(ps -eo pid=,comm= | awk '$2 ~ /^(upsd|upsmon|upsdrvctl|dummy-ups)$/')"
if [ -n "$running" ]; then
  echo "test-deps/nut: WARNING: NUT processes are running (stop them before running tests):" >&2
  echo "$running" >&2
else
  echo "test-deps/nut: no NUT service is running (good: tests start their own upsd)"
fi
echo "test-deps/nut: installed $(/lib/nut/upsd -V 2>&1 | head -n1)"
