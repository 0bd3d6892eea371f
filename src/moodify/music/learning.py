"""Online learning from feedback: a Beta-Bernoulli posterior per tag and per artist, Thompson-sampled.

A like or a finished listen is a success, a skip a failure, a dislike two failures (it is a stronger
signal). Plays only feed the listening history. Sampling (rather than using the posterior mean) keeps
exploring tags the user has barely rated; with a seeded generator the result is reproducible.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np

from moodify.types import FeedbackEvent

# kind -> (successes, failures)
REWARDS: dict[str, tuple[int, int]] = {"like": (1, 0), "finished": (1, 0), "skip": (0, 1), "dislike": (0, 2)}
PRIOR = (1.0, 1.0)
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

    @classmethod
    def from_events(cls, events: Iterable[FeedbackEvent]) -> PreferenceModel:
        model = cls()
        for event in events:
            model.update(event)
        return model

    def update(self, event: FeedbackEvent) -> None:
        reward = REWARDS.get(event.kind)
        if reward is None:
            return
        targets = [self.tags.setdefault(t, Posterior()) for t in set(event.tags)]
        if event.artist.strip():
            # Same normalisation as the candidate pool's artist key.
            targets.append(self.artists.setdefault(event.artist.strip().lower(), Posterior()))
        for post in targets:
            post.successes += reward[0]
            post.failures += reward[1]

    def sample_tags(self, names: Names, rng: np.random.Generator) -> np.ndarray:
        return _sample(self.tags, names, rng)

    def sample_artists(self, names: Names, rng: np.random.Generator) -> np.ndarray:
        return _sample(self.artists, names, rng)

    def liked_tags(self, threshold: float = 0.6) -> set[str]:
        return {t for t, p in self.tags.items() if p.successes > 0 and p.mean >= threshold}

    def liked_artists(self, threshold: float = 0.6) -> set[str]:
        return {a for a, p in self.artists.items() if p.successes > 0 and p.mean >= threshold}


def _sample(table: dict[str, Posterior], names: Names, rng: np.random.Generator) -> np.ndarray:
    """Centred Thompson draws for ``names`` (or a name -> position map); never-rated names stay at 0."""
    out = np.zeros(len(names))
    if not table:
        return out
    prior_mean = PRIOR[0] / (PRIOR[0] + PRIOR[1])
    index = names if isinstance(names, Mapping) else {n: i for i, n in enumerate(names)}
    # Sorted order of rated names, so the draws don't depend on dict insertion order.
    for name in sorted(table):
        i = index.get(name)
        if i is None:
            continue
        post = table[name]
        out[i] = rng.beta(PRIOR[0] + post.successes, PRIOR[1] + post.failures) - prior_mean
    return out


@dataclass(frozen=True)
class History:
    """What the ranking must respect: tracks played in the last 24 h, disliked, or heard at all."""

    recent: frozenset[str] = frozenset()
    disliked: frozenset[str] = frozenset()
    heard: frozenset[str] = frozenset()

    @classmethod
    def from_events(cls, events: Iterable[FeedbackEvent], now: datetime,
                    plays: Iterable[tuple[str, datetime]] = ()) -> History:
        """``plays`` are extra (track_key, when) pairs from a listening history."""
        recent: set[str] = set()
        disliked: set[str] = set()
        heard: set[str] = set()
        played = [(e.track_key, e.at) for e in events if e.kind != "dislike"]
        for e in events:
            heard.add(e.track_key)
            if e.kind == "dislike":
                disliked.add(e.track_key)
        for key, at in [*played, *plays]:
            heard.add(key)
            if now - RECENT <= _aware(at, now) <= now + timedelta(minutes=5):
                recent.add(key)
        return cls(frozenset(recent), frozenset(disliked), frozenset(heard))


def _aware(at: datetime, now: datetime) -> datetime:
    """Compare naive and aware timestamps as if both were in ``now``'s zone (stores may drop tzinfo)."""
    if (at.tzinfo is None) == (now.tzinfo is None):
        return at
    return at.replace(tzinfo=now.tzinfo)
