from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field
import json
from .. import types

from ..types import UNSET, Unset

from ..types import File, FileTypes
from ..types import UNSET, Unset
from io import BytesIO
from typing import cast






T = TypeVar("T", bound="BodyEmotionFromVoice")



@_attrs_define
class BodyEmotionFromVoice:
    """ 
        Attributes:
            audio (File): A recording of at most 30 s: WAV, FLAC, OGG/Opus, WebM/Opus, MP3.
            transcript (None | str | Unset): Your correction of the transcript (from an earlier call): read instead.
            image (None | str | Unset): Optional photo whose face is fused with the words.
     """

    audio: File
    transcript: None | str | Unset = UNSET
    image: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        audio = self.audio.to_tuple()


        transcript: None | str | Unset
        if isinstance(self.transcript, Unset):
            transcript = UNSET
        else:
            transcript = self.transcript

        image: None | str | Unset
        if isinstance(self.image, Unset):
            image = UNSET
        else:
            image = self.image


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "audio": audio,
        })
        if transcript is not UNSET:
            field_dict["transcript"] = transcript
        if image is not UNSET:
            field_dict["image"] = image

        return field_dict


    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("audio", self.audio.to_tuple()))



        if not isinstance(self.transcript, Unset):
            if isinstance(self.transcript, str):

                files.append(("transcript", (None, str(self.transcript).encode(), "text/plain")))
            else:
                files.append(("transcript", (None, str(self.transcript).encode(), "text/plain")))


        if not isinstance(self.image, Unset):
            if isinstance(self.image, str):

                files.append(("image", (None, str(self.image).encode(), "text/plain")))
            else:
                files.append(("image", (None, str(self.image).encode(), "text/plain")))



        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))



        return files


    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        audio = File(
             payload = BytesIO(d.pop("audio"))
        )




        def _parse_transcript(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        transcript = _parse_transcript(d.pop("transcript", UNSET))


        def _parse_image(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        image = _parse_image(d.pop("image", UNSET))


        body_emotion_from_voice = cls(
            audio=audio,
            transcript=transcript,
            image=image,
        )


        body_emotion_from_voice.additional_properties = d
        return body_emotion_from_voice

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
