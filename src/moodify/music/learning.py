"""Online learning from feedback: a Beta-Bernoulli posterior per tag and per artist, Thompson-sampled.

A like or a finished listen is a success, a skip a failure, a dislike two failures (it is a stronger
signal). Plays only feed the listening history. Sampling (rather than using the posterior mean) keeps
exploring tags the user has barely rated; with a seeded generator the result is reproducible.

Stated favourites (Settings: favourite genres/tags) are a prior, not feedback: a favourite tag or genre
starts from ``FAVOURITE_PRIOR`` (as if two likes had been seen) instead of the flat prior, so it lifts matching
tracks from the first playlist and real feedback on it still moves it either way. Names compare
case-insensitively for favourites. Genres are learned like tags, from the genres of the track reacted to.
Someone who has stated no favourite genre starts from the emotion's aligned genres (``EMOTION_GENRES``,
``ALIGNED_PRIOR``, weaker than a favourite); a stated favourite replaces that default.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np

from moodify.music.genres import EMOTION_GENRES, GENRES
from moodify.types import FeedbackEvent

# kind -> (successes, failures)
REWARDS: dict[str, tuple[int, int]] = {"like": (1, 0), "finished": (1, 0), "skip": (0, 1), "dislike": (0, 2)}
PRIOR = (1.0, 1.0)
FAVOURITE_PRIOR = (3.0, 1.0)  # prior mean 0.75: a stated favourite, weaker than a handful of real likes
ALIGNED_PRIOR = (1.5, 1.0)  # prior mean 0.6: the emotion's default genres, weaker than a favourite
NARROW_SHARE = 0.7  # liked genres this concentrated (with NARROW_LIKES likes or more) make a taste narrow
NARROW_LIKES = 5
RECENT = timedelta(hours=24)
Names = Sequence[str] | Mapping[str, int]  # names in order, or name -> position


@dataclass
class Posterior:
    successes: float = 0.0
    failures: float = 0.0

    @property
    def mean(self) -> float:
        return (PRIOR[0] + self.successes) / (PRIOR[0] + PRIOR[1] + self.successes + self.failures)


@dataclass
class PreferenceModel:
    """Counts per tag and per artist; ``sample_*`` give centred scores (posterior draw minus prior mean)."""

    tags: dict[str, Posterior] = field(default_factory=dict)
    artists: dict[str, Posterior] = field(default_factory=dict)
    favourite_tags: frozenset[str] = frozenset()  # lower case; these start from FAVOURITE_PRIOR
    rated: dict[str, float] = field(default_factory=dict)  # track key -> net reward (successes - failures)
    genres: dict[str, Posterior] = field(default_factory=dict)
    favourite_genres: frozenset[str] = frozenset()  # names from GENRES
    aligned_genres: frozenset[str] = frozenset()  # the emotion's defaults, used only without favourite genres
    genre_likes: dict[str, int] = field(default_factory=dict)  # for "is this taste narrow?"
    likes_with_genre: int = 0  # liked tracks whose genre is known
    genres_of: Callable[[FeedbackEvent], Iterable[str]] = field(default=lambda event: ())

    @classmethod
    def from_events(cls, events: Iterable[FeedbackEvent], favourite: Iterable[str] = (), *,
                    favourite_genres: Iterable[str] = (), emotion: str | None = None,
                    genres_of: Callable[[FeedbackEvent], Iterable[str]] | None = None) -> PreferenceModel:
        """``genres_of`` says which genres an event's track has (the pool knows; the event may not)."""
        stated = frozenset(favourite_genres)
        model = cls(favourite_tags=frozenset(w.strip().lower() for w in favourite if w.strip()),
                    favourite_genres=stated,
                    aligned_genres=frozenset(EMOTION_GENRES.get(emotion or "", ())) if not stated else frozenset())
        if genres_of is not None:
            model.genres_of = genres_of
        for event in events:
            model.update(event)
        return model

    def update(self, event: FeedbackEvent) -> None:
        reward = REWARDS.get(event.kind)
        if reward is None:
            return
        genres = set(self.genres_of(event))
        for g in genres:
            post = self.genres.setdefault(g, Posterior())
            post.successes += reward[0]
            post.failures += reward[1]
            if event.kind == "like":
                self.genre_likes[g] = self.genre_likes.get(g, 0) + 1
        if genres and event.kind == "like":
            self.likes_with_genre += 1
        targets = [self.tags.setdefault(t, Posterior()) for t in set(event.tags)]
        if event.artist.strip():
            # Same normalisation as the candidate pool's artist key.
            targets.append(self.artists.setdefault(event.artist.strip().lower(), Posterior()))
        for post in targets:
            post.successes += reward[0]
            post.failures += reward[1]
        # Per track too: where on the plane the user liked or skipped music (tracks without tags need it).
        self.rated[event.track_key] = self.rated.get(event.track_key, 0.0) + reward[0] - reward[1]

    def sample_tags(self, names: Names, rng: np.random.Generator) -> np.ndarray:
        return _sample(self.tags, names, rng, self.favourite_tags)

    def knows_any_tag(self, names: Mapping[str, int]) -> bool:
        """Whether any of ``names`` has been rated or is a favourite (else tag draws are all zero)."""
        if any(n in names for n in self.tags):
            return True
        return bool(self.favourite_tags) and any(n.lower() in self.favourite_tags for n in names)

    def sample_artists(self, names: Names, rng: np.random.Generator) -> np.ndarray:
        return _sample(self.artists, names, rng)

    def sample_genres(self, rng: np.random.Generator) -> np.ndarray:
        """Centred draws per genre, in GENRES order (0 for a genre with no prior and no reaction)."""
        out = np.zeros(len(GENRES))
        prior_mean = PRIOR[0] / (PRIOR[0] + PRIOR[1])
        for i, genre in enumerate(GENRES):
            post = self.genres.get(genre)
            prior = FAVOURITE_PRIOR if genre in self.favourite_genres else \
                ALIGNED_PRIOR if genre in self.aligned_genres else None
            if post is None and prior is None:
                continue
            a, b = prior or PRIOR
            post = post or Posterior()
            out[i] = rng.beta(a + post.successes, b + post.failures) - prior_mean
        return out

    def narrow(self) -> bool:
        """One favourite genre, or likes concentrated on one: the playlist need not mix genres."""
        if len(self.favourite_genres) == 1:
            return True
        likes = self.likes_with_genre
        return likes >= NARROW_LIKES and max(self.genre_likes.values()) >= NARROW_SHARE * likes

    def liked_genres(self, threshold: float = 0.6) -> set[str]:
        return {g for g, p in self.genres.items() if p.successes > 0 and p.mean >= threshold}

    def liked_tags(self, threshold: float = 0.6) -> set[str]:
        return {t for t, p in self.tags.items() if p.successes > 0 and p.mean >= threshold}

    def liked_artists(self, threshold: float = 0.6) -> set[str]:
        return {a for a, p in self.artists.items() if p.successes > 0 and p.mean >= threshold}


