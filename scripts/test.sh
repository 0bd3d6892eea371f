#!/usr/bin/env bash
# Starts the real services, runs pytest with their addresses, stops them whatever happens.
# pytest's exit 5 ("no tests collected") is a failure here too.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-browser.sh || { echo "chromium is not available" >&2; exit 1; }
scripts/services.sh start || { echo "services failed to start" >&2; exit 1; }
trap 'scripts/services.sh stop' EXIT
set -a; . .services/env; set +a
.venv/bin/python -m pytest "$@"
rc=$?
[ $rc = 5 ] && { echo "pytest collected no tests" >&2; exit 1; }
exit $rc
