from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.playlist_format import PlaylistFormat
from ...models.playlist_out import PlaylistOut
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    playlist_id: str,
    *,
    format_: PlaylistFormat | Unset = PlaylistFormat.JSON,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/playlists/{playlist_id}".format(playlist_id=quote(str(playlist_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PlaylistOut | Problem | None:
    if response.status_code == 200:
        response_200 = PlaylistOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[PlaylistOut | Problem]:
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
    format_: PlaylistFormat | Unset = PlaylistFormat.JSON,

) -> Response[PlaylistOut | Problem]:
    """ Playlist

     One of your playlists as it was shown; 404 when it doesn't exist or isn't yours. As a file, its
    entries carry stream URLs resolved now (Deezer's previews expire: the file says when), the same
    bytes
    the app's Export buttons and ``moodify recommend --format`` give.

    Args:
        playlist_id (str):
        format_ (PlaylistFormat | Unset): json, m3u8 or xspf Default: PlaylistFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PlaylistOut | Problem]
     """


    kwargs = _get_kwargs(
        playlist_id=playlist_id,
format_=format_,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    playlist_id: str,
    *,
    client: AuthenticatedClient,
    format_: PlaylistFormat | Unset = PlaylistFormat.JSON,

) -> PlaylistOut | Problem | None:
    """ Playlist

     One of your playlists as it was shown; 404 when it doesn't exist or isn't yours. As a file, its
    entries carry stream URLs resolved now (Deezer's previews expire: the file says when), the same
    bytes
    the app's Export buttons and ``moodify recommend --format`` give.

    Args:
        playlist_id (str):
        format_ (PlaylistFormat | Unset): json, m3u8 or xspf Default: PlaylistFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PlaylistOut | Problem
     """


    return sync_detailed(
        playlist_id=playlist_id,
client=client,
format_=format_,

    ).parsed

async def asyncio_detailed(
    playlist_id: str,
    *,
    client: AuthenticatedClient,
    format_: PlaylistFormat | Unset = PlaylistFormat.JSON,

) -> Response[PlaylistOut | Problem]:
    """ Playlist

     One of your playlists as it was shown; 404 when it doesn't exist or isn't yours. As a file, its
    entries carry stream URLs resolved now (Deezer's previews expire: the file says when), the same
    bytes
    the app's Export buttons and ``moodify recommend --format`` give.

    Args:
        playlist_id (str):
        format_ (PlaylistFormat | Unset): json, m3u8 or xspf Default: PlaylistFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PlaylistOut | Problem]
     """


    kwargs = _get_kwargs(
        playlist_id=playlist_id,
format_=format_,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    playlist_id: str,
    *,
    client: AuthenticatedClient,
    format_: PlaylistFormat | Unset = PlaylistFormat.JSON,

) -> PlaylistOut | Problem | None:
    """ Playlist

     One of your playlists as it was shown; 404 when it doesn't exist or isn't yours. As a file, its
    entries carry stream URLs resolved now (Deezer's previews expire: the file says when), the same
    bytes
    the app's Export buttons and ``moodify recommend --format`` give.

    Args:
        playlist_id (str):
        format_ (PlaylistFormat | Unset): json, m3u8 or xspf Default: PlaylistFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PlaylistOut | Problem
     """


    return (await asyncio_detailed(
        playlist_id=playlist_id,
client=client,
format_=format_,

    )).parsed
