"""``POST /v1/playlists`` (make and keep one), ``GET /v1/playlists`` and ``GET /v1/playlists/{id}`` (as shown,
or as an M3U8 / XSPF file with streams resolved now), ``POST /v1/playlists/{id}/replay`` (play one again)."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from moodify import service
from moodify.api.deps import ContextDep, CurrentUser
from moodify.api.routes.music import custom_target, mood_scores
from moodify.api.schemas import EmotionName, ModeName, PlaylistList, PlaylistOut, Recommendations
from moodify.music.playlist_files import MEDIA_TYPES
from moodify.types import MAX_TRACKS

router = APIRouter(prefix="/v1/playlists", tags=["playlists"])


class NewPlaylist(BaseModel):
    """What ``GET /v1/recommendations`` takes, as a body: one of ``emotion`` or ``probs``."""

    model_config = ConfigDict(extra="forbid")

    emotion: EmotionName | None = Field(default=None, description="The current emotion.")
    probs: str | None = Field(default=None, max_length=500,
                              description="Or probabilities: happy=0.7,sad=0.3 (or happy:0.7)")
    mode: ModeName | None = Field(default=None, description="match, lift, calm, or custom (needs valence+arousal); "
                                                            "default: your preferences' mode")
    n: int = Field(default=10, ge=1, le=MAX_TRACKS)
    valence: float | None = Field(default=None, ge=-1, le=1, description="Target for mode=custom.")
    arousal: float | None = Field(default=None, ge=-1, le=1, description="Target for mode=custom.")


@router.post("", response_model=Recommendations, status_code=201)
def new_playlist(body: NewPlaylist, user: CurrentUser, ctx: ContextDep) -> Recommendations:
    """Make a playlist and keep it in your history (``playlist_id``: send it with feedback on its tracks).
    Each call stores one playlist; ``GET /v1/recommendations`` gives the same kind of playlist and stores
    nothing."""
    made = service.make_playlist(ctx, user, mood_scores(body.emotion, body.probs), mode=body.mode,
                                 n=body.n, target=custom_target(body.mode, body.valence, body.arousal))
    return Recommendations.of(made.playlist, made.id)


PlaylistId = Annotated[str, Path(max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]


@router.get("", response_model=PlaylistList)
def playlists(user: CurrentUser, ctx: ContextDep,
              limit: Annotated[int, Query(ge=1, le=1000, description="The newest N.")] = 50) -> PlaylistList:
    """Your playlists, the one you made or played again last first."""
    return PlaylistList(playlists=[PlaylistOut.of(p)
                                   for p in service.list_playlists(ctx, user, limit=limit)])


@router.get("/{playlist_id}", response_model=PlaylistOut,
            responses={200: {"content": {"application/json": {}, MEDIA_TYPES["m3u8"]: {}, MEDIA_TYPES["xspf"]: {}},
                             "description": "The playlist as JSON, or as an M3U8 / XSPF file."}})
def playlist(user: CurrentUser, ctx: ContextDep, playlist_id: PlaylistId,
             format: Annotated[Literal["json", "m3u8", "xspf"], Query(description="json, m3u8 or xspf")] = "json",
             ) -> PlaylistOut | Response:
    """One of your playlists as it was shown; 404 when it doesn't exist or isn't yours. As a file, its
    entries carry stream URLs resolved now (Deezer's previews expire: the file says when), the same bytes
    the app's Export buttons and ``moodify recommend --format`` give."""
    if format == "json":
        return PlaylistOut.of(service.get_playlist(ctx, user, playlist_id))
    body = service.export_file(ctx, user, playlist_id, format)
    return Response(body, media_type=MEDIA_TYPES[format],
                    headers={"Content-Disposition": f'attachment; filename="moodify-{playlist_id}.{format}"'})


@router.post("/{playlist_id}/replay", response_model=Recommendations)
def replay_playlist(user: CurrentUser, ctx: ContextDep, playlist_id: PlaylistId) -> Recommendations:
    """Play one of your playlists again: its tracks as shown, with streams resolved now, leaving out the ones
    you have disliked since. It is recorded (``played_at``), so it moves to the top of ``GET /v1/playlists``.
    A track with no stream now has ``stream_url`` null (its page still works); 404 when it isn't yours."""
    playlist, missing = service.replay(ctx, user, playlist_id)
    if missing:
        playlist = replace(playlist, warnings=(*playlist.warnings,
                                               f"{missing} of its tracks can't be streamed now; their pages "
                                               "(url) still work"))
    return Recommendations.of(playlist, playlist_id)
