from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    confirm: None | str | Unset = UNSET,
    moodify_confirm: None | str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(moodify_confirm, Unset):
        headers["Moodify-Confirm"] = moodify_confirm



    

    params: dict[str, Any] = {}

    json_confirm: None | str | Unset
    if isinstance(confirm, Unset):
        json_confirm = UNSET
    else:
        json_confirm = confirm
    params["confirm"] = json_confirm


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/account",
        "params": params,
    }


    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Problem | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    confirm: None | str | Unset = UNSET,
    moodify_confirm: None | str | Unset = UNSET,

) -> Response[Any | Problem]:
    """ Delete Account

     Delete your account and everything stored with it. Confirm with ``?confirm=DELETE`` or the header
    ``Moodify-Confirm: DELETE`` (no body: many HTTP clients can't send one with DELETE); 422 without.

    Args:
        confirm (None | str | Unset): Must be "DELETE": deleting cannot be undone. Or send the
            header.
        moodify_confirm (None | str | Unset): Must be "DELETE": deleting cannot be undone. Or send
            ?confirm=.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
     """


    kwargs = _get_kwargs(
        confirm=confirm,
moodify_confirm=moodify_confirm,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    confirm: None | str | Unset = UNSET,
    moodify_confirm: None | str | Unset = UNSET,

) -> Any | Problem | None:
    """ Delete Account

     Delete your account and everything stored with it. Confirm with ``?confirm=DELETE`` or the header
    ``Moodify-Confirm: DELETE`` (no body: many HTTP clients can't send one with DELETE); 422 without.

    Args:
        confirm (None | str | Unset): Must be "DELETE": deleting cannot be undone. Or send the
            header.
        moodify_confirm (None | str | Unset): Must be "DELETE": deleting cannot be undone. Or send
            ?confirm=.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
     """


    return sync_detailed(
        client=client,
confirm=confirm,
moodify_confirm=moodify_confirm,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    confirm: None | str | Unset = UNSET,
    moodify_confirm: None | str | Unset = UNSET,

) -> Response[Any | Problem]:
    """ Delete Account

     Delete your account and everything stored with it. Confirm with ``?confirm=DELETE`` or the header
    ``Moodify-Confirm: DELETE`` (no body: many HTTP clients can't send one with DELETE); 422 without.

    Args:
        confirm (None | str | Unset): Must be "DELETE": deleting cannot be undone. Or send the
            header.
        moodify_confirm (None | str | Unset): Must be "DELETE": deleting cannot be undone. Or send
            ?confirm=.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
     """


    kwargs = _get_kwargs(
        confirm=confirm,
moodify_confirm=moodify_confirm,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    confirm: None | str | Unset = UNSET,
    moodify_confirm: None | str | Unset = UNSET,

) -> Any | Problem | None:
    """ Delete Account

     Delete your account and everything stored with it. Confirm with ``?confirm=DELETE`` or the header
    ``Moodify-Confirm: DELETE`` (no body: many HTTP clients can't send one with DELETE); 422 without.

    Args:
        confirm (None | str | Unset): Must be "DELETE": deleting cannot be undone. Or send the
            header.
        moodify_confirm (None | str | Unset): Must be "DELETE": deleting cannot be undone. Or send
            ?confirm=.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
     """


    return (await asyncio_detailed(
        client=client,
confirm=confirm,
moodify_confirm=moodify_confirm,

    )).parsed
