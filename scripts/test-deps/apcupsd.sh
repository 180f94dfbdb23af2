#!/usr/bin/env bash
# Installs apcupsd for the driver tests WITHOUT installing the Debian package: apcupsd conflicts with nut-client
# (both provide ups-monitor), and the NUT tests need nut-client. So the .deb is unpacked (dpkg -x) into
# $APCUPSD_DIR (default /opt/supervisor-test/apcupsd); only its two libraries are installed with apt.
# Nothing is registered with dpkg, no service or init script is installed, so no stock apcupsd can run:
# the tests start their own apcupsd on a free loopback port with a SCRIPTDIR whose apccontrol only logs.
# Idempotent: does nothing when everything is already there.
set -euo pipefail

APCUPSD_DIR="${APCUPSD_DIR:-/opt/supervisor-test/apcupsd}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

have_libs() {
  # The unpacked binary needs libusb-0.1 and libwrap; ldd names whatever is missing.
  [ -x "$APCUPSD_DIR/sbin/apcupsd" ] && ! ldd "$APCUPSD_DIR/sbin/apcupsd" | grep -q "not found"
}

if have_libs && [ -x "$APCUPSD_DIR/sbin/apcaccess" ]; then
  echo "test-deps/apcupsd: apcupsd $(cat "$APCUPSD_DIR/VERSION" 2>/dev/null || echo '?') already unpacked in $APCUPSD_DIR; nothing to do"
  exit 0
fi

echo "test-deps/apcupsd: apt-get update"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
echo "test-deps/apcupsd: apt-get install -y libusb-0.1-4 libwrap0"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q libusb-0.1-4 libwrap0

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# As root, apt-get download drops privileges to _apt, which must be able to write here (else it warns).
if [ "$(id -u)" -eq 0 ] && id _apt >/dev/null 2>&1; then chown _apt "$work"; fi
echo "test-deps/apcupsd: apt-get download apcupsd"
(cd "$work" && apt-get download -q apcupsd)
deb="$(ls "$work"/apcupsd_*.deb)"

tmp="$work/unpacked"
dpkg -x "$deb" "$tmp"
$SUDO mkdir -p "$APCUPSD_DIR"
$SUDO rm -rf "$APCUPSD_DIR/sbin" "$APCUPSD_DIR/etc"
# Only the programs and the sample config (for reference). The stock apccontrol stays out of reach on purpose:
# its doshutdown action runs /sbin/shutdown.
$SUDO cp -a "$tmp/sbin" "$APCUPSD_DIR/sbin"
$SUDO mkdir -p "$APCUPSD_DIR/etc"
$SUDO cp "$tmp/etc/apcupsd/apcupsd.conf" "$APCUPSD_DIR/etc/apcupsd.conf.sample"
dpkg-deb -f "$deb" Version | $SUDO tee "$APCUPSD_DIR/VERSION" >/dev/null

have_libs || { echo "test-deps/apcupsd: $APCUPSD_DIR/sbin/apcupsd cannot load its libraries:" >&2; ldd "$APCUPSD_DIR/sbin/apcupsd" >&2; exit 1; }
echo "test-deps/apcupsd: unpacked apcupsd $(cat "$APCUPSD_DIR/VERSION") into $APCUPSD_DIR (not registered with dpkg, no service)"
