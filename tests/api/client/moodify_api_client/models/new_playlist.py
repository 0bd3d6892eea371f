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






T = TypeVar("T", bound="NewPlaylist")



@_attrs_define
class NewPlaylist:
    """ What ``GET /v1/recommendations`` takes, as a body: one of ``emotion`` or ``probs``.

        Attributes:
            emotion (Emotion | None | Unset): The current emotion.
            probs (None | str | Unset): Or probabilities: happy=0.7,sad=0.3 (or happy:0.7)
            mode (Mode | None | Unset): match, lift, calm, or custom (needs valence+arousal); default: your preferences'
                mode
            n (int | Unset):  Default: 10.
            valence (float | None | Unset): Target for mode=custom.
            arousal (float | None | Unset): Target for mode=custom.
     """

    emotion: Emotion | None | Unset = UNSET
    probs: None | str | Unset = UNSET
    mode: Mode | None | Unset = UNSET
    n: int | Unset = 10
    valence: float | None | Unset = UNSET
    arousal: float | None | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        emotion: None | str | Unset
        if isinstance(self.emotion, Unset):
            emotion = UNSET
        elif isinstance(self.emotion, Emotion):
            emotion = self.emotion.value
        else:
            emotion = self.emotion

        probs: None | str | Unset
        if isinstance(self.probs, Unset):
            probs = UNSET
        else:
            probs = self.probs

        mode: None | str | Unset
        if isinstance(self.mode, Unset):
            mode = UNSET
        elif isinstance(self.mode, Mode):
            mode = self.mode.value
        else:
            mode = self.mode

        n = self.n

        valence: float | None | Unset
        if isinstance(self.valence, Unset):
            valence = UNSET
        else:
            valence = self.valence

        arousal: float | None | Unset
        if isinstance(self.arousal, Unset):
            arousal = UNSET
        else:
            arousal = self.arousal


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if emotion is not UNSET:
            field_dict["emotion"] = emotion
        if probs is not UNSET:
            field_dict["probs"] = probs
        if mode is not UNSET:
            field_dict["mode"] = mode
        if n is not UNSET:
            field_dict["n"] = n
        if valence is not UNSET:
            field_dict["valence"] = valence
        if arousal is not UNSET:
            field_dict["arousal"] = arousal

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_emotion(data: object) -> Emotion | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                emotion_type_0 = Emotion(data)



                return emotion_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Emotion | None | Unset, data)

        emotion = _parse_emotion(d.pop("emotion", UNSET))


        def _parse_probs(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        probs = _parse_probs(d.pop("probs", UNSET))


        def _parse_mode(data: object) -> Mode | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                mode_type_0 = Mode(data)



                return mode_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Mode | None | Unset, data)

        mode = _parse_mode(d.pop("mode", UNSET))


        n = d.pop("n", UNSET)

        def _parse_valence(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        valence = _parse_valence(d.pop("valence", UNSET))


        def _parse_arousal(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        arousal = _parse_arousal(d.pop("arousal", UNSET))


        new_playlist = cls(
            emotion=emotion,
            probs=probs,
            mode=mode,
            n=n,
            valence=valence,
            arousal=arousal,
        )

        return new_playlist

