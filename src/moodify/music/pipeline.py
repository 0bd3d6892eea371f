"""``recommend``: emotion scores + mode -> an explained playlist.

Steps: mood point and mode target -> iso-principle step targets -> candidates from the provider chain ->
named filter steps (blocked genres, blocked tags) -> rank (mood fit + learned preference over genres, tags,
artists and neighbourhoods, with stated favourites and the emotion's genres as its prior, + novelty, under
diversity rules) -> confirm the genre of picks that a blocked genre makes pending -> explain -> what the
providers can add (previews, album genres, titles). Providers are asked through the capabilities they have
(``ResolvesPreviews``, ``ResolvesGenres``, ``EnrichesMetadata``), never by name.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import numpy as np

from moodify.errors import NoTracksFound, ProviderError, StoreError
from moodify.music.chain import ProviderChain
from moodify.music.explain import details, reason
from moodify.music.feedback import FeedbackStore, ListenSource
from moodify.music.filters import BlockedGenres, BlockedTags, Filtered, FilterStep, Removed, normalise_words
from moodify.music.genre_lookup import GenreCache
from moodify.music.genres import genres_of, split_words
from moodify.music.learning import ListeningHistory, PreferenceModel
from moodify.music.mood import mode_target, mood_point
from moodify.music.pool import GENRE_POS, CandidatePool, artist_key, genre_matrix, rows_by_genre, track_genres
from moodify.music.previews import Dead, Failed, Resolved
from moodify.music.providers import CandidateQuery
from moodify.music.providers.base import EnrichesMetadata, ResolvesGenres, ResolvesPreviews
from moodify.music.ranking import Pick, Ranking, ScoreParts, Weights, allowed_rows, rank
from moodify.music.steps import step_targets
from moodify.settings import Settings, get_settings
from moodify.types import MAX_TRACKS, MODES, EmotionScores, FeedbackEvent, Mode, MoodPoint, Playlist, PlaylistItem

log = logging.getLogger(__name__)

GENRE_ROUNDS = 3  # look-up rounds for picks whose genre a blocked genre makes pending


def recommend(
    scores: EmotionScores,
    mode: Mode = "match",
    n: int = 10,
    *,
    feedback: Sequence[FeedbackEvent] | FeedbackStore | None = None,
    listens: Sequence[tuple[str, datetime]] | None = None,
    user_id: str | None = None,
    settings: Settings | None = None,
    seed: int | None = None,
    target: MoodPoint | None = None,
    providers: list[str] | None = None,
    now: datetime | None = None,
    chain: ProviderChain | None = None,
    weights: Weights | None = None,
    favourite: Sequence[str] = (),
    blocked: Sequence[str] = (),
    genre_cache: GenreCache | None = None,
) -> Playlist:
    """A playlist of up to ``n`` tracks for this reading; fewer only when the providers have fewer.

    ``feedback`` are the listener's events and ``listens`` (track_key, when) their real plays, both as data.
    (Passing a ``FeedbackStore`` with ``user_id`` still works: it is read here, so are its listens when
    ``listens`` is None, and it is the genre cache when it is one and ``genre_cache`` is None.)
    ``favourite`` and ``blocked`` are stated genres/tags (case-insensitive; genre words of any source map
    onto ``GENRES``): favourites are a prior, blocked ones a hard filter on every provider (the warnings say
    how many were removed). ``genre_cache`` keeps looked-up genres for every user.

    Raises ``ValueError`` for a bad ``n``/``mode``/missing custom target, ``RegistryError`` for an unknown
    provider name, and ``NoTracksFound`` when no provider has any track.
    """
    settings = settings or get_settings()
    weights = weights or Weights()
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; known: {', '.join(MODES)}")
    if not 1 <= n <= MAX_TRACKS:
        raise ValueError(f"n must be between 1 and {MAX_TRACKS}, got {n}")
    start = mood_point(scores)
    end = mode_target(start, mode, target)
    steps = step_targets(start, end, n)

    chain = chain or default_chain(providers or settings.providers, settings)
    events, plays = _history(feedback, listens, user_id)
    if genre_cache is None and isinstance(feedback, GenreCache):
        genre_cache = feedback
    history = ListeningHistory.from_events(events, now or datetime.now(UTC), plays)
    gathered = chain.gather(CandidateQuery(tuple(steps), scores.emotion, limit=max(50, 3 * n)), want=4 * n)
    warnings: list[str] = []  # about the playlist, for the listener
    trouble = list(gathered.source_warnings)  # about the sources, for whoever runs the server
    pool = gathered.pool

    filtered = _apply(_filter_steps(blocked, weights), pool)
    warnings.extend(note.warning() for note in filtered.notes)
    fav_genres, fav_tags = split_words(favourite) if weights.genre_aware else (frozenset(), normalise_words(favourite))
    prefs = PreferenceModel.from_events(
        events, fav_tags, favourite_genres=fav_genres, emotion=scores.emotion if weights.genre_aware else None,
        genres_of=lambda e: _genres_of(pool, e),
    )
    pool, ranking, excluded = _rank_confirmed(pool, steps, history, prefs, seed, weights, filtered,
                                              _GenreLookup(chain, genre_cache))
    excluded |= filtered.pending & ~pool.genres.any(axis=1)  # never confirmed: not even as a replacement
    note = _unconfirmed_note(filtered, excluded)
    if note:
        warnings.append(note)
    if not ranking.picks:
        why = "every candidate was blocked, disliked or played in the last 24 hours" if filtered.removed.any() \
            else "every candidate was disliked or played in the last 24 hours"
        raise NoTracksFound(why)
    if len(ranking.picks) < n:
        warnings.append(f"only {len(ranking.picks)} of {n} tracks could be chosen without repeats")
    if ranking.relaxed_artist_rule:
        warnings.append("too few artists to avoid repeating one" if n <= 10
                        else "too few artists to keep 5 tracks between repeats of one artist")

    if weights.genre_aware:  # genres for picks still unknown (their artist is known to be allowed, or none blocked)
        pool = _GenreLookup(chain, genre_cache).apply(pool, [p.index for p in ranking.picks])
    items = [
        PlaylistItem(
            track=pool.tracks[p.index],
            reason=reason(pool.tracks[p.index], p, n, scores.emotion, mode, steps[p.step], ranking),
            step_target=steps[p.step],
            score=round(p.parts.total, 6),
            details=details(pool.tracks[p.index], steps[p.step], p),
        )
        for p in ranking.picks
    ]
    context = _Context(pool, steps, allowed_rows(pool, history, excluded), ranking, n, scores.emotion, mode, weights)
    for name in chain.names:
        provider = chain.provider(name)
        if isinstance(provider, ResolvesPreviews):
            items = _with_previews(items, provider, context, warnings, trouble)
        if isinstance(provider, EnrichesMetadata):
            items = _enriched(items, provider, trouble)
    return Playlist(scores.emotion, mode, start, end, tuple(items), tuple(warnings), tuple(trouble))


def _history(feedback: Sequence[FeedbackEvent] | FeedbackStore | None,
             listens: Sequence[tuple[str, datetime]] | None,
             user_id: str | None) -> tuple[list[FeedbackEvent], list[tuple[str, datetime]]]:
    """Events and plays as data; a store (the older call) is read for ``user_id``."""
    if isinstance(feedback, FeedbackStore):
        events = feedback.list_feedback(user_id) if user_id else []
        if listens is None and user_id and isinstance(feedback, ListenSource):
            listens = [(e.track_key, e.at) for e in feedback.list_listens(user_id)]
    else:
        events = list(feedback or ())
    return events, list(listens or ())


def _filter_steps(blocked: Sequence[str], weights: Weights) -> list[FilterStep]:
    if not weights.genre_aware:  # as before genres: every word compared with tags only
        return [BlockedTags(normalise_words(blocked))]
    genres, tags = split_words(blocked)
    return [BlockedGenres(genres), BlockedTags(tags)]


@dataclass(frozen=True)
class _Filtering:
    removed: np.ndarray
    pending: np.ndarray
    notes: tuple[Removed, ...]
    blocked_genres: np.ndarray  # (len(GENRES),) bool


def _apply(steps: list[FilterStep], pool: CandidatePool) -> _Filtering:
    removed = np.zeros(len(pool), dtype=bool)
    pending = np.zeros(len(pool), dtype=bool)
    notes = []
    blocked = np.zeros(len(GENRE_POS), dtype=bool)
    for step in steps:
        out: Filtered = step.apply(pool)
        removed |= out.removed
        pending |= out.pending
        if out.note is not None:
            notes.append(out.note)
        if isinstance(step, BlockedGenres):
            blocked |= step.columns()
    return _Filtering(removed, pending & ~removed, tuple(notes), blocked)


def _genres_of(pool: CandidatePool, event: FeedbackEvent) -> tuple[str, ...]:
    row = pool.key_pos.get(event.track_key)
    return track_genres(pool.tracks[row]) if row is not None else genres_of(event.tags)


def _rank_confirmed(pool: CandidatePool, steps: list[MoodPoint], history: ListeningHistory, prefs: PreferenceModel,
                    seed: int | None, weights: Weights, filtered: _Filtering,
                    lookup: _GenreLookup) -> tuple[CandidatePool, Ranking, np.ndarray]:
    """Rank; a pick whose genre is pending is looked up (cache, then its provider) and kept only when it
    turns out unblocked, else ranked again without it. What is still pending after the last round is left out."""
    excluded = filtered.removed.copy()
    pending = filtered.pending & lookup.can_resolve(pool)
    excluded |= filtered.pending & ~pending  # nothing could ever confirm these: out at once
    for _ in range(GENRE_ROUNDS):
        ranking = rank(pool, steps, history, prefs, np.random.default_rng(seed), weights, excluded)
        rows = [p.index for p in ranking.picks if pending[p.index]]
        if not rows:
            return pool, ranking, excluded
        pool = lookup.apply(pool, rows)
        for row in rows:
            pending[row] = False
            excluded[row] = not pool.genres[row].any() or bool((pool.genres[row] & filtered.blocked_genres).any())
    excluded |= pending
    return pool, rank(pool, steps, history, prefs, np.random.default_rng(seed), weights, excluded), excluded


def _unconfirmed_note(filtered: _Filtering, excluded: np.ndarray) -> str | None:
    count = int((filtered.pending & excluded).sum())  # pending rows left out: unknown, or looked up and blocked
    if not count:
        return None
    return (f"{count} tracks of unknown genre left out: you block genres, and their genre could not be "
            "confirmed as allowed")


class _GenreLookup:
    """Genres for rows that have none: the shared cache first, then the row's provider (results cached)."""

    def __init__(self, chain: ProviderChain, cache: GenreCache | None) -> None:
        self._chain, self._cache = chain, cache

    def can_resolve(self, pool: CandidatePool) -> np.ndarray:
        """Rows a look-up could give a genre: any, with a cache; else those of a provider that resolves."""
        if self._cache is not None:
            return np.ones(len(pool), dtype=bool)
        names = {n for n in self._chain.names if isinstance(self._chain.provider(n), ResolvesGenres)}
        return np.array([t.provider in names for t in pool.tracks], dtype=bool) if names else \
            np.zeros(len(pool), dtype=bool)

    def apply(self, pool: CandidatePool, rows: Sequence[int]) -> CandidatePool:
        wanted = [r for r in rows if not pool.genres[r].any()]
        if not wanted:
            return pool
        found = self._cached([pool.keys[r] for r in wanted])
        for name in self._chain.names:
            provider = self._chain.provider(name)
            missing = [pool.tracks[r] for r in wanted if pool.keys[r] not in found and pool.tracks[r].provider == name]
            if missing and isinstance(provider, ResolvesGenres):
                fresh = {f"{name}:{i}": g for i, g in provider.resolve_genres(missing).items()}
                found.update(fresh)
                self._store(fresh)
        return _with_genres(pool, {r: found[pool.keys[r]] for r in wanted if pool.keys[r] in found})

    def _cached(self, keys: list[str]) -> dict[str, tuple[str, ...]]:
        if self._cache is None:
            return {}
        try:
            return dict(self._cache.get_track_genres(keys))
        except StoreError as exc:
            log.warning("genre cache not read: %s", exc)
            return {}

    def _store(self, genres: dict[str, tuple[str, ...]]) -> None:
        if self._cache is None or not genres:
            return
        try:
            self._cache.put_track_genres(genres)
        except StoreError as exc:
            log.warning("genre cache not written: %s", exc)


