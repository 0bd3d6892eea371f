from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.history_out import HistoryOut
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    since: None | str | Unset = UNSET,
    limit: int | Unset = 100,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_since: None | str | Unset
    if isinstance(since, Unset):
        json_since = UNSET
    else:
        json_since = since
    params["since"] = json_since

    params["limit"] = limit


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/history",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> HistoryOut | Problem | None:
    if response.status_code == 200:
        response_200 = HistoryOut.from_dict(response.json())



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

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[HistoryOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    since: None | str | Unset = UNSET,
    limit: int | Unset = 100,

) -> Response[HistoryOut | Problem]:
    """ History

     Your moods (oldest first), playlists (newest first) and feedback: the newest ``limit`` of each.

    Args:
        since (None | str | Unset): Only moods at or after this time (ISO 8601, e.g.
            2026-01-31T12:00:00Z).
        limit (int | Unset): The newest N of each kind. Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HistoryOut | Problem]
     """


    kwargs = _get_kwargs(
        since=since,
limit=limit,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    since: None | str | Unset = UNSET,
    limit: int | Unset = 100,

) -> HistoryOut | Problem | None:
    """ History

     Your moods (oldest first), playlists (newest first) and feedback: the newest ``limit`` of each.

    Args:
        since (None | str | Unset): Only moods at or after this time (ISO 8601, e.g.
            2026-01-31T12:00:00Z).
        limit (int | Unset): The newest N of each kind. Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HistoryOut | Problem
     """


    return sync_detailed(
        client=client,
since=since,
limit=limit,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    since: None | str | Unset = UNSET,
    limit: int | Unset = 100,

) -> Response[HistoryOut | Problem]:
    """ History

     Your moods (oldest first), playlists (newest first) and feedback: the newest ``limit`` of each.

    Args:
        since (None | str | Unset): Only moods at or after this time (ISO 8601, e.g.
            2026-01-31T12:00:00Z).
        limit (int | Unset): The newest N of each kind. Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HistoryOut | Problem]
     """


    kwargs = _get_kwargs(
        since=since,
limit=limit,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    since: None | str | Unset = UNSET,
    limit: int | Unset = 100,

) -> HistoryOut | Problem | None:
    """ History

     Your moods (oldest first), playlists (newest first) and feedback: the newest ``limit`` of each.

    Args:
        since (None | str | Unset): Only moods at or after this time (ISO 8601, e.g.
            2026-01-31T12:00:00Z).
        limit (int | Unset): The newest N of each kind. Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HistoryOut | Problem
     """


    return (await asyncio_detailed(
        client=client,
since=since,
limit=limit,

    )).parsed
