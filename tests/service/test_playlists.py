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


def test_a_draft_stores_nothing_until_saved_and_only_safe_urls_are_kept(ctx: Context, ann: User) -> None:
    from dataclasses import replace

    draft = service.draft_playlist(ctx, ann, HAPPY, n=4, seed=1)
    assert len(draft.items) == 4 and ctx.store.list_playlists(ann.id) == []
    bad = replace(draft.items[0].track, url="https://a.example/x\n#EXTINF:-1,X\nfile:///etc/passwd",
                  artwork_url="javascript:alert(1)", license_url="https://ok.example/licence")
    made = service.save_playlist(ctx, ann, replace(draft, items=(replace(draft.items[0], track=bad),
                                                                  *draft.items[1:])))
    [record] = ctx.store.list_playlists(ann.id)
    assert record.id == made.id and record.track_keys == tuple(i.track.key for i in draft.items)
    kept = record.tracks[0]
    assert kept.url == "" and kept.artwork_url is None and kept.license_url == "https://ok.example/licence"
    # "New playlist": the tracks on screen are left out as if just heard
    again = service.draft_playlist(ctx, ann, HAPPY, n=4, seed=1, avoid=record.track_keys)
    assert not set(record.track_keys) & {i.track.key for i in again.items}


def test_play_again_resolves_streams_and_leaves_out_disliked_tracks(ctx: Context, ann: User) -> None:
    made = service.make_playlist(ctx, ann, HAPPY, n=5, seed=3)
    assert made.id is not None
    gone = made.playlist.items[1].track.key
    service.give_feedback(ctx, ann, "dislike", track_key=gone, playlist_id=made.id)
    playlist, missing = service.replay(ctx, ann, made.id)
    keys = [i.track.key for i in playlist.items]
    assert keys == [i.track.key for i in made.playlist.items if i.track.key != gone]
    assert missing == 0 and all(i.track.stream_url for i in playlist.items)  # the catalogue's streams, rebuilt
    assert [i.reason for i in playlist.items] == [i.reason for i in made.playlist.items if i.track.key != gone]
    assert "#EXTM3U" in service.export_file(ctx, ann, made.id, "m3u8")
    with pytest.raises(NotFound):
        service.replay(ctx, ctx.auth.sign_up("bo@example.org", "a long enough passphrase").user, made.id)


def test_playing_a_playlist_again_moves_it_to_the_top_and_bringing_it_back_does_not(
        ctx: Context, ann: User) -> None:
    old, new = (service.make_playlist(ctx, ann, HAPPY, n=3, seed=seed) for seed in (4, 5))
    assert old.id is not None and new.id is not None
    assert [p.id for p in service.list_playlists(ctx, ann)] == [new.id, old.id]
    service.replay(ctx, ann, old.id, mark=False)  # a reload restoring the player: no new play
    assert [p.id for p in service.list_playlists(ctx, ann)] == [new.id, old.id]
    assert service.get_playlist(ctx, ann, old.id).played_at is None
    playlist, _ = service.replay(ctx, ann, old.id)
    assert not playlist.warnings
    top, second = service.list_playlists(ctx, ann)
    assert (top.id, second.id) == (old.id, new.id) and top.played_at is not None and top.played_at > second.at
    assert [p.id for p in service.list_playlists(ctx, ann, limit=1)] == [old.id]
    service.replay(ctx, ann, new.id)  # the latest activity wins
    assert [p.id for p in service.list_playlists(ctx, ann)] == [new.id, old.id]
    bo = ctx.auth.sign_up("bo@example.org", "a long enough passphrase").user
    with pytest.raises(NotFound):
        service.replay(ctx, bo, old.id)
    assert service.list_playlists(ctx, ann)[1].played_at == top.played_at  # bo's try changed nothing


def test_a_replay_that_cannot_be_recorded_still_plays_and_says_so(ctx: Context, ann: User,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    made = service.make_playlist(ctx, ann, HAPPY, n=3, seed=6)
    assert made.id is not None

    def broken(user_id: str, playlist_id: str, at: object) -> None:
        raise StoreError("database is locked")

    monkeypatch.setattr(ctx.store, "mark_playlist_played", broken)
    playlist, missing = service.replay(ctx, ann, made.id)
    assert len(playlist.items) == 3 and missing == 0
    assert any("could not be recorded" in w for w in playlist.warnings)
