"""``GET /v1/playlists`` and ``GET /v1/playlists/{id}``: the playlists made for you, as they were shown."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from moodify import service
from moodify.api.deps import CurrentUser, ServicesDep
from moodify.api.schemas import PlaylistList, PlaylistOut

router = APIRouter(prefix="/v1/playlists", tags=["playlists"])


@router.get("", response_model=PlaylistList)
def playlists(user: CurrentUser, services: ServicesDep,
              limit: Annotated[int, Query(ge=1, le=1000, description="The newest N.")] = 50) -> PlaylistList:
    return PlaylistList(playlists=[PlaylistOut.of(p)
                                   for p in service.list_playlists(services.context, user, limit=limit)])


@router.get("/{playlist_id}", response_model=PlaylistOut)
def playlist(user: CurrentUser, services: ServicesDep,
             playlist_id: Annotated[str, Path(max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]) -> PlaylistOut:
    """One of your playlists; 404 when it doesn't exist or isn't yours."""
    return PlaylistOut.of(service.get_playlist(services.context, user, playlist_id))
