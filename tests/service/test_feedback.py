"""Feedback: the server supplies artist and tags, a retry counts once, only real plays are listens."""

from __future__ import annotations

import pytest

from moodify import service
from moodify.errors import InvalidInput, NotFound
from moodify.service import Context
from moodify.store import PlaylistRecord, StoredTrack, User
from moodify.types import EmotionScores

SHOWN = StoredTrack(key="offline:7", title="Seven", artist="The Sevens", tags=("calm", "piano"), duration_s=200.0)


@pytest.fixture
def shown(ctx: Context, ann: User) -> PlaylistRecord:
    record = PlaylistRecord(user_id=ann.id, emotion="sad", mode="lift", track_keys=(SHOWN.key,), tracks=(SHOWN,))
    ctx.store.add_playlist(record)
    return record


def test_feedback_carries_what_was_shown_and_a_retry_is_stored_once(ctx: Context, ann: User,
                                                                    shown: PlaylistRecord) -> None:
    first = service.give_feedback(ctx, ann, "like", track_key=SHOWN.key, playlist_id=shown.id)
    retry = service.give_feedback(ctx, ann, "like", track_key=SHOWN.key, playlist_id=shown.id)
    assert first.stored and not retry.stored
    [event] = ctx.store.list_feedback(ann.id)
    assert (event.artist, event.tags) == ("The Sevens", ("calm", "piano"))


def test_a_track_never_shown_or_someone_elses_playlist_is_refused(ctx: Context, ann: User,
                                                                  shown: PlaylistRecord) -> None:
    with pytest.raises(NotFound, match="not in any playlist"):
        service.give_feedback(ctx, ann, "like", track_key="offline:999")
    bo = ctx.auth.sign_up("bo@example.org", "correct horse battery staple").user
    with pytest.raises(NotFound):
        service.give_feedback(ctx, bo, "like", track_key=SHOWN.key, playlist_id=shown.id)
    assert ctx.store.list_feedback(ann.id) == [] and ctx.store.list_feedback(bo.id) == []


def test_only_audio_that_played_is_a_play_and_a_listen(ctx: Context, ann: User, shown: PlaylistRecord) -> None:
    for seconds in (None, 0.0, 4.9):
        with pytest.raises(InvalidInput, match="at least 5 s"):
            service.give_feedback(ctx, ann, "play", track_key=SHOWN.key, seconds=seconds)
    assert ctx.store.list_listens(ann.id) == []
    played = service.give_feedback(ctx, ann, "play", track_key=SHOWN.key, seconds=12.0, attempt="1")
    finished = service.give_feedback(ctx, ann, "finished", track_key=SHOWN.key, attempt="1")
    skipped = service.give_feedback(ctx, ann, "skip", track_key=SHOWN.key, attempt="2")
    assert played.listened and finished.listened and not skipped.listened
    listens = ctx.store.list_listens(ann.id)
    assert [(e.seconds, e.completed) for e in listens] == [(12.0, False), (200.0, True)]


def test_a_short_track_played_to_its_end_is_a_play(ctx: Context, ann: User) -> None:
    jingle = StoredTrack(key="local:j", title="Jingle", artist="Me", duration_s=3.0)
    ctx.store.add_playlist(PlaylistRecord(user_id=ann.id, emotion="happy", mode="match",
                                          track_keys=(jingle.key,), tracks=(jingle,)))
    with pytest.raises(InvalidInput):
        service.give_feedback(ctx, ann, "play", track_key=jingle.key, seconds=1.0)
    assert service.give_feedback(ctx, ann, "play", track_key=jingle.key, seconds=2.9).listened


def test_the_ranking_learns_from_server_side_feedback(ctx: Context, ann: User) -> None:
    made = service.make_playlist(ctx, ann, EmotionScores.one_hot("sad"), mode="match", seed=1)
    disliked = made.playlist.items[0].track
    service.give_feedback(ctx, ann, "dislike", track_key=disliked.key, playlist_id=made.id)
    again = service.make_playlist(ctx, ann, EmotionScores.one_hot("sad"), mode="match", seed=1)
    assert disliked.key not in {i.track.key for i in again.playlist.items}
