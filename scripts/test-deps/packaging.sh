#!/usr/bin/env bash
# What tests/Supervisor.IntegrationTests/Packaging/DebPackageTests needs besides the .NET SDK: dpkg and dpkg-deb
# (build the .deb, install it into a scratch root with dpkg --root), passwd (useradd/groupadd --prefix, run by the
# package's postinst inside that root), util-linux (unshare + mount: hide the .NET install from the packaged binary)
# and systemd (systemd-analyze verify on the installed units; nothing is started, the tests need no systemd PID 1).
# Idempotent: installs only what is missing. None of these packages starts a service in a container.
set -euo pipefail
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

missing=()
need() { # need COMMAND PACKAGE
  command -v "$1" >/dev/null 2>&1 || missing+=("$2")
}
need dpkg dpkg
need dpkg-deb dpkg
need useradd passwd
need groupadd passwd
need unshare util-linux
need mount mount
need systemd-analyze systemd

if [ ${#missing[@]} -eq 0 ]; then
  echo "test-deps/packaging: dpkg-deb, useradd, unshare, mount and systemd-analyze present; nothing to do"
  exit 0
fi
mapfile -t packages < <(printf '%s\n' "${missing[@]}" | sort -u)
echo "test-deps/packaging: apt-get update && apt-get install -y ${packages[*]}"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 update -q
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 install -y -q --no-install-recommends "${packages[@]}"
for c in dpkg-deb useradd unshare mount systemd-analyze; do
  command -v "$c" >/dev/null 2>&1 || { echo "test-deps/packaging: $c still missing after installing ${packages[*]}" >&2; exit 1; }
done
echo "test-deps/packaging: installed ${packages[*]}"
