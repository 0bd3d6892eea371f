"""Deleting an account removes everything, checked below the Store API (rows, documents), per backend.

The contract suite checks deletion through the API; an API that simply refuses to read a deleted user's
data would pass it while leaving the data behind. These tests look at what is physically left.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text

from moodify.store import ListenEvent, MoodEvent, PlaylistRecord, Preferences, SessionRecord, Store
from moodify.store.firestore import FirestoreStore
from moodify.store.memory import MemoryStore
from moodify.store.models import Credentials
from moodify.store.sql import SqlStore
from moodify.types import EmotionScores, FeedbackEvent

T0 = datetime(2026, 5, 1, tzinfo=UTC)


def _everything(store: Store, email: str) -> str:
    user = store.create_user(email, display_name="Del")
    store.set_preferences(Preferences(user_id=user.id, store_photos=True, favourite_genres=("x",)))
    scores = EmotionScores.from_mapping({"fear": 1.0})
    store.add_mood_events([MoodEvent(user_id=user.id, emotion="fear", probabilities=scores.probabilities,
                                     confidence=1.0, source="camera", idempotency_key=f"k{i}", photo=b"img")
                           for i in range(3)])
    store.add_playlist(PlaylistRecord(user_id=user.id, emotion="fear", mode="calm", track_keys=("a:1",)))
    store.add_feedback(FeedbackEvent(user_id=user.id, track_key="a:1", kind="skip", at=T0))
    store.add_listen(ListenEvent(user_id=user.id, track_key="a:1", seconds=2.0))
    store.save_credentials(Credentials(user_id=user.id, password_hash="$argon2id$h"))
    store.add_session(SessionRecord(token_hash=f"{user.id}-session", user_id=user.id, expires_at=T0))
    return user.id


def _firestore_docs(store: FirestoreStore) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every document in the project: (path, data), recursing into sub-collections."""
    def walk(collection: Any) -> Iterator[tuple[str, dict[str, Any]]]:
        for ref in collection.list_documents():  # also finds "missing" parents that still have children
            snap = ref.get()
            yield ref.path, (snap.to_dict() or {}) if snap.exists else {}
            for sub in ref.collections():
                yield from walk(sub)

    for top in store._db.collections():
        yield from walk(top)


def _left_over(store: Store, user_id: str, email: str) -> list[str]:
    if isinstance(store, SqlStore):
        left = []
        with store.engine.connect() as conn:
            for table in ("mood_events", "playlists", "feedback", "listens", "sessions", "credentials",
                          "preferences"):
                n = conn.execute(text(f"SELECT COUNT(*) FROM {table} WHERE user_id = :u"), {"u": user_id}).scalar()
                left += [table] * int(n or 0)
            n = conn.execute(text("SELECT COUNT(*) FROM users WHERE id = :u OR email = :e"),
                             {"u": user_id, "e": email}).scalar()
            left += ["users"] * int(n or 0)
        return left
    if isinstance(store, FirestoreStore):
        return [path for path, data in _firestore_docs(store)
                if user_id in path or user_id in str(data.values()) or email in str(data.values())]
    assert isinstance(store, MemoryStore)
    return ([user_id] * (user_id in store._users) + [email] * (email in store._emails)
            + [h for h, s in store._sessions.items() if s.user_id == user_id])


def test_delete_leaves_nothing_behind(store: Store) -> None:
    keep = _everything(store, "keep@example.org")
    gone = _everything(store, "gone@example.org")
    assert _left_over(store, gone, "gone@example.org")  # the check sees data while it's there
    store.delete_user(gone)
    assert _left_over(store, gone, "gone@example.org") == []
    assert len(_left_over(store, keep, "keep@example.org")) > 0  # the other user is untouched
    assert len(store.list_mood_events(keep)) == 3
