"""Files in answers: the one way a response names its file, and how a file is negotiated.

The name: a safe Content-Disposition (RFC 6266).

A file name comes from outside (a document's `bestandsnaam`) and goes to a browser, which
saves under it. Only the last path component is kept (`..\\..\\boot.ini` is `boot.ini`),
without control characters, quotes, separators or leading dots; the header carries an ASCII
fallback in `filename` and the full name, UTF-8 and percent-encoded, in `filename*`.

The negotiation: an endpoint that serves a file answers when the Accept header admits the
file's media type (`text/csv`, `*/*`, no Accept), and 406 otherwise; a client that downloads
asks for a file (`download_accept`), never for JSON, as a strict provider such as Open Zaak
requires.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from urllib.parse import quote

from django.http.request import MediaType
from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import BaseContentNegotiation

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


# --- content negotiation of files ---------------------------------------------------------

OCTET_STREAM = "application/octet-stream"
ANY = "*/*"
_MEDIA_TYPE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*$")


def is_media_type(value: str | None) -> bool:
    """`value` is a plain `type/subtype` (a document's `formaat` may be anything)."""
    return bool(value and _MEDIA_TYPE.match(value))


def preferred_media_type(accept: str | None, offered: Sequence[str]) -> str | None:
    """Of the `offered` media types, the one the Accept header prefers; None when it admits none.

    RFC 9110 §12.5.1: no (or an empty) Accept admits anything; `q=0` refuses; of equal
    preference the first offered wins, so a server lists its own default first.
    """
    tokens = [token for token in (accept or ANY).split(",") if token.strip()] or [ANY]
    accepted = sorted(
        (media_type for token in tokens if (media_type := MediaType(token.strip())).quality != 0),
        key=lambda media_type: (media_type.quality, media_type.specificity),
        reverse=True,
    )
    for accepted_type in accepted:
        for candidate in offered:
            if accepted_type.match(candidate):
                return candidate
    return None


def download_accept(formaat: str | None = None) -> str:
    """The Accept header of a download from a Documenten API: the document's `formaat`, or any file.

    A download is a file, never JSON: Open Zaak answers 406 to `Accept: application/json` and
    serves every file as application/octet-stream, so `*/*` is always admitted as well.
    """
    return f"{formaat}, {ANY};q=0.8" if is_media_type(formaat) else ANY


class FileNegotiation(BaseContentNegotiation):
    """Negotiation of an endpoint that serves a file of one media type (a CSV, a spreadsheet).

    The file is served when the Accept header admits its media type (itself, `type/*`,
    `*/*`, or no Accept at all); otherwise 406. The view's renderers only render errors
    (problem+json), whatever Accept says, as DRF does when it forces a renderer.
    """

    def __init__(self, media_type: str) -> None:
        self.media_type = media_type

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        accept = request.META.get("HTTP_ACCEPT")
        if preferred_media_type(accept, [self.media_type]) is None:
            raise NotAcceptable(
                f"Dit bestand is {self.media_type}; de Accept-header ({accept}) laat dat niet toe. "
                f"Vraag {self.media_type} of */*."
            )
        return renderers[0], renderers[0].media_type


class FileNegotiationMixin:
    """A viewset whose actions in `bestanden` (action name -> media type) serve files."""

    bestanden: dict[str, str] = {}

    def get_content_negotiator(self):
        media_type = self.bestanden.get(getattr(self, "action", None) or "")
        if media_type is not None:
            return FileNegotiation(media_type)
        return super().get_content_negotiator()
