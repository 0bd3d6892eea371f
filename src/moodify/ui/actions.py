"""What a click does: analyse a photo, record a reading, make a playlist, take feedback, save settings.

No rendering here. Each function takes this session's :class:`UIState` and the process's
:class:`Services`, so the flows are tested without a browser. Idempotency keys make every write safe to
repeat on a Streamlit rerun.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from moodify.auth import Session
from moodify.errors import AuthError, ImageError, ModelError, MoodifyError
from moodify.store import ListenEvent, MoodEvent, PlaylistRecord, Preferences, Store, User, idempotency_key
from moodify.store.export import to_csv, to_json
from moodify.store.models import MoodSource
from moodify.types import EmotionScores, FeedbackEvent, FeedbackKind, Mode, Playlist, Track, canonical_emotion
from moodify.ui import images
from moodify.ui.history_model import Reading
from moodify.ui.services import Services
from moodify.ui.session import PhotoSource, ScanResult, Told, UIState, photo_key
from moodify.ui.taste import StatedTaste, recommend_with_taste

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class Who:
    """The person using this session and where their data goes (the database, or a guest's memory)."""

    user: User
    store: Store
    guest: bool


def whoami(ui: UIState, svc: Services) -> Who | None:
    """The signed-in user, verified server-side on every run; a guest; or None (sign in again)."""
    if ui.guest is not None:
        return Who(user=ui.guest.session.user, store=ui.guest.store, guest=True)
    if ui.token is None:
        return None
    try:
        user: User = svc.auth.verify(ui.token)
    except AuthError as exc:
        user_or_none = _refreshed(ui, svc)
        if user_or_none is None:
            log.info("session token refused: %s", exc)
            ui.token = ui.refresh_token = None
            ui.notices.append(f"Please sign in again ({exc}).")
            return None
        user = user_or_none
    return Who(user=user, store=svc.store, guest=False)


def signed_in(ui: UIState, session: Session) -> None:
    """Keep what a successful sign-in/sign-up handed out (server-side, in this session only)."""
    ui.token = session.token
    ui.refresh_token = session.refresh_token
    ui.guest = None


def _refreshed(ui: UIState, svc: Services) -> User | None:
    """An expired Firebase ID token is traded for a new one (verified again); local sessions can't be."""
    if ui.refresh_token is None:
        return None
    try:
        session = svc.auth.refresh(ui.refresh_token)
        user: User = svc.auth.verify(session.token)
    except AuthError:
        return None
    signed_in(ui, session)
    return user


# --- scan --------------------------------------------------------------------------------------


def scan_photo(ui: UIState, svc: Services, data: bytes, source: PhotoSource, who: Who) -> ScanResult:
    """Analyse ``data`` once (same bytes -> same result, nothing recorded twice) and record the reading."""
    key = photo_key(data)
    if ui.scan is not None and ui.scan.key == key:
        return ui.scan
    scan = ScanResult(key=key, source=source)
    ui.scan, ui.told, ui.playlist = scan, None, None
    try:
        scan.analysis = svc.analyze(data, settings=svc.settings)
    except ImageError as exc:
        scan.error = f"This file can't be used: {exc}"
        return scan
    except ModelError as exc:
        scan.error = f"The emotion model is not available: {exc}"
        return scan
    if not scan.analysis.faces:
        scan.error = "No face found in this photo. Try a well-lit photo of one face looking at the camera."
        return scan
    scan.jpeg = images.draw_faces(data, scan.analysis, selected=0)
    scan.photo = data
    _record_face(who, scan)
    return scan


def tell_mood(ui: UIState, svc: Services, source: Literal["manual", "text"], value: str, who: Who) -> Told:
    """A picked emotion or a sentence instead of a photo: read, recorded once, and made the current mood."""
    ui.told_count += 1
    told = Told(source=source, origin=f"told:{ui.session_id}:{ui.told_count}", said=value)
    ui.told, ui.scan, ui.playlist = told, None, None
    if source == "manual":
        told.scores = EmotionScores.one_hot(canonical_emotion(value))
    else:
        try:
            result = svc.analyze_text(value, settings=svc.settings)
        except MoodifyError as exc:  # empty text, or no text model installed
            told.error = f"Couldn't read that: {exc}"
            return told
        told.scores, told.notices = result.scores, result.notices
    record_mood(who, told.scores, source, idempotency_key("told", ui.session_id, str(ui.told_count)))
    return told


def choose_face(ui: UIState, index: int, who: Who) -> None:
    """The user says which face is theirs: that face's reading is recorded (once) and used from now on."""
    scan = ui.scan
    if scan is None or scan.analysis is None or not 0 <= index < len(scan.analysis.faces):
        return
    if index == scan.face_index:
        return
    scan.face_index = index
    scan.correction = None
    if scan.photo is not None:
        scan.jpeg = images.draw_faces(scan.photo, scan.analysis, selected=index)
    ui.playlist = None
    _record_face(who, scan)


def correct_emotion(ui: UIState, emotion: str | None, who: Who) -> None:
    """One-click correction: stored as a ``correction`` event and used for the playlist from now on."""
    scan = ui.scan
    if scan is None or scan.face_scores is None or emotion == scan.correction:
        return
    scan.correction = emotion
    ui.playlist = None
    if emotion is not None:
        _record(who, scan, EmotionScores.one_hot(emotion), "correction",
                idempotency_key(scan.key, f"face{scan.face_index}", "correction", emotion))


def set_text(ui: UIState, svc: Services, text: str) -> None:
    """Optional "how do you feel?" sentence, fused with the face reading for the playlist."""
    scan = ui.scan
    if scan is None or text == scan.text:
        return
    scan.text = text
    scan.text_scores = None
    scan.text_notices = ()
    ui.playlist = None
    if not text.strip():
        return
    try:
        result = svc.analyze_text(text, settings=svc.settings)
    except MoodifyError as exc:  # empty after cleaning, or the text model is missing
        scan.text_notices = (f"Couldn't read that sentence: {exc}",)
        return
    scan.text_scores = result.scores
    scan.text_notices = result.notices


def mood_scores(scan: ScanResult) -> EmotionScores | None:
    """What the playlist follows: the correction if any, else the face (fused with the text if given)."""
    if scan.correction is not None:
        return EmotionScores.one_hot(scan.correction)
    face = scan.face_scores
    if face is None or scan.text_scores is None:
        return face
    from moodify.text import fuse

    fused: EmotionScores = fuse(face, scan.text_scores)
    return fused


def _record_face(who: Who, scan: ScanResult) -> None:
    if scan.face_scores is not None:
        _record(who, scan, scan.face_scores, scan.source, idempotency_key(scan.key, f"face{scan.face_index}"))


def _record(who: Who, scan: ScanResult, scores: EmotionScores, source: MoodSource, key: str) -> None:
    if key in scan.recorded:
        return
    keep_photo = (source != "correction" and not who.guest
                  and who.store.get_preferences(who.user.id).store_photos)
    record_mood(who, scores, source, key, photo=scan.photo if keep_photo else None)
    scan.recorded.add(key)


def record_mood(who: Who, scores: EmotionScores, source: MoodSource, key: str,
                photo: bytes | None = None) -> bool:
    """Store one reading; False when this key was already stored (a rerun, a retry)."""
    event = MoodEvent(user_id=who.user.id, emotion=scores.emotion, probabilities=scores.probabilities,
                      confidence=scores.confidence, source=source, idempotency_key=key, photo=photo)
    return who.store.add_mood_event(event)


# --- playlist and player ----------------------------------------------------------------------


def make_playlist(ui: UIState, svc: Services, scores: EmotionScores, mode: Mode, who: Who, origin: str,
                  n: int = 10) -> Playlist:
    """A playlist for ``scores`` in ``mode``; the same inputs give back the playlist already made."""
    made_from = (origin, scores.probabilities, mode)
    if ui.playlist is not None and ui.playlist_for == made_from:
        return ui.playlist
    prefs = who.store.get_preferences(who.user.id)
    playlist = recommend_with_taste(
        svc.recommend, StatedTaste.of(who.store, prefs), scores=scores, mode=mode, n=n,
        user_id=who.user.id, settings=svc.settings, providers=list(prefs.providers) or None)
    ui.playlist = playlist
    ui.playlist_for = made_from
    ui.player_index = 0
    ui.titles.update({i.track.key: f"{i.track.title} — {i.track.artist}" for i in playlist.items})
    record = PlaylistRecord(user_id=who.user.id, emotion=playlist.emotion, mode=playlist.mode,
                            track_keys=tuple(i.track.key for i in playlist.items))
    try:
        who.store.add_playlist(record)
    except MoodifyError as exc:  # the playlist is still shown; the log says it was not saved
        log.warning("playlist not saved: %s", exc)
    return playlist


def give_feedback(ui: UIState, who: Who, track: Track, kind: FeedbackKind) -> None:
    """like / skip / dislike / finished / play: feeds the ranking and the history."""
    if kind in ("like", "dislike"):
        ui.reactions[track.key] = kind
    who.store.add_feedback(FeedbackEvent(user_id=who.user.id, track_key=track.key, kind=kind,
                                         at=datetime.now(UTC), artist=track.artist, tags=track.tags))
    if kind in ("play", "finished"):
        done = kind == "finished"
        who.store.add_listen(ListenEvent(user_id=who.user.id, track_key=track.key,
                                         seconds=(track.duration_s or 0.0) if done else 0.0,
                                         completed=done, title=track.title, artist=track.artist))


# --- history ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShownPlaylist:
    when: datetime
    emotion: str
    mode: str
    titles: tuple[str, ...]


def readings(who: Who) -> list[Reading]:
    return [Reading(at=e.at, emotion=e.emotion, confidence=e.confidence, source=e.source)
            for e in who.store.list_mood_events(who.user.id)]


def _titles(ui: UIState, who: Who) -> dict[str, str]:
    known = {e.track_key: f"{e.title} — {e.artist}" for e in who.store.list_listens(who.user.id) if e.title}
    return known | ui.titles


def recent_playlists(ui: UIState, who: Who, most: int = 5) -> list[ShownPlaylist]:
    titles = _titles(ui, who)
    shown = sorted(who.store.list_playlists(who.user.id), key=lambda p: p.at, reverse=True)[:most]
    return [ShownPlaylist(when=p.at, emotion=p.emotion, mode=p.mode,
                          titles=tuple(titles.get(k, k) for k in p.track_keys)) for p in shown]


def liked_tracks(ui: UIState, who: Who) -> list[str]:
    """Tracks whose latest like/dislike is a like, newest first."""
    latest: dict[str, FeedbackEvent] = {}
    for event in sorted(who.store.list_feedback(who.user.id), key=lambda e: e.at):
        if event.kind in ("like", "dislike"):
            latest[event.track_key] = event
    titles = _titles(ui, who)
    liked = sorted((e for e in latest.values() if e.kind == "like"), key=lambda e: e.at, reverse=True)
    return [titles.get(e.track_key, f"{e.artist} ({e.track_key})" if e.artist else e.track_key)
            for e in liked]


# --- preferences, export, delete --------------------------------------------------------------


def preferences(who: Who) -> Preferences:
    return who.store.get_preferences(who.user.id)


def genre_choices() -> list[str]:
    """Genres and mood words the providers understand (free text is accepted too)."""
    from moodify.music import tags

    return sorted(set(tags.MTG_TAG_POINTS) | set(tags.GENRE_POINTS))


def provider_choices() -> list[str]:
    from moodify.music.providers import PROVIDERS

    return PROVIDERS.names()


def save_preferences(who: Who, *, mode: str, favourite: list[str], blocked: list[str], providers: list[str],
                     store_photos: bool) -> str | None:
    """Save; returns a message for the person when the input can't be saved as it is."""
    clean = [g.strip().lower() for g in favourite if g.strip()]
    block = [g.strip().lower() for g in blocked if g.strip()]
    both = sorted(set(clean) & set(block))
    if both:
        return f"{', '.join(both)} can't be both a favourite and blocked."
    try:
        who.store.set_preferences(Preferences(
            user_id=who.user.id, default_mode=mode,  # type: ignore[arg-type]
            favourite_genres=tuple(dict.fromkeys(clean)), blocked_genres=tuple(dict.fromkeys(block)),
            providers=tuple(providers), store_photos=store_photos))
    except (ValueError, MoodifyError) as exc:
        return str(exc)
    return None


def export_data(who: Who) -> tuple[str, str]:
    """(JSON, CSV) of everything stored about this user."""
    export = who.store.export_user(who.user.id)
    return to_json(export), to_csv(export)


def delete_account(svc: Services, who: Who) -> None:
    """Everything goes: the account at the identity provider and every record in the store."""
    svc.auth.delete_account(who.user.id)
