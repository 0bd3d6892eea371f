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
    # the key decides; the index is where the browser had it (off by one after a dislike took a track out)
    moved = parse_event({"kind": "like", "key": "offline:1", "index": 1}, current)
    assert moved is not None and moved.track.title == "T1"
    assert parse_event({"kind": "like", "key": "offline:3", "index": 1}, current) is None  # not in the playlist
    assert parse_event({"kind": "like", "key": "offline:3", "index": -1}, current) is None
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


def test_queue_says_where_a_track_comes_from_and_how_long_it_is() -> None:
    preview = track(1, provider="deezer", stream_url="https://cdnt-preview.dzcdn.net/1.mp3", preview_s=30.0,
                    duration_s=215.0, artwork_url="https://e-cdns-images.dzcdn.net/images/cover/1/250x250.jpg")
    full = track(2, provider="audius", duration_s=185.0)
    unknown = track(3)
    data = queue_data(playlist(preview, full, unknown), 0, None)
    first, second, third = data["tracks"]
    assert (first["provider"], first["length"]) == ("Deezer", "30-s preview")
    assert first["artwork"].startswith("https://e-cdns-images.dzcdn.net/")
    assert (second["provider"], second["length"]) == ("Audius", "3:05")
    assert (third["provider"], third["length"]) == ("Jamendo catalogue", "")
    assert data["notice"] == ""


def test_offline_deezer_playlist_says_previews_need_a_connection() -> None:
    offline = track(1, provider="deezer", stream_url=None, url="https://www.deezer.com/track/1")
    data = queue_data(playlist(offline), 0, None)
    assert data["notice"].startswith("No preview here right now") and "Settings" not in data["notice"]
    assert data["tracks"][0]["url"] == "https://www.deezer.com/track/1" and data["tracks"][0]["src"] is None


def test_stream_errors_are_reported_apart_and_never_as_plays() -> None:
    from moodify.ui.components.player import StreamError, new_events_and_errors

    current = playlist(track(1), track(2))
    log = {"sid": "s", "events": [
        {"n": 1, "kind": "stream_error", "key": "offline:1", "index": 0, "error": "network"},
        {"n": 2, "kind": "play", "key": "offline:2", "index": 1, "seconds": 5.2},
        {"n": 3, "kind": "stream_error", "key": "offline:2", "index": 1, "error": "<script>"},
    ]}
    events, errors, seen = new_events_and_errors(log, current, ("", 0))
    assert [(e.kind, e.seconds) for e in events] == [("play", 5.2)]
    assert errors == [StreamError(current.items[0].track, 0, "network"),
                      StreamError(current.items[1].track, 1, "unknown")]
    assert seen == ("s", 3)
    only_feedback, seen2 = new_events(log, current, ("", 0))
    assert [e.kind for e in only_feedback] == ["play"] and seen2 == ("s", 3)


def test_player_js_counts_only_real_plays() -> None:
    js = (Path(__file__).resolve().parents[2] / "src/moodify/ui/components/player.js").read_text()
    start = js.split("function start(p)")[1].split("\nfunction ")[0]
    assert "const PLAYED_S = 5;" in js and 'send("play"' not in start  # pressing play is not a play
    assert '"stream_error"' in js and "NotAllowedError" in js


def test_start_marks_the_page_and_events_keep_their_number() -> None:
    from moodify.ui.components.player import new_events_and_errors

    current = playlist(track(1))
    log = {"sid": "s", "events": [{"n": 1, "kind": "start", "key": "offline:1", "index": 0},
                                  {"n": 2, "kind": "play", "key": "offline:1", "index": 0, "seconds": 5.2}]}
    events, errors, _ = new_events_and_errors(log, current, ("", 0))
    assert [(e.kind, e.seconds, e.number) for e in events] == [("start", None, 1), ("play", 5.2, 2)] and not errors
