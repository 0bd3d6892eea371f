"""Choose one track per step: score = mood fit + preference + novelty, under diversity rules.

Rules, never broken: nothing disliked (nor the same song under another id or provider), nothing played in
the last 24 h, no track twice. Preferred, and relaxed only when nothing else is left: no artist twice within
``artist_gap`` tracks. Scores keep their named parts so ``explain`` can say why a track was picked.

Genres (``Weights.genre_aware``; off reproduces the ranking before genres, for the benchmark's comparison):
a learned genre preference joins the tag/artist/region one, each skip of a track lowers that track, and a
genre already in the playlist costs ``variety`` times its share of the picks so far, unless the taste is
narrow (one favourite genre, or likes concentrated on one).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from moodify.music.learning import ListeningHistory, PreferenceModel, region_scores
from moodify.music.pool import CandidatePool
from moodify.types import MoodPoint


@dataclass(frozen=True)
class Weights:
    mood: float = 1.0
    preference: float = 0.6
    novelty: float = 0.1
    jitter: float = 0.03  # seeded noise that breaks ties between tracks with identical tags
    sigma: float = 0.3  # mood fit is exp(-d² / 2σ²) of the distance to the step target
    artist_gap: int = 5
    region: float = 1.0  # reactions to nearby tracks on the plane (what learning uses when there are no tags)
    named: float = 0.05  # a known title beats "Untitled (Jamendo #id)" at equal mood fit (more than jitter)
    genre: float = 1.0  # learned/stated genre preference (inside ``preference``)
    variety: float = 0.3  # cost of repeating a genre already in the playlist (times its share so far)
    skip: float = 0.3  # per skip of the track itself
    genre_aware: bool = True  # False: the ranking and filters as they were before genres (benchmark arm)


@dataclass(frozen=True)
class ScoreParts:
    mood_fit: float
    preference: float
    novelty: float
    total: float
    named: float = 1.0  # 1 for a real title, 0 for "Untitled (Jamendo #id)"


@dataclass(frozen=True)
class Pick:
    index: int  # into pool.tracks
    step: int
    parts: ScoreParts


@dataclass(frozen=True)
class Ranking:
    picks: tuple[Pick, ...]
    relaxed_artist_rule: bool
    liked_tags: frozenset[str]  # for explanations: what the user has mostly liked before
    liked_artists: frozenset[str]
    favourite_tags: frozenset[str] = frozenset()  # stated favourites (lower case)
    liked_genres: frozenset[str] = frozenset()
    favourite_genres: frozenset[str] = frozenset()


def rank(
    pool: CandidatePool,
    steps: list[MoodPoint],
    history: ListeningHistory,
    prefs: PreferenceModel,
    rng: np.random.Generator,
    weights: Weights = Weights(),
    excluded: np.ndarray | None = None,
) -> Ranking:
    """Greedy, step by step: the best-scoring allowed track for each target, in playlist order.

    ``excluded`` marks rows a filter step removed (blocked tags ...): never picked, whatever their score.
    """
    tag_theta = prefs.sample_tags(pool.tag_pos, rng)
    artist_theta = prefs.sample_artists(pool.artist_pos, rng)
    preference = _tag_part(pool, tag_theta, prefs) + artist_theta[pool.artist_codes] + \
        weights.region * _region_part(pool, prefs)
    if weights.genre_aware and pool.genres.any():  # a pool without genres draws nothing for them
        preference += weights.genre * _genre_part(pool, prefs.sample_genres(rng))
    banned, novelty = _history_masks(pool, history, song_rule=weights.genre_aware)
    static = weights.preference * preference + weights.novelty * novelty
    static += weights.named * pool.named + rng.uniform(0.0, weights.jitter, len(pool))
    if weights.genre_aware:
        static -= weights.skip * _skip_counts(pool, history)
    variety = weights.variety if weights.genre_aware and not prefs.narrow() else 0.0
    genre_counts = np.zeros(pool.genres.shape[1])

    available = ~banned if excluded is None else ~(banned | excluded)
    # Up to 10 tracks: no artist twice at all; longer playlists keep ``artist_gap`` tracks between repeats.
    gap = len(steps) + 1 if len(steps) <= 10 else weights.artist_gap
    picks: list[Pick] = []
    relaxed = False
    for step, target in enumerate(steps):
        d2 = np.square(pool.valence - target.valence) + np.square(pool.arousal - target.arousal)
        fit = np.exp(-d2 / (2 * weights.sigma**2))
        total = weights.mood * fit + static
        if variety and picks:
            total = total - variety * _repeat_share(pool, genre_counts, len(picks))
        index = _best(total, available & ~_recent_artists(pool, picks, gap))
        if index is None:
            index = _best(total, available)
            relaxed = relaxed or index is not None
        if index is None:
            break
        available[index] = False
        genre_counts += pool.genres[index]
        picks.append(Pick(index, step, ScoreParts(
            mood_fit=float(fit[index]), preference=float(preference[index]),
            novelty=float(novelty[index]), total=float(total[index]), named=float(pool.named[index]),
        )))
    return Ranking(
        tuple(picks), relaxed,
        frozenset(prefs.liked_tags()), frozenset(prefs.liked_artists()), prefs.favourite_tags,
        frozenset(prefs.liked_genres()), prefs.favourite_genres,
    )


def _genre_part(pool: CandidatePool, theta: np.ndarray) -> np.ndarray:
    """Best liked genre plus worst rejected genre of each track (0 for a track of unknown genre)."""
    best = np.zeros(len(pool))
    worst = np.zeros(len(pool))
    for g in np.flatnonzero(theta):
        rows = pool.genre_rows[g]
        if theta[g] > 0:
            best[rows] = np.maximum(best[rows], theta[g])
        else:
            worst[rows] = np.minimum(worst[rows], theta[g])
    return best + worst


def _repeat_share(pool: CandidatePool, counts: np.ndarray, picked: int) -> np.ndarray:
    """Per track: the largest share of the picks so far that one of its genres already has."""
    out = np.zeros(len(pool))
    for g in np.flatnonzero(counts):
        rows = pool.genre_rows[g]
        out[rows] = np.maximum(out[rows], counts[g] / picked)
    return out


def _skip_counts(pool: CandidatePool, history: ListeningHistory) -> np.ndarray:
    out = np.zeros(len(pool))
    for key, n in history.skips.items():
        row = pool.key_pos.get(key)
        if row is not None:
            out[row] = n
    return out


def _region_part(pool: CandidatePool, prefs: PreferenceModel) -> np.ndarray:
    rows = [(pool.key_pos[k], r) for k, r in prefs.rated.items() if k in pool.key_pos and r]
    if not rows:
        return np.zeros(len(pool))
    idx = np.array([i for i, _ in rows])
    points = np.stack([pool.valence[idx], pool.arousal[idx]], axis=1)
    return region_scores(points, np.array([r for _, r in rows]), pool.valence, pool.arousal)


def _tag_part(pool: CandidatePool, tag_theta: np.ndarray, prefs: PreferenceModel) -> np.ndarray:
    """Best liked tag plus worst disliked tag of each track (draws are centred, unrated tags are 0).

    A track is as appealing as the most liked thing about it, unless it also has something the user
    rejects; averaging instead would let unrelated tags dilute what was learned.
    """
    if not prefs.knows_any_tag(pool.tag_pos):
        return np.zeros(len(pool))
    liked = np.append(np.maximum(tag_theta, 0.0), 0.0)  # the extra last entry is "no tag in this slot"
    rejected = np.append(np.minimum(tag_theta, 0.0), 0.0)
    best = np.zeros(len(pool))
    worst = np.zeros(len(pool))
    for slot in pool.tag_slots:
        np.maximum(best, liked[slot], out=best)
        np.minimum(worst, rejected[slot], out=worst)
    return best + worst


def allowed_rows(pool: CandidatePool, history: ListeningHistory, excluded: np.ndarray | None = None) -> np.ndarray:
    """Rows the rules allow at all (not disliked, not recent, not removed by a filter step)."""
    banned, _ = _history_masks(pool, history)
    return ~banned if excluded is None else ~(banned | excluded)


def _history_masks(pool: CandidatePool, history: ListeningHistory,
                   song_rule: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """(banned, novelty) per row; touches only the rows the listener has heard. A disliked song is banned
    under every id and provider it has in the pool (the catalogue holds some songs twice)."""
    n = len(pool)
    banned = np.zeros(n, dtype=bool)
    novelty = np.ones(n)
    disliked_songs = []
    for key in history.heard:
        row = pool.key_pos.get(key)
        if row is not None:
            novelty[row] = 0.0
            banned[row] = key in history.disliked or key in history.recent
            if key in history.disliked:
                disliked_songs.append(pool.song_codes[row])
    if disliked_songs and song_rule:
        banned |= np.isin(pool.song_codes, disliked_songs)
    return banned, novelty


def _recent_artists(pool: CandidatePool, picks: list[Pick], gap: int) -> np.ndarray:
    blocked = np.zeros(len(pool), dtype=bool)
    if gap <= 1 or not picks:
        return blocked
    for artist in {int(pool.artist_codes[p.index]) for p in picks[-(gap - 1):]}:
        blocked |= pool.artist_codes == artist
    return blocked


def _best(total: np.ndarray, allowed: np.ndarray) -> int | None:
    if not allowed.any():
        return None
    masked = np.where(allowed, total, -np.inf)
    return int(np.argmax(masked))
