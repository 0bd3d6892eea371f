from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.feedback_in import FeedbackIn
from ...models.feedback_out import FeedbackOut
from ...models.problem import Problem
from typing import cast



def _get_kwargs(
    *,
    body: FeedbackIn,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/feedback",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> FeedbackOut | Problem | None:
    if response.status_code == 201:
        response_201 = FeedbackOut.from_dict(response.json())



        return response_201

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[FeedbackOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: FeedbackIn,

) -> Response[FeedbackOut | Problem]:
    """ Feedback

     Like, skip, finish, dislike or play (>= 5 s) a track recommended to you; the next recommendations
    take it into account. 404 when the track was never recommended to you.

    Args:
        body (FeedbackIn): A reaction to a track Moodify recommended to you. Its artist and tags
            come from the server's record
            of that recommendation; anything else a client sends is ignored.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FeedbackOut | Problem]
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
    body: FeedbackIn,

) -> FeedbackOut | Problem | None:
    """ Feedback

     Like, skip, finish, dislike or play (>= 5 s) a track recommended to you; the next recommendations
    take it into account. 404 when the track was never recommended to you.

    Args:
        body (FeedbackIn): A reaction to a track Moodify recommended to you. Its artist and tags
            come from the server's record
            of that recommendation; anything else a client sends is ignored.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FeedbackOut | Problem
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: FeedbackIn,

) -> Response[FeedbackOut | Problem]:
    """ Feedback

     Like, skip, finish, dislike or play (>= 5 s) a track recommended to you; the next recommendations
    take it into account. 404 when the track was never recommended to you.

    Args:
        body (FeedbackIn): A reaction to a track Moodify recommended to you. Its artist and tags
            come from the server's record
            of that recommendation; anything else a client sends is ignored.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FeedbackOut | Problem]
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
    body: FeedbackIn,

) -> FeedbackOut | Problem | None:
    """ Feedback

     Like, skip, finish, dislike or play (>= 5 s) a track recommended to you; the next recommendations
    take it into account. 404 when the track was never recommended to you.

    Args:
        body (FeedbackIn): A reaction to a track Moodify recommended to you. Its artist and tags
            come from the server's record
            of that recommendation; anything else a client sends is ignored.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FeedbackOut | Problem
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
