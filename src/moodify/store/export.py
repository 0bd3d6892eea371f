"""A user's data as JSON (one document) or CSV (one table, a ``record`` column says which kind of row)."""

from __future__ import annotations

import base64
import csv
import io
import json
from dataclasses import asdict
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from moodify.store.models import UserExport
from moodify.types import EMOTIONS

if TYPE_CHECKING:
    from moodify.store.base import Store

ExportFormat = Literal["json", "csv"]
EXPORT_VERSION = 1

CSV_COLUMNS: tuple[str, ...] = (
    "record", "at", "id", "emotion", "confidence", *(f"p_{e}" for e in EMOTIONS), "source", "idempotency_key",
    "mode", "track_key", "track_keys", "kind", "artist", "tags", "seconds", "completed", "title", "value",
    "played_at",  # last, so the columns before it keep their places
)


def collect_export(store: Store, user_id: str) -> UserExport:
    """Everything stored about ``user_id``, gathered through the Store interface (same for every backend)."""
    return UserExport(
        user=store.get_user(user_id),
        preferences=store.get_preferences(user_id),
        mood_events=tuple(store.list_mood_events(user_id)),
        playlists=tuple(store.list_playlists(user_id)),
        feedback=tuple(store.list_feedback(user_id)),
        listens=tuple(store.list_listens(user_id)),
    )


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def to_json_dict(export: UserExport) -> dict[str, Any]:
    moods = []
    for event in export.mood_events:
        row = _plain(asdict(event))
        row["probabilities"] = dict(zip(EMOTIONS, event.probabilities, strict=True))
        moods.append(row)
    return {
        "format": "moodify-export", "version": EXPORT_VERSION, "exported_at": export.exported_at.isoformat(),
        "user": _plain(asdict(export.user)),
        "preferences": _plain(asdict(export.preferences)),
        "mood_events": moods,
        "playlists": [_plain(asdict(p)) for p in export.playlists],
        "feedback": [_plain(asdict(f)) for f in export.feedback],
        "listens": [_plain(asdict(e)) for e in export.listens],
    }


def to_json(export: UserExport) -> str:
    return json.dumps(to_json_dict(export), ensure_ascii=False, indent=2)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula (an artist named ``=HYPERLINK(...)`` from a
    provider, say) gets a leading apostrophe; JSON exports stay verbatim."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class _SafeWriter(csv.DictWriter):
    def writerow(self, rowdict: Any) -> Any:
        return super().writerow({k: _cell(v) for k, v in rowdict.items()})


def to_csv(export: UserExport) -> str:
    out = io.StringIO()
    writer = _SafeWriter(out, fieldnames=CSV_COLUMNS, extrasaction="raise")
    writer.writeheader()
    user = export.user
    writer.writerow({"record": "user", "at": user.created_at.isoformat(), "id": user.id,
                     "title": user.display_name, "value": user.email})
    prefs = export.preferences
    writer.writerow({"record": "preferences", "mode": prefs.default_mode, "value": json.dumps({
        "favourite_genres": prefs.favourite_genres, "blocked_genres": prefs.blocked_genres,
        "providers": prefs.providers, "store_photos": prefs.store_photos})})
    for m in export.mood_events:
        writer.writerow({"record": "mood", "at": m.at.isoformat(), "id": m.id, "emotion": m.emotion,
                         "confidence": m.confidence, "source": m.source, "idempotency_key": m.idempotency_key,
                         **{f"p_{e}": p for e, p in zip(EMOTIONS, m.probabilities, strict=True)},
                         "value": "photo stored" if m.photo else ""})
    for p in export.playlists:
        writer.writerow({"record": "playlist", "at": p.at.isoformat(), "id": p.id, "emotion": p.emotion,
                         "mode": p.mode, "track_keys": " ".join(p.track_keys),
                         "played_at": p.played_at.isoformat() if p.played_at else ""})
    for f in export.feedback:
        writer.writerow({"record": "feedback", "at": f.at.isoformat(), "track_key": f.track_key,
                         "kind": f.kind, "artist": f.artist, "tags": " ".join(f.tags)})
    for e in export.listens:
        writer.writerow({"record": "listen", "at": e.at.isoformat(), "track_key": e.track_key,
                         "seconds": e.seconds, "completed": e.completed, "title": e.title,
                         "artist": e.artist})
    return out.getvalue()


def render(export: UserExport, fmt: ExportFormat) -> str:
    if fmt == "json":
        return to_json(export)
    if fmt == "csv":
        return to_csv(export)
    raise ValueError(f"unknown export format {fmt!r}; known: json, csv")
