from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.confirm_in import ConfirmIn
from ...models.confirm_out import ConfirmOut
from ...models.problem import Problem
from typing import cast



def _get_kwargs(
    *,
    body: ConfirmIn,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/emotion/confirm",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ConfirmOut | Problem | None:
    if response.status_code == 201:
        response_201 = ConfirmOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ConfirmOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ConfirmIn,

) -> Response[ConfirmOut | Problem]:
    """ Confirm Emotion

     You say which emotion a face in a photo you sent shows: the answer to ``needs_confirmation``, or a
    correction of a confident reading. Recorded once per (photo, face, emotion), as the app's buttons
    do.

    Args:
        body (ConfirmIn): Which emotion a face in a photo you sent shows, in your own judgement.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConfirmOut | Problem]
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
    body: ConfirmIn,

) -> ConfirmOut | Problem | None:
    """ Confirm Emotion

     You say which emotion a face in a photo you sent shows: the answer to ``needs_confirmation``, or a
    correction of a confident reading. Recorded once per (photo, face, emotion), as the app's buttons
    do.

    Args:
        body (ConfirmIn): Which emotion a face in a photo you sent shows, in your own judgement.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConfirmOut | Problem
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ConfirmIn,

) -> Response[ConfirmOut | Problem]:
    """ Confirm Emotion

     You say which emotion a face in a photo you sent shows: the answer to ``needs_confirmation``, or a
    correction of a confident reading. Recorded once per (photo, face, emotion), as the app's buttons
    do.

    Args:
        body (ConfirmIn): Which emotion a face in a photo you sent shows, in your own judgement.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConfirmOut | Problem]
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
    body: ConfirmIn,

) -> ConfirmOut | Problem | None:
    """ Confirm Emotion

     You say which emotion a face in a photo you sent shows: the answer to ``needs_confirmation``, or a
    correction of a confident reading. Recorded once per (photo, face, emotion), as the app's buttons
    do.

    Args:
        body (ConfirmIn): Which emotion a face in a photo you sent shows, in your own judgement.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConfirmOut | Problem
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