GRID = 21  # cells per axis over [-1, 1] (0.1 wide)
REGION_SIGMA_CELLS = 1.5  # smoothing: reactions speak for their neighbourhood (about 0.15 around them)


def region_scores(points: np.ndarray, rewards: np.ndarray, valence: np.ndarray, arousal: np.ndarray) -> np.ndarray:
    """Smoothed net reward around each candidate, in about [-1, 1]: liked neighbourhoods lean positive.

    Reactions are summed on a coarse grid and blurred; each candidate reads its cell, divided by
    (1 + the blurred count) so one reaction weighs less than many agreeing ones.
    """
    if not len(points):
        return np.zeros(len(valence))
    reward_grid = np.zeros((GRID, GRID))
    count_grid = np.zeros((GRID, GRID))
    cells = _cells(points[:, 0], points[:, 1])
    np.add.at(reward_grid, cells, rewards)
    np.add.at(count_grid, cells, 1.0)
    kernel = np.exp(-np.square(np.arange(-4, 5)) / (2 * REGION_SIGMA_CELLS**2))
    reward_grid, count_grid = _blur(reward_grid, kernel), _blur(count_grid, kernel)
    score = reward_grid / (1.0 + count_grid)
    return np.asarray(score[_cells(valence, arousal)])


def _cells(valence: np.ndarray, arousal: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    def to_cell(x: np.ndarray) -> np.ndarray:
        return np.clip(np.rint((x + 1.0) / 2.0 * (GRID - 1)), 0, GRID - 1).astype(np.int64)

    return to_cell(valence), to_cell(arousal)


def _blur(grid: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    rows = np.apply_along_axis(lambda r: np.convolve(r, kernel, mode="same"), 0, grid)
    return np.apply_along_axis(lambda r: np.convolve(r, kernel, mode="same"), 1, rows)


def _sample(table: dict[str, Posterior], names: Names, rng: np.random.Generator,
            favourites: frozenset[str] = frozenset()) -> np.ndarray:
    """Centred Thompson draws for ``names`` (or a name -> position map); names neither rated nor
    favourite stay at 0. Draws are centred on the flat prior's mean, so a favourite leans positive."""
    out = np.zeros(len(names))
    if not table and not favourites:
        return out
    prior_mean = PRIOR[0] / (PRIOR[0] + PRIOR[1])
    index = names if isinstance(names, Mapping) else {n: i for i, n in enumerate(names)}
    drawn = set(table) | ({n for n in index if n.lower() in favourites} if favourites else set())
    # Sorted order, so the draws don't depend on dict insertion order.
    for name in sorted(drawn):
        i = index.get(name)
        if i is None:
            continue
        post = table.get(name) or Posterior()
        a, b = FAVOURITE_PRIOR if name.lower() in favourites else PRIOR
        out[i] = rng.beta(a + post.successes, b + post.failures) - prior_mean
    return out


@dataclass(frozen=True)
class ListeningHistory:
    """What the ranking must respect: tracks played in the last 24 h, disliked, or heard at all, and how
    often each was skipped (a skip lowers the track itself, not only its artist and neighbourhood)."""

    recent: frozenset[str] = frozenset()
    disliked: frozenset[str] = frozenset()
    heard: frozenset[str] = frozenset()
    skips: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def from_events(cls, events: Iterable[FeedbackEvent], now: datetime,
                    plays: Iterable[tuple[str, datetime]] = ()) -> ListeningHistory:
        """``plays`` are extra (track_key, when) pairs from a listening history."""
        recent: set[str] = set()
        disliked: set[str] = set()
        heard: set[str] = set()
        skips: dict[str, int] = {}
        events = list(events)
        played = [(e.track_key, e.at) for e in events if e.kind != "dislike"]
        for e in events:
            heard.add(e.track_key)
            if e.kind == "dislike":
                disliked.add(e.track_key)
            elif e.kind == "skip":
                skips[e.track_key] = skips.get(e.track_key, 0) + 1
        for key, at in [*played, *plays]:
            heard.add(key)
            if now - RECENT <= _aware(at, now) <= now + timedelta(minutes=5):
                recent.add(key)
        return cls(frozenset(recent), frozenset(disliked), frozenset(heard), skips)


def _aware(at: datetime, now: datetime) -> datetime:
    """Compare naive and aware timestamps as if both were in ``now``'s zone (stores may drop tzinfo)."""
    if (at.tzinfo is None) == (now.tzinfo is None):
        return at
    return at.replace(tzinfo=now.tzinfo)
