"""Simulated users for the cluster test and benchmark: they talk to the proxy only, over the public API."""

from __future__ import annotations

import contextlib
import io
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

PASSWORD = "a long enough passphrase"
RETRYABLE = (httpx.TransportError,)
WAIT_OUT_S = 65.0  # the longest a client waits out "later" answers for one request (a full minute's refill)


def face_jpeg(tag: str) -> bytes:
    """The test fixtures' face photo (skimage's astronaut), made unique by a JPEG comment: same face,
    different bytes, so each post is a new reading (the API keys readings by the photo's bytes)."""
    import numpy as np
    from PIL import Image
    from skimage import data

    out = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(data.astronaut())).save(out, format="JPEG", quality=85,
                                                                 comment=tag.encode())
    return out.getvalue()


@dataclass
class Outcome:
    started: float
    ended: float
    what: str
    status: int  # 0: no answer (connection dropped)


@dataclass
class User:
    email: str
    token: str = ""
    user_id: str = ""
    event_ids: list[str] = field(default_factory=list)  # acknowledged readings
    feedback: list[tuple[str, str, str]] = field(default_factory=list)  # acknowledged (track, kind, at)
    playlists: int = 0  # acknowledged playlists
    outcomes: list[Outcome] = field(default_factory=list)


class Client:
    """One simulated user's HTTP client, well-behaved the way a real one is: it waits out a 503 or a 429 that
    says when to come back (``Retry-After``), and with ``per_minute`` it paces itself below the server's
    per-user limit, so what it does next never depends on how fast the machine let it go before."""

    def __init__(self, base: str, timeout: float = 30.0, per_minute: float | None = None) -> None:
        self.http = httpx.Client(base_url=base.rstrip("/") + "/api", timeout=timeout)
        self.interval = 60.0 / per_minute if per_minute else 0.0
        self._next_at = 0.0

    def _pace(self) -> None:
        wait = self._next_at - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._next_at = max(self._next_at, time.monotonic()) + self.interval

    def _send(self, method: str, path: str, honour_429: bool, **kw: Any) -> httpx.Response:
        """Sends until the answer is not a "come back later" (503, or 429 when honoured); bounded."""
        waited = 0.0
        while True:
            self._pace()
            reply = self.http.request(method, path, **kw)
            later = reply.status_code == 503 or (honour_429 and reply.status_code == 429)
            if not later or "retry-after" not in reply.headers or waited > WAIT_OUT_S:
                return reply
            pause = min(float(reply.headers["retry-after"]), WAIT_OUT_S) + 0.05
            waited += pause
            time.sleep(pause)

    def call(self, user: User, what: str, method: str, path: str, *, retries: int = 0, honour_429: bool = True,
             **kw: Any) -> httpx.Response | None:
        """One request; ``retries`` re-sends only on a dropped connection or a 502 (idempotent requests).

        Answers that say "later" (503 from the bounded password hashing, 429 from the per-user limit unless
        ``honour_429`` is off, as the test of that limit needs) are waited out before anything is written;
        they are not outcomes."""
        for attempt in range(retries + 1):
            t0 = time.monotonic()
            try:
                reply = self._send(method, path, honour_429, **kw)
            except RETRYABLE:
                user.outcomes.append(Outcome(t0, time.monotonic(), what, 0))
                if attempt < retries:
                    time.sleep(0.2)
                    continue
                return None
            user.outcomes.append(Outcome(t0, time.monotonic(), what, reply.status_code))
            if reply.status_code == 502 and attempt < retries:
                time.sleep(0.2)
                continue
            return reply
        return None

    def auth(self, user: User) -> dict[str, str]:
        return {"Authorization": f"Bearer {user.token}"}

    def sign_up_and_in(self, user: User) -> None:
        body = {"email": user.email, "password": PASSWORD}
        reply = self.call(user, "signup", "POST", "/v1/auth/signup", json=body)
        assert reply is not None and reply.status_code == 201, reply and reply.text
        reply = self.call(user, "signin", "POST", "/v1/auth/signin", json=body, retries=2)
        assert reply is not None and reply.status_code == 200, reply and reply.text
        user.token, user.user_id = reply.json()["token"], reply.json()["user"]["id"]

    def one_round(self, user: User, n: int) -> None:
        """Post a photo (retried: the same bytes are stored once), get a playlist, send feedback (not retried)."""
        photo = face_jpeg(f"{user.email}/{n}")
        reply = self.call(user, "photo", "POST", "/v1/emotion", headers=self.auth(user), retries=3,
                          files={"image": ("face.jpg", photo, "image/jpeg")})
        if reply is None or reply.status_code != 200:
            return
        body = reply.json()
        if body.get("event_id"):
            user.event_ids.append(body["event_id"])
        emotion = body["faces"][0]["emotion"] if body["faces"] else "neutral"
        # Made on purpose (POST stores it; GET /v1/recommendations only drafts), so feedback on its tracks counts.
        reply = self.call(user, "playlist", "POST", "/v1/playlists", headers=self.auth(user), retries=2,
                          json={"emotion": emotion, "n": 5})
        if reply is None or reply.status_code != 201:
            return
        user.playlists += 1  # retried after a dropped answer, one more may be stored (checked as >=)
        tracks = reply.json()["tracks"]
        if not tracks:
            return
        track = tracks[n % len(tracks)]
        key = track.get("key") or track.get("track_key")
        reply = self.call(user, "feedback", "POST", "/v1/feedback", headers=self.auth(user),
                          json={"track_key": key, "kind": "like" if n % 2 else "skip"})
        if reply is not None and reply.status_code == 201:
            fb = reply.json()
            user.feedback.append((fb["track_key"], fb["kind"], fb["at"]))

    def history(self, user: User) -> dict[str, Any]:
        reply = self.call(user, "history", "GET", "/v1/history", headers=self.auth(user), retries=2,
                          params={"limit": 1000})
        assert reply is not None and reply.status_code == 200, reply and reply.text
        return reply.json()  # type: ignore[no-any-return]


def run_users(base: str, users: list[User], seconds: float, pause_s: float = 0.0,
              ready: threading.Event | None = None, per_minute: float | None = None) -> None:
    """Every user signs up and in; once all are in (``ready`` is set) they do rounds for ``seconds``.

    ``per_minute`` paces each user (all its requests), e.g. below the server's per-user limit."""
    errors: list[BaseException] = []
    deadline = [0.0]
    signed_in = threading.Barrier(len(users) + 1, action=lambda: deadline.__setitem__(0, time.monotonic() + seconds))

    def work(user: User) -> None:
        client = Client(base, per_minute=per_minute)
        try:
            client.sign_up_and_in(user)
        except BaseException as exc:
            errors.append(exc)
            signed_in.abort()
            return
        try:
            signed_in.wait()
            n = 0
            while time.monotonic() < deadline[0]:
                client.one_round(user, n)
                n += 1
                time.sleep(pause_s)
        except BaseException as exc:  # reported by the caller
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(u,), daemon=True) for u in users]
    for t in threads:
        t.start()
    with contextlib.suppress(threading.BrokenBarrierError):
        signed_in.wait(timeout=300)  # argon2id sign-ups take a while on 2 cores
    if ready is not None:
        ready.set()
    for t in threads:
        t.join(seconds + 120)
    if errors:
        raise errors[0]
