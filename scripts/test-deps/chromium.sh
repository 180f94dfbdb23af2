#!/usr/bin/env bash
# Debian's Chromium for the dashboard's browser tests (tests/Supervisor.IntegrationTests/Web/): Microsoft.Playwright
# drives it with ExecutablePath=/usr/bin/chromium, so no `playwright install` and no browser download at test time.
# Idempotent: does nothing when /usr/bin/chromium is already there. Installs no service.
set -euo pipefail
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
if [ -x /usr/bin/chromium ]; then
  echo "test-deps/chromium: $(/usr/bin/chromium --version 2>/dev/null || echo chromium) already installed; nothing to do"
  exit 0
fi
echo "test-deps/chromium: apt-get update && apt-get install -y chromium"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium
[ -x /usr/bin/chromium ] || { echo "test-deps/chromium: /usr/bin/chromium still missing after install" >&2; exit 1; }
echo "test-deps/chromium: installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
