from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="ShownTrackOut")



@_attrs_define
class ShownTrackOut:
    """ A track as shown in a playlist (past playlists keep exactly this).

        Attributes:
            key (str): provider:id; use it for feedback.
            title (str):
            artist (str):
            url (str): The track's public page.
            tags (list[str]): The provider's tags (moods, themes, instruments).
            genres (list[str]): Genres from Moodify's one vocabulary (rap is hip hop, thrash is metal ...); empty when not
                known. Blocked genres never appear.
            valence (float):
            arousal (float):
            artwork_url (None | str):
            duration_s (float | None): Seconds of what plays: the preview's length when `preview` is true, else the song's;
                null when not known.
            preview (bool): The stream plays a clip (e.g. Deezer's 30-s preview), not the song.
            full_duration_s (float | None): The whole song's length; null when not known.
            license_ (str):
            license_url (None | str):
            reason (str):
     """

    key: str
    title: str
    artist: str
    url: str
    tags: list[str]
    genres: list[str]
    valence: float
    arousal: float
    artwork_url: None | str
    duration_s: float | None
    preview: bool
    full_duration_s: float | None
    license_: str
    license_url: None | str
    reason: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        key = self.key

        title = self.title

        artist = self.artist

        url = self.url

        tags = self.tags



        genres = self.genres



        valence = self.valence

        arousal = self.arousal

        artwork_url: None | str
        artwork_url = self.artwork_url

        duration_s: float | None
        duration_s = self.duration_s

        preview = self.preview

        full_duration_s: float | None
        full_duration_s = self.full_duration_s

        license_ = self.license_

        license_url: None | str
        license_url = self.license_url

        reason = self.reason


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "key": key,
            "title": title,
            "artist": artist,
            "url": url,
            "tags": tags,
            "genres": genres,
            "valence": valence,
            "arousal": arousal,
            "artwork_url": artwork_url,
            "duration_s": duration_s,
            "preview": preview,
            "full_duration_s": full_duration_s,
            "license": license_,
            "license_url": license_url,
            "reason": reason,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key = d.pop("key")

        title = d.pop("title")

        artist = d.pop("artist")

        url = d.pop("url")

        tags = cast(list[str], d.pop("tags"))


        genres = cast(list[str], d.pop("genres"))


        valence = d.pop("valence")

        arousal = d.pop("arousal")

        def _parse_artwork_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        artwork_url = _parse_artwork_url(d.pop("artwork_url"))


        def _parse_duration_s(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        duration_s = _parse_duration_s(d.pop("duration_s"))


        preview = d.pop("preview")

        def _parse_full_duration_s(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        full_duration_s = _parse_full_duration_s(d.pop("full_duration_s"))


        license_ = d.pop("license")

        def _parse_license_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        license_url = _parse_license_url(d.pop("license_url"))


        reason = d.pop("reason")

        shown_track_out = cls(
            key=key,
            title=title,
            artist=artist,
            url=url,
            tags=tags,
            genres=genres,
            valence=valence,
            arousal=arousal,
            artwork_url=artwork_url,
            duration_s=duration_s,
            preview=preview,
            full_duration_s=full_duration_s,
            license_=license_,
            license_url=license_url,
            reason=reason,
        )


        shown_track_out.additional_properties = d
        return shown_track_out

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
