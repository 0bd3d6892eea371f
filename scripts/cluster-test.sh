#!/usr/bin/env bash
# `make cluster-test`: start the loopback cluster (scripts/cluster.sh), run tests/cluster against it through
# the proxy, stop it whatever happens. Bounded: the load runs CLUSTER_LOAD_S (40) seconds, the whole run
# is killed after CLUSTER_TIMEOUT_S (400).
set -uo pipefail
cd "$(dirname "$0")/.."
export PY=${PY:-$PWD/.venv/bin/python}
scripts/ensure-browser.sh || { echo "chromium is not available" >&2; exit 1; }
trap 'scripts/cluster.sh stop' EXIT
scripts/cluster.sh start || exit 1
set -a; . .services/cluster/env; set +a
timeout "${CLUSTER_TIMEOUT_S:-400}" "$PY" -m pytest tests/cluster/test_cluster.py -q "$@"
rc=$?
[ -f .services/cluster/kill-report.txt ] && cat .services/cluster/kill-report.txt
exit $rc
