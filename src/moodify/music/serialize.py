"""Playlist -> JSON-ready dict for the CLI's --json output (the API renders its own pydantic schemas)."""

from __future__ import annotations

from typing import Any

from moodify.music.links import open_links
from moodify.types import EmotionScores, MoodPoint, Playlist, PlaylistItem


def point_json(p: MoodPoint) -> dict[str, float]:
    return {"valence": round(p.valence, 4), "arousal": round(p.arousal, 4)}


def item_json(it: PlaylistItem) -> dict[str, Any]:
    t = it.track
    return {
        "id": t.id, "provider": t.provider, "key": t.key, "title": t.title, "artist": t.artist, "url": t.url,
        "stream_url": t.stream_url, "tags": list(t.tags), "valence": round(t.valence, 4),
        "arousal": round(t.arousal, 4), "reason": it.reason, "license": t.license,
        "license_url": t.license_url, "artwork_url": t.artwork_url, "genres": list(t.genres),
        # as the API says it: what plays, whether it is a clip, and the song's own length
        "duration_s": t.preview_s if t.preview_s is not None else t.duration_s,
        "preview": t.preview_s is not None, "full_duration_s": t.duration_s,
        "step_target": point_json(it.step_target), "score": round(it.score, 4),
        "details": it.details, "artist_url": t.artist_url,
        "links": [{"service": link.service, "url": link.url} for link in open_links(t)],
    }


def playlist_json(playlist: Playlist, scores: EmotionScores | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"emotion": playlist.emotion, "mode": playlist.mode}
    if scores is not None:
        out["probabilities"] = scores.as_dict()
    out |= {
        "start": point_json(playlist.start),
        "target": point_json(playlist.target),
        "tracks": [item_json(it) for it in playlist.items],
        "warnings": list(playlist.all_warnings),
    }
    return out
