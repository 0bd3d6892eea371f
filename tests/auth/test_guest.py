"""Guest mode works fully, stores nothing anywhere, and says so."""

from __future__ import annotations

from pathlib import Path

from moodify.auth import GUEST_NOTICE, guest_session
from moodify.store import MoodEvent, open_store
from moodify.types import EmotionScores, FeedbackEvent


def test_guest_can_record_and_read_back_in_the_session(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MOODIFY_DATA_DIR", str(tmp_path))
    guest = guest_session()
    assert guest.session.guest and guest.session.token == ""
    assert "nothing is saved" in guest.notice and guest.notice == GUEST_NOTICE
    scores = EmotionScores.from_mapping({"sad": 1.0})
    guest.store.add_mood_event(MoodEvent(user_id=guest.user_id, emotion="sad", confidence=1.0,
                                         probabilities=scores.probabilities, source="upload"))
    guest.store.add_feedback(FeedbackEvent(user_id=guest.user_id, track_key="offline:1", kind="like",
                                           at=guest.session.user.created_at))
    assert len(guest.store.list_mood_events(guest.user_id)) == 1
    assert len(guest.store.list_feedback(guest.user_id)) == 1
    assert list(tmp_path.iterdir()) == []  # no database file, nothing on disk


def test_guests_do_not_share_anything() -> None:
    a, b = guest_session(), guest_session()
    assert a.user_id != b.user_id and a.store is not b.store
    a.store.add_feedback(FeedbackEvent(user_id=a.user_id, track_key="x:1", kind="like",
                                       at=a.session.user.created_at))
    assert b.store.list_feedback(b.user_id) == []


def test_guest_data_never_reaches_the_real_store(tmp_path: Path) -> None:
    from moodify.settings import Settings

    real = open_store(Settings(store="sql", data_dir=tmp_path, _env_file=None))
    guest = guest_session()
    guest.store.add_feedback(FeedbackEvent(user_id=guest.user_id, track_key="x:1", kind="like",
                                           at=guest.session.user.created_at))
    from moodify.errors import NotFound

    try:
        real.list_feedback(guest.user_id)
        raise AssertionError("the guest exists in the real store")
    except NotFound:
        pass
    finally:
        real.close()
