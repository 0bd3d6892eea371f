"""Valence/arousal estimates for the words providers use to describe music.

Every estimate is a judgement call on Russell's circumplex (valence: unpleasant..pleasant, arousal:
calm..excited, both in [-1, 1]), written down here so it can be reviewed and changed in one place. The
mood/theme tags of MTG-Jamendo (59 of them) cover the offline catalog; Audius's 23 moods and a short list
of genres cover tracks that come with no mood words. Theme tags that say little about mood (film,
advertising, christmas...) sit close to the middle so they don't pull a track far.
"""

from __future__ import annotations

from collections.abc import Iterable

from moodify.types import MoodPoint

# MTG-Jamendo mood/theme tags -> (valence, arousal).
MTG_TAG_POINTS: dict[str, tuple[float, float]] = {
    # clearly pleasant and lively
    "happy": (0.8, 0.5), "fun": (0.7, 0.5), "funny": (0.7, 0.45), "party": (0.7, 0.75),
    "upbeat": (0.7, 0.6), "positive": (0.7, 0.35), "uplifting": (0.7, 0.45), "summer": (0.65, 0.4),
    "energetic": (0.45, 0.8), "fast": (0.25, 0.85), "sport": (0.4, 0.75), "motivational": (0.6, 0.55),
    "inspiring": (0.6, 0.35), "hopeful": (0.55, 0.15), "groovy": (0.55, 0.5), "cool": (0.45, 0.2),
    "children": (0.65, 0.35), "holiday": (0.65, 0.3), "christmas": (0.6, 0.25), "travel": (0.5, 0.3),
    "adventure": (0.45, 0.6), "game": (0.35, 0.5), "retro": (0.35, 0.3), "sexy": (0.45, 0.35),
    "commercial": (0.45, 0.3), "advertising": (0.45, 0.3), "corporate": (0.4, 0.2),
    # pleasant and quiet
    "love": (0.6, -0.05), "romantic": (0.6, -0.15), "relaxing": (0.45, -0.65), "calm": (0.35, -0.7),
    "soft": (0.3, -0.55), "mellow": (0.3, -0.5), "meditative": (0.25, -0.75), "nature": (0.35, -0.5),
    "dream": (0.3, -0.45), "ambiental": (0.15, -0.6), "background": (0.15, -0.4), "slow": (0.0, -0.65),
    "ballad": (0.15, -0.35), "melodic": (0.35, 0.0),
    # unpleasant and quiet
    "sad": (-0.65, -0.4), "melancholic": (-0.55, -0.35), "emotional": (-0.2, -0.1), "deep": (-0.1, -0.3),
    "space": (0.0, -0.35), "soundscape": (-0.05, -0.45),
    # unpleasant and tense
    "dark": (-0.55, 0.25), "horror": (-0.8, 0.65), "heavy": (-0.45, 0.7), "drama": (-0.3, 0.2),
    "dramatic": (-0.3, 0.45), "trailer": (-0.05, 0.65), "action": (0.05, 0.75), "epic": (0.15, 0.65),
    "powerful": (0.15, 0.7),
    # themes that say little about mood
    "film": (0.0, 0.1), "movie": (0.0, 0.1), "documentary": (0.0, -0.1),
}

# Tags that say what music was made for, not how it feels: they place no track on the plane and are never
# given as a reason (a trailer cue is not a "lift from sad" step).
FUNCTIONAL_TAGS: frozenset[str] = frozenset({
    "advertising", "commercial", "corporate", "documentary", "trailer", "film", "movie", "game",
})

# Audius's own mood names (the `mood` field and search filter) -> (valence, arousal).
AUDIUS_MOOD_POINTS: dict[str, tuple[float, float]] = {
    "Peaceful": (0.45, -0.7), "Romantic": (0.6, -0.15), "Sentimental": (0.1, -0.35),
    "Tender": (0.4, -0.45), "Easygoing": (0.5, -0.3), "Yearning": (-0.3, -0.2),
    "Sophisticated": (0.35, -0.1), "Sensual": (0.45, 0.1), "Cool": (0.4, 0.15), "Gritty": (-0.35, 0.5),
    "Melancholy": (-0.6, -0.35), "Serious": (-0.2, 0.1), "Brooding": (-0.5, 0.05), "Fiery": (-0.2, 0.8),
    "Defiant": (-0.35, 0.65), "Aggressive": (-0.55, 0.8), "Rowdy": (0.2, 0.8), "Excited": (0.65, 0.75),
    "Energizing": (0.5, 0.8), "Empowering": (0.6, 0.6), "Stirring": (0.3, 0.55), "Upbeat": (0.75, 0.55),
    "Other": (0.0, 0.0),
}

