"""CLI commands for serve."""

from __future__ import annotations

import typer

from moodify.cli.app import EXIT_USAGE, app, load_settings

# The app's own dark look, passed on the command line so no config file has to sit in the working dir.
_THEME = {
    "theme.base": "dark", "theme.primaryColor": "#a78bfa", "theme.backgroundColor": "#0e1117",
    "theme.secondaryBackgroundColor": "#161a2b", "theme.textColor": "#e5e7eb",
}


def streamlit_options(host: str, port: int, max_upload_mb: int) -> list[str]:
    """Streamlit's options for the Moodify app: headless, no usage stats, no prompt, the app's theme."""
    options = {
        "server.address": host, "server.port": str(port), "server.headless": "true",
        "browser.gatherUsageStats": "false", "server.fileWatcherType": "none", "server.runOnSave": "false",
        "server.maxUploadSize": str(max_upload_mb), "client.toolbarMode": "minimal",
        "global.developmentMode": "false", **_THEME,
    }
    argv: list[str] = []
    for name, value in options.items():
        argv += [f"--{name}", value]
    return argv


@app.command()
def serve(
    port: int = typer.Option(8501, min=1, max=65535, help="TCP port to listen on."),
    host: str = typer.Option("127.0.0.1", help="Address to bind; 0.0.0.0 exposes the app to the network."),
) -> None:
    """Start the Streamlit app (accounts, scan, live, history, settings) on the configured backends."""
    settings = load_settings()
    max_mb = max(1, -(-settings.max_image_bytes // (1024 * 1024)))
    typer.echo(f"Moodify on http://{host}:{port} (Ctrl+C stops it)")
    from moodify.ui.launch import main as launch

    # In this process (no second interpreter start): what is imported already stays imported.
    launch(streamlit_options(host, port, max_mb))


@app.command("api")
def api(
    port: int = typer.Option(8000, min=1, max=65535, help="TCP port to listen on."),
    host: str = typer.Option("127.0.0.1", help="Address to bind; 0.0.0.0 exposes the API to the network."),
) -> None:
    """Start the REST API (FastAPI + uvicorn). OpenAPI docs at /docs, health at /health."""
    try:
        import uvicorn

        from moodify.api import create_app
    except ImportError as exc:
        typer.echo(f"error: the API needs the api extra (pip install 'moodify[api]'): {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from exc
    settings = load_settings()
    trusted = [part.strip() for part in settings.trusted_proxies.split(",") if part.strip()]
    typer.echo(f"Moodify API on http://{host}:{port} (docs: /docs; Ctrl+C stops it)")
    # uvicorn believes X-Forwarded-* from loopback unless told otherwise: only from MOODIFY_TRUSTED_PROXIES.
    uvicorn.run(create_app(settings), host=host, port=port, log_level=settings.log_level.lower(),
                proxy_headers=bool(trusted), forwarded_allow_ips=trusted)
