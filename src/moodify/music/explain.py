"""One sentence per track: which step it serves, which of its tags fit, and what the user liked before."""

from __future__ import annotations

from moodify.music.pool import artist_key
from moodify.music.ranking import Pick, Ranking
from moodify.types import Mode, MoodPoint, Track

_DIRECTION = {
    "lift": "toward a brighter mood", "calm": "toward a calmer mood", "custom": "toward your target",
}


def reason(
    track: Track, pick: Pick, n_steps: int, emotion: str, mode: Mode, target: MoodPoint, ranking: Ranking,
) -> str:
    lead = _lead(pick.step, n_steps, emotion, mode)
    fit = _fit(track, target)
    liked = _liked(track, ranking)
    return f"{lead}: {fit}{liked}."


def _lead(step: int, n_steps: int, emotion: str, mode: Mode) -> str:
    if mode == "match":
        return f"Matches your {emotion} mood"
    if step == 0:
        return f"Step 1 of {n_steps}, starting where you are ({emotion})"
    return f"Step {step + 1} of {n_steps} {_DIRECTION[mode]}"


def _fit(track: Track, target: MoodPoint) -> str:
    where = f"valence {track.valence:+.2f}, arousal {track.arousal:+.2f}"
    aim = f"this step aims at {target.valence:+.2f}, {target.arousal:+.2f}"
    tags = ", ".join(track.tags[:3])
    return f"tagged {tags} ({where}; {aim})" if tags else f"{where} ({aim})"


def _liked(track: Track, ranking: Ranking) -> str:
    liked_tags = [t for t in track.tags if t in ranking.liked_tags]
    if artist_key(track) in ranking.liked_artists:
        return f", and you liked {track.artist} before"
    if liked_tags:
        return f", and you liked {', '.join(liked_tags[:2])} tracks before"
    favourites = [t for t in track.tags if t.lower() in ranking.favourite_tags]
    if favourites:
        return f", and {', '.join(favourites[:2])} is among your favourites"
    return ""