# Genres (lower case) -> (valence, arousal): a coarse prior for tracks that carry no mood words.
GENRE_POINTS: dict[str, tuple[float, float]] = {
    "ambient": (0.2, -0.65), "classical": (0.2, -0.3), "new age": (0.35, -0.6), "lo-fi": (0.25, -0.45),
    "jazz": (0.35, -0.1), "blues": (-0.3, -0.15), "folk": (0.25, -0.25), "acoustic": (0.3, -0.35),
    "soundtrack": (0.0, 0.1), "country": (0.35, 0.1), "reggae": (0.5, 0.05), "soul": (0.35, 0.0),
    "r&b/soul": (0.35, 0.05), "pop": (0.6, 0.45), "funk": (0.6, 0.55), "disco": (0.7, 0.65),
    "dance": (0.6, 0.7), "house": (0.5, 0.65), "electronic": (0.3, 0.55), "techno": (0.2, 0.75),
    "trance": (0.35, 0.7), "drum & bass": (0.2, 0.85), "dubstep": (-0.1, 0.85), "trap": (-0.05, 0.7),
    "hip-hop/rap": (0.1, 0.55), "hip-hop": (0.1, 0.55), "rap": (0.05, 0.6), "rock": (0.1, 0.65),
    "alternative": (0.0, 0.45), "indie": (0.2, 0.3), "punk": (-0.15, 0.85), "metal": (-0.45, 0.85),
    "experimental": (-0.1, 0.2), "latin": (0.6, 0.55), "world": (0.35, 0.2), "downtempo": (0.2, -0.4),
    "chillout": (0.4, -0.5), "lounge": (0.4, -0.3), "gospel": (0.5, 0.4), "kids": (0.65, 0.35),
}

# Emotion -> words to ask providers for, strongest first (the start of a playlist).
EMOTION_TAGS: dict[str, tuple[str, ...]] = {
    "angry": ("heavy", "dark", "powerful", "energetic"),
    "disgust": ("dark", "heavy", "dramatic"),
    "fear": ("dark", "horror", "dramatic", "trailer"),
    "happy": ("happy", "upbeat", "fun", "positive"),
    "sad": ("sad", "melancholic", "emotional", "slow"),
    "surprise": ("energetic", "upbeat", "epic", "fun"),
    "neutral": ("melodic", "background", "cool", "calm"),
}

# Words that mean the same thing in different providers' vocabularies.
_SYNONYMS: dict[str, str] = {
    "relax": "relaxing", "relaxed": "relaxing", "chill": "relaxing", "peaceful": "calm",
    "melancholy": "melancholic", "sadness": "sad", "joyful": "happy", "energy": "energetic",
    "ambient": "ambiental", "dreamy": "dream", "romance": "romantic", "uplift": "uplifting",
}


def normalise_tag(word: str) -> str:
    key = word.strip().lower()
    return _SYNONYMS.get(key, key)


def tag_point(word: str) -> tuple[float, float] | None:
    """The estimate for one word from any vocabulary, or None when we have none."""
    stripped = word.strip()
    if stripped in AUDIUS_MOOD_POINTS and stripped != "Other":  # Audius spells its moods capitalised
        return AUDIUS_MOOD_POINTS[stripped]
    key = normalise_tag(stripped)
    if key in MTG_TAG_POINTS:
        return MTG_TAG_POINTS[key]
    title = stripped.title()
    if title in AUDIUS_MOOD_POINTS and title != "Other":
        return AUDIUS_MOOD_POINTS[title]
    return GENRE_POINTS.get(stripped.lower())


def mean_point(words: Iterable[str]) -> MoodPoint | None:
    """Mean of the estimates of the words we know; None when we know none of them."""
    points = [p for p in (tag_point(w) for w in words if w.lower() not in FUNCTIONAL_TAGS) if p is not None]
    if not points:
        return None
    return MoodPoint(sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def nearest_tags(point: MoodPoint, k: int = 3) -> list[str]:
    """The k MTG tags whose estimates lie closest to a point (what to ask a tag-searching API for)."""
    def dist(item: tuple[str, tuple[float, float]]) -> float:
        v, a = item[1]
        return (v - point.valence) ** 2 + (a - point.arousal) ** 2

    moods = [item for item in MTG_TAG_POINTS.items() if item[0] not in FUNCTIONAL_TAGS]
    return [name for name, _ in sorted(moods, key=dist)[:k]]


def nearest_audius_mood(point: MoodPoint) -> str:
    moods = [(m, p) for m, p in AUDIUS_MOOD_POINTS.items() if m != "Other"]
    return min(moods, key=lambda m: (m[1][0] - point.valence) ** 2 + (m[1][1] - point.arousal) ** 2)[0]
