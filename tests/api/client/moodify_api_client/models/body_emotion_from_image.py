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






T = TypeVar("T", bound="BodyEmotionFromImage")



@_attrs_define
class BodyEmotionFromImage:
    """ 
        Attributes:
            image (File): JPEG, PNG, WebP, HEIC, AVIF, BMP or GIF; never a URL.
            text (None | str | Unset): Optional sentence to fuse with the face.
            face (int | Unset): Which face is yours (0: the largest). Default: 0.
     """

    image: File
    text: None | str | Unset = UNSET
    face: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        image = self.image.to_tuple()


        text: None | str | Unset
        if isinstance(self.text, Unset):
            text = UNSET
        else:
            text = self.text

        face = self.face


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "image": image,
        })
        if text is not UNSET:
            field_dict["text"] = text
        if face is not UNSET:
            field_dict["face"] = face

        return field_dict


    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("image", self.image.to_tuple()))



        if not isinstance(self.text, Unset):
            if isinstance(self.text, str):

                files.append(("text", (None, str(self.text).encode(), "text/plain")))
            else:
                files.append(("text", (None, str(self.text).encode(), "text/plain")))


        if not isinstance(self.face, Unset):
            files.append(("face", (None, str(self.face).encode(), "text/plain")))




        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))



        return files


    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        image = File(
             payload = BytesIO(d.pop("image"))
        )




        def _parse_text(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        text = _parse_text(d.pop("text", UNSET))


        face = d.pop("face", UNSET)

        body_emotion_from_image = cls(
            image=image,
            text=text,
            face=face,
        )


        body_emotion_from_image.additional_properties = d
        return body_emotion_from_image

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
