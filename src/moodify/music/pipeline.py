"""``recommend``: emotion scores + mode -> an explained playlist.

Steps: mood point and mode target -> iso-principle step targets -> candidates from the provider chain ->
named filters (blocked tags) -> rank (mood fit + learned preference, with stated favourites as its prior,
+ novelty, under diversity rules) -> explain -> enrich offline titles through Jamendo when a client id is set.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import numpy as np

from moodify.errors import NoTracksFound, ProviderError
from moodify.music.chain import ProviderChain
from moodify.music.explain import details, reason
from moodify.music.feedback import FeedbackStore, ListenSource
from moodify.music.filters import BlockedTags, normalise_words
from moodify.music.learning import History, PreferenceModel
from moodify.music.mood import mode_target, mood_point
from moodify.music.pool import CandidatePool, artist_key
from moodify.music.previews import Dead, DeezerPreviews, Failed, Resolved
from moodify.music.providers import CandidateQuery, MusicProvider
from moodify.music.providers.jamendo import JamendoProvider
from moodify.music.ranking import Pick, Ranking, ScoreParts, Weights, allowed_rows, rank
from moodify.music.steps import step_targets
from moodify.settings import Settings, get_settings
from moodify.types import EmotionScores, Mode, MoodPoint, Playlist, PlaylistItem

log = logging.getLogger(__name__)

MAX_TRACKS = 100
_MODES = ("match", "lift", "calm", "custom")


def recommend(
    scores: EmotionScores,
    mode: Mode = "match",
    n: int = 10,
    *,
    user_id: str | None = None,
    feedback: FeedbackStore | None = None,
    settings: Settings | None = None,
    seed: int | None = None,
    target: MoodPoint | None = None,
    providers: list[str] | None = None,
    now: datetime | None = None,
    chain: ProviderChain | None = None,
    weights: Weights | None = None,
    favourite: Sequence[str] = (),
    blocked: Sequence[str] = (),
    listens: Sequence[tuple[str, datetime]] | None = None,
) -> Playlist:
    """A playlist of up to ``n`` tracks for this reading; fewer only when the providers have fewer.

    ``favourite`` and ``blocked`` are the user's stated tags/genres (case-insensitive): favourites are a
    prior in the preference model, blocked ones a hard filter (the warnings say how many were removed).
    ``listens`` are (track_key, when) pairs of real plays; None reads them from ``feedback`` when the
    store keeps a listening history.

    Raises ``ValueError`` for a bad ``n``/``mode``/missing custom target, ``RegistryError`` for an unknown
    provider name, and ``NoTracksFound`` when no provider has any track.
    """
    settings = settings or get_settings()
    if mode not in _MODES:
        raise ValueError(f"unknown mode {mode!r}; known: {', '.join(_MODES)}")
    if not 1 <= n <= MAX_TRACKS:
        raise ValueError(f"n must be between 1 and {MAX_TRACKS}, got {n}")
    start = mood_point(scores)
    end = mode_target(start, mode, target)
    steps = step_targets(start, end, n)

    chain = chain or default_chain(providers or settings.providers, settings)
    events = feedback.list_feedback(user_id) if feedback is not None and user_id else []
    plays = list(listens) if listens is not None else _plays(feedback, user_id)
    history = History.from_events(events, now or datetime.now(UTC), plays)
    gathered = chain.gather(CandidateQuery(tuple(steps), scores.emotion, limit=max(50, 3 * n)), want=4 * n)
    warnings = list(gathered.warnings)

    excluded, removed = BlockedTags(normalise_words(blocked)).mask(gathered.pool)
    if removed is not None:
        warnings.append(removed.warning())
    ranking = rank(gathered.pool, steps, history, PreferenceModel.from_events(events, favourite),
                   np.random.default_rng(seed), weights or Weights(), excluded)
    if not ranking.picks:
        why = "every candidate was blocked, disliked or played in the last 24 hours" if removed else \
            "every candidate was disliked or played in the last 24 hours"
        raise NoTracksFound(why)
    if len(ranking.picks) < n:
        warnings.append(f"only {len(ranking.picks)} of {n} tracks could be chosen without repeats")
    if ranking.relaxed_artist_rule:
        warnings.append("too few artists to avoid repeating one" if n <= 10
                        else "too few artists to keep 5 tracks between repeats of one artist")

    items = [
        PlaylistItem(
            track=gathered.pool.tracks[p.index],
            reason=reason(gathered.pool.tracks[p.index], p, n, scores.emotion, mode, steps[p.step], ranking),
            step_target=steps[p.step],
            score=round(p.parts.total, 6),
            details=details(gathered.pool.tracks[p.index], steps[p.step], p),
        )
        for p in ranking.picks
    ]
    if "deezer" in chain.names:
        context = _Context(gathered.pool, steps, allowed_rows(gathered.pool, history, excluded), ranking,
                           n, scores.emotion, mode, weights or Weights())
        items = _with_previews(items, chain.provider("deezer"), context, warnings)
    items = _enrich_offline(items, chain, settings, warnings)
    return Playlist(scores.emotion, mode, start, end, tuple(items), tuple(warnings))


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


def _with_previews(items: list[PlaylistItem], provider: MusicProvider, ctx: _Context,
                   warnings: list[str]) -> list[PlaylistItem]:
    """Previews and artwork for Deezer tracks; dead ones replaced by the next-best for the same step."""
    previews = getattr(provider, "previews", None)
    if not isinstance(previews, DeezerPreviews):
        return items
    items = list(items)
    pending = [i for i, it in enumerate(items) if it.track.provider == "deezer"]
    failures: list[str] = []
    replaced = 0
    for _ in range(_MAX_ROUNDS):
        if not pending:
            break
        outcomes = previews.resolve([items[i].track for i in pending])
        again = []
        for i in pending:
            outcome = outcomes[items[i].track.id]
            if isinstance(outcome, Resolved):
                items[i] = replace(items[i], track=outcome.apply(items[i].track))
            elif isinstance(outcome, Failed):
                failures.append(outcome.reason)
            elif isinstance(outcome, Dead):
                alternate = _alternate(items, i, ctx, previews)
                if alternate is not None:
                    items[i] = alternate
                    replaced += 1
                    again.append(i)
        pending = again
    if replaced:
        warnings.append(f"{replaced} Deezer tracks no longer play there; replaced by the next-best for the same step")
    if failures or pending:  # pending: still dead after the last round, shown without a preview
        why = failures[0] if failures else "no playable replacement was found"
        lead = "some Deezer previews are missing" if "quota" in why else "previews need a connection to Deezer"
        warnings.append(f"{lead} ({why}); titles, artists and links are still shown")
    return items


def _alternate(items: list[PlaylistItem], i: int, ctx: _Context, previews: DeezerPreviews) -> PlaylistItem | None:
    """The best-fitting allowed Deezer track for item ``i``'s step that is not in the playlist or dead."""
    pool, target = ctx.pool, items[i].step_target
    used_keys = {it.track.key for it in items}
    used_artists = {artist_key(it.track) for j, it in enumerate(items) if j != i}
    d2 = np.square(pool.valence - target.valence) + np.square(pool.arousal - target.arousal)
    for row in np.argsort(np.where(ctx.allowed, d2, np.inf), kind="stable")[:200]:
        track = pool.tracks[int(row)]
        if not np.isfinite(d2[row]) or not ctx.allowed[row]:
            break
        if (track.provider != "deezer" or track.key in used_keys or artist_key(track) in used_artists
                or previews.is_dead(track.id)):
            continue
        fit = float(np.exp(-d2[row] / (2 * ctx.weights.sigma**2)))
        pick = Pick(int(row), i, ScoreParts(mood_fit=fit, preference=0.0, novelty=1.0, total=fit))
        why = reason(track, pick, ctx.n, ctx.emotion, ctx.mode, target, ctx.ranking)
        return PlaylistItem(track=track, reason=why, step_target=target, score=round(fit, 6),
                            details=details(track, target, pick))
    return None


