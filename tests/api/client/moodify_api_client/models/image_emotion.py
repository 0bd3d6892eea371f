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
  from ..models.face_out import FaceOut
  from ..models.fused_emotion import FusedEmotion
  from ..models.text_emotion import TextEmotion





T = TypeVar("T", bound="ImageEmotion")



@_attrs_define
class ImageEmotion:
    """ 
        Attributes:
            width (int):
            height (int):
            faces (list[FaceOut]): Largest first; empty when no face was found.
            photo_id (str): Names this photo in POST /v1/emotion/confirm (a hash of its bytes).
            face (int | None | Unset): Which face the reading is of (0: the largest); null when no face was found.
            needs_confirmation (bool | Unset): True: the face reading is unsure and was not recorded; confirm one of
                `likeliest` with POST /v1/emotion/confirm. Default: False.
            likeliest (list[Emotion] | Unset): The emotions to offer when confirming, likeliest first.
            text (None | TextEmotion | Unset): When a sentence was sent along.
            fused (FusedEmotion | None | Unset): Largest face and text combined.
            mood (CurrentMoodOut | None | Unset): The current mood (null: nothing recorded yet, e.g. no face or an unsure
                one).
            notices (list[str] | Unset):
            event_id (None | str | Unset): The face reading saved in your history.
            text_event_id (None | str | Unset): The sentence's reading, when one was sent.
     """

    width: int
    height: int
    faces: list[FaceOut]
    photo_id: str
    face: int | None | Unset = UNSET
    needs_confirmation: bool | Unset = False
    likeliest: list[Emotion] | Unset = UNSET
    text: None | TextEmotion | Unset = UNSET
    fused: FusedEmotion | None | Unset = UNSET
    mood: CurrentMoodOut | None | Unset = UNSET
    notices: list[str] | Unset = UNSET
    event_id: None | str | Unset = UNSET
    text_event_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.current_mood_out import CurrentMoodOut # noqa: PLC0415
        from ..models.face_out import FaceOut # noqa: PLC0415
        from ..models.fused_emotion import FusedEmotion # noqa: PLC0415
        from ..models.text_emotion import TextEmotion # noqa: PLC0415
        width = self.width

        height = self.height

        faces = []
        for faces_item_data in self.faces:
            faces_item = faces_item_data.to_dict()
            faces.append(faces_item)



        photo_id = self.photo_id

        face: int | None | Unset
        if isinstance(self.face, Unset):
            face = UNSET
        else:
            face = self.face

        needs_confirmation = self.needs_confirmation

        likeliest: list[str] | Unset = UNSET
        if not isinstance(self.likeliest, Unset):
            likeliest = []
            for likeliest_item_data in self.likeliest:
                likeliest_item = likeliest_item_data.value
                likeliest.append(likeliest_item)



        text: dict[str, Any] | None | Unset
        if isinstance(self.text, Unset):
            text = UNSET
        elif isinstance(self.text, TextEmotion):
            text = self.text.to_dict()
        else:
            text = self.text

        fused: dict[str, Any] | None | Unset
        if isinstance(self.fused, Unset):
            fused = UNSET
        elif isinstance(self.fused, FusedEmotion):
            fused = self.fused.to_dict()
        else:
            fused = self.fused

        mood: dict[str, Any] | None | Unset
        if isinstance(self.mood, Unset):
            mood = UNSET
        elif isinstance(self.mood, CurrentMoodOut):
            mood = self.mood.to_dict()
        else:
            mood = self.mood

        notices: list[str] | Unset = UNSET
        if not isinstance(self.notices, Unset):
            notices = self.notices



        event_id: None | str | Unset
        if isinstance(self.event_id, Unset):
            event_id = UNSET
        else:
            event_id = self.event_id

        text_event_id: None | str | Unset
        if isinstance(self.text_event_id, Unset):
            text_event_id = UNSET
        else:
            text_event_id = self.text_event_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "width": width,
            "height": height,
            "faces": faces,
            "photo_id": photo_id,
        })
        if face is not UNSET:
            field_dict["face"] = face
        if needs_confirmation is not UNSET:
            field_dict["needs_confirmation"] = needs_confirmation
        if likeliest is not UNSET:
            field_dict["likeliest"] = likeliest
        if text is not UNSET:
            field_dict["text"] = text
        if fused is not UNSET:
            field_dict["fused"] = fused
        if mood is not UNSET:
            field_dict["mood"] = mood
        if notices is not UNSET:
            field_dict["notices"] = notices
        if event_id is not UNSET:
            field_dict["event_id"] = event_id
        if text_event_id is not UNSET:
            field_dict["text_event_id"] = text_event_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.current_mood_out import CurrentMoodOut # noqa: PLC0415
        from ..models.face_out import FaceOut # noqa: PLC0415
        from ..models.fused_emotion import FusedEmotion # noqa: PLC0415
        from ..models.text_emotion import TextEmotion # noqa: PLC0415
        d = dict(src_dict)
        width = d.pop("width")

        height = d.pop("height")

        faces = []
        _faces = d.pop("faces")
        for faces_item_data in (_faces):
            faces_item = FaceOut.from_dict(faces_item_data)



            faces.append(faces_item)


        photo_id = d.pop("photo_id")

        def _parse_face(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        face = _parse_face(d.pop("face", UNSET))


        needs_confirmation = d.pop("needs_confirmation", UNSET)

        _likeliest = d.pop("likeliest", UNSET)
        likeliest: list[Emotion] | Unset = UNSET
        if _likeliest is not UNSET:
            likeliest = []
            for likeliest_item_data in _likeliest:
                likeliest_item = Emotion(likeliest_item_data)



                likeliest.append(likeliest_item)


        def _parse_text(data: object) -> None | TextEmotion | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                text_type_0 = TextEmotion.from_dict(data)



                return text_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TextEmotion | Unset, data)

        text = _parse_text(d.pop("text", UNSET))


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


        def _parse_mood(data: object) -> CurrentMoodOut | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                mood_type_0 = CurrentMoodOut.from_dict(data)



                return mood_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CurrentMoodOut | None | Unset, data)

        mood = _parse_mood(d.pop("mood", UNSET))


        notices = cast(list[str], d.pop("notices", UNSET))


        def _parse_event_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        event_id = _parse_event_id(d.pop("event_id", UNSET))


        def _parse_text_event_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        text_event_id = _parse_text_event_id(d.pop("text_event_id", UNSET))


        image_emotion = cls(
            width=width,
            height=height,
            faces=faces,
            photo_id=photo_id,
            face=face,
            needs_confirmation=needs_confirmation,
            likeliest=likeliest,
            text=text,
            fused=fused,
            mood=mood,
            notices=notices,
            event_id=event_id,
            text_event_id=text_event_id,
        )


        image_emotion.additional_properties = d
        return image_emotion

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
