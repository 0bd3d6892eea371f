"""Playlists: preferences apply on every path, what was shown is kept, a store failure still plays."""

from __future__ import annotations

from collections import Counter

import pytest

from moodify import service
from moodify.errors import NotFound, StoreError
from moodify.service import Context
from moodify.store import Preferences, User
from moodify.types import EmotionScores

HAPPY = EmotionScores.one_hot("happy")


def test_blocked_tags_never_appear_and_the_default_mode_applies(ctx: Context, ann: User) -> None:
    first = service.make_playlist(ctx, ann, HAPPY, n=30, seed=0).playlist
    assert first.mode == "match"
    common = Counter(t for i in first.items for t in i.track.tags).most_common(1)[0][0]
    ctx.store.set_preferences(Preferences(user_id=ann.id, default_mode="calm", blocked_genres=(common,)))
    made = service.make_playlist(ctx, ann, HAPPY, n=30, seed=0)
    assert made.playlist.mode == "calm" and len(made.playlist.items) == 30
    assert not any(common in i.track.tags for i in made.playlist.items)


def test_the_playlist_is_kept_as_shown_and_only_its_owner_sees_it(ctx: Context, ann: User) -> None:
    made = service.make_playlist(ctx, ann, HAPPY, n=5, seed=2)
    assert made.id is not None
    record = service.get_playlist(ctx, ann, made.id)
    assert [(t.key, t.title, t.reason) for t in record.tracks] == [
        (i.track.key, i.track.title, i.reason) for i in made.playlist.items]
    bo = ctx.auth.sign_up("bo@example.org", "correct horse battery staple").user
    with pytest.raises(NotFound):
        service.get_playlist(ctx, bo, made.id)


def test_a_playlist_that_cannot_be_saved_still_plays_and_says_so(ctx: Context, ann: User,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(record: object) -> None:
        raise StoreError("disk full")

    monkeypatch.setattr(ctx.store, "add_playlist", broken)
    made = service.make_playlist(ctx, ann, HAPPY, n=5, seed=2)
    assert made.id is None and len(made.playlist.items) == 5
    assert any("could not be saved" in w for w in made.playlist.warnings)
