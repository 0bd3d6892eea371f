"""``GET /health``: is the server up, and on which backends."""

from __future__ import annotations

from fastapi import APIRouter

from moodify import __version__
from moodify.api.deps import ContextDep
from moodify.api.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
def health(ctx: ContextDep) -> Health:
    """Up, which version, and which store and sign-in backends it runs on (names only, never addresses)."""
    return Health(status="ok", version=__version__, store=ctx.settings.store, auth=ctx.auth.name)
