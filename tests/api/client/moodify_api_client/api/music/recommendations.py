from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.emotion import Emotion
from ...models.mode import Mode
from ...models.problem import Problem
from ...models.recommendations import Recommendations
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    emotion: Emotion | None | Unset = UNSET,
    probs: None | str | Unset = UNSET,
    mode: Mode | None | Unset = UNSET,
    n: int | Unset = 10,
    valence: float | None | Unset = UNSET,
    arousal: float | None | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_emotion: None | str | Unset
    if isinstance(emotion, Unset):
        json_emotion = UNSET
    elif isinstance(emotion, Emotion):
        json_emotion = emotion.value
    else:
        json_emotion = emotion
    params["emotion"] = json_emotion

    json_probs: None | str | Unset
    if isinstance(probs, Unset):
        json_probs = UNSET
    else:
        json_probs = probs
    params["probs"] = json_probs

    json_mode: None | str | Unset
    if isinstance(mode, Unset):
        json_mode = UNSET
    elif isinstance(mode, Mode):
        json_mode = mode.value
    else:
        json_mode = mode
    params["mode"] = json_mode

    params["n"] = n

    json_valence: float | None | Unset
    if isinstance(valence, Unset):
        json_valence = UNSET
    else:
        json_valence = valence
    params["valence"] = json_valence

    json_arousal: float | None | Unset
    if isinstance(arousal, Unset):
        json_arousal = UNSET
    else:
        json_arousal = arousal
    params["arousal"] = json_arousal


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/recommendations",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | Recommendations | None:
    if response.status_code == 200:
        response_200 = Recommendations.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())



        return response_413

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())



        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())



        return response_500

    if response.status_code == 502:
        response_502 = Problem.from_dict(response.json())



        return response_502

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | Recommendations]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    emotion: Emotion | None | Unset = UNSET,
    probs: None | str | Unset = UNSET,
    mode: Mode | None | Unset = UNSET,
    n: int | Unset = 10,
    valence: float | None | Unset = UNSET,
    arousal: float | None | Unset = UNSET,

) -> Response[Problem | Recommendations]:
    """ Recommendations

     A ranked playlist with one reason per track, shaped by your preferences (blocked tags never appear)
    and learned from your feedback and listening. Nothing is stored (``playlist_id`` is null): a
    prefetch
    or a retry adds no history. To keep a playlist and send feedback on its tracks, ``POST
    /v1/playlists``.

    Args:
        emotion (Emotion | None | Unset): The current emotion.
        probs (None | str | Unset): Or probabilities: happy=0.7,sad=0.3 (or happy:0.7)
        mode (Mode | None | Unset): match, lift, calm, or custom (needs valence+arousal); default:
            your preferences' mode
        n (int | Unset):  Default: 10.
        valence (float | None | Unset): Target for mode=custom.
        arousal (float | None | Unset): Target for mode=custom.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Recommendations]
     """


    kwargs = _get_kwargs(
        emotion=emotion,
probs=probs,
mode=mode,
n=n,
valence=valence,
arousal=arousal,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    emotion: Emotion | None | Unset = UNSET,
    probs: None | str | Unset = UNSET,
    mode: Mode | None | Unset = UNSET,
    n: int | Unset = 10,
    valence: float | None | Unset = UNSET,
    arousal: float | None | Unset = UNSET,

) -> Problem | Recommendations | None:
    """ Recommendations

     A ranked playlist with one reason per track, shaped by your preferences (blocked tags never appear)
    and learned from your feedback and listening. Nothing is stored (``playlist_id`` is null): a
    prefetch
    or a retry adds no history. To keep a playlist and send feedback on its tracks, ``POST
    /v1/playlists``.

    Args:
        emotion (Emotion | None | Unset): The current emotion.
        probs (None | str | Unset): Or probabilities: happy=0.7,sad=0.3 (or happy:0.7)
        mode (Mode | None | Unset): match, lift, calm, or custom (needs valence+arousal); default:
            your preferences' mode
        n (int | Unset):  Default: 10.
        valence (float | None | Unset): Target for mode=custom.
        arousal (float | None | Unset): Target for mode=custom.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Recommendations
     """


    return sync_detailed(
        client=client,
emotion=emotion,
probs=probs,
mode=mode,
n=n,
valence=valence,
arousal=arousal,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    emotion: Emotion | None | Unset = UNSET,
    probs: None | str | Unset = UNSET,
    mode: Mode | None | Unset = UNSET,
    n: int | Unset = 10,
    valence: float | None | Unset = UNSET,
    arousal: float | None | Unset = UNSET,

) -> Response[Problem | Recommendations]:
    """ Recommendations

     A ranked playlist with one reason per track, shaped by your preferences (blocked tags never appear)
    and learned from your feedback and listening. Nothing is stored (``playlist_id`` is null): a
    prefetch
    or a retry adds no history. To keep a playlist and send feedback on its tracks, ``POST
    /v1/playlists``.

    Args:
        emotion (Emotion | None | Unset): The current emotion.
        probs (None | str | Unset): Or probabilities: happy=0.7,sad=0.3 (or happy:0.7)
        mode (Mode | None | Unset): match, lift, calm, or custom (needs valence+arousal); default:
            your preferences' mode
        n (int | Unset):  Default: 10.
        valence (float | None | Unset): Target for mode=custom.
        arousal (float | None | Unset): Target for mode=custom.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Recommendations]
     """


    kwargs = _get_kwargs(
        emotion=emotion,
probs=probs,
mode=mode,
n=n,
valence=valence,
arousal=arousal,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    emotion: Emotion | None | Unset = UNSET,
    probs: None | str | Unset = UNSET,
    mode: Mode | None | Unset = UNSET,
    n: int | Unset = 10,
    valence: float | None | Unset = UNSET,
    arousal: float | None | Unset = UNSET,

) -> Problem | Recommendations | None:
    """ Recommendations

     A ranked playlist with one reason per track, shaped by your preferences (blocked tags never appear)
    and learned from your feedback and listening. Nothing is stored (``playlist_id`` is null): a
    prefetch
    or a retry adds no history. To keep a playlist and send feedback on its tracks, ``POST
    /v1/playlists``.

    Args:
        emotion (Emotion | None | Unset): The current emotion.
        probs (None | str | Unset): Or probabilities: happy=0.7,sad=0.3 (or happy:0.7)
        mode (Mode | None | Unset): match, lift, calm, or custom (needs valence+arousal); default:
            your preferences' mode
        n (int | Unset):  Default: 10.
        valence (float | None | Unset): Target for mode=custom.
        arousal (float | None | Unset): Target for mode=custom.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Recommendations
     """


    return (await asyncio_detailed(
        client=client,
emotion=emotion,
probs=probs,
mode=mode,
n=n,
valence=valence,
arousal=arousal,

    )).parsed
