"""``GET/PUT /v1/preferences``, ``GET /v1/export``, ``DELETE /v1/account``: your settings and your data."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from moodify import service
from moodify.api.deps import CurrentUser, ServicesDep
from moodify.api.problems import ApiProblem
from moodify.api.schemas import AccountDelete, PreferencesIO

router = APIRouter(prefix="/v1", tags=["account"])


@router.get("/preferences", response_model=PreferencesIO)
def get_preferences(user: CurrentUser, services: ServicesDep) -> PreferencesIO:
    return PreferencesIO.of(service.preferences(services.context, user))


@router.put("/preferences", response_model=PreferencesIO)
def put_preferences(body: PreferencesIO, user: CurrentUser, services: ServicesDep) -> PreferencesIO:
    """Replace your preferences; new playlists use them at once. 422 when a tag is both liked and blocked."""
    try:
        saved = service.save_preferences(services.context, user, mode=body.default_mode,
                                         favourite=body.favourite_tags, blocked=body.blocked_tags,
                                         providers=body.providers, store_photos=body.store_photos)
    except ValueError as exc:
        raise ApiProblem(422, str(exc), slug="invalid-request") from exc
    return PreferencesIO.of(saved)


@router.get("/export", response_class=Response,
            responses={200: {"content": {"application/json": {}, "text/csv": {}},
                             "description": "Everything stored about you."}})
def export(user: CurrentUser, services: ServicesDep,
           format: Annotated[Literal["json", "csv"], Query(description="json or csv")] = "json") -> Response:
    """Everything Moodify keeps about you (the same file the app's Settings page downloads)."""
    out = service.export_user(services.context, user, format)
    return Response(out.content, media_type=out.media_type,
                    headers={"Content-Disposition": f'attachment; filename="{out.filename}"'})


@router.delete("/account", status_code=204, response_class=Response)
def delete_account(body: AccountDelete, user: CurrentUser, services: ServicesDep) -> Response:
    """Delete your account and everything stored with it. The body must be ``{"confirm": "DELETE"}``."""
    service.delete_account(services.context, user)
    return Response(status_code=204)
