from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.feedback_kind import FeedbackKind
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="FeedbackIn")



@_attrs_define
class FeedbackIn:
    """ A reaction to a track Moodify recommended to you. Its artist and tags come from the server's record
    of that recommendation; anything else a client sends is ignored.

        Attributes:
            track_key (str): provider:id, as in a recommendation.
            kind (FeedbackKind):
            playlist_id (None | str | Unset): The playlist it was in (default: the newest that has it).
            seconds (float | None | Unset): Seconds of audio played; a play needs at least 5.
            attempt (None | str | Unset): Distinguishes two real reactions of one kind to one track; a retry with the same
                attempt is stored once.
     """

    track_key: str
    kind: FeedbackKind
    playlist_id: None | str | Unset = UNSET
    seconds: float | None | Unset = UNSET
    attempt: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        track_key = self.track_key

        kind = self.kind.value

        playlist_id: None | str | Unset
        if isinstance(self.playlist_id, Unset):
            playlist_id = UNSET
        else:
            playlist_id = self.playlist_id

        seconds: float | None | Unset
        if isinstance(self.seconds, Unset):
            seconds = UNSET
        else:
            seconds = self.seconds

        attempt: None | str | Unset
        if isinstance(self.attempt, Unset):
            attempt = UNSET
        else:
            attempt = self.attempt


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "track_key": track_key,
            "kind": kind,
        })
        if playlist_id is not UNSET:
            field_dict["playlist_id"] = playlist_id
        if seconds is not UNSET:
            field_dict["seconds"] = seconds
        if attempt is not UNSET:
            field_dict["attempt"] = attempt

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        track_key = d.pop("track_key")

        kind = FeedbackKind(d.pop("kind"))




        def _parse_playlist_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        playlist_id = _parse_playlist_id(d.pop("playlist_id", UNSET))


        def _parse_seconds(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        seconds = _parse_seconds(d.pop("seconds", UNSET))


        def _parse_attempt(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        attempt = _parse_attempt(d.pop("attempt", UNSET))


        feedback_in = cls(
            track_key=track_key,
            kind=kind,
            playlist_id=playlist_id,
            seconds=seconds,
            attempt=attempt,
        )


        feedback_in.additional_properties = d
        return feedback_in

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
