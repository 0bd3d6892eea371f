"""SQL store: SQLite by default (a file in the data directory), PostgreSQL for many users / instances.

Every public method is one transaction; any database error becomes a ``StoreError`` after rollback. A write
that PostgreSQL aborts as a deadlock or serialization failure is run again (it was rolled back whole), a few
times with a short random pause, before it becomes a ``StoreError``. Writes of a whole record are one
statement (an upsert), never the ORM's read-then-update-changed-columns, so racing writers can't mix rows.
"""

from __future__ import annotations

import functools
import logging
import random
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import Engine, case, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from moodify.errors import Conflict, NotFound, StoreError
from moodify.settings import Settings
from moodify.store.base import STORES
from moodify.store.engine import READ_ONLY, make_engine, safe_url
from moodify.store.export import collect_export
from moodify.store.migrate import upgrade
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
    check_feedback,
    check_listen,
    check_playlist,
    check_preferences,
    check_user_id,
    counter_key,
    counter_window,
    normalize_email,
)
from moodify.store.tables import (
    CredentialsRow,
    FeedbackRow,
    ListenRow,
    MoodEventRow,
    PlaylistRow,
    PreferencesRow,
    RateCounterRow,
    SessionRow,
    TrackGenreRow,
    UserRow,
)
from moodify.types import EMOTIONS, FeedbackEvent

log = logging.getLogger(__name__)
RowT = TypeVar("RowT", MoodEventRow, PlaylistRow)  # rows a user owns, looked up by id
P = ParamSpec("P")
R = TypeVar("R")

# SQLSTATEs of a transaction PostgreSQL rolled back only because of another one: running it again succeeds.
_TRANSIENT = frozenset({"40001", "40P01"})  # serialization_failure, deadlock_detected
_TRIES = 4


class TransientStoreError(StoreError):
    """A deadlock or serialization failure: nothing was written, and the same write may be tried again."""


