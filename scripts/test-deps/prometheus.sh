#!/usr/bin/env bash
# Prometheus server and promtool for the metrics tests: the tests start their own prometheus on a free loopback
# port with a generated config and a temp storage dir, and run `promtool check metrics` on the node's /metrics.
# The package's own service is never started (policy-rc.d refuses it while apt runs). Idempotent.
set -euo pipefail
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
if [ -x /usr/bin/prometheus ] && [ -x /usr/bin/promtool ]; then
  echo "test-deps/prometheus: $(/usr/bin/prometheus --version 2>&1 | head -1) already installed; nothing to do"
  exit 0
fi
POLICY=/usr/sbin/policy-rc.d; added=0
if [ ! -e "$POLICY" ]; then printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null; $SUDO chmod +x "$POLICY"; added=1; fi
trap '[ "$added" -eq 1 ] && $SUDO rm -f "$POLICY"' EXIT
echo "test-deps/prometheus: apt-get update && apt-get install -y prometheus"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q prometheus
[ -x /usr/bin/prometheus ] && [ -x /usr/bin/promtool ] || { echo "test-deps/prometheus: /usr/bin/prometheus or promtool still missing" >&2; exit 1; }
echo "test-deps/prometheus: installed $(/usr/bin/prometheus --version 2>&1 | head -1)"
