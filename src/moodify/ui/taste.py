"""The user's stated taste (Settings: favourite and blocked genres) as input to the ranking.

``moodify.recommend`` learns from feedback but has no genre parameters, so stated taste is handed to it
in the form it already understands: each favourite genre/mood word becomes one "like" and each blocked
one a "dislike", dated long ago (they never count as recently played), on a pseudo track ``pref:<word>``.
Blocked words are also a hard rule: a track tagged with one that still makes it into a playlist is
added as a disliked track and the playlist is made again (so the mood steps stay right), and as a last
resort it is dropped from what is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from moodify.music.feedback import FeedbackStore
from moodify.store import Preferences
from moodify.types import FeedbackEvent, Playlist

STATED_AT = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class StatedTaste:
    """A FeedbackStore that adds the stated taste in front of the real feedback; writes go through."""

    inner: FeedbackStore
    favourite: tuple[str, ...] = ()
    blocked: tuple[str, ...] = ()
    excluded: frozenset[str] = frozenset()  # track keys found with a blocked tag

    @classmethod
    def of(cls, inner: FeedbackStore, prefs: Preferences) -> StatedTaste:
        return cls(inner, tuple(t.lower() for t in prefs.favourite_genres),
                   tuple(t.lower() for t in prefs.blocked_genres))

    def add_feedback(self, event: FeedbackEvent) -> None:
        self.inner.add_feedback(event)

    def list_feedback(self, user_id: str) -> list[FeedbackEvent]:
        stated = [FeedbackEvent(user_id, f"pref:{tag}", "like", STATED_AT, tags=(tag,)) for tag in self.favourite]
        stated += [FeedbackEvent(user_id, f"pref:{tag}", "dislike", STATED_AT, tags=(tag,))
                   for tag in self.blocked]
        stated += [FeedbackEvent(user_id, key, "dislike", STATED_AT) for key in sorted(self.excluded)]
        return stated + self.inner.list_feedback(user_id)

    def blocked_in(self, playlist: Playlist) -> set[str]:
        blocked = set(self.blocked)
        return {i.track.key for i in playlist.items if blocked & {t.lower() for t in i.track.tags}}

    def excluding(self, keys: set[str]) -> StatedTaste:
        return replace(self, excluded=self.excluded | keys)

    def without_blocked(self, playlist: Playlist) -> Playlist:
        """Last resort: drop what is still blocked, and say so."""
        hits = self.blocked_in(playlist)
        if not hits:
            return playlist
        kept = tuple(i for i in playlist.items if i.track.key not in hits)
        note = f"{len(hits)} tracks left out because of your blocked genres"
        return replace(playlist, items=kept, warnings=(*playlist.warnings, note))


def recommend_with_taste(recommend: Callable[..., Playlist], taste: StatedTaste, tries: int = 3,
                         **kwargs: Any) -> Playlist:
    """``recommend(feedback=taste, **kwargs)``, again without any blocked track it still picked."""
    playlist = recommend(feedback=taste, **kwargs)
    for _ in range(tries - 1):
        hits = taste.blocked_in(playlist)
        if not hits:
            return playlist
        taste = taste.excluding(hits)
        playlist = recommend(feedback=taste, **kwargs)
    return taste.without_blocked(playlist)
