"""The cluster (scripts/cluster.sh: PostgreSQL, 2 API + 2 app replicas, nginx), through the proxy only.

20 users sign up, sign in, post face photos, get playlists and send feedback for CLUSTER_LOAD_S seconds while
API replica api1 is SIGKILLed and restarted. Then: every acknowledged write is stored exactly once, nobody
sees another's data, the surviving replica served everything while api1 was down, the sign-in back-off and
the per-user limit hold across replicas, and a browser session survives a reload and an app replica restart.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser import CHROMIUM_ARGS, session_cookie, sign_up, signed_in_after_reload

from .load import PASSWORD, Client, User, run_users

ROOT = Path(__file__).resolve().parents[2]
CLUSTER = ROOT / "scripts" / "cluster.sh"
ACCESS_LOG = ROOT / ".services" / "cluster" / "nginx" / "access.log"
URL = os.environ.get("MOODIFY_CLUSTER_URL", "")
USERS = 20
LOAD_S = float(os.environ.get("CLUSTER_LOAD_S", "40"))
LIMIT = int(os.environ.get("MOODIFY_CLUSTER_RATE_LIMIT", "120"))
# Each simulated user paces itself to this share of the per-user limit, so a fast machine can't spend the
# budget that the verification reads after the load need (the limit itself is tested on purpose below).
LOAD_SHARE_OF_LIMIT = 0.75
LIMIT_TOLERANCE = 0.10  # allowed above the limit (plus the refill during the burst): clocks, in-flight requests
pytestmark = [pytest.mark.slow]


def cluster(*args: str) -> None:
    subprocess.run([str(CLUSTER), *args], check=True, cwd=ROOT, timeout=120)


def replica_port(name: str) -> str:
    return (ROOT / ".services" / "cluster" / f"{name}.port").read_text().strip()


def served_by(port: str, since: float, prefix: str) -> float | None:
    """The first time (epoch) after ``since`` nginx sent a request for ``prefix`` to 127.0.0.1:port."""
    for line in ACCESS_LOG.read_text().splitlines():
        parts = line.split()
        if len(parts) >= 5 and float(parts[0]) >= since and parts[3].startswith(prefix) \
                and parts[4].split(",")[-1].strip() == f"127.0.0.1:{port}":
            return float(parts[0])
    return None


@dataclass
class Run:
    users: list[User]
    killed_at: float  # monotonic
    restarted_at: float  # monotonic: `up` returned (healthy on its own port)
    restarted_epoch: float
    back_in_rotation_s: float | None  # from `up` returning to the first request nginx sent it


@pytest.fixture(scope="module")
def run() -> Iterator[Run]:
    users = [User(email=f"user{i}-{time.time_ns()}@example.org") for i in range(USERS)]
    marks: dict[str, float] = {}

    ready = threading.Event()

    def killer() -> None:
        ready.wait(400)
        time.sleep(LOAD_S / 3)
        cluster("kill", "api1")
        marks["killed"] = time.monotonic()
        time.sleep(LOAD_S / 4)
        cluster("up", "api1")
        marks["restarted"], marks["restarted_epoch"] = time.monotonic(), time.time()

    thread = threading.Thread(target=killer)
    thread.start()
    run_users(URL, users, LOAD_S, ready=ready, per_minute=LIMIT * LOAD_SHARE_OF_LIMIT)
    thread.join()
    back = None
    deadline = time.monotonic() + 20
    while back is None and time.monotonic() < deadline:  # keep a little traffic going until nginx uses it
        httpx.get(f"{URL}/api/health", timeout=5)
        back = served_by(replica_port("api1"), marks["restarted_epoch"], "/")
        time.sleep(0.1)
    yield Run(users, marks["killed"], marks["restarted"], marks["restarted_epoch"],
              None if back is None else back - marks["restarted_epoch"])


def test_every_acknowledged_write_is_stored_exactly_once(run: Run) -> None:
    client = Client(URL)
    rounds = 0
    for user in run.users:
        history = client.history(user)
        stored_moods = Counter(m["id"] for m in history["moods"])
        assert all(stored_moods[i] == 1 for i in user.event_ids), f"{user.email}: a reading lost or doubled"
        assert max(stored_moods.values(), default=1) == 1
        # Retried photos (same bytes) never add a second reading: at most one per photo sent.
        photos_sent = len({o.started for o in user.outcomes if o.what == "photo"})
        assert len(history["moods"]) <= photos_sent
        stored_fb = Counter((f["track_key"], f["kind"], f["at"]) for f in history["feedback"])
        for track, kind, at in user.feedback:
            same = [k for k in stored_fb if k[0] == track and k[1] == kind and _same_time(k[2], at)]
            assert len(same) == 1 and stored_fb[same[0]] == 1, f"{user.email}: feedback lost or doubled"
        assert len(history["feedback"]) <= sum(o.what == "feedback" for o in user.outcomes)
        assert len(history["playlists"]) >= user.playlists
        rounds += len(user.event_ids)
    assert rounds >= USERS, "the load hardly ran: fewer acknowledged readings than users"


def _same_time(a: str, b: str) -> bool:
    from datetime import datetime

    return abs((datetime.fromisoformat(a.replace("Z", "+00:00"))
                - datetime.fromisoformat(b.replace("Z", "+00:00"))).total_seconds()) < 1e-3


def test_no_user_sees_another_users_data(run: Run) -> None:
    client = Client(URL)
    owner = {eid: u.email for u in run.users for eid in u.event_ids}
    for user in run.users:
        seen = {m["id"] for m in client.history(user)["moods"]}
        foreign = {eid for eid in seen if owner.get(eid, user.email) != user.email}
        assert not foreign, f"{user.email} sees readings of {sorted({owner[e] for e in foreign})}"
        assert set(user.event_ids) <= seen


def test_the_surviving_replica_served_everything_while_the_other_was_down(run: Run) -> None:
    outcomes = [o for u in run.users for o in u.outcomes]
    # From just after the kill (requests in flight then may fail) until it was restarted.
    down = [o for o in outcomes if run.killed_at + 0.5 <= o.started and o.ended <= run.restarted_at]
    assert len(down) >= USERS, "too few requests while the replica was down to tell"
    failed = [o for o in down if o.status == 0 or o.status >= 500]
    assert not failed, f"{len(failed)} of {len(down)} requests failed while api1 was down: {failed[:5]}"
    report = ROOT / ".services" / "cluster" / "kill-report.txt"
    at_kill = [o for o in outcomes if o.started < run.killed_at + 0.5 and o.ended >= run.killed_at]
    report.write_text(f"requests in flight at the kill: {len(at_kill)}, failed: "
                      f"{sum(o.status == 0 or o.status >= 500 for o in at_kill)}\n"
                      f"back in rotation after restart: {run.back_in_rotation_s}\n")
    assert run.back_in_rotation_s is not None and run.back_in_rotation_s < 15, "api1 never came back"


def test_sign_in_back_off_holds_across_replicas(run: Run) -> None:
    client = Client(URL)
    user = User(email=f"backoff-{time.time_ns()}@example.org")
    client.sign_up_and_in(user)
    for _ in range(7):  # round robin: the wrong passwords land on both replicas (limit 5, tolerance 1)
        reply = client.call(user, "signin", "POST", "/v1/auth/signin", json={"email": user.email, "password": "wrong"})
        assert reply is not None and reply.status_code == 401
    # Throttled answers read like wrong ones (no oracle), so the proof is the right password: it is not even
    # checked now. With per-process counters each replica would have seen fewer than 5 and let it in.
    right = client.call(user, "signin", "POST", "/v1/auth/signin", json={"email": user.email, "password": PASSWORD})
    assert right is not None and right.status_code == 401, "the sign-in back-off did not hold across replicas"


def test_per_user_limit_holds_across_replicas(run: Run) -> None:
    client = Client(URL)
    user = User(email=f"limit-{time.time_ns()}@example.org")
    client.sign_up_and_in(user)
    t0 = time.monotonic()
    codes = [getattr(client.call(user, "history", "GET", "/v1/history", headers=client.auth(user),
                                 params={"limit": 1}, honour_429=False), "status_code", 0)
             for _ in range(2 * LIMIT + 20)]
    elapsed = time.monotonic() - t0
    allowed = codes.count(200)
    assert codes.count(429) > 0
    ceiling = (LIMIT + LIMIT / 60 * elapsed) * (1 + LIMIT_TOLERANCE)
    assert allowed <= ceiling, f"{allowed} requests allowed in {elapsed:.1f}s by 2 replicas (limit {LIMIT}/min)"


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def test_app_session_survives_reload_and_replica_restart(browser: Any) -> None:
    context = browser.new_context()
    page = context.new_page()
    t0 = time.time()
    sign_up(page, URL, f"browser-{time.time_ns()}@example.org")
    session_cookie(context)
    assert signed_in_after_reload(page), "a reload through the proxy signed the user out"
    holder = next(n for n in ("app1", "app2") if served_by(replica_port(n), t0, "/_stcore/stream"))
    cluster("kill", holder)  # the replica holding this tab's websocket and Streamlit session
    try:
        assert signed_in_after_reload(page), f"signed out after {holder} was killed (the other should serve)"
        cluster("up", holder)
        try:
            back = signed_in_after_reload(page)
        except PlaywrightTimeout:  # seen once: the page neither signed in nor out, never drawn; a person reloads
            back = signed_in_after_reload(page)
        assert back, f"signed out after {holder} came back"
    finally:
        cluster("up", holder)
    context.close()
