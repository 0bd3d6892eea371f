"""What a click does, for this browser session: the flows themselves are :mod:`moodify.service`'s.

No rendering here, and no flow either: each function keeps this session's :class:`UIState` (what is on
screen, what a rerun must not repeat) and calls the application layer with the session's user and context.
So the UI, the API and the CLI record, recommend and learn the same way.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal

from moodify import service
from moodify.auth import Session
from moodify.errors import AuthError, ImageError, ModelError, MoodifyError, public_message
from moodify.service import Context, Mood
from moodify.store import Preferences, StoredTrack, User
from moodify.ui import images
from moodify.ui.history_model import Reading
from moodify.ui.session import ScanResult, ScanSource, Told, UIState

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Who:
    """The person using this session and the context their data goes through (the database, or a guest's
    memory)."""

    user: User
    ctx: Context

    @property
    def guest(self) -> bool:
        return self.ctx.guest


def whoami(ui: UIState, ctx: Context) -> Who | None:
    """The signed-in user, verified server-side on every run; a guest; or None (sign in again)."""
    if ui.guest is not None:
        return Who(user=ui.guest.session.user, ctx=ctx.for_guest(ui.guest))
    if ui.token is None:
        return None
    try:
        user: User = ctx.auth.verify(ui.token)
    except AuthError as exc:
        user_or_none = _refreshed(ui, ctx)
        if user_or_none is None:
            log.info("session token refused: %s", exc)
            ui.token = ui.refresh_token = None
            ui.notices.append(f"Please sign in again. {public_message(exc)}")
            return None
        user = user_or_none
    return Who(user=user, ctx=ctx)


def sign_in(ui: UIState, ctx: Context, email: str, password: str) -> str | None:
    """The sign-in form. A message for the person when refused (wrong e-mail or password, throttled)."""
    try:
        session = service.sign_in(ctx, email, password)
    except MoodifyError as exc:
        return public_message(exc)
    signed_in(ui, session)
    return None


def sign_up(ui: UIState, ctx: Context, email: str, password: str, again: str) -> str | None:
    """The sign-up form. A message for the person when refused (weak password, the two differ, ...)."""
    try:
        session = service.sign_up(ctx, email, password, again=again)
    except MoodifyError as exc:
        return public_message(exc)
    signed_in(ui, session)
    return None


def guest_signs_up(ui: UIState, who: Who, email: str, password: str, *, keep: bool,
                   again: str | None = None) -> str | None:
    """A guest creates an account (and, if they say so, keeps this session's readings). A message if refused."""
    from moodify.ui.services import context

    try:
        adopted = service.sign_up_guest(context(), who.ctx, who.user, email, password, keep=keep, again=again)
    except MoodifyError as exc:
        return public_message(exc)
    if keep:
        kept = adopted.kept
        ui.notices.append(f"Welcome! {kept} reading{'s' if kept != 1 else ''} from your guest session kept.")
    signed_in(ui, adopted.session)
    return None


def change_password(who: Who, token: str, *, current: str, new: str, again: str) -> str | None:
    """A new password through the service (what the API's /v1/auth/password does); this session (``token``)
    stays signed in, every other one ends. A message for the person when it is refused (wrong current
    password, too weak, the two differ)."""
    try:
        ended = service.change_password(who.ctx, who.user, current=current, new=new, again=again,
                                        keep_token=token)
    except MoodifyError as exc:  # wrong current password, too weak, the two differ, the store is down
        return f"Password not changed. {public_message(exc)}"
    log.info("password changed in the UI; %d other sessions ended", ended)
    return None


def signed_in(ui: UIState, session: Session) -> None:
    """Keep what a successful sign-in/sign-up handed out (server-side, in this session only)."""
    ui.token = session.token
    ui.refresh_token = session.refresh_token
    ui.guest = None


def _refreshed(ui: UIState, ctx: Context) -> User | None:
    """An expired Firebase ID token is traded for a new one (verified again); local sessions can't be."""
    if ui.refresh_token is None:
        return None
    try:
        session = ctx.auth.refresh(ui.refresh_token)
        user: User = ctx.auth.verify(session.token)
    except AuthError:
        return None
    signed_in(ui, session)
    return user


# --- scan --------------------------------------------------------------------------------------


def scan_photo(ui: UIState, data: bytes, source: ScanSource, who: Who) -> ScanResult:
    """Analyse ``data`` once per session (same bytes -> same result) and record the largest face's reading."""
    key = service.photo_key(data)
    if ui.scan is not None and ui.scan.key == key:
        return ui.scan
    scan = ScanResult(key=key, source=source)
    ui.scan, ui.told = scan, None  # the playlist stays until the next one is made (it may not be)
    try:
        read = service.read_photo(who.ctx, who.user, data, source=source, face=0)
    except ImageError as exc:
        scan.error = f"This file can't be used. {public_message(exc)}"
        return scan
    except ModelError as exc:
        scan.error = f"The emotion model is not available. {public_message(exc)}"
        return scan
    scan.analysis = read.analysis
    if read.face is None:
        scan.error = "No face found in this photo. Try a well-lit photo of one face looking at the camera."
        return scan
    scan.jpeg = images.draw_faces(data, scan.analysis, selected=0)
    scan.photo = data  # an unsure face was not recorded: the page asks, and records what the person taps
    return scan


def tell_mood(ui: UIState, source: Literal["manual", "text"], value: str, who: Who) -> Told:
    """A picked emotion or a sentence instead of a photo: read, recorded once, and made the current mood."""
    ui.told_count += 1
    attempt = f"{ui.session_id}:{ui.told_count}"  # a rerun repeats the count, a new submission doesn't
    told = Told(source=source, origin=f"told:{attempt}", said=value)
    ui.told, ui.scan = told, None  # the playlist stays until the next one is made (it may not be)
    try:
        if source == "manual":
            told.scores = service.tell_emotion(who.ctx, who.user, value, attempt=attempt).scores
        else:
            said = service.read_text(who.ctx, who.user, value, attempt=attempt)
            told.scores, told.notices = said.reading.scores, said.analysis.notices
    except MoodifyError as exc:  # an unknown emotion, empty text, or no text model installed
        told.error = f"Couldn't read that. {public_message(exc)}"
    return told


def choose_face(ui: UIState, index: int, who: Who) -> None:
    """The user says which face is theirs: that face's reading is recorded (once) and used from now on."""
    scan = ui.scan
    if scan is None or scan.analysis is None or scan.photo is None or not 0 <= index < len(scan.analysis.faces):
        return
    if index == scan.face_index:
        return
    scan.face_index = index
    scan.correction = None
    scan.jpeg = images.draw_faces(scan.photo, scan.analysis, selected=index)
    service.read_photo(who.ctx, who.user, scan.photo, source=scan.source, face=index, analysis=scan.analysis)


def correct_emotion(ui: UIState, emotion: str | None, who: Who) -> None:
    """One-click correction: stored as a ``correction`` event and used for the playlist from now on."""
    scan = ui.scan
    if scan is None or scan.face_scores is None or scan.photo is None or emotion == scan.correction:
        return
    scan.correction = emotion
    scan.replaced = None
    if emotion is not None:
        service.correct_face(who.ctx, who.user, scan.photo, scan.face_index, emotion)


def set_text(ui: UIState, text: str, who: Who) -> None:
    """Optional "how do you feel?" sentence next to a photo: read, recorded, fused with the face."""
    scan = ui.scan
    if scan is None or text == scan.text:
        return
    scan.text = text
    scan.text_scores = None
    scan.text_notices = ()
    if not text.strip():
        return
    if scan.correction is not None:  # the newest input wins, and the page says so
        scan.replaced, scan.correction = scan.correction, None
    try:
        said = service.read_text(who.ctx, who.user, text, attempt=scan.key)
    except MoodifyError as exc:  # empty after cleaning, or the text model is missing
        scan.text_notices = (f"Couldn't read that sentence. {public_message(exc)}",)
        return
    scan.text_scores = said.reading.scores
    scan.text_notices = said.analysis.notices


def mood(scan: ScanResult) -> Mood | None:
    """The one current mood of a scan: what the card shows and the playlist follows (None: ask first)."""
    face = None if scan.awaiting else scan.face_scores  # an unsure face counts only once confirmed
    return service.current_mood(face=face, text=scan.text_scores, correction=scan.correction)


# --- playlist and player ----------------------------------------------------------------------


# --- history ----------------------------------------------------------------------------------


def readings(who: Who) -> list[Reading]:
    return [Reading(at=e.at, emotion=e.emotion, confidence=e.confidence, source=e.source)
            for e in service.history(who.ctx, who.user, limit=None).moods]


def liked_tracks(who: Who) -> list[StoredTrack]:
    return service.liked_tracks(who.ctx, who.user)


# --- preferences, export, delete --------------------------------------------------------------


def preferences(who: Who) -> Preferences:
    return service.preferences(who.ctx, who.user)


def genre_choices(saved: tuple[str, ...] = ()) -> list[str]:
    """Genres and mood words the providers understand, plus whatever the user saved (free text is fine)."""
    from moodify.music import tags

    return sorted(set(tags.MTG_TAG_POINTS) | set(tags.GENRE_POINTS) | set(saved))


def provider_choices() -> list[str]:
    from moodify.music.providers import PROVIDERS

    return PROVIDERS.names()


def save_preferences(who: Who, *, mode: str, favourite: list[str], blocked: list[str], providers: list[str],
                     store_photos: bool) -> str | None:
    """Save; returns a message for the person when the input can't be saved as it is."""
    try:
        service.save_preferences(who.ctx, who.user, mode=mode, favourite=favourite, blocked=blocked,
                                 providers=providers, store_photos=store_photos)
    except MoodifyError as exc:
        return public_message(exc)
    return None


def export_data(who: Who) -> tuple[str, str]:
    """(JSON, CSV) of everything stored about this user: the files the API's /v1/export serves."""
    return (service.export_user(who.ctx, who.user, "json").content,
            service.export_user(who.ctx, who.user, "csv").content)


def delete_account(who: Who, confirm: str = service.DELETE_CONFIRMATION) -> None:
    """Everything goes: the account at the identity provider and every record in the store. ``confirm``:
    what the person typed (the page enables the button only once it is right)."""
    service.delete_account(who.ctx, who.user, confirm=confirm)
