"""Firestore store: ``users/{uid}`` with sub-collections, like the original app's layout.

Layout::

    users/{uid}                      email, display_name, created_at, preferences{...}
    users/{uid}/moods/{sha256(key)}  one mood event; the id derives from the idempotency key, so a retry
                                     finds the same document and writes nothing
    users/{uid}/playlists/{id}, users/{uid}/feedback/{auto}, users/{uid}/listens/{auto}
    users/{uid}/private/credentials  local-auth hash and throttle state
    emails/{sha256(email)}           {user_id}: makes emails unique (created atomically with the user)
    sessions/{token_hash}            {user_id, created_at, expires_at}

``google-cloud-firestore`` is imported only when this backend is opened. Against the emulator set
``FIRESTORE_EMULATOR_HOST`` (the client library reads it).
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, TypeVar

from moodify.errors import Conflict, NotFound, StoreError
from moodify.settings import Settings
from moodify.store.base import STORES
from moodify.store.export import collect_export
from moodify.store.models import (
    CounterHit,
    Credentials,
    ListenEvent,
    MoodEvent,
    PlaylistRecord,
    Preferences,
    SessionRecord,
    StoredTrack,
    User,
    UserExport,
    as_utc,
    check_feedback,
    check_listen,
    check_playlist,
    check_preferences,
    check_user_id,
    counter_key,
    counter_window,
    normalize_email,
)
from moodify.types import FeedbackEvent

log = logging.getLogger(__name__)

T = TypeVar("T")
_SUBCOLLECTIONS = ("moods", "playlists", "feedback", "listens", "private")
_MAX_TX_WRITES = 500  # Firestore's limit per transaction


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _dt(value: Any) -> datetime:
    # The client returns DatetimeWithNanoseconds; hand back a plain aware datetime.
    return datetime(value.year, value.month, value.day, value.hour, value.minute, value.second,
                    value.microsecond, tzinfo=UTC) if value.tzinfo else as_utc(value)


class FirestoreStore:
    def __init__(self, settings: Settings) -> None:
        try:
            from google.api_core import exceptions as gexc
            from google.auth.exceptions import DefaultCredentialsError
            from google.cloud import firestore
        except ImportError as exc:
            raise StoreError(f"Firestore support is not installed ({exc}); "
                             "install moodify[firebase]") from exc
        self._fs = firestore
        self._gexc = gexc
        from google.api_core.retry import Retry, if_transient_error

        # Retry transient errors briefly, then give up: a down Firestore is a clear error in seconds,
        # not after the client's default minute of retries.
        limit = settings.store_connect_timeout_s
        self._call: dict[str, Any] = {
            "timeout": limit,
            "retry": Retry(predicate=if_transient_error, initial=0.1, maximum=1.0, timeout=limit),
        }
        try:
            self._db = firestore.Client(project=settings.firestore_project)
        except DefaultCredentialsError as exc:
            raise StoreError(f"no Google credentials for Firestore project {settings.firestore_project!r}: "
                             f"{exc} (set GOOGLE_APPLICATION_CREDENTIALS, or FIRESTORE_EMULATOR_HOST)"
                             ) from exc

    # --- helpers ----------------------------------------------------------------------------
    @contextmanager
    def _errors(self, what: str) -> Iterator[None]:
        try:
            yield
        except StoreError:
            raise
        except (self._gexc.Conflict, self._gexc.AlreadyExists) as exc:
            raise Conflict(f"{what}: already exists ({exc.message})") from exc
        except self._gexc.NotFound as exc:
            raise NotFound(f"{what}: no such record ({exc.message})") from exc
        except (self._gexc.GoogleAPIError, OSError) as exc:
            raise StoreError(f"{what} failed: Firestore is unavailable or refused it: "
                             f"{exc}") from exc

    def _user_ref(self, user_id: str) -> Any:
        if not user_id or "/" in user_id:
            raise NotFound(f"no user with id {user_id!r}")
        return self._db.collection("users").document(user_id)

    def _user_doc(self, user_id: str, transaction: Any = None) -> Any:
        snap = self._user_ref(user_id).get(transaction=transaction, **self._call)
        if not snap.exists:
            raise NotFound(f"no user with id {user_id!r}")
        return snap

    def _transaction(self, fn: Callable[[Any], T]) -> T:
        try:
            return self._fs.transactional(fn)(self._db.transaction(max_attempts=10))
        except ValueError as exc:  # the client's "Failed to commit transaction in N attempts"
            if "Failed to commit transaction" not in str(exc):
                raise
            raise StoreError(f"Firestore is too busy to commit, nothing was changed: {exc}") from exc

    # --- users -----------------------------------------------------------------------------
    def create_user(self, email: str, display_name: str = "", *, user_id: str | None = None) -> User:
        user = User(id=check_user_id(user_id), email=normalize_email(email), display_name=display_name)
        batch = self._db.batch()
        # create() fails if the email document exists, and the batch is atomic: no orphan user doc.
        batch.create(self._db.collection("emails").document(_sha(user.email)), {"user_id": user.id})
        batch.create(self._user_ref(user.id), {
            "email": user.email, "display_name": display_name, "created_at": user.created_at,
            "preferences": _prefs_doc(Preferences(user_id=user.id)),
        })
        try:
            with self._errors("creating the user"):
                batch.commit(**self._call)
        except Conflict:
            raise Conflict(f"an account with email {user.email} (or id {user.id}) already exists") from None
        return user

    def get_user(self, user_id: str) -> User:
        with self._errors("reading the user"):
            return _user(self._user_doc(user_id))

    def find_user(self, email: str) -> User:
        norm = normalize_email(email)
        with self._errors("looking up the user"):
            snap = self._db.collection("emails").document(_sha(norm)).get(**self._call)
            if not snap.exists:
                raise NotFound(f"no user with email {norm}")
            return _user(self._user_doc(snap.get("user_id")))

    def delete_user(self, user_id: str) -> None:
        with self._errors("deleting the user"):
            user = _user(self._user_doc(user_id))
            # Sessions first, so the account can't be used while the rest goes; the user document last,
            # so a retry after a failure finds it and finishes the job.
            sessions = self._db.collection("sessions").where(
                filter=self._fs.FieldFilter("user_id", "==", user_id))
            for snap in sessions.stream(**self._call):
                snap.reference.delete(**self._call)
            for name in _SUBCOLLECTIONS:
                self._db.recursive_delete(self._user_ref(user_id).collection(name))
            self._db.collection("emails").document(_sha(user.email)).delete(**self._call)
            self._user_ref(user_id).delete(**self._call)

    # --- preferences -----------------------------------------------------------------------
    def get_preferences(self, user_id: str) -> Preferences:
        with self._errors("reading preferences"):
            return _prefs(user_id, self._user_doc(user_id).get("preferences"))

    def set_preferences(self, prefs: Preferences) -> None:
        check_preferences(prefs)
        with self._errors("saving preferences"):
            self._user_ref(prefs.user_id).update({"preferences": _prefs_doc(prefs)}, **self._call)

    # --- mood history ----------------------------------------------------------------------
    def add_mood_event(self, event: MoodEvent) -> bool:
        return self.add_mood_events([event]) == 1

    def add_mood_events(self, events: Sequence[MoodEvent]) -> int:
        if len(events) > _MAX_TX_WRITES:
            # One transaction holds at most 500 writes; larger batches are atomic per chunk.
            return sum(self.add_mood_events(events[i:i + _MAX_TX_WRITES])
                       for i in range(0, len(events), _MAX_TX_WRITES))
        if not events:
            return 0
        with self._errors("saving mood events"):
            for uid in {e.user_id for e in events}:  # fails fast (and clearly) when Firestore is down
                self._user_doc(uid)

        def write(transaction: Any) -> int:
            keep_photos = {uid: bool(self._user_doc(uid, transaction).get("preferences").get("store_photos"))
                           for uid in {e.user_id for e in events}}
            refs = [self._user_ref(e.user_id).collection("moods").document(_sha(e.idempotency_key))
                    for e in events]
            existing = {snap.reference.path for snap in transaction.get_all(refs) if snap.exists}
            added = 0
            for event, ref in zip(events, refs, strict=True):
                if ref.path in existing:
                    continue
                existing.add(ref.path)  # the same key twice in one batch counts once
                transaction.create(ref, _mood_doc(event, keep_photos[event.user_id]))
                added += 1
            return added

        with self._errors("saving mood events"):
            return self._transaction(write)

    def get_mood_event(self, user_id: str, event_id: str) -> MoodEvent:
        with self._errors("reading a mood event"):
            query = self._user_ref(user_id).collection("moods").where(
                filter=self._fs.FieldFilter("id", "==", event_id)).limit(1)
            for snap in query.stream(**self._call):
                return _mood(user_id, snap.to_dict())
        raise NotFound(f"no mood event {event_id!r} for this user")

    def list_mood_events(
        self, user_id: str, *, since: datetime | None = None, until: datetime | None = None,
        limit: int | None = None,
    ) -> list[MoodEvent]:
        with self._errors("reading mood history"):
            self._user_doc(user_id)
            query = self._user_ref(user_id).collection("moods")
            if since is not None:
                query = query.where(filter=self._fs.FieldFilter("at", ">=", as_utc(since)))
            if until is not None:
                query = query.where(filter=self._fs.FieldFilter("at", "<", as_utc(until)))
            if limit:
                query = query.order_by("at", direction=self._fs.Query.DESCENDING).limit(limit)
            else:
                query = query.order_by("at")
            events = [_mood(user_id, snap.to_dict()) for snap in query.stream(**self._call)]
        return sorted(events, key=lambda e: (e.at, e.id))

    # --- playlists, feedback, listening -----------------------------------------------------
    def _add(self, user_id: str, collection: str, doc_id: str | None, data: dict[str, Any],
             what: str) -> None:
        with self._errors(what):
            self._user_doc(user_id)
            coll = self._user_ref(user_id).collection(collection)
            (coll.document(doc_id) if doc_id else coll.document()).set(data, **self._call)

    def _list(self, user_id: str, collection: str, what: str) -> list[dict[str, Any]]:
        with self._errors(what):
            self._user_doc(user_id)
            query = self._user_ref(user_id).collection(collection).order_by("at")
            return [snap.to_dict() for snap in query.stream(**self._call)]

    def add_playlist(self, record: PlaylistRecord) -> None:
        check_playlist(record)
        self._add(record.user_id, "playlists", record.id, {
            "id": record.id, "at": record.at, "emotion": record.emotion, "mode": record.mode,
            "track_keys": list(record.track_keys), "tracks": [t.to_json() for t in record.tracks],
            "played_at": record.played_at}, "saving the playlist")

    def list_playlists(self, user_id: str) -> list[PlaylistRecord]:
        return [_playlist(user_id, d) for d in self._list(user_id, "playlists", "reading playlists")]

    def _playlist_ref(self, user_id: str, playlist_id: str) -> Any:
        # A document id, never a path: "a/b" would name a document in a subcollection.
        if not playlist_id or "/" in playlist_id or playlist_id in (".", ".."):
            raise NotFound(f"no playlist {playlist_id!r} for this user")
        return self._user_ref(user_id).collection("playlists").document(playlist_id)

    def get_playlist(self, user_id: str, playlist_id: str) -> PlaylistRecord:
        ref = self._playlist_ref(user_id, playlist_id)
        with self._errors("reading a playlist"):
            snap = ref.get(**self._call)
            if snap.exists:
                return _playlist(user_id, snap.to_dict())
        raise NotFound(f"no playlist {playlist_id!r} for this user")

    def mark_playlist_played(self, user_id: str, playlist_id: str, at: datetime) -> None:
        ref = self._playlist_ref(user_id, playlist_id)
        try:
            with self._errors("marking the playlist played"):
                ref.update({"played_at": as_utc(at)}, **self._call)  # update() fails if the document is missing
        except NotFound:
            raise NotFound(f"no playlist {playlist_id!r} for this user") from None

    def add_feedback(self, event: FeedbackEvent) -> bool:
        data = {"at": event.at, "track_key": event.track_key, "kind": event.kind, "artist": event.artist,
                "tags": list(event.tags), "idempotency_key": event.idempotency_key}
        check_feedback(event)
        if not event.idempotency_key:
            self._add(event.user_id, "feedback", None, data, "saving feedback")
            return True
        with self._errors("saving feedback"):
            self._user_doc(event.user_id)
            ref = self._user_ref(event.user_id).collection("feedback").document(_sha(event.idempotency_key))
            try:  # create() fails atomically when the document exists: a retry is stored once
                ref.create(data, **self._call)
            except self._gexc.AlreadyExists:
                return False
            return True

    def list_feedback(self, user_id: str) -> list[FeedbackEvent]:
        return [FeedbackEvent(user_id=user_id, track_key=d["track_key"], kind=d["kind"], at=_dt(d["at"]),
                              artist=d["artist"], tags=tuple(d["tags"]),
                              idempotency_key=d.get("idempotency_key") or "")
                for d in self._list(user_id, "feedback", "reading feedback")]

    def add_listen(self, event: ListenEvent) -> None:
        check_listen(event)
        self._add(event.user_id, "listens", None, {
            "at": event.at, "track_key": event.track_key, "seconds": event.seconds,
            "completed": event.completed, "title": event.title, "artist": event.artist}, "saving the listen")

    def list_listens(self, user_id: str) -> list[ListenEvent]:
        return [ListenEvent(user_id=user_id, track_key=d["track_key"], seconds=d["seconds"], at=_dt(d["at"]),
                            completed=d["completed"], title=d["title"], artist=d["artist"])
                for d in self._list(user_id, "listens", "reading listening history")]

    def export_user(self, user_id: str) -> UserExport:
        return collect_export(self, user_id)

    # --- auth data ---------------------------------------------------------------------------
    def _creds_ref(self, user_id: str) -> Any:
        return self._user_ref(user_id).collection("private").document("credentials")

    def get_credentials(self, user_id: str) -> Credentials | None:
        with self._errors("reading credentials"):
            self._user_doc(user_id)
            snap = self._creds_ref(user_id).get(**self._call)
            if not snap.exists:
                return None
            d = snap.to_dict()
            return Credentials(user_id=user_id, password_hash=d["password_hash"],
                               failed_logins=d["failed_logins"],
                               locked_until=_dt(d["locked_until"]) if d.get("locked_until") else None)

    def save_credentials(self, creds: Credentials) -> None:
        self._add(creds.user_id, "private", "credentials", {
            "password_hash": creds.password_hash, "failed_logins": creds.failed_logins,
            "locked_until": creds.locked_until}, "saving credentials")

    def count_login_failure(self, user_id: str) -> int:
        # A server-side increment: no transaction to contend on, no lost updates. The count read back
        # afterwards includes this failure (and maybe others made meanwhile).
        ref = self._creds_ref(user_id)
        with self._errors("counting a failed sign-in"):
            self._user_doc(user_id)
            ref.update({"failed_logins": self._fs.Increment(1)}, **self._call)
            return int(ref.get(**self._call).get("failed_logins"))

    def add_session(self, session: SessionRecord) -> None:
        with self._errors("saving the session"):
            self._user_doc(session.user_id)
            self._db.collection("sessions").document(session.token_hash).create({
                "user_id": session.user_id, "created_at": session.created_at,
                "expires_at": session.expires_at}, **self._call)

    def get_session(self, token_hash: str) -> SessionRecord | None:
        if not token_hash or "/" in token_hash:
            return None
        with self._errors("reading the session"):
            snap = self._db.collection("sessions").document(token_hash).get(**self._call)
            if not snap.exists:
                return None
            d: dict[str, Any] = snap.to_dict() or {}
            return SessionRecord(token_hash=token_hash, user_id=d["user_id"], expires_at=_dt(d["expires_at"]),
                                 created_at=_dt(d["created_at"]))

    def delete_session(self, token_hash: str) -> None:
        if not token_hash or "/" in token_hash:
            return
        with self._errors("ending the session"):
            self._db.collection("sessions").document(token_hash).delete(**self._call)

    def delete_user_sessions(self, user_id: str, *, keep: str | None = None) -> int:
        with self._errors("ending the user's sessions"):
            query = self._db.collection("sessions").where(filter=self._fs.FieldFilter("user_id", "==", user_id))
            count = 0
            for snap in query.stream(**self._call):
                if snap.id != keep:
                    snap.reference.delete(**self._call)
                    count += 1
            return count

    def purge_sessions(self, expired_before: datetime) -> int:
        with self._errors("purging expired sessions"):
            query = self._db.collection("sessions").where(
                filter=self._fs.FieldFilter("expires_at", "<", as_utc(expired_before)))
            count = 0
            for snap in query.stream(**self._call):
                snap.reference.delete(**self._call)
                count += 1
            return count

    # --- shared rate counters ------------------------------------------------------------------
    def hit_counter(self, key: str, window_s: int, *, now: float | None = None) -> CounterHit:
        # A server-side increment on one document per window (transactions on a hot document abort under
        # contention). The count read back may include hits made meanwhile, never fewer than this one's
        # place: of any burst, at most N readers see a count <= N, which is what a limit needs.
        start = counter_window(time.time() if now is None else now, window_s)
        coll = self._db.collection("rate_counters")
        ref = coll.document(f"{counter_key(key, window_s)}-{start}")
        before = coll.document(f"{counter_key(key, window_s)}-{start - window_s}")
        with self._errors("counting a request"):
            # expires_at: a Firestore TTL policy on it deletes stale counters; purge_counters does too.
            ref.set({"count": self._fs.Increment(1), "window_start": start,
                     "expires_at": datetime.fromtimestamp(start + 2 * window_s, UTC)}, merge=True, **self._call)
            count = int(ref.get(**self._call).get("count"))
            snap = before.get(**self._call)
            previous = int(snap.get("count")) if snap.exists else 0
        return CounterHit(count=count, previous=previous, window_start=float(start), window_s=window_s)

    def purge_counters(self, before: float) -> int:
        with self._errors("purging rate counters"):
            query = self._db.collection("rate_counters").where(
                filter=self._fs.FieldFilter("expires_at", "<=", datetime.fromtimestamp(before, UTC)))
            count = 0
            for snap in query.stream(**self._call):
                snap.reference.delete(**self._call)
                count += 1
            return count

    def get_track_genres(self, keys: Sequence[str]) -> dict[str, tuple[str, ...]]:
        coll = self._db.collection("track_genres")
        wanted = list(dict.fromkeys(keys))
        out: dict[str, tuple[str, ...]] = {}
        with self._errors("reading track genres"):
            for i in range(0, len(wanted), 300):
                refs = [coll.document(_sha(k)) for k in wanted[i:i + 300]]
                for snap in self._db.get_all(refs, **self._call):
                    if snap.exists:
                        data = snap.to_dict() or {}
                        out[str(data.get("track_key"))] = tuple(data.get("genres") or ())
        return out

    def put_track_genres(self, genres: Mapping[str, tuple[str, ...]]) -> None:
        coll = self._db.collection("track_genres")
        items = list(genres.items())
        with self._errors("saving track genres"):
            for i in range(0, len(items), 400):  # a batch holds at most 500 writes
                batch = self._db.batch()
                for key, names in items[i:i + 400]:
                    batch.set(coll.document(_sha(key)), {"track_key": key, "genres": list(names)})
                batch.commit(**self._call)

    def close(self) -> None:
        self._db.close()


def _user(snap: Any) -> User:
    d: dict[str, Any] = snap.to_dict()
    return User(id=snap.id, email=d["email"], display_name=d["display_name"], created_at=_dt(d["created_at"]))


def _prefs_doc(p: Preferences) -> dict[str, Any]:
    return {"default_mode": p.default_mode, "favourite_genres": list(p.favourite_genres),
            "blocked_genres": list(p.blocked_genres), "providers": list(p.providers),
            "store_photos": p.store_photos}


def _prefs(user_id: str, d: dict[str, Any]) -> Preferences:
    return Preferences(user_id=user_id, default_mode=d["default_mode"],
                       favourite_genres=tuple(d["favourite_genres"]),
                       blocked_genres=tuple(d["blocked_genres"]),
                       providers=tuple(d["providers"]), store_photos=bool(d["store_photos"]))


def _mood_doc(e: MoodEvent, keep_photo: bool) -> dict[str, Any]:
    return {"id": e.id, "at": e.at, "emotion": e.emotion, "probabilities": list(e.probabilities),
            "confidence": e.confidence, "source": e.source, "idempotency_key": e.idempotency_key,
            "photo": e.photo if keep_photo else None}


def _playlist(user_id: str, d: dict[str, Any]) -> PlaylistRecord:
    return PlaylistRecord(user_id=user_id, emotion=d["emotion"], mode=d["mode"], at=_dt(d["at"]),
                          track_keys=tuple(d["track_keys"]), id=d["id"],
                          tracks=tuple(StoredTrack.from_json(t) for t in d.get("tracks") or ()),
                          played_at=_dt(d["played_at"]) if d.get("played_at") else None)


def _mood(user_id: str, d: dict[str, Any]) -> MoodEvent:
    return MoodEvent(user_id=user_id, emotion=d["emotion"], probabilities=tuple(d["probabilities"]),
                     confidence=d["confidence"], source=d["source"], at=_dt(d["at"]),
                     idempotency_key=d["idempotency_key"], photo=d.get("photo"), id=d["id"])


@STORES.register("firestore")
def _firestore_store(settings: Settings) -> FirestoreStore:
    return FirestoreStore(settings)
