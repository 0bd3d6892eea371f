from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="Probabilities")



@_attrs_define
class Probabilities:
    """ One probability per emotion; they sum to 1.

        Attributes:
            angry (float):
            disgust (float):
            fear (float):
            happy (float):
            sad (float):
            surprise (float):
            neutral (float):
     """

    angry: float
    disgust: float
    fear: float
    happy: float
    sad: float
    surprise: float
    neutral: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        angry = self.angry

        disgust = self.disgust

        fear = self.fear

        happy = self.happy

        sad = self.sad

        surprise = self.surprise

        neutral = self.neutral


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "angry": angry,
            "disgust": disgust,
            "fear": fear,
            "happy": happy,
            "sad": sad,
            "surprise": surprise,
            "neutral": neutral,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        angry = d.pop("angry")

        disgust = d.pop("disgust")

        fear = d.pop("fear")

        happy = d.pop("happy")

        sad = d.pop("sad")

        surprise = d.pop("surprise")

        neutral = d.pop("neutral")

        probabilities = cls(
            angry=angry,
            disgust=disgust,
            fear=fear,
            happy=happy,
            sad=sad,
            surprise=surprise,
            neutral=neutral,
        )


        probabilities.additional_properties = d
        return probabilities

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
