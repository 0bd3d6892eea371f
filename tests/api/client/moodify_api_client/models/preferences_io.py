from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.mode import Mode
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="PreferencesIO")



@_attrs_define
class PreferencesIO:
    """ What the app's Settings page holds; the same for every front end.

        Attributes:
            default_mode (Mode | Unset):
            favourite_tags (list[str] | Unset):
            blocked_tags (list[str] | Unset): Never in a playlist, whatever the provider.
            providers (list[str] | Unset): Music sources in fallback order (empty: default).
            store_photos (bool | Unset):  Default: False.
     """

    default_mode: Mode | Unset = UNSET
    favourite_tags: list[str] | Unset = UNSET
    blocked_tags: list[str] | Unset = UNSET
    providers: list[str] | Unset = UNSET
    store_photos: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        default_mode: str | Unset = UNSET
        if not isinstance(self.default_mode, Unset):
            default_mode = self.default_mode.value


        favourite_tags: list[str] | Unset = UNSET
        if not isinstance(self.favourite_tags, Unset):
            favourite_tags = self.favourite_tags



        blocked_tags: list[str] | Unset = UNSET
        if not isinstance(self.blocked_tags, Unset):
            blocked_tags = self.blocked_tags



        providers: list[str] | Unset = UNSET
        if not isinstance(self.providers, Unset):
            providers = self.providers



        store_photos = self.store_photos


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if default_mode is not UNSET:
            field_dict["default_mode"] = default_mode
        if favourite_tags is not UNSET:
            field_dict["favourite_tags"] = favourite_tags
        if blocked_tags is not UNSET:
            field_dict["blocked_tags"] = blocked_tags
        if providers is not UNSET:
            field_dict["providers"] = providers
        if store_photos is not UNSET:
            field_dict["store_photos"] = store_photos

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _default_mode = d.pop("default_mode", UNSET)
        default_mode: Mode | Unset
        if isinstance(_default_mode,  Unset):
            default_mode = UNSET
        else:
            default_mode = Mode(_default_mode)




        favourite_tags = cast(list[str], d.pop("favourite_tags", UNSET))


        blocked_tags = cast(list[str], d.pop("blocked_tags", UNSET))


        providers = cast(list[str], d.pop("providers", UNSET))


        store_photos = d.pop("store_photos", UNSET)

        preferences_io = cls(
            default_mode=default_mode,
            favourite_tags=favourite_tags,
            blocked_tags=blocked_tags,
            providers=providers,
            store_photos=store_photos,
        )


        preferences_io.additional_properties = d
        return preferences_io

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
