#!/usr/bin/env bash
# mosquitto (the MQTT broker) and mosquitto_passwd for the MQTT tests: each test starts its own broker on a free
# loopback port with a generated config (tests/Shared/RealServers/MosquittoServer.cs). The package's own service is
# never started. Idempotent.
set -euo pipefail
source "$(dirname "$0")/lib/apt.sh"
if [ -x /usr/sbin/mosquitto ] && [ -x /usr/bin/mosquitto_passwd ]; then
  echo "test-deps/mosquitto: $(/usr/sbin/mosquitto -h 2>&1 | head -1) already installed; nothing to do"
  exit 0
fi
echo "test-deps/mosquitto: apt-get update && apt-get install -y mosquitto"
apt_install_no_services mosquitto
[ -x /usr/sbin/mosquitto ] && [ -x /usr/bin/mosquitto_passwd ] || { echo "test-deps/mosquitto: /usr/sbin/mosquitto or mosquitto_passwd still missing" >&2; exit 1; }
echo "test-deps/mosquitto: installed $(/usr/sbin/mosquitto -h 2>&1 | head -1)"
