"""``GET/PUT /v1/preferences``, ``GET /v1/export``, ``DELETE /v1/account``: your settings and your data."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Header, Query, Response

from moodify import service
from moodify.api.deps import ContextDep, CurrentUser
from moodify.api.schemas import PreferencesIO

router = APIRouter(prefix="/v1", tags=["account"])


@router.get("/preferences", response_model=PreferencesIO)
def get_preferences(user: CurrentUser, ctx: ContextDep) -> PreferencesIO:
    """What the app's Settings page shows: mode, favourite and blocked tags, music sources, photo keeping."""
    return PreferencesIO.of(service.preferences(ctx, user))


@router.put("/preferences", response_model=PreferencesIO)
def put_preferences(body: PreferencesIO, user: CurrentUser, ctx: ContextDep) -> PreferencesIO:
    """Replace your preferences; new playlists use them at once. 422 when a tag is both liked and blocked,
    or a music source is unknown."""
    saved = service.save_preferences(ctx, user, mode=body.default_mode, favourite=body.favourite_tags,
                                     blocked=body.blocked_tags, providers=body.providers,
                                     store_photos=body.store_photos)
    return PreferencesIO.of(saved)


@router.get("/export", response_class=Response,
            responses={200: {"content": {"application/json": {}, "text/csv": {}},
                             "description": "Everything stored about you."}})
def export(user: CurrentUser, ctx: ContextDep,
           format: Annotated[Literal["json", "csv"], Query(description="json or csv")] = "json") -> Response:
    """Everything Moodify keeps about you (the same file the app's Settings page downloads)."""
    out = service.export_user(ctx, user, format)
    return Response(out.content, media_type=out.media_type,
                    headers={"Content-Disposition": f'attachment; filename="{out.filename}"'})


_CONFIRM = f'Must be "{service.DELETE_CONFIRMATION}": deleting cannot be undone.'


@router.delete("/account", status_code=204, response_class=Response)
def delete_account(
    user: CurrentUser,
    ctx: ContextDep,
    confirm: Annotated[str | None, Query(max_length=16, description=_CONFIRM + " Or send the header.")] = None,
    confirm_header: Annotated[str | None, Header(alias="Moodify-Confirm", max_length=16,
                                                 description=_CONFIRM + " Or send ?confirm=.")] = None,
) -> Response:
    """Delete your account and everything stored with it. Confirm with ``?confirm=DELETE`` or the header
    ``Moodify-Confirm: DELETE`` (no body: many HTTP clients can't send one with DELETE); 422 without."""
    service.delete_account(ctx, user, confirm=confirm or confirm_header or "")
    return Response(status_code=204)
