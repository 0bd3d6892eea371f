"""The docked player's Python side: the queue it is given and the events it sends back."""

from __future__ import annotations

import json
from pathlib import Path

from moodify.types import MoodPoint, Playlist, PlaylistItem, Track
from moodify.ui.components.player import local_path, new_events, parse_event, queue_data, stream_src


def track(i: int, **kw: object) -> Track:
    base: dict[str, object] = dict(id=str(i), provider="offline", title=f"T{i}", artist=f"A{i}",
                                   url=f"https://www.jamendo.com/track/{i}",
                                   stream_url=f"https://stream.example/{i}.mp3")
    base.update(kw)
    return Track(**base)  # type: ignore[arg-type]


def playlist(*tracks: Track) -> Playlist:
    point = MoodPoint(0.0, 0.0)
    return Playlist("happy", "match", point, point,
                    tuple(PlaylistItem(track=t, reason="because", step_target=point) for t in tracks))


def test_queue_carries_what_the_player_needs_and_drops_unsafe_links() -> None:
    evil = track(2, title='<img src=x onerror="alert(1)">', url="javascript:alert(1)",
                 artwork_url="javascript:alert(2)", license_url="data:text/html,hi", stream_url=None)
    data = queue_data(playlist(track(1), evil), 0, music_dir=None)
    first, second = data["tracks"]
    assert first["src"] == "https://stream.example/1.mp3" and first["key"] == "offline:1"
    assert second["title"] == '<img src=x onerror="alert(1)">'  # raw: the JS only uses textContent
    assert second["url"] is None and second["artwork"] is None and second["license_url"] is None
    assert second["src"] is None
    json.dumps(data)  # it crosses to the browser as JSON
    assert queue_data(None, 0, None)["tracks"] == []
    assert queue_data(playlist(track(1)), 0, None, jump=3)["jump"] == 3  # "play this one now"
    assert data["version"] != queue_data(playlist(track(3)), 0, None)["version"]


def test_local_files_only_inside_the_music_folder(tmp_path: Path) -> None:
    music = tmp_path / "music"
    music.mkdir()
    song = music / "a song.mp3"
    song.write_bytes(b"ID3")
    outside = tmp_path / "secret.txt"
    outside.write_text("no")
    inside = track(1, provider="local", stream_url=song.resolve().as_uri())
    assert local_path(inside, music) == song.resolve()
    assert local_path(track(2, provider="local", stream_url=str(song)), music) == song.resolve()
    escape = track(3, provider="local", stream_url=(music / ".." / "secret.txt").as_uri())
    assert local_path(escape, music) is None
    assert local_path(track(4, provider="local", stream_url=outside.as_uri()), music) is None
    assert local_path(inside, None) is None  # no music folder configured: nothing local is served
    assert local_path(track(5, provider="local", stream_url=(music / "gone.mp3").as_uri()), music) is None
    # without a running Streamlit server there is no media route to hand out
    assert stream_src(inside, music) is None


def test_parse_event_accepts_only_known_kinds_about_the_current_tracks() -> None:
    current = playlist(track(1), track(2))
    ok = parse_event({"kind": "like", "key": "offline:2", "index": 1}, current)
    assert ok is not None and ok.kind == "like" and ok.track.title == "T2"
    assert parse_event({"kind": "hack", "key": "offline:2", "index": 1}, current) is None
    assert parse_event({"kind": "like", "key": "offline:1", "index": 1}, current) is None  # wrong index
    assert parse_event({"kind": "like", "key": "offline:2", "index": 7}, current) is None
    assert parse_event({"kind": "like", "key": "offline:2", "index": "1"}, current) is None
    assert parse_event({"kind": "like", "key": "offline:1", "index": 0}, None) is None
    assert parse_event("like", current) is None


def test_new_events_handles_each_event_once_even_when_several_arrive_together() -> None:
    current = playlist(track(1), track(2))
    log = {"sid": "abc", "events": [
        {"n": 1, "kind": "play", "key": "offline:1", "index": 0},
        {"n": 2, "kind": "finished", "key": "offline:1", "index": 0},
        {"n": 3, "kind": "play", "key": "offline:2", "index": 1},
    ]}
    events, seen = new_events(log, current, ("", 0))
    assert [(e.kind, e.index) for e in events] == [("play", 0), ("finished", 0), ("play", 1)]
    assert seen == ("abc", 3)
    again, seen = new_events(log, current, seen)  # a rerun delivers the same log: nothing new
    assert again == [] and seen == ("abc", 3)
    log["events"].append({"n": 4, "kind": "like", "key": "offline:2", "index": 1})  # type: ignore[attr-defined]
    more, seen = new_events(log, current, seen)
    assert [e.kind for e in more] == ["like"] and seen == ("abc", 4)
    # a reloaded page starts a new player that counts from 1 again
    fresh = {"sid": "xyz", "events": [{"n": 1, "kind": "skip", "key": "offline:1", "index": 0}]}
    skipped, seen = new_events(fresh, current, seen)
    assert [e.kind for e in skipped] == ["skip"] and seen == ("xyz", 1)
    # garbage is ignored without moving the count backwards
    assert new_events({"sid": 5, "events": []}, current, seen) == ([], seen)
    assert new_events(None, current, seen) == ([], seen)
    bad = {"sid": "xyz", "events": [{"n": 2, "kind": "like", "key": "offline:9", "index": 0}, "junk"]}
    assert new_events(bad, current, seen) == ([], ("xyz", 2))


def test_events_carry_seconds_played_and_start_is_not_feedback() -> None:
    current = playlist(track(1))
    log = {"sid": "s", "events": [
        {"n": 1, "kind": "start", "key": "offline:1", "index": 0},
        {"n": 2, "kind": "play", "key": "offline:1", "index": 0, "seconds": 5.2},
        {"n": 3, "kind": "finished", "key": "offline:1", "index": 0, "seconds": "lots"},
    ]}
    events, _ = new_events(log, current, ("", 0))
    assert [(e.kind, e.seconds, e.number) for e in events] == [("start", None, 1), ("play", 5.2, 2),
                                                              ("finished", None, 3)]
