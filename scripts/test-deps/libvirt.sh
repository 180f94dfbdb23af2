#!/usr/bin/env bash
# virsh (Debian libvirt-clients) for the type = libvirt action tests: they use libvirt's built-in test driver
# (test:///default or a test XML node), which needs no libvirtd, so no daemon is installed or started. Idempotent.
set -euo pipefail
source "$(dirname "$0")/lib/apt.sh"
if command -v virsh >/dev/null 2>&1; then
  echo "test-deps/libvirt: virsh $(virsh --version) already installed; nothing to do"
  exit 0
fi
echo "test-deps/libvirt: apt-get update && apt-get install -y --no-install-recommends libvirt-clients"
apt_install_no_services --no-install-recommends libvirt-clients
command -v virsh >/dev/null 2>&1 || { echo "test-deps/libvirt: virsh still missing" >&2; exit 1; }
echo "test-deps/libvirt: installed virsh $(virsh --version)"
