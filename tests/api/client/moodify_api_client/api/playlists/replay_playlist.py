from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.recommendations import Recommendations
from typing import cast



def _get_kwargs(
    playlist_id: str,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/playlists/{playlist_id}/replay".format(playlist_id=quote(str(playlist_id), safe=""),),
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

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())



        return response_404

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
    playlist_id: str,
    *,
    client: AuthenticatedClient,

) -> Response[Problem | Recommendations]:
    """ Replay Playlist

     Play one of your playlists again: its tracks as shown, with streams resolved now, leaving out the
    ones
    you have disliked since. It is recorded (``played_at``), so it moves to the top of ``GET
    /v1/playlists``.
    A track with no stream now has ``stream_url`` null (its page still works); 404 when it isn't yours.

    Args:
        playlist_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Recommendations]
     """


    kwargs = _get_kwargs(
        playlist_id=playlist_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    playlist_id: str,
    *,
    client: AuthenticatedClient,

) -> Problem | Recommendations | None:
    """ Replay Playlist

     Play one of your playlists again: its tracks as shown, with streams resolved now, leaving out the
    ones
    you have disliked since. It is recorded (``played_at``), so it moves to the top of ``GET
    /v1/playlists``.
    A track with no stream now has ``stream_url`` null (its page still works); 404 when it isn't yours.

    Args:
        playlist_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Recommendations
     """


    return sync_detailed(
        playlist_id=playlist_id,
client=client,

    ).parsed

async def asyncio_detailed(
    playlist_id: str,
    *,
    client: AuthenticatedClient,

) -> Response[Problem | Recommendations]:
    """ Replay Playlist

     Play one of your playlists again: its tracks as shown, with streams resolved now, leaving out the
    ones
    you have disliked since. It is recorded (``played_at``), so it moves to the top of ``GET
    /v1/playlists``.
    A track with no stream now has ``stream_url`` null (its page still works); 404 when it isn't yours.

    Args:
        playlist_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Recommendations]
     """


    kwargs = _get_kwargs(
        playlist_id=playlist_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    playlist_id: str,
    *,
    client: AuthenticatedClient,

) -> Problem | Recommendations | None:
    """ Replay Playlist

     Play one of your playlists again: its tracks as shown, with streams resolved now, leaving out the
    ones
    you have disliked since. It is recorded (``played_at``), so it moves to the top of ``GET
    /v1/playlists``.
    A track with no stream now has ``stream_url`` null (its page still works); 404 when it isn't yours.

    Args:
        playlist_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Recommendations
     """


    return (await asyncio_detailed(
        playlist_id=playlist_id,
client=client,

    )).parsed
