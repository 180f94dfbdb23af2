#!/usr/bin/env bash
# Installs the Kasa simulator the driver tests start: npm tplink-smarthome-simulator 5.0.1, pinned by
# tests/Shared/kasa-sim/package-lock.json, into tests/Shared/kasa-sim/node_modules (project-local, not committed).
# Needs node >= 16 and npm (apt nodejs + npm when missing). Idempotent; starts nothing (the tests run the
# simulator themselves on free loopback ports and kill it by PID).
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
SIM_DIR="$(cd "$(dirname "$0")/../../tests/Shared/kasa-sim" && pwd)"
PKG="$SIM_DIR/node_modules/tplink-smarthome-simulator/package.json"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "test-deps/kasa: node/npm missing; apt-get update + install nodejs npm"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm
fi
major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$major" -lt 16 ]; then
  echo "test-deps/kasa: node $(node --version) is too old; tplink-smarthome-simulator needs node >= 16" >&2
  exit 1
fi

installed="$( [ -f "$PKG" ] && node -p "require('$PKG').version" 2>/dev/null || true)"
if [ "$installed" = "5.0.1" ]; then
  echo "test-deps/kasa: tplink-smarthome-simulator 5.0.1 already in $SIM_DIR/node_modules; nothing to do"
  exit 0
fi

echo "test-deps/kasa: npm ci in $SIM_DIR (node $(node --version))"
# npm ci installs exactly the lock file's versions; no audit/fund calls (the build machine is mostly offline).
npm ci --prefix "$SIM_DIR" --no-audit --no-fund
installed="$(node -p "require('$PKG').version")"
[ "$installed" = "5.0.1" ] || { echo "test-deps/kasa: expected simulator 5.0.1, got $installed" >&2; exit 1; }
echo "test-deps/kasa: installed tplink-smarthome-simulator $installed"
