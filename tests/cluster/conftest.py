"""tests/cluster: test_cluster.py runs only inside `make cluster-test` (scripts/cluster-test.sh starts the
cluster and sets MOODIFY_CLUSTER_URL); the other files run in `make test` like any test."""

from __future__ import annotations

import os

collect_ignore = [] if os.environ.get("MOODIFY_CLUSTER_URL") else ["test_cluster.py"]
