#!/usr/bin/env bash
# tmux for the terminal tests: `supervisor watch` runs in a detached tmux session on a private socket; the tests send
# keys and read the screen with capture-pane. Idempotent.
set -euo pipefail
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
if command -v tmux >/dev/null 2>&1; then
  echo "test-deps/tmux: $(tmux -V) already installed; nothing to do"
  exit 0
fi
echo "test-deps/tmux: apt-get update && apt-get install -y tmux"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q tmux
command -v tmux >/dev/null 2>&1 || { echo "test-deps/tmux: tmux still missing" >&2; exit 1; }
echo "test-deps/tmux: installed $(tmux -V)"
