"""Real servers on loopback for end-to-end tests: a free port, ``moodify serve`` as a process (what
`make run` starts), and the API under uvicorn in a thread."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from moodify.settings import Settings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    data_dir: Path
    process: subprocess.Popen[bytes]


def wait_healthy(url: str, process: subprocess.Popen[bytes], timeout: float = 60) -> float:
    """Seconds until Streamlit's health route answers; AssertionError if the process dies or time runs out."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if process.poll() is not None:
            raise AssertionError(f"moodify serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as reply:
                if reply.status == 200:
                    return time.monotonic() - start
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"moodify serve did not answer on {url} within {timeout} s")


def start_server(tmp: Path, **env: str) -> Server:
    """``moodify serve`` on a free port with its own SQLite data dir and local accounts; ``env`` adds
    MOODIFY_* settings. Its output goes to ``tmp/server.log`` (shown when it fails to start)."""
    port = free_port()
    data_dir = tmp / "data"
    environment = {**os.environ, "MOODIFY_DATA_DIR": str(data_dir), "MOODIFY_STORE": "sql",
                   "MOODIFY_AUTH": "local", **env}
    log = (tmp / "server.log").open("wb")
    moodify = Path(sys.executable).with_name("moodify")  # the console script `make run` uses
    process = subprocess.Popen([str(moodify), "serve", "--port", str(port)],
                               env=environment, stdout=log, stderr=subprocess.STDOUT, cwd=tmp)
    server = Server(url=f"http://127.0.0.1:{port}", data_dir=data_dir, process=process)
    try:
        wait_healthy(server.url, process)
    except AssertionError as exc:
        stop_server(server)
        raise AssertionError(f"{exc}\n{(tmp / 'server.log').read_text(errors='replace')[-3000:]}") from None
    return server


def stop_server(server: Server) -> None:
    server.process.send_signal(signal.SIGTERM)
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@contextmanager
def api_in_thread(settings: Settings) -> Iterator[str]:
    """The REST API under a real uvicorn in this process (forwarded headers off); yields its base URL."""
    import uvicorn

    from moodify.api import create_app

    port = free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning",
                            proxy_headers=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        assert server.started, "uvicorn did not start"
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
