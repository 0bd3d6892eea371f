#!/usr/bin/env bash
# Makes sure Debian chromium (and a colour emoji font, so screenshots show what users see) is installed
# for the browser end-to-end test. Idempotent and quiet: does nothing when both are there; otherwise
# installs them with apt-get (we run as root). apt's output is shown only when something fails.
set -euo pipefail
have_font() { dpkg-query -W -f='${Status}' fonts-noto-color-emoji 2>/dev/null | grep -q "ok installed"; }
[ -x /usr/bin/chromium ] && have_font && exit 0
export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! { $SUDO apt-get update -qq \
       && $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-color-emoji; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "ensure-browser: apt-get could not install chromium" >&2
  exit 1
fi
[ -x /usr/bin/chromium ] || { echo "ensure-browser: /usr/bin/chromium still missing" >&2; exit 1; }
