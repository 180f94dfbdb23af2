#!/usr/bin/env bash
# Installs what the Modbus driver's real-server tests start: Debian's python3-pymodbus (3.0.0), run by
# tests/Shared/modbus-sim/sdm_sim.py under /usr/bin/python3. (The python3 first on PATH may be a separate
# build, e.g. pyenv, that cannot import Debian's modules; the tests always use /usr/bin/python3.)
# Idempotent: does nothing when the module already imports. The package has no service, so nothing starts.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
PY=/usr/bin/python3

have_pymodbus() {
  [ -x "$PY" ] && "$PY" -c 'import pymodbus.server, pymodbus.datastore' >/dev/null 2>&1
}

if have_pymodbus; then
  echo "test-deps/modbus: pymodbus already importable by $PY ($("$PY" -c 'import pymodbus; print(pymodbus.__version__)')); nothing to do"
  exit 0
fi

echo "test-deps/modbus: apt-get update"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 update -q
echo "test-deps/modbus: apt-get install -y python3 python3-pymodbus"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 install -y -q python3 python3-pymodbus

if ! have_pymodbus; then
  echo "test-deps/modbus: $PY still cannot import pymodbus after install" >&2
  exit 1
fi
echo "test-deps/modbus: installed pymodbus $("$PY" -c 'import pymodbus; print(pymodbus.__version__)') for $PY"
