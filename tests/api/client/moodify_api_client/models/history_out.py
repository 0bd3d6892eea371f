from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.feedback_out import FeedbackOut
  from ..models.mood_event_out import MoodEventOut
  from ..models.playlist_out import PlaylistOut





T = TypeVar("T", bound="HistoryOut")



@_attrs_define
class HistoryOut:
    """ What ``GET /v1/history`` answers: your own records, nobody else's.

        Attributes:
            moods (list[MoodEventOut]): Oldest first.
            playlists (list[PlaylistOut]): Newest activity first: the later of `at` and `played_at`.
            feedback (list[FeedbackOut]):
     """

    moods: list[MoodEventOut]
    playlists: list[PlaylistOut]
    feedback: list[FeedbackOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.feedback_out import FeedbackOut # noqa: PLC0415
        from ..models.mood_event_out import MoodEventOut # noqa: PLC0415
        from ..models.playlist_out import PlaylistOut # noqa: PLC0415
        moods = []
        for moods_item_data in self.moods:
            moods_item = moods_item_data.to_dict()
            moods.append(moods_item)



        playlists = []
        for playlists_item_data in self.playlists:
            playlists_item = playlists_item_data.to_dict()
            playlists.append(playlists_item)



        feedback = []
        for feedback_item_data in self.feedback:
            feedback_item = feedback_item_data.to_dict()
            feedback.append(feedback_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "moods": moods,
            "playlists": playlists,
            "feedback": feedback,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.feedback_out import FeedbackOut # noqa: PLC0415
        from ..models.mood_event_out import MoodEventOut # noqa: PLC0415
        from ..models.playlist_out import PlaylistOut # noqa: PLC0415
        d = dict(src_dict)
        moods = []
        _moods = d.pop("moods")
        for moods_item_data in (_moods):
            moods_item = MoodEventOut.from_dict(moods_item_data)



            moods.append(moods_item)


        playlists = []
        _playlists = d.pop("playlists")
        for playlists_item_data in (_playlists):
            playlists_item = PlaylistOut.from_dict(playlists_item_data)



            playlists.append(playlists_item)


        feedback = []
        _feedback = d.pop("feedback")
        for feedback_item_data in (_feedback):
            feedback_item = FeedbackOut.from_dict(feedback_item_data)



            feedback.append(feedback_item)


        history_out = cls(
            moods=moods,
            playlists=playlists,
            feedback=feedback,
        )


        history_out.additional_properties = d
        return history_out

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
