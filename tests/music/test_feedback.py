from __future__ import annotations

from datetime import UTC, datetime, timedelta

from moodify.music.feedback import FeedbackStore, InMemoryFeedbackStore
from moodify.music.serialize import playlist_json
from moodify.types import EmotionScores, FeedbackEvent, MoodPoint, Playlist, PlaylistItem

from .fakes import make_track

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def test_in_memory_store_is_per_user_and_oldest_first() -> None:
    store = InMemoryFeedbackStore()
    assert isinstance(store, FeedbackStore)
    t = make_track(1, artist="Nina", tags=("sad", "piano"))
    for user, kind, at in [("u1", "like", T0 + timedelta(hours=1)), ("u1", "skip", T0), ("u2", "dislike", T0)]:
        store.add_feedback(FeedbackEvent(user, t.key, kind, at, artist=t.artist, tags=t.tags))  # type: ignore[arg-type]
    events = store.list_feedback("u1")
    assert [e.kind for e in events] == ["skip", "like"]
    assert events[0].artist == "Nina" and events[0].tags == ("sad", "piano")
    assert events[0].track_key == "fake:1"
    assert store.list_feedback("nobody") == []


def test_playlist_json_has_the_promised_keys() -> None:
    item = PlaylistItem(make_track(3), "Because.", MoodPoint(0.1, 0.2), 0.5)
    pl = Playlist("sad", "lift", MoodPoint(-0.6, -0.3), MoodPoint(0.7, 0.35), (item,), ("w",))
    out = playlist_json(pl, EmotionScores.one_hot("sad"))
    assert {"emotion", "mode", "tracks", "warnings", "probabilities"} <= set(out)
    t = out["tracks"][0]
    assert {"id", "provider", "title", "artist", "url", "stream_url", "tags", "valence", "arousal", "reason",
            "license"} <= set(t)
    assert t["key"] == "fake:3" and t["step_target"] == {"valence": 0.1, "arousal": 0.2}
    assert "probabilities" not in playlist_json(pl)