def _with_genres(pool: CandidatePool, genres: dict[int, tuple[str, ...]]) -> CandidatePool:
    """A copy of the pool whose rows ``genres`` name carry those genres (the shared pool is never changed)."""
    if not any(genres.values()):
        return pool
    tracks = list(pool.tracks)
    matrix = pool.genres.copy()
    for row, names in genres.items():
        tracks[row] = replace(tracks[row], genres=names)
        matrix[row] = genre_matrix([tracks[row]])[0]
    return replace(pool, tracks=tuple(tracks), genres=matrix, genre_rows=rows_by_genre(matrix))


def _enriched(items: list[PlaylistItem], provider: EnrichesMetadata,
              trouble: list[str]) -> list[PlaylistItem]:
    mine = [it.track for it in items if it.track.provider == provider.name]
    if not mine:
        return items
    try:
        better = provider.enrich(mine)
    except ProviderError as exc:
        log.warning("could not fetch %s titles: %s", provider.name, exc)
        trouble.append(f"titles not fetched ({provider.name}): {exc}")
        return items
    return [replace(it, track=better[it.track.id]) if it.track.provider == provider.name
            and it.track.id in better else it for it in items]


@dataclass(frozen=True)
class _Context:
    """What replacing a track needs: the pool, the steps, what the rules allow, and how to explain."""

    pool: CandidatePool
    steps: list[MoodPoint]
    allowed: np.ndarray
    ranking: Ranking
    n: int
    emotion: str
    mode: Mode
    weights: Weights


