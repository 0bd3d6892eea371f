"""A client generated from ``/openapi.json`` runs a whole visit against a real server on loopback.

sign up -> photo -> playlist -> feedback -> export, with nothing but the generated code: if the schema stops
describing what the server does (an upload that isn't a file, a field that changed), this fails.

The client under ``tests/api/client`` is generated, not written. After changing the API, regenerate it with
openapi-python-client (a tool, not a dependency; install it in a separate virtual environment)::

    python -c "import json; from moodify.api import create_app; from moodify.settings import Settings; \
print(json.dumps(create_app(Settings(store='memory')).openapi()))" > /tmp/openapi.json
    openapi-python-client generate --path /tmp/openapi.json --meta none \
        --config tests/api/client/config.yml --output-path tests/api/client/moodify_api_client --overwrite
"""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path

from moodify.settings import Settings
from tests.api.client.moodify_api_client import AuthenticatedClient, Client
from tests.api.client.moodify_api_client.api.account import export
from tests.api.client.moodify_api_client.api.auth import sign_up
from tests.api.client.moodify_api_client.api.emotion import emotion_from_image
from tests.api.client.moodify_api_client.api.music import feedback
from tests.api.client.moodify_api_client.api.playlists import new_playlist, playlists, replay_playlist
from tests.api.client.moodify_api_client.models import (
    BodyEmotionFromImage,
    Credentials,
    FeedbackIn,
    FeedbackKind,
    ImageEmotion,
    NewPlaylist,
    PlaylistList,
    Problem,
    Recommendations,
    SessionOut,
)
from tests.api.client.moodify_api_client.types import File
from tests.api.conftest import PASSWORD
from tests.servers import api_in_thread


def test_a_generated_client_signs_up_reads_a_photo_plays_and_exports(tmp_path: Path, face_jpeg: bytes) -> None:
    settings = Settings(data_dir=tmp_path, store="sql", auth="local", providers=["offline"], music_dir=None,
                        api_rate_limit_per_min=10_000)
    with api_in_thread(settings) as url:
        session = sign_up.sync(client=Client(base_url=url),
                               body=Credentials(email="gen@example.org", password=PASSWORD))
        assert isinstance(session, SessionOut) and session.user.email == "gen@example.org"
        me = AuthenticatedClient(base_url=url, token=session.token, timeout=60)

        photo = BodyEmotionFromImage(image=File(payload=io.BytesIO(face_jpeg), file_name="me.jpg",
                                                mime_type="image/jpeg"))
        read = emotion_from_image.sync(client=me, body=photo)
        assert isinstance(read, ImageEmotion), read
        assert read.face == 0 and not read.needs_confirmation and read.event_id and read.mood
        mood = read.mood

        probs = ",".join(f"{k}={v}" for k, v in mood.probabilities.to_dict().items())
        playlist = new_playlist.sync(client=me, body=NewPlaylist(probs=probs, n=5))
        assert isinstance(playlist, Recommendations) and len(playlist.tracks) == 5 and playlist.playlist_id
        first = playlist.tracks[0]

        liked = feedback.sync_detailed(client=me, body=FeedbackIn(track_key=first.key, kind=FeedbackKind.LIKE,
                                                                  playlist_id=playlist.playlist_id))
        assert liked.status_code == 201, liked.content
        refused = feedback.sync(client=me, body=FeedbackIn(track_key="offline:nope", kind=FeedbackKind.LIKE))
        assert isinstance(refused, Problem) and refused.status == 404  # problems parse too

        again = replay_playlist.sync(playlist.playlist_id, client=me)  # play it again: recorded
        assert isinstance(again, Recommendations) and [t.key for t in again.tracks] == [t.key for t in playlist.tracks]
        listed = playlists.sync(client=me)
        assert isinstance(listed, PlaylistList) and [p.id for p in listed.playlists] == [playlist.playlist_id]
        assert isinstance(listed.playlists[0].played_at, datetime)  # parsed by the generated model

        exported = export.sync_detailed(client=me)
        assert exported.status_code == 200
        data = json.loads(exported.content)
        assert data["user"]["email"] == "gen@example.org"
        assert [m["source"] for m in data["mood_events"]] == ["upload"]
        assert [(f["kind"], f["track_key"]) for f in data["feedback"]] == [("like", first.key)]
        assert [p["id"] for p in data["playlists"]] == [playlist.playlist_id]
        assert data["playlists"][0]["played_at"] == listed.playlists[0].played_at.isoformat()
