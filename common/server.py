"""The real server for benchmarks and tests that cross the network: gunicorn with `config/gunicorn.py`
(as `bin/run` starts it: several workers, each with threads), on a free port, against the
database and settings its environment names."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from django.conf import settings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn_server(env: dict[str, str], log: Path, *, port: int | None = None) -> Iterator[str]:
    """Serve `config.wsgi` until the block ends; yields the base URL once it answers.

    `env` is the server's whole environment (DATABASE_URL, SITE_URL, ...). Its output, the
    access log included, goes to `log`, which is shown when it does not come up.
    """
    port = port or free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = Path(sys.executable).with_name("gunicorn")
    with open(log, "ab") as output:
        server = subprocess.Popen(
            [
                str(gunicorn),
                "config.wsgi",
                "--config",
                str(settings.BASE_DIR / "config" / "gunicorn.py"),
                "--bind",
                f"127.0.0.1:{port}",
                "--access-logfile",
                "-",
                "--no-control-socket",
            ],
            env={"SITE_URL": base, **env},
            cwd=settings.BASE_DIR,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait(base, server, log)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait(base: str, server: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped ({server.returncode}):\n{log.read_text()[-3000:]}")
        try:
            httpx.get(f"{base}/zaken/api/v1/", timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s:\n{log.read_text()[-3000:]}")


def server_environment(database_url: str, **extra: str) -> dict[str, str]:
    """This process's environment for a server on `database_url`, with Celery tasks in-process
    (no broker: nothing queued where no worker of the run listens)."""
    env = {**os.environ, "DATABASE_URL": database_url, **extra}
    env.pop("CELERY_BROKER_URL", None)
    return env


def database_url(settings_dict: dict) -> str:
    """The DATABASE_URL of a connection's settings (e.g. pytest-django's test database)."""
    engine = settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    if not engine.endswith("postgresql"):
        raise ValueError(f"No DATABASE_URL for {engine}.")
    user = settings_dict.get("USER") or ""
    password = settings_dict.get("PASSWORD") or ""
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "localhost"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{settings_dict['NAME']}"
