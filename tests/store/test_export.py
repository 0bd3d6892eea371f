"""Export of all of a user's data as JSON and CSV: complete, verbatim, parseable, no secrets."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pytest

from moodify.store import ListenEvent, MoodEvent, PlaylistRecord, Preferences, Store
from moodify.store.export import CSV_COLUMNS, render, to_csv, to_json, to_json_dict
from moodify.store.models import Credentials
from moodify.types import EMOTIONS, EmotionScores, FeedbackEvent

T0 = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
PLAYED = datetime(2026, 3, 2, 18, 5, tzinfo=UTC)
NASTY = '=cmd|"/c calc"!A1, "quoted"\nnew line <b>&amp;</b>'


def _fill(store: Store) -> str:
    user = store.create_user("exp@example.org", display_name=NASTY)
    store.set_preferences(Preferences(user_id=user.id, default_mode="calm", favourite_genres=("jazz",),
                                      store_photos=True))
    scores = EmotionScores.from_mapping({"angry": 0.1, "happy": 0.9})
    store.add_mood_event(MoodEvent(user_id=user.id, emotion="happy", probabilities=scores.probabilities,
                                   confidence=0.9, source="correction", at=T0, idempotency_key="k1",
                                   photo=b"\x89PNG"))
    playlist = PlaylistRecord(user_id=user.id, emotion="happy", mode="calm", at=T0,
                              track_keys=("offline:1", "audius:x"))
    store.add_playlist(playlist)
    store.mark_playlist_played(user.id, playlist.id, PLAYED)
    store.add_feedback(FeedbackEvent(user_id=user.id, track_key="offline:1", kind="finished", at=T0,
                                     artist=NASTY, tags=("lofi",)))
    store.add_listen(ListenEvent(user_id=user.id, track_key="offline:1", seconds=180.0, at=T0, completed=True,
                                 title=NASTY, artist="B"))
    store.save_credentials(Credentials(user_id=user.id, password_hash="$argon2id$SECRET-HASH"))
    return user.id


def test_json_export_is_complete_and_round_trips(store: Store) -> None:
    export = store.export_user(_fill(store))
    doc = json.loads(to_json(export))
    assert doc["format"] == "moodify-export" and doc["version"] == 1
    assert doc["user"]["display_name"] == NASTY
    assert doc["preferences"]["default_mode"] == "calm" and doc["preferences"]["store_photos"] is True
    (mood,) = doc["mood_events"]
    assert list(mood["probabilities"]) == list(EMOTIONS)
    assert mood["probabilities"]["happy"] == pytest.approx(0.9)
    assert mood["source"] == "correction" and mood["at"] == T0.isoformat() and mood["photo"] == "iVBORw=="
    assert doc["playlists"][0]["track_keys"] == ["offline:1", "audius:x"]
    assert doc["playlists"][0]["played_at"] == PLAYED.isoformat()
    assert doc["feedback"][0]["artist"] == NASTY and doc["listens"][0]["title"] == NASTY
    assert to_json_dict(export) == doc


def test_csv_export_has_every_record_verbatim(store: Store) -> None:
    export = store.export_user(_fill(store))
    text = to_csv(export)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [r["record"] for r in rows] == ["user", "preferences", "mood", "playlist", "feedback", "listen"]
    # Text that a spreadsheet would execute is defused with a leading apostrophe; the rest is verbatim.
    assert rows[0]["title"] == "'" + NASTY and rows[4]["artist"] == "'" + NASTY
    assert rows[5]["title"] == "'" + NASTY and rows[0]["value"] == "exp@example.org"
    assert float(rows[2]["p_happy"]) == pytest.approx(0.9) and rows[2]["emotion"] == "happy"
    assert rows[3]["track_keys"] == "offline:1 audius:x" and rows[3]["played_at"] == PLAYED.isoformat()
    assert rows[0]["played_at"] == ""  # only playlists have one


def test_exports_hold_no_credentials(store: Store) -> None:
    export = store.export_user(_fill(store))
    for text in (render(export, "json"), render(export, "csv")):
        assert "SECRET-HASH" not in text and "argon2" not in text


def test_unknown_format_is_refused(store: Store) -> None:
    export = store.export_user(_fill(store))
    with pytest.raises(ValueError, match="json, csv"):
        render(export, "xml")  # type: ignore[arg-type]
