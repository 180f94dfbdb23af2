#!/usr/bin/env bash
# OpenSSH's sshd and ssh-keygen for the type = ssh action's tests (docs/actions.md): each test class starts its own
# sshd on a free loopback port with keys and a config in a temp dir (tests/Shared/RealServers/SshServer.cs).
# The package's own service is never started. Idempotent.
set -euo pipefail
source "$(dirname "$0")/lib/apt.sh"
if [ -x /usr/sbin/sshd ] && [ -x /usr/bin/ssh-keygen ]; then
  echo "test-deps/sshd: $(/usr/sbin/sshd -V 2>&1 | head -1) already installed; nothing to do"
  exit 0
fi
echo "test-deps/sshd: apt-get update && apt-get install -y openssh-server openssh-client"
apt_install_no_services openssh-server openssh-client
[ -x /usr/sbin/sshd ] && [ -x /usr/bin/ssh-keygen ] || { echo "test-deps/sshd: sshd or ssh-keygen still missing" >&2; exit 1; }
echo "test-deps/sshd: installed $(/usr/sbin/sshd -V 2>&1 | head -1)"
