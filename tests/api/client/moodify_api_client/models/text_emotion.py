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
  from ..models.probabilities import Probabilities





T = TypeVar("T", bound="TextEmotion")



@_attrs_define
class TextEmotion:
    """ 
        Attributes:
            emotion (Emotion):
            confidence (float): Calibrated probability of the top emotion.
            probabilities (Probabilities): One probability per emotion; they sum to 1.
            notices (list[str] | Unset): E.g. truncation, not English.
            truncated (bool | Unset):  Default: False.
            english_share (float | None | Unset): Share of words that look English; null: no words.
     """

    emotion: Emotion
    confidence: float
    probabilities: Probabilities
    notices: list[str] | Unset = UNSET
    truncated: bool | Unset = False
    english_share: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.probabilities import Probabilities # noqa: PLC0415
        emotion = self.emotion.value

        confidence = self.confidence

        probabilities = self.probabilities.to_dict()

        notices: list[str] | Unset = UNSET
        if not isinstance(self.notices, Unset):
            notices = self.notices



        truncated = self.truncated

        english_share: float | None | Unset
        if isinstance(self.english_share, Unset):
            english_share = UNSET
        else:
            english_share = self.english_share


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "emotion": emotion,
            "confidence": confidence,
            "probabilities": probabilities,
        })
        if notices is not UNSET:
            field_dict["notices"] = notices
        if truncated is not UNSET:
            field_dict["truncated"] = truncated
        if english_share is not UNSET:
            field_dict["english_share"] = english_share

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.probabilities import Probabilities # noqa: PLC0415
        d = dict(src_dict)
        emotion = Emotion(d.pop("emotion"))




        confidence = d.pop("confidence")

        probabilities = Probabilities.from_dict(d.pop("probabilities"))




        notices = cast(list[str], d.pop("notices", UNSET))


        truncated = d.pop("truncated", UNSET)

        def _parse_english_share(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        english_share = _parse_english_share(d.pop("english_share", UNSET))


        text_emotion = cls(
            emotion=emotion,
            confidence=confidence,
            probabilities=probabilities,
            notices=notices,
            truncated=truncated,
            english_share=english_share,
        )


        text_emotion.additional_properties = d
        return text_emotion

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
