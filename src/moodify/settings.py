"""One settings object for the whole app, read from ``MOODIFY_*`` env vars and an optional ``.env``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from platformdirs import user_data_dir
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_data_dir() -> Path:
    return Path(user_data_dir("moodify", appauthor=False))


class Settings(BaseSettings):
    """Everything configurable. Build your own in tests; the app uses :func:`get_settings`."""

    model_config = SettingsConfigDict(env_prefix="MOODIFY_", env_file=".env", extra="ignore")

    # --- general -------------------------------------------------------------------------
    data_dir: Path = Field(default_factory=_default_data_dir)
    log_level: str = "INFO"

    # --- vision --------------------------------------------------------------------------
    detector: str = "blazeface-scales"  # faces from 24 px to the whole frame: docs/vision.md
    # Live frames: the same detector promising faces from 1/10 of the shorter side (72 px at 720p; docs/vision.md).
    live_detector: str = "blazeface-scales-live"
    model_path: Path | None = None  # None: the model shipped in the package
    ort_threads: int = 1
    tta: bool | None = None  # None: as the model card says (the mode its temperature was fitted in)
    max_image_bytes: int = 20 * 1024 * 1024
    max_image_pixels: int = 120_000_000  # JPEGs past 16 MP are decoded at reduced size (vision/image_io.py)
    face_margin: float = 0.15
    analysis_max_side: int = 1280  # larger photos are analysed downscaled (boxes reported full size)
    max_decode_cpu_s: float = 3.0  # CPU seconds one image decode may take (scan bombs: vision/image_io.py)

    # --- music ---------------------------------------------------------------------------
    # Songs people know first (Deezer: 30-s previews), then full free tracks, then the offline catalogue;
    # the same as music.presets.DEFAULT_PROVIDERS (tests/music check they agree).
    providers: list[str] = Field(default_factory=lambda: ["deezer", "audius", "offline"])
    audius_host: str = "https://discoveryprovider.audius.co"
    audius_app_name: str = "moodify"
    jamendo_host: str = "https://api.jamendo.com"
    jamendo_client_id: SecretStr | None = None
    deezer_base_url: str = "https://api.deezer.com"  # MOODIFY_DEEZER_BASE_URL; tests point it at a fake
    deezer_concurrency: int = 8  # parallel preview look-ups (the quota is 50 requests / 5 s)
    music_dir: Path | None = None
    http_connect_timeout: float = 3.0
    http_read_timeout: float = 5.0
    http_retries: int = 2
    # Hostile or broken upstreams (docs/security.md): bodies are read streaming up to this cap, and a call
    # (all its retries and reads) or a playlist's provider calls together end by these deadlines.
    http_max_body_bytes: int = Field(default=4 * 1024 * 1024, ge=1024)
    http_call_deadline_s: float = Field(default=10.0, gt=0)
    playlist_deadline_s: float = Field(default=20.0, gt=0)
    cache_ttl_s: float = 600.0
    provider_cooldown_s: float = 120.0

    # --- store ---------------------------------------------------------------------------
    store: Literal["sql", "firestore", "memory"] = "sql"
    database_url: str | None = None  # None: SQLite file in data_dir
    firestore_project: str = "moodify-local"
    store_busy_timeout_s: float = 5.0  # SQLite: how long a writer waits for the lock before StoreError
    store_connect_timeout_s: float = 5.0  # PostgreSQL / Firestore: give up connecting after this

    # --- auth ----------------------------------------------------------------------------
    auth: Literal["local", "firebase"] = "local"
    session_ttl_s: int = 14 * 24 * 3600
    session_cookie_name: str = "moodify_session"  # HttpOnly cookie holding the session token (ui/web_session.py)
    session_cookie_secure: bool | None = None  # None: Secure when the request came over https
    # The app's address as browsers see it (e.g. https://moodify.example) when a proxy's Host differs; the
    # app's WebSocket opens only from this origin or the exact host:port it was sent to (ui/web_session.py).
    public_url: str = ""
    min_password_length: int = 10
    max_failed_logins: int = 5  # password checks per account and client address per signin_window_s
    lockout_s: int = 300  # no longer a hard lock; kept so old .env files still load
    signin_window_s: int = 60
    signin_account_per_hour: int = 100  # per account from all addresses (distributed guessing)
    signin_backoff_max_s: int = 3600  # longest back-off for one account and address
    signin_client_per_min: int = 20  # sign-in/up requests per client address
    hash_concurrency: int = 4  # argon2 hashes at once (64 MiB each)
    hash_queue_timeout_s: float = 5.0  # wait this long for a hashing slot, then 503 + Retry-After
    firebase_project_id: str = "moodify-local"
    firebase_api_key: SecretStr | None = None
    firebase_auth_host: str = "https://identitytoolkit.googleapis.com"
    firebase_token_host: str = "https://securetoken.googleapis.com"

    # --- api -----------------------------------------------------------------------------
    api_max_body_bytes: int = 20 * 1024 * 1024
    api_rate_limit_per_min: int = 120  # per user (authenticated) or per client address (anonymous)
    # Forwarded headers (X-Forwarded-For, -Proto) are believed only from these proxy addresses or
    # networks, comma-separated (e.g. "127.0.0.1,10.0.0.0/8"); empty: never.
    trusted_proxies: str = ""
    max_concurrent_decodes: int = Field(default=4, ge=1)  # images decoded at once per process (each < 100 MiB)
    # Analyses one user may have in flight per API route (photo, sentence); more answer 429 + Retry-After, so
    # one account can't take every decode slot (docs/security.md).
    max_analyses_per_user: int = Field(default=1, ge=1)

    # --- text ----------------------------------------------------------------------------
    text_model_dir: Path | None = None  # None: the model shipped in moodify/text/models
    text_max_chars: int = 5000  # longer input is cut (with a notice) before tokenising
    text_max_tokens: int = 128  # the encoder sees at most this many WordPiece tokens

    # --- voice (docs/voice.md) -----------------------------------------------------------
    asr_engine: Literal["auto", "pocketsphinx", "whisper"] = "auto"  # auto: whisper when asr_model_dir is set
    asr_model_dir: Path | None = None  # a CTranslate2 Whisper model folder; never downloaded
    voice_max_bytes: int = 10 * 1024 * 1024
    voice_max_seconds: float = 30.0
    voice_decode_timeout_s: float = 5.0

    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'moodify.db'}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
