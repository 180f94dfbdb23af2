# Sourced by scripts/test-deps/*.sh (this folder is not run by install-test-deps.sh): apt_install_no_services PKG…
# runs apt-get update and installs the packages with every package's own service refused (policy-rc.d exits 101
# while apt runs), so no stock daemon is left running; the tests start their own on free loopback ports.
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
apt_install_no_services() {
  local policy=/usr/sbin/policy-rc.d added=0
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null; $SUDO chmod +x "$policy"; added=1; fi
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
  local status=0
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" || status=$?
  [ "$added" -eq 1 ] && $SUDO rm -f "$policy"
  return $status
}
