from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.new_playlist import NewPlaylist
from ...models.problem import Problem
from ...models.recommendations import Recommendations
from typing import cast



def _get_kwargs(
    *,
    body: NewPlaylist,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/playlists",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | Recommendations | None:
    if response.status_code == 201:
        response_201 = Recommendations.from_dict(response.json())



        return response_201

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
    body: NewPlaylist,

) -> Response[Problem | Recommendations]:
    """ New Playlist

     Make a playlist and keep it in your history (``playlist_id``: send it with feedback on its tracks).
    Each call stores one playlist; ``GET /v1/recommendations`` gives the same kind of playlist and
    stores
    nothing.

    Args:
        body (NewPlaylist): What ``GET /v1/recommendations`` takes, as a body: one of ``emotion``
            or ``probs``.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Recommendations]
     """


    kwargs = _get_kwargs(
        body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    body: NewPlaylist,

) -> Problem | Recommendations | None:
    """ New Playlist

     Make a playlist and keep it in your history (``playlist_id``: send it with feedback on its tracks).
    Each call stores one playlist; ``GET /v1/recommendations`` gives the same kind of playlist and
    stores
    nothing.

    Args:
        body (NewPlaylist): What ``GET /v1/recommendations`` takes, as a body: one of ``emotion``
            or ``probs``.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Recommendations
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: NewPlaylist,

) -> Response[Problem | Recommendations]:
    """ New Playlist

     Make a playlist and keep it in your history (``playlist_id``: send it with feedback on its tracks).
    Each call stores one playlist; ``GET /v1/recommendations`` gives the same kind of playlist and
    stores
    nothing.

    Args:
        body (NewPlaylist): What ``GET /v1/recommendations`` takes, as a body: one of ``emotion``
            or ``probs``.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Recommendations]
     """


    kwargs = _get_kwargs(
        body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    body: NewPlaylist,

) -> Problem | Recommendations | None:
    """ New Playlist

     Make a playlist and keep it in your history (``playlist_id``: send it with feedback on its tracks).
    Each call stores one playlist; ``GET /v1/recommendations`` gives the same kind of playlist and
    stores
    nothing.

    Args:
        body (NewPlaylist): What ``GET /v1/recommendations`` takes, as a body: one of ``emotion``
            or ``probs``.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Recommendations
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
