from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.emotion import Emotion
from ..models.mode import Mode
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.shown_track_out import ShownTrackOut





T = TypeVar("T", bound="PlaylistOut")



@_attrs_define
class PlaylistOut:
    """ 
        Attributes:
            id (str):
            at (datetime.datetime): When it was made and kept.
            emotion (Emotion):
            mode (Mode):
            track_keys (list[str]):
            tracks (list[ShownTrackOut]): What was shown (empty for very old playlists).
            played_at (datetime.datetime | None | Unset): When it was last played again (``POST
                /v1/playlists/{id}/replay``); null: never.
     """

    id: str
    at: datetime.datetime
    emotion: Emotion
    mode: Mode
    track_keys: list[str]
    tracks: list[ShownTrackOut]
    played_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.shown_track_out import ShownTrackOut # noqa: PLC0415
        id = self.id

        at = self.at.isoformat()

        emotion = self.emotion.value

        mode = self.mode.value

        track_keys = self.track_keys



        tracks = []
        for tracks_item_data in self.tracks:
            tracks_item = tracks_item_data.to_dict()
            tracks.append(tracks_item)



        played_at: None | str | Unset
        if isinstance(self.played_at, Unset):
            played_at = UNSET
        elif isinstance(self.played_at, datetime.datetime):
            played_at = self.played_at.isoformat()
        else:
            played_at = self.played_at


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "at": at,
            "emotion": emotion,
            "mode": mode,
            "track_keys": track_keys,
            "tracks": tracks,
        })
        if played_at is not UNSET:
            field_dict["played_at"] = played_at

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.shown_track_out import ShownTrackOut # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id")

        at = datetime.datetime.fromisoformat(d.pop("at"))




        emotion = Emotion(d.pop("emotion"))




        mode = Mode(d.pop("mode"))




        track_keys = cast(list[str], d.pop("track_keys"))


        tracks = []
        _tracks = d.pop("tracks")
        for tracks_item_data in (_tracks):
            tracks_item = ShownTrackOut.from_dict(tracks_item_data)



            tracks.append(tracks_item)


        def _parse_played_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                played_at_type_0 = datetime.datetime.fromisoformat(data)



                return played_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        played_at = _parse_played_at(d.pop("played_at", UNSET))


        playlist_out = cls(
            id=id,
            at=at,
            emotion=emotion,
            mode=mode,
            track_keys=track_keys,
            tracks=tracks,
            played_at=played_at,
        )


        playlist_out.additional_properties = d
        return playlist_out

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
