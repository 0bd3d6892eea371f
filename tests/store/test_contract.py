"""The Store contract: every backend (memory, SQLite, PostgreSQL, Firestore) must pass all of it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moodify.errors import Conflict, NotFound
from moodify.store import (
    ListenEvent,
    MoodEvent,
    PlaylistRecord,
    Preferences,
    SessionRecord,
    Store,
    StoredTrack,
    idempotency_key,
)
from moodify.store.models import Credentials
from moodify.types import EMOTIONS, EmotionScores, FeedbackEvent

T0 = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
NASTY = "Robert'); DROP TABLE users;-- <script>alert(\"x\")</script> & 🎵 \\ %s ${x}"


def mood(user_id: str, emotion: str = "happy", *, at: datetime = T0, key: str | None = None,
         source: str = "upload", photo: bytes | None = None) -> MoodEvent:
    scores = EmotionScores.from_mapping({emotion: 0.7, "neutral": 0.3})
    kwargs = {"idempotency_key": key} if key else {}
    return MoodEvent(user_id=user_id, emotion=scores.emotion, probabilities=scores.probabilities,
                     confidence=scores.confidence, source=source, at=at, photo=photo, **kwargs)  # type: ignore[arg-type]


def test_create_find_get_user_normalises_email(store: Store) -> None:
    user = store.create_user("  Ann.Example@Mail.ORG ", display_name="Ann")
    assert user.email == "ann.example@mail.org"
    assert store.find_user("ANN.example@mail.org") == user
    assert store.get_user(user.id) == user
    assert user.created_at.tzinfo is not None


def test_duplicate_email_is_a_conflict(store: Store) -> None:
    store.create_user("dup@example.org")
    with pytest.raises(Conflict):
        store.create_user("DUP@example.org")


def test_external_user_id_is_kept_and_unique(store: Store) -> None:
    user = store.create_user("fb@example.org", user_id="Fz9aB3cD4eF5gH6iJ7kL8mN9oP0q")
    assert store.get_user("Fz9aB3cD4eF5gH6iJ7kL8mN9oP0q") == user
    with pytest.raises(Conflict):
        store.create_user("other@example.org", user_id="Fz9aB3cD4eF5gH6iJ7kL8mN9oP0q")
    with pytest.raises(ValueError):
        store.create_user("bad@example.org", user_id="../users/x")


def test_unknown_user_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        store.find_user("nobody@example.org")
    with pytest.raises(NotFound):
        store.get_user("0" * 32)
    with pytest.raises(NotFound):
        store.add_mood_event(mood("0" * 32))
    with pytest.raises(NotFound):
        store.delete_user("0" * 32)
    with pytest.raises(NotFound):
        store.set_preferences(Preferences(user_id="0" * 32))
    with pytest.raises(NotFound):
        store.add_feedback(FeedbackEvent(user_id="0" * 32, track_key="a:1", kind="like", at=T0))
    with pytest.raises(NotFound):
        store.list_mood_events("0" * 32)


def test_malformed_email_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="not an email"):
        store.create_user("not-an-email")


def test_preferences_default_and_round_trip(store: Store) -> None:
    user = store.create_user("prefs@example.org")
    prefs = store.get_preferences(user.id)
    assert prefs == Preferences(user_id=user.id)
    assert prefs.store_photos is False  # privacy: off unless the user opts in
    new = Preferences(user_id=user.id, default_mode="lift", favourite_genres=("jazz", NASTY),
                      blocked_genres=("metal",), providers=("offline", "audius"), store_photos=True)
    store.set_preferences(new)
    assert store.get_preferences(user.id) == new


def test_mood_events_keep_all_fields_in_time_order(store: Store) -> None:
    user = store.create_user("moods@example.org")
    later = mood(user.id, "sad", at=T0 + timedelta(minutes=5), source="camera")
    earlier = mood(user.id, "happy", at=T0, source="manual")
    assert store.add_mood_event(later) is True
    assert store.add_mood_event(earlier) is True
    got = store.list_mood_events(user.id)
    assert [e.emotion for e in got] == ["happy", "sad"]
    assert got[1].id == later.id and got[1].source == "camera" and got[1].at == later.at
    assert got[1].probabilities == pytest.approx(later.probabilities)
    assert len(got[1].probabilities) == len(EMOTIONS)
    assert got[1].confidence == pytest.approx(later.confidence)
    assert store.get_mood_event(user.id, later.id).emotion == "sad"


def test_same_idempotency_key_is_stored_once(store: Store) -> None:
    user = store.create_user("idem@example.org")
    key = idempotency_key(b"the same image bytes", user.id)
    first, rerun = mood(user.id, key=key), mood(user.id, key=key)
    assert store.add_mood_event(first) is True
    assert store.add_mood_event(rerun) is False  # a rerun of the same image
    assert len(store.list_mood_events(user.id)) == 1
    assert rerun.id == first.id and store.get_mood_event(user.id, rerun.id).id == first.id
    # The key is per user: another user may use the same one.
    other = store.create_user("idem2@example.org")
    assert store.add_mood_event(mood(other.id, key=key)) is True


def test_batch_insert_counts_only_new_events(store: Store) -> None:
    user = store.create_user("batch@example.org")
    events = [mood(user.id, at=T0 + timedelta(seconds=i), key=f"k{i}") for i in range(20)]
    assert store.add_mood_events(events[:10]) == 10
    assert store.add_mood_events(events) == 10  # first ten are retries
    assert len(store.list_mood_events(user.id)) == 20


def test_batch_with_an_unknown_user_writes_nothing(store: Store) -> None:
    user = store.create_user("atomic@example.org")
    events = [mood(user.id, key="a"), mood("f" * 32, key="b")]
    with pytest.raises(NotFound):
        store.add_mood_events(events)
    assert store.list_mood_events(user.id) == []


def test_history_window_and_limit(store: Store) -> None:
    user = store.create_user("window@example.org")
    store.add_mood_events([mood(user.id, at=T0 + timedelta(hours=i), key=str(i)) for i in range(10)])
    window = store.list_mood_events(user.id, since=T0 + timedelta(hours=2), until=T0 + timedelta(hours=5))
    assert [e.at for e in window] == [T0 + timedelta(hours=h) for h in (2, 3, 4)]
    newest = store.list_mood_events(user.id, limit=3)
    assert [e.at for e in newest] == [T0 + timedelta(hours=h) for h in (7, 8, 9)]


def test_photos_are_dropped_unless_the_user_opted_in(store: Store) -> None:
    user = store.create_user("photo@example.org")
    store.add_mood_event(mood(user.id, key="no-opt-in", photo=b"\xff\xd8jpeg"))
    assert store.list_mood_events(user.id)[0].photo is None
    store.set_preferences(Preferences(user_id=user.id, store_photos=True))
    store.add_mood_event(mood(user.id, key="opted-in", at=T0 + timedelta(seconds=1), photo=b"\xff\xd8jpeg"))
    assert store.list_mood_events(user.id)[1].photo == b"\xff\xd8jpeg"


def test_playlists_feedback_listens_round_trip(store: Store) -> None:
    user = store.create_user("music@example.org")
    shown = (StoredTrack(key="offline:1", title="Rain", artist="Ann", genres=("folk",), duration_s=81.5),
             StoredTrack(key="jamendo:22", title="Sun", artist="Bo", genres=("hip hop", "pop"), duration_s=215.0,
                         preview_s=30.0))
    playlist = PlaylistRecord(user_id=user.id, emotion="sad", mode="lift",
                              track_keys=("offline:1", "jamendo:22"), at=T0, tracks=shown)
    store.add_playlist(playlist)
    assert store.list_playlists(user.id) == [playlist]
    assert store.get_playlist(user.id, playlist.id) == playlist
    stranger = store.create_user("stranger@example.org")
    for who, which in ((stranger.id, playlist.id), (user.id, "no-such-id"), (user.id, f"{playlist.id}/x")):
        with pytest.raises(NotFound):
            store.get_playlist(who, which)
    likes = [FeedbackEvent(user_id=user.id, track_key=f"offline:{i}", kind=kind, at=T0 + timedelta(seconds=i),
                           artist=NASTY, tags=("ambient", "calm"))
             for i, kind in enumerate(["like", "skip", "finished", "dislike"])]
    for event in reversed(likes):
        store.add_feedback(event)
    assert store.list_feedback(user.id) == likes
    listen = ListenEvent(user_id=user.id, track_key="offline:1", seconds=93.5, at=T0, completed=True,
                         title=NASTY, artist="A")
    store.add_listen(listen)
    assert store.list_listens(user.id) == [listen]


def test_a_playlist_played_again_keeps_when(store: Store) -> None:
    user = store.create_user("again@example.org")
    older, newer = (PlaylistRecord(user_id=user.id, emotion="sad", mode="lift", track_keys=("offline:1",),
                                   at=T0 + timedelta(minutes=m)) for m in (0, 5))
    store.add_playlist(older)
    store.add_playlist(newer)
    assert all(p.played_at is None for p in store.list_playlists(user.id))  # never played again
    played = T0 + timedelta(hours=1, microseconds=250_000)
    store.mark_playlist_played(user.id, older.id, played)
    assert store.get_playlist(user.id, older.id).played_at == played
    assert store.get_playlist(user.id, newer.id).played_at is None  # only that one
    assert {p.id: p.played_at for p in store.list_playlists(user.id)} == {older.id: played, newer.id: None}
    again = played + timedelta(days=1)
    store.mark_playlist_played(user.id, older.id, again.astimezone(timezone(timedelta(hours=2))))
    assert store.get_playlist(user.id, older.id).played_at == again  # the latest wins, read back in UTC
    assert store.get_playlist(user.id, older.id).played_at.utcoffset() == timedelta(0)  # type: ignore[union-attr]
    stranger = store.create_user("someone@example.org")
    for who, which in ((stranger.id, older.id), (user.id, "no-such-id"), (user.id, f"{older.id}/x")):
        with pytest.raises(NotFound):
            store.mark_playlist_played(who, which, played)
    assert store.list_playlists(stranger.id) == []  # nothing was created for the stranger either


def test_names_with_quotes_sql_and_html_are_stored_verbatim(store: Store) -> None:
    user = store.create_user("o'brien+tag@example.org", display_name=NASTY)
    assert store.get_user(user.id).display_name == NASTY
    assert store.find_user("o'brien+tag@example.org").id == user.id
    store.add_mood_event(mood(user.id, key=NASTY))
    assert store.list_mood_events(user.id)[0].idempotency_key == NASTY
    assert store.find_user("o'brien+tag@example.org").display_name == NASTY  # users table intact


def test_one_user_cannot_read_another_users_data(store: Store) -> None:
    alice = store.create_user("alice@example.org")
    bob = store.create_user("bob@example.org")
    event = mood(alice.id, key="alice-1")
    store.add_mood_event(event)
    store.add_feedback(FeedbackEvent(user_id=alice.id, track_key="offline:1", kind="like", at=T0))
    assert store.list_mood_events(bob.id) == []
    assert store.list_feedback(bob.id) == []
    with pytest.raises(NotFound):
        store.get_mood_event(bob.id, event.id)
    assert store.get_mood_event(alice.id, event.id).id == event.id


def test_export_has_everything(store: Store) -> None:
    user = store.create_user("export@example.org", display_name="Ex")
    store.add_mood_event(mood(user.id))
    store.add_playlist(PlaylistRecord(user_id=user.id, emotion="happy", mode="match",
                                      track_keys=("offline:1",)))
    store.add_feedback(FeedbackEvent(user_id=user.id, track_key="offline:1", kind="like", at=T0))
    store.add_listen(ListenEvent(user_id=user.id, track_key="offline:1", seconds=10.0))
    export = store.export_user(user.id)
    assert export.user == user
    counts = (len(export.mood_events), len(export.playlists), len(export.feedback), len(export.listens))
    assert counts == (1, 1, 1, 1)


def test_delete_user_removes_everything(store: Store) -> None:
    keep = store.create_user("keep@example.org")
    gone = store.create_user("gone@example.org")
    for user in (keep, gone):
        store.add_mood_event(mood(user.id))
        store.add_playlist(PlaylistRecord(user_id=user.id, emotion="happy", mode="match",
                                          track_keys=("a:1",)))
        store.add_feedback(FeedbackEvent(user_id=user.id, track_key="a:1", kind="like", at=T0))
        store.add_listen(ListenEvent(user_id=user.id, track_key="a:1", seconds=1.0))
        store.save_credentials(Credentials(user_id=user.id, password_hash="$argon2id$x"))
        store.add_session(SessionRecord(token_hash=f"h-{user.id}", user_id=user.id, expires_at=T0))
    store.delete_user(gone.id)
    with pytest.raises(NotFound):
        store.get_user(gone.id)
    with pytest.raises(NotFound):
        store.find_user("gone@example.org")
    for read in (store.list_mood_events, store.list_playlists, store.list_feedback, store.list_listens,
                 store.get_preferences, store.get_credentials):
        with pytest.raises(NotFound):
            read(gone.id)  # type: ignore[operator]
    assert store.get_session(f"h-{gone.id}") is None
    # The other user is untouched, and the email can be used again.
    assert len(store.list_mood_events(keep.id)) == 1
    assert store.get_session(f"h-{keep.id}") is not None
    assert store.create_user("gone@example.org").id != gone.id


def test_purge_removes_only_expired_sessions(store: Store) -> None:
    user = store.create_user("purge@example.org")
    for name, hours in (("old", -2), ("older", -30), ("live", 5)):
        store.add_session(SessionRecord(token_hash=name, user_id=user.id, expires_at=T0 + timedelta(hours=hours)))
    assert store.purge_sessions(T0) == 2
    assert store.get_session("old") is None and store.get_session("older") is None
    assert store.get_session("live") is not None
    assert store.purge_sessions(T0) == 0


def test_login_failures_count_atomically(store: Store) -> None:
    from concurrent.futures import ThreadPoolExecutor

    user = store.create_user("fails@example.org")
    with pytest.raises(NotFound):
        store.count_login_failure(user.id)  # no password yet
    store.save_credentials(Credentials(user_id=user.id, password_hash="$argon2id$x"))
    with ThreadPoolExecutor(4) as pool:
        counts = list(pool.map(lambda _: store.count_login_failure(user.id), range(8)))
    assert max(counts) == 8 and min(counts) >= 1  # each call sees at least its own failure
    creds = store.get_credentials(user.id)
    assert creds is not None and creds.failed_logins == 8 and creds.password_hash == "$argon2id$x"


def test_credentials_and_sessions(store: Store) -> None:
    user = store.create_user("creds@example.org")
    assert store.get_credentials(user.id) is None
    creds = Credentials(user_id=user.id, password_hash="$argon2id$v=19$abc", failed_logins=2,
                        locked_until=T0 + timedelta(minutes=5))
    store.save_credentials(creds)
    assert store.get_credentials(user.id) == creds
    session = SessionRecord(token_hash="a" * 64, user_id=user.id, expires_at=T0 + timedelta(days=1),
                            created_at=T0)
    store.add_session(session)
    assert store.get_session("a" * 64) == session
    store.delete_session("a" * 64)
    assert store.get_session("a" * 64) is None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")),
                    max_size=200))
def test_any_display_name_comes_back_verbatim(store: Store, name: str) -> None:
    import uuid

    user = store.create_user(f"h-{uuid.uuid4().hex[:12]}@example.org", display_name=name)
    assert store.get_user(user.id).display_name == name


def test_nul_and_overlong_names_are_refused_everywhere(store: Store) -> None:
    for bad in ("a\x00b", "x" * 201, "lone \ud800 surrogate", "bell\x07", "esc\x1b[31m", "c1\x85"):
        with pytest.raises(ValueError, match="display name"):
            store.create_user("nul@example.org", display_name=bad)
