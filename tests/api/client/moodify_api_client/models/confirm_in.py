from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.emotion import Emotion
from ..types import UNSET, Unset






T = TypeVar("T", bound="ConfirmIn")



@_attrs_define
class ConfirmIn:
    """ Which emotion a face in a photo you sent shows, in your own judgement.

        Attributes:
            photo_id (str): `photo_id` from POST /v1/emotion.
            emotion (Emotion):
            face (int | Unset): The face (0: the largest). Default: 0.
     """

    photo_id: str
    emotion: Emotion
    face: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        photo_id = self.photo_id

        emotion = self.emotion.value

        face = self.face


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "photo_id": photo_id,
            "emotion": emotion,
        })
        if face is not UNSET:
            field_dict["face"] = face

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        photo_id = d.pop("photo_id")

        emotion = Emotion(d.pop("emotion"))




        face = d.pop("face", UNSET)

        confirm_in = cls(
            photo_id=photo_id,
            emotion=emotion,
            face=face,
        )


        confirm_in.additional_properties = d
        return confirm_in

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
