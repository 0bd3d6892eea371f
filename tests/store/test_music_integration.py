"""The store is what the ranking learns from: it satisfies the music part's FeedbackStore/ListenSource."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from moodify.music.feedback import FeedbackStore, ListenSource
from moodify.settings import Settings
from moodify.store import Store
from moodify.types import EmotionScores, FeedbackEvent


def test_every_backend_is_a_feedback_store(store: Store) -> None:
    assert isinstance(store, FeedbackStore) and isinstance(store, ListenSource)


def test_disliked_tracks_stay_out_of_the_next_playlist(store: Store) -> None:
    from moodify import recommend

    settings = Settings(providers=["offline"], _env_file=None)
    user = store.create_user("listener@example.org")
    scores = EmotionScores.from_mapping({"sad": 1.0})
    first = recommend(scores, "lift", 10, user_id=user.id, feedback=store, settings=settings, seed=3,
                      providers=["offline"])
    disliked = first.items[0].track.key
    store.add_feedback(FeedbackEvent(user_id=user.id, track_key=disliked, kind="dislike",
                                     at=datetime.now(UTC) - timedelta(minutes=1)))
    second = recommend(scores, "lift", 10, user_id=user.id, feedback=store, settings=settings, seed=3,
                       providers=["offline"])
    assert disliked not in {item.track.key for item in second.items}
