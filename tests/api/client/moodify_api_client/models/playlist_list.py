from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.playlist_out import PlaylistOut





T = TypeVar("T", bound="PlaylistList")



@_attrs_define
class PlaylistList:
    """ 
        Attributes:
            playlists (list[PlaylistOut]): Newest activity first: the later of `at` and `played_at`.
     """

    playlists: list[PlaylistOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.playlist_out import PlaylistOut # noqa: PLC0415
        playlists = []
        for playlists_item_data in self.playlists:
            playlists_item = playlists_item_data.to_dict()
            playlists.append(playlists_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "playlists": playlists,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.playlist_out import PlaylistOut # noqa: PLC0415
        d = dict(src_dict)
        playlists = []
        _playlists = d.pop("playlists")
        for playlists_item_data in (_playlists):
            playlists_item = PlaylistOut.from_dict(playlists_item_data)



            playlists.append(playlists_item)


        playlist_list = cls(
            playlists=playlists,
        )


        playlist_list.additional_properties = d
        return playlist_list

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
