from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.emotion import Emotion
from ..models.mood_source import MoodSource
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.probabilities import Probabilities





T = TypeVar("T", bound="MoodEventOut")



@_attrs_define
class MoodEventOut:
    """ A reading as stored in your history (a photo's face, a sentence, a pick or a correction).

        Attributes:
            id (str):
            at (datetime.datetime):
            emotion (Emotion):
            confidence (float):
            probabilities (Probabilities): One probability per emotion; they sum to 1.
            source (MoodSource):
     """

    id: str
    at: datetime.datetime
    emotion: Emotion
    confidence: float
    probabilities: Probabilities
    source: MoodSource
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.probabilities import Probabilities # noqa: PLC0415
        id = self.id

        at = self.at.isoformat()

        emotion = self.emotion.value

        confidence = self.confidence

        probabilities = self.probabilities.to_dict()

        source = self.source.value


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "at": at,
            "emotion": emotion,
            "confidence": confidence,
            "probabilities": probabilities,
            "source": source,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.probabilities import Probabilities # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id")

        at = datetime.datetime.fromisoformat(d.pop("at"))




        emotion = Emotion(d.pop("emotion"))




        confidence = d.pop("confidence")

        probabilities = Probabilities.from_dict(d.pop("probabilities"))




        source = MoodSource(d.pop("source"))




        mood_event_out = cls(
            id=id,
            at=at,
            emotion=emotion,
            confidence=confidence,
            probabilities=probabilities,
            source=source,
        )


        mood_event_out.additional_properties = d
        return mood_event_out

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