def retried(method: Callable[P, R]) -> Callable[P, R]:
    """Run a one-transaction store method again when the database aborted it as a deadlock or
    serialization failure (jittered pauses of ~10-80 ms, at most ``_TRIES`` runs)."""

    @functools.wraps(method)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(_TRIES):
            try:
                return method(*args, **kwargs)
            except TransientStoreError:
                if attempt == _TRIES - 1:
                    raise
                log.info("%s hit a deadlock/serialization failure; running it again", method.__name__)
                time.sleep(random.uniform(0.005, 0.02) * 2**attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    return run

_PROB_COLUMNS = tuple(f"p_{name}" for name in EMOTIONS)
_BATCH = 500  # rows per INSERT; keeps SQLite under its bound-parameter limit
_MOODS = MoodEventRow.__table__
_MOOD_COLUMNS = (_MOODS.c.id, _MOODS.c.user_id, _MOODS.c.at, _MOODS.c.emotion, _MOODS.c.confidence,
                 _MOODS.c.source, _MOODS.c.idempotency_key, _MOODS.c.photo,
                 *(_MOODS.c[name] for name in _PROB_COLUMNS))
_USER_TABLES = (MoodEventRow, PlaylistRow, FeedbackRow, ListenRow, SessionRow, CredentialsRow, PreferencesRow)


class SqlStore:
    def __init__(self, engine: Engine, *, migrate: bool = True) -> None:
        self.engine = engine
        self._reader = engine.execution_options(**{READ_ONLY: True})
        # Built once, so SQLAlchemy compiles it once; executed with a list of rows ("insertmanyvalues").
        insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
        self._upsert = insert
        # No conflict target: a racing retry may hit the primary key (derived from the same key) or the
        # (user_id, idempotency_key) constraint first; either way it is "already stored", never an error.
        self._insert_mood = insert(MoodEventRow).on_conflict_do_nothing().returning(MoodEventRow.id)
        self._insert_feedback = insert(FeedbackRow).on_conflict_do_nothing(
            index_elements=["user_id", "idempotency_key"]
        ).returning(FeedbackRow.id)
        if migrate:
            upgrade(engine)

    @classmethod
    def from_settings(cls, settings: Settings) -> SqlStore:
        return cls(make_engine(settings))

    @contextmanager
    def _tx(self, what: str, *, write: bool = True) -> Iterator[Session]:
        try:
            with Session(self.engine if write else self._reader, expire_on_commit=False) as session, \
                    session.begin():
                yield session
        except StoreError:
            raise
        except IntegrityError as exc:
            raise Conflict(f"{what}: conflicts with stored data ({exc.orig})") from exc
        except SQLAlchemyError as exc:
            reason = getattr(exc, "orig", None) or exc
            outcome = "failed, nothing was changed" if write else "failed"
            error = TransientStoreError if getattr(reason, "sqlstate", None) in _TRANSIENT else StoreError
            raise error(f"{what} {outcome}: database {safe_url(self.engine.url)}: {reason}") from exc

    @staticmethod
    def _require_user(session: Session, user_id: str) -> None:
        if session.get(UserRow, user_id) is None:
            raise NotFound(f"no user with id {user_id!r}")

    @staticmethod
    def _owned(session: Session, row_type: type[RowT], user_id: str, record_id: str, what: str) -> RowT:
        """The row ``record_id`` of ``user_id``; ``NotFound`` if it is missing or someone else's."""
        row = session.scalar(select(row_type).where(row_type.id == record_id, row_type.user_id == user_id))
        if row is None:
            raise NotFound(f"no {what} {record_id!r} for this user")
        return row

    # --- users -----------------------------------------------------------------------------
    @retried
    def create_user(self, email: str, display_name: str = "", *, user_id: str | None = None) -> User:
        user = User(id=check_user_id(user_id), email=normalize_email(email), display_name=display_name)
        with self._tx("creating the user") as s:
            if s.scalar(select(UserRow.id).where(UserRow.email == user.email)) is not None:
                raise Conflict(f"an account with email {user.email} already exists")
            if s.get(UserRow, user.id) is not None:
                raise Conflict(f"a user with id {user.id!r} already exists")
            s.add(UserRow(id=user.id, email=user.email, display_name=display_name,
                          created_at=user.created_at))
            s.flush()  # the user row must exist before rows that reference it
            s.add(_prefs_row(Preferences(user_id=user.id)))
        return user

    def get_user(self, user_id: str) -> User:
        with self._tx("reading the user", write=False) as s:
            row = s.get(UserRow, user_id)
            if row is None:
                raise NotFound(f"no user with id {user_id!r}")
            return _user(row)

    def find_user(self, email: str) -> User:
        norm = normalize_email(email)
        with self._tx("looking up the user", write=False) as s:
            row = s.scalar(select(UserRow).where(UserRow.email == norm))
            if row is None:
                raise NotFound(f"no user with email {norm}")
            return _user(row)

    @retried
    def delete_user(self, user_id: str) -> None:
        with self._tx("deleting the user") as s:
            # The user's row is locked first, so deletions of one account queue up behind each other (the
            # later ones then find nothing) instead of deadlocking over the child tables.
            if s.scalar(select(UserRow.id).where(UserRow.id == user_id).with_for_update()) is None:
                raise NotFound(f"no user with id {user_id!r}")
            for table in _USER_TABLES:  # explicit, not only ON DELETE CASCADE: works without FK support
                s.execute(delete(table).where(table.user_id == user_id))
            s.execute(delete(UserRow).where(UserRow.id == user_id))

    # --- preferences -----------------------------------------------------------------------
    def get_preferences(self, user_id: str) -> Preferences:
        with self._tx("reading preferences", write=False) as s:
            row = s.get(PreferencesRow, user_id)
            if row is None:
                raise NotFound(f"no user with id {user_id!r}")
            return _prefs(row)

    @retried
    def set_preferences(self, prefs: Preferences) -> None:
        check_preferences(prefs)
        self._put(PreferencesRow, _prefs_values(prefs), "saving preferences")

    def _put(self, row_type: type[PreferencesRow] | type[CredentialsRow], values: dict[str, Any],
             what: str) -> None:
        """Write a per-user row whole in one upsert: two racing writes leave one of them, never a mix.
        ``NotFound`` when the user is missing (or deleted while this ran)."""
        stmt = self._upsert(row_type).values(**values).on_conflict_do_update(
            index_elements=["user_id"], set_={k: v for k, v in values.items() if k != "user_id"})
        with self._tx(what) as s:
            self._require_user(s, values["user_id"])
            try:
                s.execute(stmt)
            except IntegrityError:  # the user's row went away since the check
                raise NotFound(f"no user with id {values['user_id']!r}") from None

    # --- mood history ----------------------------------------------------------------------
    def add_mood_event(self, event: MoodEvent) -> bool:
        return self.add_mood_events([event]) == 1

    @retried
    def add_mood_events(self, events: Sequence[MoodEvent]) -> int:
        if not events:
            return 0
        added = 0
        with self._tx("saving mood events") as s:
            users = {e.user_id for e in events}
            keep_photos: dict[str, bool] = {uid: bool(keep) for uid, keep in s.execute(
                select(PreferencesRow.user_id, PreferencesRow.store_photos)
                .where(PreferencesRow.user_id.in_(users))
            )}
            missing = users - set(keep_photos)
            if missing:
                raise NotFound(f"no user with id {sorted(missing)[0]!r}")
            rows = [_mood_row(e, keep_photos[e.user_id]) for e in events]
            for start in range(0, len(rows), _BATCH):
                # RETURNING lists only the rows really inserted; rowcount is not reliable across drivers.
                inserted = s.execute(self._insert_mood, rows[start:start + _BATCH])
                added += len(inserted.all())
        return added

    def get_mood_event(self, user_id: str, event_id: str) -> MoodEvent:
        with self._tx("reading a mood event", write=False) as s:
            return _mood(self._owned(s, MoodEventRow, user_id, event_id, "mood event"))

    def list_mood_events(
        self, user_id: str, *, since: datetime | None = None, until: datetime | None = None,
        limit: int | None = None,
    ) -> list[MoodEvent]:
        # Core rows, not ORM objects: no identity map to fill, several times faster for long histories.
        query = select(*_MOOD_COLUMNS).where(_MOODS.c.user_id == user_id)
        if since is not None:
            query = query.where(_MOODS.c.at >= since)
        if until is not None:
            query = query.where(_MOODS.c.at < until)
        with self._tx("reading mood history", write=False) as s:
            self._require_user(s, user_id)
            if limit:
                newest = query.order_by(_MOODS.c.at.desc(), _MOODS.c.id.desc()).limit(limit)
                rows = s.execute(newest).all()[::-1]
            else:
                rows = s.execute(query.order_by(_MOODS.c.at, _MOODS.c.id)).all()
            return [_mood_from_tuple(tuple(r)) for r in rows]

    # --- playlists, feedback, listening -----------------------------------------------------
    @retried
    def add_playlist(self, record: PlaylistRecord) -> None:
        check_playlist(record)
        with self._tx("saving the playlist") as s:
            self._require_user(s, record.user_id)
            s.add(PlaylistRow(id=record.id, user_id=record.user_id, at=record.at, emotion=record.emotion,
                              mode=record.mode, track_keys=list(record.track_keys),
                              tracks=[t.to_json() for t in record.tracks], played_at=record.played_at))

    def list_playlists(self, user_id: str) -> list[PlaylistRecord]:
        with self._tx("reading playlists", write=False) as s:
            self._require_user(s, user_id)
            rows = s.scalars(select(PlaylistRow).where(PlaylistRow.user_id == user_id)
                             .order_by(PlaylistRow.at, PlaylistRow.id)).all()
            return [_playlist(r) for r in rows]

    def get_playlist(self, user_id: str, playlist_id: str) -> PlaylistRecord:
        with self._tx("reading a playlist", write=False) as s:
            return _playlist(self._owned(s, PlaylistRow, user_id, playlist_id, "playlist"))

    @retried
    def mark_playlist_played(self, user_id: str, playlist_id: str, at: datetime) -> None:
        with self._tx("marking the playlist played") as s:
            # One UPDATE scoped to the owner: someone else's id changes nothing and reads as missing.
            done = s.execute(update(PlaylistRow).where(PlaylistRow.id == playlist_id, PlaylistRow.user_id == user_id)
                             .values(played_at=at).returning(PlaylistRow.id)).all()
            if not done:
                raise NotFound(f"no playlist {playlist_id!r} for this user")

    @retried
    def add_feedback(self, event: FeedbackEvent) -> bool:
        check_feedback(event)
        with self._tx("saving feedback") as s:
            self._require_user(s, event.user_id)
            row = {"user_id": event.user_id, "at": event.at, "track_key": event.track_key, "kind": event.kind,
                   "artist": event.artist, "tags": list(event.tags),
                   "idempotency_key": event.idempotency_key or None}
            return len(s.execute(self._insert_feedback, [row]).all()) == 1

    def list_feedback(self, user_id: str) -> list[FeedbackEvent]:
        with self._tx("reading feedback", write=False) as s:
            self._require_user(s, user_id)
            rows = s.scalars(select(FeedbackRow).where(FeedbackRow.user_id == user_id)
                             .order_by(FeedbackRow.at, FeedbackRow.id)).all()
            return [FeedbackEvent(user_id=r.user_id, track_key=r.track_key, kind=r.kind,  # type: ignore[arg-type]
                                  at=r.at, artist=r.artist, tags=tuple(r.tags),
                                  idempotency_key=r.idempotency_key or "") for r in rows]

    @retried
    def add_listen(self, event: ListenEvent) -> None:
        check_listen(event)
        with self._tx("saving the listen") as s:
            self._require_user(s, event.user_id)
            s.add(ListenRow(user_id=event.user_id, at=event.at, track_key=event.track_key,
                            seconds=event.seconds, completed=event.completed, title=event.title,
                            artist=event.artist))

    def list_listens(self, user_id: str) -> list[ListenEvent]:
        with self._tx("reading listening history", write=False) as s:
            self._require_user(s, user_id)
            rows = s.scalars(select(ListenRow).where(ListenRow.user_id == user_id)
                             .order_by(ListenRow.at, ListenRow.id)).all()
            return [ListenEvent(user_id=r.user_id, track_key=r.track_key, seconds=r.seconds, at=r.at,
                                completed=r.completed, title=r.title, artist=r.artist) for r in rows]

    def export_user(self, user_id: str) -> UserExport:
        return collect_export(self, user_id)

    # --- auth data ---------------------------------------------------------------------------
    def get_credentials(self, user_id: str) -> Credentials | None:
        with self._tx("reading credentials", write=False) as s:
            row = s.get(CredentialsRow, user_id)
            if row is None:
                self._require_user(s, user_id)
                return None
            return Credentials(user_id=row.user_id, password_hash=row.password_hash,
                               failed_logins=row.failed_logins, locked_until=row.locked_until)

    @retried
    def save_credentials(self, creds: Credentials) -> None:
        self._put(CredentialsRow, {"user_id": creds.user_id, "password_hash": creds.password_hash,
                                   "failed_logins": creds.failed_logins, "locked_until": creds.locked_until},
                  "saving credentials")

    @retried
    def count_login_failure(self, user_id: str) -> int:
        with self._tx("counting a failed sign-in") as s:
            # One UPDATE: the database does the read-modify-write, so concurrent failures can't overwrite
            # each other's count.
            count = s.scalar(update(CredentialsRow).where(CredentialsRow.user_id == user_id)
                             .values(failed_logins=CredentialsRow.failed_logins + 1)
                             .returning(CredentialsRow.failed_logins))
            if count is None:
                raise NotFound(f"user {user_id!r} has no password")
            return int(count)

    @retried
    def add_session(self, session: SessionRecord) -> None:
        with self._tx("saving the session") as s:
            self._require_user(s, session.user_id)
            s.add(SessionRow(token_hash=session.token_hash, user_id=session.user_id,
                             created_at=session.created_at, expires_at=session.expires_at))

    def get_session(self, token_hash: str) -> SessionRecord | None:
        with self._tx("reading the session", write=False) as s:
            row = s.get(SessionRow, token_hash)
            if row is None:
                return None
            return SessionRecord(token_hash=row.token_hash, user_id=row.user_id, expires_at=row.expires_at,
                                 created_at=row.created_at)

    @retried
    def delete_session(self, token_hash: str) -> None:
        with self._tx("ending the session") as s:
            s.execute(delete(SessionRow).where(SessionRow.token_hash == token_hash))

    @retried
    def delete_user_sessions(self, user_id: str, *, keep: str | None = None) -> int:
        query = delete(SessionRow).where(SessionRow.user_id == user_id)
        if keep is not None:
            query = query.where(SessionRow.token_hash != keep)
        with self._tx("ending the user's sessions") as s:
            return len(s.execute(query.returning(SessionRow.token_hash)).all())

    @retried
    def purge_sessions(self, expired_before: datetime) -> int:
        with self._tx("purging expired sessions") as s:
            gone = s.execute(delete(SessionRow).where(SessionRow.expires_at < expired_before)
                             .returning(SessionRow.token_hash))
            return len(gone.all())

    # --- shared rate counters ------------------------------------------------------------------
    @retried
    def hit_counter(self, key: str, window_s: int, *, now: float | None = None) -> CounterHit:
        start = counter_window(time.time() if now is None else now, window_s)
        c = RateCounterRow.__table__.c
        # One upsert; SET expressions all read the row as it was, so the database does the arithmetic
        # under its row lock (no lost updates between processes). A window stored ahead of ours (another
        # host's clock) counts as the current one.
        same = c.window_start >= start
        new = self._upsert(RateCounterRow).values(
            key=counter_key(key, window_s), window_start=start, count=1, previous=0,
            expires_at=start + 2 * window_s,
        )
        stmt = new.on_conflict_do_update(index_elements=[c.key], set_={
            "count": case((same, c.count + 1), else_=1),
            "previous": case((same, c.previous), (c.window_start == start - window_s, c.count), else_=0),
            "window_start": case((same, c.window_start), else_=start),
            "expires_at": case((same, c.expires_at), else_=start + 2 * window_s),
        }).returning(c.count, c.previous, c.window_start)
        with self._tx("counting a request") as s:
            count, previous, window_start = s.execute(stmt).one()
        return CounterHit(count=int(count), previous=int(previous), window_start=float(window_start),
                          window_s=window_s)

    def get_track_genres(self, keys: Sequence[str]) -> dict[str, tuple[str, ...]]:
        out: dict[str, tuple[str, ...]] = {}
        wanted = list(dict.fromkeys(keys))
        with self._tx("reading track genres", write=False) as s:
            for i in range(0, len(wanted), 500):  # bounded IN lists
                rows = s.execute(select(TrackGenreRow.track_key, TrackGenreRow.genres)
                                 .where(TrackGenreRow.track_key.in_(wanted[i:i + 500])))
                out.update({key: tuple(g for g in text.split(",") if g) for key, text in rows})
        return out

    @retried
    def put_track_genres(self, genres: Mapping[str, tuple[str, ...]]) -> None:
        if not genres:
            return
        c = TrackGenreRow.__table__.c
        values = [{"track_key": k, "genres": ",".join(v)} for k, v in genres.items()]
        stmt = self._upsert(TrackGenreRow).values(values)
        stmt = stmt.on_conflict_do_update(index_elements=[c.track_key], set_={"genres": stmt.excluded.genres})
        with self._tx("saving track genres") as s:
            s.execute(stmt)

    @retried
    def purge_counters(self, before: float) -> int:
        with self._tx("purging rate counters") as s:
            gone = s.execute(delete(RateCounterRow).where(RateCounterRow.expires_at <= int(before))
                             .returning(RateCounterRow.key))
            return len(gone.all())

    def close(self) -> None:
        self.engine.dispose()


def _user(row: UserRow) -> User:
    return User(id=row.id, email=row.email, display_name=row.display_name, created_at=row.created_at)


def _prefs_values(p: Preferences) -> dict[str, Any]:
    return {"user_id": p.user_id, "default_mode": p.default_mode, "favourite_genres": list(p.favourite_genres),
            "blocked_genres": list(p.blocked_genres), "providers": list(p.providers),
            "store_photos": p.store_photos}


def _prefs_row(p: Preferences) -> PreferencesRow:
    return PreferencesRow(**_prefs_values(p))


def _prefs(row: PreferencesRow) -> Preferences:
    return Preferences(user_id=row.user_id, default_mode=row.default_mode,  # type: ignore[arg-type]
                       favourite_genres=tuple(row.favourite_genres), blocked_genres=tuple(row.blocked_genres),
                       providers=tuple(row.providers), store_photos=row.store_photos)


def _playlist(r: PlaylistRow) -> PlaylistRecord:
    return PlaylistRecord(user_id=r.user_id, emotion=r.emotion, mode=r.mode,  # type: ignore[arg-type]
                          track_keys=tuple(r.track_keys), at=r.at, id=r.id,
                          tracks=tuple(StoredTrack.from_json(t) for t in r.tracks or ()), played_at=r.played_at)


def _mood_row(e: MoodEvent, keep_photo: bool) -> dict[str, Any]:
    return {
        "id": e.id, "user_id": e.user_id, "at": e.at, "emotion": e.emotion, "confidence": e.confidence,
        "source": e.source, "idempotency_key": e.idempotency_key,
        "photo": e.photo if keep_photo else None,
        **dict(zip(_PROB_COLUMNS, e.probabilities, strict=True)),
    }


def _mood_from_tuple(t: tuple[Any, ...]) -> MoodEvent:
    """From a row of ``_MOOD_COLUMNS`` (positional: attribute access on rows is slow for long histories)."""
    return MoodEvent(id=t[0], user_id=t[1], at=t[2], emotion=t[3], confidence=t[4], source=t[5],
                     idempotency_key=t[6], photo=t[7], probabilities=tuple(float(p) for p in t[8:]))


def _mood(row: MoodEventRow) -> MoodEvent:
    return MoodEvent(
        user_id=row.user_id, emotion=row.emotion, confidence=row.confidence,
        probabilities=tuple(float(getattr(row, c)) for c in _PROB_COLUMNS),
        source=row.source,  # type: ignore[arg-type]
        at=row.at, idempotency_key=row.idempotency_key, photo=row.photo, id=row.id,
    )


@STORES.register("sql")
def _sql_store(settings: Settings) -> SqlStore:
    return SqlStore.from_settings(settings)


__all__ = ["SqlStore", "safe_url"]