_MAX_ROUNDS = 4  # replacement rounds; each replaces only what the previous round found dead


def _with_previews(items: list[PlaylistItem], provider: ResolvesPreviews, ctx: _Context,
                   warnings: list[str], trouble: list[str]) -> list[PlaylistItem]:
    """Previews and artwork for this provider's tracks; dead ones replaced by the next-best for the same step."""
    items = list(items)
    pending = [i for i, it in enumerate(items) if it.track.provider == provider.name]
    failures: list[str] = []
    replaced = 0
    for _ in range(_MAX_ROUNDS):
        if not pending:
            break
        outcomes = provider.resolve_previews([items[i].track for i in pending])
        again = []
        for i in pending:
            outcome = outcomes[items[i].track.id]
            if isinstance(outcome, Resolved):
                items[i] = replace(items[i], track=outcome.apply(items[i].track))
            elif isinstance(outcome, Failed):
                failures.append(outcome.reason)
            elif isinstance(outcome, Dead):
                alternate = _alternate(items, i, ctx, provider)
                if alternate is not None:
                    items[i] = alternate
                    replaced += 1
                    again.append(i)
        pending = again
    label = provider.name.capitalize()
    if replaced:
        warnings.append(f"{replaced} {label} tracks no longer play there; replaced by the next-best for the same step")
    if failures or pending:  # pending: still dead after the last round, shown without a preview
        why = failures[0] if failures else "no playable replacement was found"
        lead = f"some {label} previews are missing" if "quota" in why else f"previews need a connection to {label}"
        trouble.append(f"{lead} ({why}); titles, artists and links are still shown")
    return items


