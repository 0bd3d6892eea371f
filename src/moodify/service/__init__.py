"""The application layer: the only place that combines vision, text and music with the store.

Every flow a person can start lives here once, and the UI (Streamlit), the API (FastAPI) and the CLI (typer)
only parse input, call these and render the result:

- ``account``: sign up, sign in, a guest's sign-up that keeps their readings, the password, preferences,
  history, liked tracks, export, delete.
- ``readings``: a photo, a sentence or a picked emotion -> a stored mood event (one idempotency rule, one
  confidence gate), and the one current mood (``current_mood``).
- ``playlists``: preferences + history + reading -> a ranked playlist (a draft), stored once made or played.
- ``feedback``: like/skip/dislike/play/finish on a shown track; the server supplies artist and tags.

Each use case takes a :class:`Context` (settings, store, auth, the facade) and the verified :class:`User`.
Bad input raises :class:`~moodify.errors.InvalidInput`, a missing record ``NotFound``; no builtin exception
crosses this layer, so each front end maps Moodify's errors once.
"""

from moodify.service.account import (
    DELETE_CONFIRMATION,
    EXPORT_FORMATS,
    Adopted,
    Export,
    ExportFormat,
    UserHistory,
    adopt_guest_readings,
    change_password,
    create_account,
    delete_account,
    export_user,
    find_account,
    history,
    liked_tracks,
    preferences,
    save_preferences,
    sign_in,
    sign_out,
    sign_up,
    sign_up_guest,
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
    LOW_CONFIDENCE,
    Mood,
    PhotoReading,
    PhotoSource,
    StoredReading,
    TextReading,
    analyze_photo,
    confirm_face,
    correct_face,
    current_mood,
    emotion_named,
    likeliest,
    needs_confirmation,
    photo_id,
    photo_key,
    read_photo,
    read_text,
    record_reading,
    tell_emotion,
)

__all__ = [
    "DELETE_CONFIRMATION",
    "EXPORT_FORMATS",
    "LOW_CONFIDENCE",
    "MIN_PLAY_S",
    "Adopted",
    "Context",
    "Export",
    "ExportFormat",
    "FeedbackResult",
    "MadePlaylist",
    "Mood",
    "PhotoReading",
    "PhotoSource",
    "StoredReading",
    "TextReading",
    "UserHistory",
    "adopt_guest_readings",
    "analyze_photo",
    "change_password",
    "confirm_face",
    "correct_face",
    "create_account",
    "current_mood",
    "delete_account",
    "draft_playlist",
    "emotion_named",
    "export_file",
    "export_user",
    "find_account",
    "get_playlist",
    "give_feedback",
    "history",
    "latest_reactions",
    "liked_tracks",
    "likeliest",
    "list_playlists",
    "make_playlist",
    "needs_confirmation",
    "open_context",
    "photo_id",
    "photo_key",
    "preferences",
    "read_photo",
    "read_text",
    "record_reading",
    "replay",
    "save_playlist",
    "save_preferences",
    "shown_track",
    "sign_in",
    "sign_out",
    "sign_up",
    "sign_up_guest",
    "tell_emotion",
]
