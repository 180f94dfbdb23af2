#!/usr/bin/env bash
# Installs every real server the test suites start, one script per server under scripts/test-deps/
# (nut.sh: NUT upsd + dummy-ups + upsrw; …). Each is idempotent and never leaves a stock service running.
set -euo pipefail
cd "$(dirname "$0")"
for dep in test-deps/*.sh; do
  bash "$dep"
done
