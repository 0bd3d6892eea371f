"""The application layer: the only place that combines vision, text and music with the store.

Every flow a person can start lives here once, and the UI (Streamlit), the API (FastAPI) and the CLI (typer)
only parse input, call these and render the result:

- ``readings``: a photo, a sentence or a picked emotion -> a stored mood event (one idempotency rule),
  and the one current mood (``current_mood``).
- ``playlists``: preferences + history + reading -> a ranked playlist (a draft), stored once made or played.
- ``feedback``: like/skip/dislike/play/finish on a shown track; the server supplies artist and tags.
- ``account``: preferences, history, liked tracks, export, delete.

Each use case takes a :class:`Context` (settings, store, auth, the facade) and the verified :class:`User`.
"""

from moodify.service.account import (
    Export,
    ExportFormat,
    History,
    adopt_guest_readings,
    delete_account,
    export_user,
    history,
    liked_tracks,
    preferences,
    save_preferences,
)
from moodify.service.context import Context, open_context
from moodify.service.feedback import MIN_PLAY_S, FeedbackResult, give_feedback, latest_reactions
from moodify.service.playlists import (
    MadePlaylist,
    draft_playlist,
    export_file,
    get_playlist,
    list_playlists,
    make_playlist,
    replay,
    save_playlist,
    shown_track,
)
from moodify.service.readings import (
    Mood,
    PhotoReading,
    Reading,
    TextReading,
    analyze_photo,
    correct_face,
    current_mood,
    photo_key,
    read_photo,
    read_text,
    record_reading,
    tell_emotion,
)

__all__ = [
    "MIN_PLAY_S", "Context", "Export", "ExportFormat", "FeedbackResult", "History", "MadePlaylist", "Mood",
    "PhotoReading", "Reading", "TextReading", "adopt_guest_readings", "analyze_photo", "correct_face",
    "current_mood", "delete_account", "draft_playlist", "export_file",
    "export_user", "get_playlist", "give_feedback", "history", "latest_reactions", "liked_tracks",
    "list_playlists", "make_playlist", "open_context", "photo_key", "preferences", "read_photo", "read_text",
    "record_reading", "replay", "save_playlist", "save_preferences", "shown_track", "tell_emotion",
]
