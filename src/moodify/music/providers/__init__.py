"""Music providers, one file each. Importing this package registers the built-ins in ``PROVIDERS``."""

from moodify.music.providers import audius, deezer, jamendo, local, offline
from moodify.music.providers.base import PROVIDERS, CandidateQuery, MusicProvider

__all__ = ["PROVIDERS", "CandidateQuery", "MusicProvider", "audius", "deezer", "jamendo", "local", "offline"]
