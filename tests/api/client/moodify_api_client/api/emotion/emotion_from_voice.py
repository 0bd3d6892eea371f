from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.body_emotion_from_voice import BodyEmotionFromVoice
from ...models.problem import Problem
from ...models.voice_emotion import VoiceEmotion
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    body: BodyEmotionFromVoice,
    idempotency_key: None | str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/emotion/voice",
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | VoiceEmotion | None:
    if response.status_code == 200:
        response_200 = VoiceEmotion.from_dict(response.json())



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

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())



        return response_415

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())



        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())



        return response_500

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | VoiceEmotion]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: BodyEmotionFromVoice,
    idempotency_key: None | str | Unset = UNSET,

) -> Response[Problem | VoiceEmotion]:
    """ Emotion From Voice

     The words said are transcribed, read by the text model and recorded once per ``Idempotency-Key``
    (without one: once per recording and words). Tone of voice is not read. 413: too many bytes or
    seconds;
    415: not a recording we read; 422: broken, silent, or no words made out.

    Args:
        idempotency_key (None | str | Unset): Send the same value when retrying, and a sentence is
            recorded once.
        body (BodyEmotionFromVoice):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | VoiceEmotion]
     """


    kwargs = _get_kwargs(
        body=body,
idempotency_key=idempotency_key,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    body: BodyEmotionFromVoice,
    idempotency_key: None | str | Unset = UNSET,

) -> Problem | VoiceEmotion | None:
    """ Emotion From Voice

     The words said are transcribed, read by the text model and recorded once per ``Idempotency-Key``
    (without one: once per recording and words). Tone of voice is not read. 413: too many bytes or
    seconds;
    415: not a recording we read; 422: broken, silent, or no words made out.

    Args:
        idempotency_key (None | str | Unset): Send the same value when retrying, and a sentence is
            recorded once.
        body (BodyEmotionFromVoice):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | VoiceEmotion
     """


    return sync_detailed(
        client=client,
body=body,
idempotency_key=idempotency_key,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: BodyEmotionFromVoice,
    idempotency_key: None | str | Unset = UNSET,

) -> Response[Problem | VoiceEmotion]:
    """ Emotion From Voice

     The words said are transcribed, read by the text model and recorded once per ``Idempotency-Key``
    (without one: once per recording and words). Tone of voice is not read. 413: too many bytes or
    seconds;
    415: not a recording we read; 422: broken, silent, or no words made out.

    Args:
        idempotency_key (None | str | Unset): Send the same value when retrying, and a sentence is
            recorded once.
        body (BodyEmotionFromVoice):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | VoiceEmotion]
     """


    kwargs = _get_kwargs(
        body=body,
idempotency_key=idempotency_key,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    body: BodyEmotionFromVoice,
    idempotency_key: None | str | Unset = UNSET,

) -> Problem | VoiceEmotion | None:
    """ Emotion From Voice

     The words said are transcribed, read by the text model and recorded once per ``Idempotency-Key``
    (without one: once per recording and words). Tone of voice is not read. 413: too many bytes or
    seconds;
    415: not a recording we read; 422: broken, silent, or no words made out.

    Args:
        idempotency_key (None | str | Unset): Send the same value when retrying, and a sentence is
            recorded once.
        body (BodyEmotionFromVoice):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | VoiceEmotion
     """


    return (await asyncio_detailed(
        client=client,
body=body,
idempotency_key=idempotency_key,

    )).parsed
