"""The one way a response names its file: a safe Content-Disposition (RFC 6266).

A file name comes from outside (a document's `bestandsnaam`) and goes to a browser, which
saves under it. Only the last path component is kept (`..\\..\\boot.ini` is `boot.ini`),
without control characters, quotes, separators or leading dots; the header carries an ASCII
fallback in `filename` and the full name, UTF-8 and percent-encoded, in `filename*`.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

MAX_LENGTH = 200
_SEPARATORS = re.compile(r"[/\\]")
_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f"\'`;:*?<>|\u2028\u2029\ud800-\udfff]')
_NOT_PLAIN_ASCII = re.compile(r"[^A-Za-z0-9._()+-]")


def safe_filename(name: str | None, default: str = "download") -> str:
    """The last path component of `name`, without anything a file system or header chokes on."""
    base = _SEPARATORS.split(str(name or ""))[-1]
    base = _UNSAFE.sub("", unicodedata.normalize("NFC", base)).strip().lstrip(".").strip()
    return base[:MAX_LENGTH] or default


def _ascii_fallback(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    plain = _NOT_PLAIN_ASCII.sub("_", plain).lstrip(".")
    return plain or "download"


def content_disposition(name: str | None, *, attachment: bool = True, default: str = "download") -> str:
    """The Content-Disposition header value for a file called `name`."""
    filename = safe_filename(name, default)
    kind = "attachment" if attachment else "inline"
    return f"{kind}; filename=\"{_ascii_fallback(filename)}\"; filename*=UTF-8''{quote(filename, safe='')}"
