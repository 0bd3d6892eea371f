#!/usr/bin/env bash
# Makes sure Debian chromium is installed for the browser end-to-end test. Idempotent and quiet:
# does nothing when /usr/bin/chromium exists; otherwise installs it with apt-get (we run as root).
# apt's output is kept in a log and shown only when something fails.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends chromium; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "ensure-browser: apt-get could not install chromium" >&2
  exit 1
fi
[ -x /usr/bin/chromium ] || { echo "ensure-browser: /usr/bin/chromium still missing" >&2; exit 1; }
