from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.emotion import Emotion
from typing import cast

if TYPE_CHECKING:
  from ..models.box_out import BoxOut
  from ..models.probabilities import Probabilities





T = TypeVar("T", bound="FaceOut")



@_attrs_define
class FaceOut:
    """ 
        Attributes:
            emotion (Emotion):
            confidence (float): Calibrated probability of the top emotion.
            probabilities (Probabilities): One probability per emotion; they sum to 1.
            box (BoxOut):
            detector_score (float):
     """

    emotion: Emotion
    confidence: float
    probabilities: Probabilities
    box: BoxOut
    detector_score: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.box_out import BoxOut # noqa: PLC0415
        from ..models.probabilities import Probabilities # noqa: PLC0415
        emotion = self.emotion.value

        confidence = self.confidence

        probabilities = self.probabilities.to_dict()

        box = self.box.to_dict()

        detector_score = self.detector_score


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "emotion": emotion,
            "confidence": confidence,
            "probabilities": probabilities,
            "box": box,
            "detector_score": detector_score,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.box_out import BoxOut # noqa: PLC0415
        from ..models.probabilities import Probabilities # noqa: PLC0415
        d = dict(src_dict)
        emotion = Emotion(d.pop("emotion"))




        confidence = d.pop("confidence")

        probabilities = Probabilities.from_dict(d.pop("probabilities"))




        box = BoxOut.from_dict(d.pop("box"))




        detector_score = d.pop("detector_score")

        face_out = cls(
            emotion=emotion,
            confidence=confidence,
            probabilities=probabilities,
            box=box,
            detector_score=detector_score,
        )


        face_out.additional_properties = d
        return face_out

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
