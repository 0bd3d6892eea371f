"""Why each track is there, in words a person reads (``reason``), and the numbers behind it (``details``).

"Calm and bright folk, a step brighter (track 3 of 10, 88 % fit); you liked this artist before." Each
sentence is made only of facts about its track: how it feels, its genres, its step, how close it is to that
step's target, and what the listener said or did about it. Two tracks share a sentence only when they share
all of these. The track's own position, its step target and its tags go to ``details``, which the UI shows
behind a toggle. Functional tags (advertising, film, trailer ...) say what music was made for, not how it
feels, so they are never cited.
"""

from __future__ import annotations

from moodify.music.pool import artist_key
from moodify.music.ranking import Pick, Ranking
from moodify.music.tags import FUNCTIONAL_TAGS
from moodify.types import Mode, MoodPoint, Track

_STEP = {"lift": "a step brighter", "calm": "a step calmer", "custom": "a step toward your target"}
_END = {"lift": "the brighter place this playlist is heading for",
        "calm": "the calmer place this playlist is heading for", "custom": "your target"}


def feel(valence: float, arousal: float) -> str:
    """Two words for a point of the plane: energy first, then warmth ("Calm and warm")."""
    energy = "Lively" if arousal > 0.3 else "Calm" if arousal < -0.3 else "Steady"
    warmth = "bright" if valence > 0.3 else "sombre" if valence < -0.3 else "even"
    if energy == "Steady" and warmth == "even":
        return "Even and unhurried"
    return f"{energy} and {warmth}"


def reason(
    track: Track, pick: Pick, n_steps: int, emotion: str, mode: Mode, target: MoodPoint, ranking: Ranking,
) -> str:
    fit = f"{round(100 * pick.parts.mood_fit)} % fit"
    where = _where(pick.step, n_steps, emotion, mode, fit)
    liked = _liked(track, ranking)
    genre = " and ".join(track.genres[:2])
    head = f"{feel(track.valence, track.arousal)} {genre}" if genre else feel(track.valence, track.arousal)
    return f"{head}, {where}{'; ' + liked if liked else ''}."


def details(track: Track, target: MoodPoint, pick: Pick) -> str:
    tags = [t for t in track.tags if t.lower() not in FUNCTIONAL_TAGS]
    parts = [f"valence {track.valence:+.2f}, arousal {track.arousal:+.2f}",
             f"this step aims at {target.valence:+.2f}, {target.arousal:+.2f}",
             f"mood fit {pick.parts.mood_fit:.2f}, preference {pick.parts.preference:+.2f}"]
    if tags:
        parts.append("tags " + ", ".join(tags[:4]))
    return "; ".join(parts)


def _where(step: int, n_steps: int, emotion: str, mode: Mode, fit: str) -> str:
    if mode == "match":
        return f"close to your {emotion} mood ({fit})"
    if step == 0:
        return f"starting where you are ({emotion}, {fit})"
    if step == n_steps - 1:
        return f"arriving at {_END[mode]} ({fit})"
    return f"{_STEP[mode]} (track {step + 1} of {n_steps}, {fit})"


def _liked(track: Track, ranking: Ranking) -> str:
    if artist_key(track) in ranking.liked_artists:
        return "you liked this artist before"
    liked_genres = [g for g in track.genres if g in ranking.liked_genres]
    if liked_genres:
        return f"you liked {liked_genres[0]} tracks before"
    favourite_genres = [g for g in track.genres if g in ranking.favourite_genres]
    if favourite_genres:
        return f"{favourite_genres[0]} is one of your favourite genres"
    moods = [t for t in track.tags if t.lower() not in FUNCTIONAL_TAGS]
    liked_tags = [t for t in moods if t in ranking.liked_tags]
    if liked_tags:
        return f"you liked {' and '.join(liked_tags[:2])} tracks before"
    favourites = [t for t in track.tags if t.lower() in ranking.favourite_tags]
    if favourites:
        return f"{favourites[0]} is one of your favourites"
    return ""
