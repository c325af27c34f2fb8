"""Secrets of the embedded default: generated on first start, kept under var/.

No value from the repository may grant access to a deployment. When SECRET_KEY or
API_CLIENT_SECRET is not set in the environment, a random one is made on the first start
and written to `var/secrets.json` (mode 0600); later starts, the Celery worker and every
gunicorn worker read the same file, so tokens and sessions stay valid across restarts.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from pathlib import Path

# Values the repository spelled out as defaults at some point. A deployment that carries one
# of them (copied from an old settings file or the docs) is refused by the system check.
REPOSITORY_DEFAULTS = frozenset(
    {
        "levensloop-insecure-development-key-change-me-in-production",
        "levensloop-internal-development-secret-change-me",
    }
)

GENERATED = ("SECRET_KEY", "API_CLIENT_SECRET")


def _generate() -> dict[str, str]:
    return {name: secrets.token_urlsafe(48) for name in GENERATED}


def generated_secrets(path: Path) -> dict[str, str]:
    """The secrets in `path`, made there first if the file does not exist yet.

    Several processes may start at once (gunicorn workers, the Celery worker and beat):
    the file is written under a temporary name and linked into place, which fails for every
    process but the first; the others read what the first wrote.
    """
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(_generate(), handle)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return _read(path)


def _read(path: Path) -> dict[str, str]:
    with open(path, encoding="utf-8") as handle:
        stored = json.load(handle)
    missing = [name for name in GENERATED if not stored.get(name)]
    if missing:
        raise ValueError(f"{path} lacks {', '.join(missing)}: remove the file to have it made again.")
    return stored
