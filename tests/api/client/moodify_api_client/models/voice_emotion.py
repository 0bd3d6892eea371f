from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.emotion import Emotion
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.current_mood_out import CurrentMoodOut
  from ..models.emotion_result import EmotionResult
  from ..models.fused_emotion import FusedEmotion
  from ..models.text_emotion import TextEmotion





T = TypeVar("T", bound="VoiceEmotion")



@_attrs_define
class VoiceEmotion:
    """ 
        Attributes:
            transcript (str): What the speech engine heard.
            words (str): What was read: the transcript, or your correction of it.
            corrected (bool): True when `words` is your correction, not the transcript.
            engine (str): The speech engine: "pocketsphinx" or "whisper".
            seconds (float): Length of the recording.
            text (TextEmotion):
            event_id (str): The recorded reading of the words.
            mood (CurrentMoodOut): The one current mood: what a playlist for this reading follows.
            face (EmotionResult | None | Unset): The photo's face, when a photo was sent.
            face_event_id (None | str | Unset):
            photo_id (None | str | Unset): Names the photo in POST /v1/emotion/confirm.
            needs_confirmation (bool | Unset): The photo's face is unsure: nothing was recorded for it, and the mood is the
                words alone, until one of `likeliest` is confirmed with POST /v1/emotion/confirm (the same gate as a photo).
                Default: False.
            likeliest (list[Emotion] | Unset):
            fused (FusedEmotion | None | Unset): Face and words combined, with weights.
            notices (list[str] | Unset):
     """

    transcript: str
    words: str
    corrected: bool
    engine: str
    seconds: float
    text: TextEmotion
    event_id: str
    mood: CurrentMoodOut
    face: EmotionResult | None | Unset = UNSET
    face_event_id: None | str | Unset = UNSET
    photo_id: None | str | Unset = UNSET
    needs_confirmation: bool | Unset = False
    likeliest: list[Emotion] | Unset = UNSET
    fused: FusedEmotion | None | Unset = UNSET
    notices: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.current_mood_out import CurrentMoodOut # noqa: PLC0415
        from ..models.emotion_result import EmotionResult # noqa: PLC0415
        from ..models.fused_emotion import FusedEmotion # noqa: PLC0415
        from ..models.text_emotion import TextEmotion # noqa: PLC0415
        transcript = self.transcript

        words = self.words

        corrected = self.corrected

        engine = self.engine

        seconds = self.seconds

        text = self.text.to_dict()

        event_id = self.event_id

        mood = self.mood.to_dict()

        face: dict[str, Any] | None | Unset
        if isinstance(self.face, Unset):
            face = UNSET
        elif isinstance(self.face, EmotionResult):
            face = self.face.to_dict()
        else:
            face = self.face

        face_event_id: None | str | Unset
        if isinstance(self.face_event_id, Unset):
            face_event_id = UNSET
        else:
            face_event_id = self.face_event_id

        photo_id: None | str | Unset
        if isinstance(self.photo_id, Unset):
            photo_id = UNSET
        else:
            photo_id = self.photo_id

        needs_confirmation = self.needs_confirmation

        likeliest: list[str] | Unset = UNSET
        if not isinstance(self.likeliest, Unset):
            likeliest = []
            for likeliest_item_data in self.likeliest:
                likeliest_item = likeliest_item_data.value
                likeliest.append(likeliest_item)



        fused: dict[str, Any] | None | Unset
        if isinstance(self.fused, Unset):
            fused = UNSET
        elif isinstance(self.fused, FusedEmotion):
            fused = self.fused.to_dict()
        else:
            fused = self.fused

        notices: list[str] | Unset = UNSET
        if not isinstance(self.notices, Unset):
            notices = self.notices




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "transcript": transcript,
            "words": words,
            "corrected": corrected,
            "engine": engine,
            "seconds": seconds,
            "text": text,
            "event_id": event_id,
            "mood": mood,
        })
        if face is not UNSET:
            field_dict["face"] = face
        if face_event_id is not UNSET:
            field_dict["face_event_id"] = face_event_id
        if photo_id is not UNSET:
            field_dict["photo_id"] = photo_id
        if needs_confirmation is not UNSET:
            field_dict["needs_confirmation"] = needs_confirmation
        if likeliest is not UNSET:
            field_dict["likeliest"] = likeliest
        if fused is not UNSET:
            field_dict["fused"] = fused
        if notices is not UNSET:
            field_dict["notices"] = notices

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.current_mood_out import CurrentMoodOut # noqa: PLC0415
        from ..models.emotion_result import EmotionResult # noqa: PLC0415
        from ..models.fused_emotion import FusedEmotion # noqa: PLC0415
        from ..models.text_emotion import TextEmotion # noqa: PLC0415
        d = dict(src_dict)
        transcript = d.pop("transcript")

        words = d.pop("words")

        corrected = d.pop("corrected")

        engine = d.pop("engine")

        seconds = d.pop("seconds")

        text = TextEmotion.from_dict(d.pop("text"))




        event_id = d.pop("event_id")

        mood = CurrentMoodOut.from_dict(d.pop("mood"))




        def _parse_face(data: object) -> EmotionResult | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                face_type_0 = EmotionResult.from_dict(data)



                return face_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EmotionResult | None | Unset, data)

        face = _parse_face(d.pop("face", UNSET))


        def _parse_face_event_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        face_event_id = _parse_face_event_id(d.pop("face_event_id", UNSET))


        def _parse_photo_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        photo_id = _parse_photo_id(d.pop("photo_id", UNSET))


        needs_confirmation = d.pop("needs_confirmation", UNSET)

        _likeliest = d.pop("likeliest", UNSET)
        likeliest: list[Emotion] | Unset = UNSET
        if _likeliest is not UNSET:
            likeliest = []
            for likeliest_item_data in _likeliest:
                likeliest_item = Emotion(likeliest_item_data)



                likeliest.append(likeliest_item)


        def _parse_fused(data: object) -> FusedEmotion | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                fused_type_0 = FusedEmotion.from_dict(data)



                return fused_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FusedEmotion | None | Unset, data)

        fused = _parse_fused(d.pop("fused", UNSET))


        notices = cast(list[str], d.pop("notices", UNSET))


        voice_emotion = cls(
            transcript=transcript,
            words=words,
            corrected=corrected,
            engine=engine,
            seconds=seconds,
            text=text,
            event_id=event_id,
            mood=mood,
            face=face,
            face_event_id=face_event_id,
            photo_id=photo_id,
            needs_confirmation=needs_confirmation,
            likeliest=likeliest,
            fused=fused,
            notices=notices,
        )


        voice_emotion.additional_properties = d
        return voice_emotion

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
