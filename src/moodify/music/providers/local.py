"""A local music folder (``MOODIFY_MUSIC_DIR``): tags read with mutagen, mood estimated from genre/tags/BPM.

Files play offline through their ``file://`` URL. The folder is scanned once per provider instance and
rescanned when its modification time changes.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import mutagen

from moodify.errors import ProviderError
from moodify.music.genres import genres_of
from moodify.music.http import HttpClient
from moodify.music.providers.base import PROVIDERS, CandidateQuery
from moodify.music.tags import mean_point
from moodify.settings import Settings
from moodify.types import MoodPoint, Track

log = logging.getLogger(__name__)

AUDIO_SUFFIXES = frozenset(
    {".mp3", ".flac", ".ogg", ".oga", ".opus", ".m4a", ".mp4", ".wav", ".aiff", ".wma"})
_MAX_FILES = 20_000
# Easy-tag names and their raw ID3 frames (WAV/AIFF files only expose the raw ones).
_FIELDS = {"title": "TIT2", "artist": "TPE1", "genre": "TCON", "bpm": "TBPM", "mood": "TMOO"}


def bpm_arousal(bpm: float) -> float:
    """Tempo as arousal: 70 BPM reads calm (-0.5), 130 BPM lively (+0.5); clipped to [-0.9, 0.9]."""
    return max(-0.9, min(0.9, (bpm - 100.0) / 60.0))


def estimate_mood(words: Sequence[str], bpm: float | None) -> MoodPoint | None:
    """Genre/mood words give valence and arousal; a BPM, when tagged, replaces half of the arousal."""
    point = mean_point(words)
    if bpm is None or bpm <= 0:
        return point
    if point is None:
        return MoodPoint(0.0, round(bpm_arousal(bpm), 6))
    return MoodPoint(point.valence, round((point.arousal + bpm_arousal(bpm)) / 2, 6))


class LocalProvider:
    name = "local"

    def __init__(self, settings: Settings, http: HttpClient) -> None:
        self._root = settings.music_dir
        self._scanned: tuple[float, list[Track]] | None = None

    def candidates(self, query: CandidateQuery) -> Sequence[Track]:
        if self._root is None:
            raise ProviderError("local needs a music folder (set MOODIFY_MUSIC_DIR)")
        root = self._root.expanduser()
        if not root.is_dir():
            raise ProviderError(f"the music folder {root} does not exist")
        try:
            mtime = root.stat().st_mtime
            if self._scanned is None or self._scanned[0] != mtime:
                self._scanned = (mtime, scan(root))
        except OSError as exc:
            raise ProviderError(f"the music folder {root} could not be read ({exc.strerror or exc})") from exc
        return self._scanned[1]


def scan(root: Path) -> list[Track]:
    tracks: list[Track] = []
    for i, path in enumerate(sorted(p for p in root.rglob("*") if p.suffix.lower() in AUDIO_SUFFIXES)):
        if i >= _MAX_FILES:
            log.warning("music folder has more than %d audio files; the rest are ignored", _MAX_FILES)
            break
        track = read_track(path, root)
        if track is not None:
            tracks.append(track)
    return tracks


def read_track(path: Path, root: Path) -> Track | None:
    """One file -> Track, or None (with a logged reason) when it can't be read or placed."""
    try:
        audio = mutagen.File(path, easy=True)
    except (mutagen.MutagenError, OSError) as exc:
        log.warning("skipping %s: %s", path.name, exc)
        return None
    if audio is None:
        log.info("skipping %s: not an audio format mutagen knows", path.name)
        return None
    tags = audio.tags if audio.tags is not None else {}
    title = _field(tags, "title") or path.stem
    artist = _field(tags, "artist") or "Unknown artist"
    words = [w.strip() for key in ("genre", "mood") for w in _field(tags, key).replace(";", ",").split(",")]
    words = [w for w in words if w]
    bpm = _number(_field(tags, "bpm"))
    point = estimate_mood(words, bpm)
    if point is None:
        log.info("skipping %s: no genre, mood or BPM tag to estimate its mood from", path.name)
        return None
    rel = path.relative_to(root).as_posix()
    length = getattr(getattr(audio, "info", None), "length", None)
    return Track(
        id=hashlib.sha1(rel.encode("utf-8")).hexdigest()[:16], provider="local", title=title, artist=artist,
        url=path.resolve().as_uri(), stream_url=path.resolve().as_uri(),
        tags=tuple(w.lower() for w in words), valence=point.valence, arousal=point.arousal,
        license="your own file", duration_s=float(length) if length else None,
        genres=genres_of(_field(tags, "genre").replace(";", ",").split(",")),
    )


def _field(tags: Any, name: str) -> str:
    for key in (name, _FIELDS[name]):
        try:
            value = tags.get(key)
        except (KeyError, ValueError, TypeError):
            value = None
        if value is None:
            continue
        text = getattr(value, "text", value)
        if isinstance(text, list | tuple):
            text = text[0] if text else ""
        if str(text).strip():
            return str(text).strip()
    return ""


def _number(text: str) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


@PROVIDERS.register("local")
def _make(settings: Settings, http: HttpClient) -> LocalProvider:
    return LocalProvider(settings, http)