def _alternate(items: list[PlaylistItem], i: int, ctx: _Context, provider: ResolvesPreviews) -> PlaylistItem | None:
    """The best-fitting allowed track of the same provider for item ``i``'s step, not in the playlist or dead."""
    pool, target = ctx.pool, items[i].step_target
    used_keys = {it.track.key for it in items}
    used_artists = {artist_key(it.track) for j, it in enumerate(items) if j != i}
    d2 = np.square(pool.valence - target.valence) + np.square(pool.arousal - target.arousal)
    for row in np.argsort(np.where(ctx.allowed, d2, np.inf), kind="stable")[:200]:
        track = pool.tracks[int(row)]
        if not np.isfinite(d2[row]) or not ctx.allowed[row]:
            break
        if (track.provider != provider.name or track.key in used_keys or artist_key(track) in used_artists
                or provider.is_dead(track.id)):
            continue
        fit = float(np.exp(-d2[row] / (2 * ctx.weights.sigma**2)))
        pick = Pick(int(row), i, ScoreParts(mood_fit=fit, preference=0.0, novelty=1.0, total=fit))
        why = reason(track, pick, ctx.n, ctx.emotion, ctx.mode, target, ctx.ranking)
        return PlaylistItem(track=track, reason=why, step_target=target, score=round(fit, 6),
                            details=details(track, target, pick))
    return None


# Chains outlive one call so the response cache and circuit breakers mean something. Keyed by the
# provider names and the settings object itself (compared by identity); a few entries at most.
_CHAINS: OrderedDict[tuple[tuple[str, ...], int], tuple[Settings, ProviderChain]] = OrderedDict()
_CHAINS_LOCK = threading.Lock()


def default_chain(names: Sequence[str], settings: Settings) -> ProviderChain:
    key = (tuple(names), id(settings))
    with _CHAINS_LOCK:
        hit = _CHAINS.get(key)
        if hit is not None and hit[0] is settings:
            return hit[1]
        chain = ProviderChain.from_names(names, settings)
        _CHAINS[key] = (settings, chain)
        while len(_CHAINS) > 8:
            _CHAINS.popitem(last=False)
        return chain
