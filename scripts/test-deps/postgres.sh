#!/usr/bin/env bash
# PostgreSQL server binaries for the multi-host journal tests (the tests start their own throw-away server
# with initdb + pg_ctl in a temp dir on a free port; the package's own cluster is never started).
set -euo pipefail
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
if ls -d /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "test-deps/postgres: PostgreSQL already installed ($(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)); nothing to do"
  exit 0
fi
POLICY=/usr/sbin/policy-rc.d; added=0
if [ ! -e "$POLICY" ]; then printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null; $SUDO chmod +x "$POLICY"; added=1; fi
trap '[ "$added" -eq 1 ] && $SUDO rm -f "$POLICY"' EXIT
echo "test-deps/postgres: apt-get update && apt-get install -y postgresql"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
ls -d /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { echo "test-deps/postgres: initdb still missing" >&2; exit 1; }
