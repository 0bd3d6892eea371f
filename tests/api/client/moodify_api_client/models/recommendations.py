from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.emotion import Emotion
from ..models.mode import Mode
from typing import cast

if TYPE_CHECKING:
  from ..models.mood_point_out import MoodPointOut
  from ..models.track_out import TrackOut





T = TypeVar("T", bound="Recommendations")



@_attrs_define
class Recommendations:
    """ 
        Attributes:
            playlist_id (None | str): Send with feedback; null when it could not be saved.
            emotion (Emotion):
            mode (Mode):
            start (MoodPointOut):
            target (MoodPointOut):
            tracks (list[TrackOut]):
            warnings (list[str]):
     """

    playlist_id: None | str
    emotion: Emotion
    mode: Mode
    start: MoodPointOut
    target: MoodPointOut
    tracks: list[TrackOut]
    warnings: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.mood_point_out import MoodPointOut # noqa: PLC0415
        from ..models.track_out import TrackOut # noqa: PLC0415
        playlist_id: None | str
        playlist_id = self.playlist_id

        emotion = self.emotion.value

        mode = self.mode.value

        start = self.start.to_dict()

        target = self.target.to_dict()

        tracks = []
        for tracks_item_data in self.tracks:
            tracks_item = tracks_item_data.to_dict()
            tracks.append(tracks_item)



        warnings = self.warnings




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "playlist_id": playlist_id,
            "emotion": emotion,
            "mode": mode,
            "start": start,
            "target": target,
            "tracks": tracks,
            "warnings": warnings,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.mood_point_out import MoodPointOut # noqa: PLC0415
        from ..models.track_out import TrackOut # noqa: PLC0415
        d = dict(src_dict)
        def _parse_playlist_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        playlist_id = _parse_playlist_id(d.pop("playlist_id"))


        emotion = Emotion(d.pop("emotion"))




        mode = Mode(d.pop("mode"))




        start = MoodPointOut.from_dict(d.pop("start"))




        target = MoodPointOut.from_dict(d.pop("target"))




        tracks = []
        _tracks = d.pop("tracks")
        for tracks_item_data in (_tracks):
            tracks_item = TrackOut.from_dict(tracks_item_data)



            tracks.append(tracks_item)


        warnings = cast(list[str], d.pop("warnings"))


        recommendations = cls(
            playlist_id=playlist_id,
            emotion=emotion,
            mode=mode,
            start=start,
            target=target,
            tracks=tracks,
            warnings=warnings,
        )


        recommendations.additional_properties = d
        return recommendations

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
