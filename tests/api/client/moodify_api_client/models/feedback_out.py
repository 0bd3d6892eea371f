from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.feedback_kind import FeedbackKind
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="FeedbackOut")



@_attrs_define
class FeedbackOut:
    """ 
        Attributes:
            track_key (str):
            kind (FeedbackKind):
            at (datetime.datetime):
            stored (bool | Unset): False: the same feedback was already stored. Default: True.
     """

    track_key: str
    kind: FeedbackKind
    at: datetime.datetime
    stored: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        track_key = self.track_key

        kind = self.kind.value

        at = self.at.isoformat()

        stored = self.stored


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "track_key": track_key,
            "kind": kind,
            "at": at,
        })
        if stored is not UNSET:
            field_dict["stored"] = stored

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        track_key = d.pop("track_key")

        kind = FeedbackKind(d.pop("kind"))




        at = datetime.datetime.fromisoformat(d.pop("at"))




        stored = d.pop("stored", UNSET)

        feedback_out = cls(
            track_key=track_key,
            kind=kind,
            at=at,
            stored=stored,
        )


        feedback_out.additional_properties = d
        return feedback_out

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