def _plays(feedback: FeedbackStore | None, user_id: str | None) -> list[tuple[str, datetime]]:
    """Listening history too, when the store keeps one (the real Store does; the protocol doesn't need it)."""
    if feedback is None or not user_id or not isinstance(feedback, ListenSource):
        return []
    return [(e.track_key, e.at) for e in feedback.list_listens(user_id)]


def _enrich_offline(
    items: list[PlaylistItem], chain: ProviderChain, settings: Settings, warnings: list[str],
) -> list[PlaylistItem]:
    """Real titles/artists/licences for catalog tracks when a Jamendo client id is set; else unchanged."""
    ids = [it.track.id for it in items if it.track.provider == "offline"]
    if not ids or settings.jamendo_client_id is None:
        return items
    try:
        info = JamendoProvider(settings, chain.http).lookup(ids)
    except ProviderError as exc:
        log.warning("could not fetch catalog titles from Jamendo: %s", exc)
        warnings.append(f"titles not fetched from Jamendo: {exc}")
        return items
    out = []
    for it in items:
        meta = info.get(it.track.id) if it.track.provider == "offline" else None
        if meta is not None:
            track = replace(it.track, title=meta.title, artist=meta.artist, url=meta.url,
                            stream_url=meta.stream_url or it.track.stream_url, license=meta.license,
                            license_url=meta.license_url, artwork_url=meta.artwork_url)
            it = replace(it, track=track)
        out.append(it)
    return out


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
