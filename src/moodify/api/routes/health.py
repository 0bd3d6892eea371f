"""``GET /health``: is the server up, and on which backends."""

from __future__ import annotations

from fastapi import APIRouter

from moodify import __version__
from moodify.api.deps import ServicesDep
from moodify.api.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
def health(services: ServicesDep) -> Health:
    return Health(status="ok", version=__version__, store=services.settings.store, auth=services.auth.name)
