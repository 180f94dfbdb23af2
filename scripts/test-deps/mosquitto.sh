#!/usr/bin/env bash
# mosquitto (the MQTT broker), mosquitto_passwd, and mosquitto_sub for docs/integrations/mqtt.md: each MQTT test
# starts its own broker on a free loopback port with a generated config (tests/Shared/RealServers/MosquittoServer.cs).
# The package's own service is never started. Idempotent.
set -euo pipefail
source "$(dirname "$0")/lib/apt.sh"
if [ -x /usr/sbin/mosquitto ] && [ -x /usr/bin/mosquitto_passwd ] && [ -x /usr/bin/mosquitto_sub ]; then
  echo "test-deps/mosquitto: $(/usr/sbin/mosquitto -h 2>&1 | head -1) already installed; nothing to do"
  exit 0
fi
echo "test-deps/mosquitto: apt-get update && apt-get install -y mosquitto mosquitto-clients"
apt_install_no_services mosquitto mosquitto-clients
[ -x /usr/sbin/mosquitto ] && [ -x /usr/bin/mosquitto_passwd ] && [ -x /usr/bin/mosquitto_sub ] || { echo "test-deps/mosquitto: mosquitto, mosquitto_passwd or mosquitto_sub still missing" >&2; exit 1; }
echo "test-deps/mosquitto: installed $(/usr/sbin/mosquitto -h 2>&1 | head -1)"
