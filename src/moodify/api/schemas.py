"""Request and response models of the REST API (what ``/docs`` shows)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from moodify.store.models import MoodSource, PlaylistRecord, Preferences, StoredTrack
from moodify.types import Emotion, EmotionScores, Face, FeedbackKind, Mode, Playlist, PlaylistItem
from moodify.validation import MAX_GENRES, MAX_PROVIDER_LEN, MAX_PROVIDERS, MAX_TAG_LEN, MAX_TRACK_KEY_LEN

# The vocabulary is moodify.types'; these names are what the OpenAPI schema shows.
EmotionName = Emotion
ModeName = Mode
FeedbackName = FeedbackKind
_TAG = Field(max_length=MAX_TAG_LEN, pattern=r"^[^\x00-\x1f\x7f]+$")


class Probabilities(BaseModel):
    """One probability per emotion; they sum to 1."""

    angry: float
    disgust: float
    fear: float
    happy: float
    sad: float
    surprise: float
    neutral: float

    @classmethod
    def of(cls, scores: EmotionScores) -> Probabilities:
        return cls(**scores.as_dict())


class EmotionResult(BaseModel):
    emotion: EmotionName
    confidence: float = Field(..., ge=0, le=1, description="Calibrated probability of the top emotion.")
    probabilities: Probabilities

    @classmethod
    def of(cls, scores: EmotionScores) -> EmotionResult:
        return cls(
            emotion=scores.emotion,
            confidence=round(min(1.0, scores.confidence), 6),
            probabilities=Probabilities.of(scores),
        )


class BoxOut(BaseModel):
    x: int
    y: int
    w: int
    h: int


class FaceOut(EmotionResult):
    box: BoxOut
    detector_score: float

    @classmethod
    def of_face(cls, face: Face) -> FaceOut:
        assert face.scores is not None
        base = EmotionResult.of(face.scores)
        return cls(
            **base.model_dump(),
            box=BoxOut(x=face.box.x, y=face.box.y, w=face.box.w, h=face.box.h),
            detector_score=round(face.score, 4),
        )


class TextEmotion(EmotionResult):
    notices: list[str] = Field(default_factory=list, description="E.g. truncation, not English.")
    truncated: bool = False
    english_share: float | None = Field(
        default=None, description="Share of words that look English; null: no words."
    )


class FusedEmotion(EmotionResult):
    face_weight: float
    text_weight: float


class CurrentMoodOut(EmotionResult):
    """The one current mood: what a playlist for this reading follows."""

    sources: list[str] = Field(description='What it came from: "face", "words".')




class ImageEmotion(BaseModel):
    width: int
    height: int
    faces: list[FaceOut] = Field(description="Largest first; empty when no face was found.")
    face: int | None = Field(default=None, description="Which face the reading is of (0: the largest); "
                                                       "null when no face was found.")
    photo_id: str = Field(description="Names this photo in POST /v1/emotion/confirm (a hash of its bytes).")
    needs_confirmation: bool = Field(
        default=False, description="True: the face reading is unsure and was not recorded; confirm one of "
                                   "`likeliest` with POST /v1/emotion/confirm.")
    likeliest: list[EmotionName] = Field(default_factory=list,
                                         description="The emotions to offer when confirming, likeliest first.")
    text: TextEmotion | None = Field(default=None, description="When a sentence was sent along.")
    fused: FusedEmotion | None = Field(default=None, description="Largest face and text combined.")
    mood: CurrentMoodOut | None = Field(
        default=None, description="The current mood (null: nothing recorded yet, e.g. no face or an unsure one).")
    notices: list[str] = Field(default_factory=list)
    event_id: str | None = Field(default=None, description="The face reading saved in your history.")
    text_event_id: str | None = Field(default=None, description="The sentence's reading, when one was sent.")


class ConfirmIn(BaseModel):
    """Which emotion a face in a photo you sent shows, in your own judgement."""

    photo_id: str = Field(pattern=r"^[0-9a-f]{64}$", description="`photo_id` from POST /v1/emotion.")
    face: int = Field(default=0, ge=0, le=99, description="The face (0: the largest).")
    emotion: EmotionName


class ConfirmOut(EmotionResult):
    event_id: str = Field(description="The reading saved in your history.")
    source: MoodSource = Field(description='Always "correction": what you said, not what the model read.')
    stored: bool = Field(description="False: the same confirmation was already stored (a retry).")


class TextIn(BaseModel):
    text: str = Field(..., description="How you feel, in English.", max_length=100_000)


class TextEmotionOut(TextEmotion):
    event_id: str | None = None


class MoodPointOut(BaseModel):
    valence: float
    arousal: float


class ShownTrackOut(BaseModel):
    """A track as shown in a playlist (past playlists keep exactly this)."""

    key: str = Field(..., description="provider:id; use it for feedback.")
    title: str
    artist: str
    url: str = Field(description="The track's public page.")
    tags: list[str] = Field(description="The provider's tags (moods, themes, instruments).")
    genres: list[str] = Field(description="Genres from Moodify's one vocabulary (rap is hip hop, thrash is "
                                          "metal ...); empty when not known. Blocked genres never appear.")
    valence: float
    arousal: float
    artwork_url: str | None
    duration_s: float | None = Field(description="Seconds of what plays: the preview's length when `preview` "
                                                 "is true, else the song's; null when not known.")
    preview: bool = Field(description="The stream plays a clip (e.g. Deezer's 30-s preview), not the song.")
    full_duration_s: float | None = Field(description="The whole song's length; null when not known.")
    license: str
    license_url: str | None
    reason: str

    @classmethod
    def of(cls, track: StoredTrack) -> ShownTrackOut:
        preview = track.preview_s is not None
        return cls(key=track.key, title=track.title, artist=track.artist, url=track.url, tags=list(track.tags),
                   genres=list(track.genres), valence=track.valence, arousal=track.arousal,
                   artwork_url=track.artwork_url, duration_s=track.preview_s if preview else track.duration_s,
                   preview=preview, full_duration_s=track.duration_s, license=track.license,
                   license_url=track.license_url, reason=track.reason)


class TrackOut(ShownTrackOut):
    """A track of a playlist just made: what was shown, plus where to stream it now and its score."""

    id: str
    provider: str
    stream_url: str | None
    score: float

    @classmethod
    def of_item(cls, item: PlaylistItem) -> TrackOut:
        shown = ShownTrackOut.of(StoredTrack.of(item.track, item.reason))
        return cls(**shown.model_dump(), id=item.track.id, provider=item.track.provider,
                   stream_url=item.track.stream_url, score=round(item.score, 6))


class Recommendations(BaseModel):
    playlist_id: str | None = Field(description="Send with feedback; null when it could not be saved.")
    emotion: EmotionName
    mode: ModeName
    start: MoodPointOut
    target: MoodPointOut
    tracks: list[TrackOut]
    warnings: list[str]

    @classmethod
    def of(cls, playlist: Playlist, playlist_id: str | None) -> Recommendations:
        return cls(
            playlist_id=playlist_id,
            emotion=playlist.emotion,
            mode=playlist.mode,
            start=MoodPointOut(valence=playlist.start.valence, arousal=playlist.start.arousal),
            target=MoodPointOut(valence=playlist.target.valence, arousal=playlist.target.arousal),
            tracks=[TrackOut.of_item(i) for i in playlist.items],
            warnings=list(playlist.all_warnings),
        )


class FeedbackIn(BaseModel):
    """A reaction to a track Moodify recommended to you. Its artist and tags come from the server's record
    of that recommendation; anything else a client sends is ignored."""

    track_key: str = Field(
        ...,
        min_length=3,
        max_length=MAX_TRACK_KEY_LEN,
        pattern=r"^[^:\s\x00-\x1f]+:[^\s\x00-\x1f]+$",
        description="provider:id, as in a recommendation.",
    )
    kind: FeedbackName
    playlist_id: str | None = Field(default=None, max_length=64, pattern=r"^[A-Za-z0-9_-]+$",
                                    description="The playlist it was in (default: the newest that has it).")
    seconds: float | None = Field(default=None, ge=0, lt=86_400,
                                  description="Seconds of audio played; a play needs at least 5.")
    attempt: str | None = Field(default=None, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$",
                                description="Distinguishes two real reactions of one kind to one track; "
                                            "a retry with the same attempt is stored once.")


class FeedbackOut(BaseModel):
    track_key: str
    kind: FeedbackName
    at: datetime
    stored: bool = Field(default=True, description="False: the same feedback was already stored.")


class MoodEventOut(BaseModel):
    """A reading as stored in your history (a photo's face, a sentence, a pick or a correction)."""

    id: str
    at: datetime
    emotion: EmotionName
    confidence: float
    probabilities: Probabilities
    source: MoodSource


class PlaylistOut(BaseModel):
    id: str
    at: datetime = Field(description="When it was made and kept.")
    played_at: datetime | None = Field(default=None, description="When it was last played again "
                                                                 "(``POST /v1/playlists/{id}/replay``); "
                                                                 "null: never.")
    emotion: EmotionName
    mode: ModeName
    track_keys: list[str]
    tracks: list[ShownTrackOut] = Field(description="What was shown (empty for very old playlists).")

    @classmethod
    def of(cls, record: PlaylistRecord) -> PlaylistOut:
        return cls(id=record.id, at=record.at, played_at=record.played_at,
                   emotion=record.emotion,  # type: ignore[arg-type]
                   mode=record.mode, track_keys=list(record.track_keys),
                   tracks=[ShownTrackOut.of(t) for t in record.tracks])


class PlaylistList(BaseModel):
    playlists: list[PlaylistOut] = Field(description="Newest activity first: the later of `at` and `played_at`.")


class HistoryOut(BaseModel):
    """What ``GET /v1/history`` answers: your own records, nobody else's."""

    moods: list[MoodEventOut] = Field(description="Oldest first.")
    playlists: list[PlaylistOut] = Field(description="Newest activity first: the later of `at` and `played_at`.")
    feedback: list[FeedbackOut]


class PreferencesIO(BaseModel):
    """What the app's Settings page holds; the same for every front end."""

    default_mode: ModeName = "match"
    favourite_tags: list[Annotated[str, _TAG]] = Field(default_factory=list, max_length=MAX_GENRES)
    blocked_tags: list[Annotated[str, _TAG]] = Field(default_factory=list, max_length=MAX_GENRES,
                                                      description="Never in a playlist, whatever the provider.")
    providers: list[Annotated[str, Field(max_length=MAX_PROVIDER_LEN, pattern=r"^[a-z0-9_-]+$")]] = Field(
        default_factory=list, max_length=MAX_PROVIDERS,
        description="Music sources in fallback order (empty: default).")
    store_photos: bool = False

    @classmethod
    def of(cls, prefs: Preferences) -> PreferencesIO:
        return cls(default_mode=prefs.default_mode, favourite_tags=list(prefs.favourite_genres),
                   blocked_tags=list(prefs.blocked_genres), providers=list(prefs.providers),
                   store_photos=prefs.store_photos)


class Credentials(BaseModel):
    email: str = Field(..., max_length=254)
    password: str = Field(..., max_length=1024)


class UserOut(BaseModel):
    id: str
    email: str


class SessionOut(BaseModel):
    token: str = Field(..., description="Send as 'Authorization: Bearer <token>'.")
    token_type: Literal["bearer"] = "bearer"
    expires_at: datetime | None
    user: UserOut


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    store: str
    auth: str


