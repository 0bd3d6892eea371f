"""``GET /v1/playlists`` and ``GET /v1/playlists/{id}``: the playlists made for you, as they were shown."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response

from moodify import service
from moodify.api.deps import CurrentUser, ServicesDep
from moodify.api.schemas import PlaylistList, PlaylistOut
from moodify.music.playlist_files import MEDIA_TYPES, playlist_title, to_m3u8, to_xspf

router = APIRouter(prefix="/v1/playlists", tags=["playlists"])


@router.get("", response_model=PlaylistList)
def playlists(user: CurrentUser, services: ServicesDep,
              limit: Annotated[int, Query(ge=1, le=1000, description="The newest N.")] = 50) -> PlaylistList:
    return PlaylistList(playlists=[PlaylistOut.of(p)
                                   for p in service.list_playlists(services.context, user, limit=limit)])


@router.get("/{playlist_id}", response_model=PlaylistOut,
            responses={200: {"content": {"application/json": {}, MEDIA_TYPES["m3u8"]: {}, MEDIA_TYPES["xspf"]: {}},
                             "description": "The playlist as JSON, or as an M3U8 / XSPF file."}})
def playlist(user: CurrentUser, services: ServicesDep,
             playlist_id: Annotated[str, Path(max_length=64, pattern=r"^[A-Za-z0-9_-]+$")],
             format: Annotated[Literal["json", "m3u8", "xspf"], Query(description="json, m3u8 or xspf")] = "json",
             ) -> PlaylistOut | Response:
    """One of your playlists as it was shown; 404 when it doesn't exist or isn't yours."""
    record = service.get_playlist(services.context, user, playlist_id)
    if format == "json":
        return PlaylistOut.of(record)
    tracks = [t.as_track() for t in record.tracks]
    title = playlist_title(record.emotion, record.mode)
    body = to_m3u8(tracks, title) if format == "m3u8" else to_xspf(tracks, title)
    return Response(body, media_type=MEDIA_TYPES[format],
                    headers={"Content-Disposition": f'attachment; filename="moodify-{record.id}.{format}"'})
