"""The bodies of the Documenten API that carry files, streamed: the multipart/form-data
body of a bestandsdeel (`PUT /bestandsdelen/{uuid}`), and the JSON of a document with its
base64 `inhoud` (`InhoudJSONParser`, below).

Django's multipart parser reads in blocks of 64 KiB through several layers of Python
iterators and spools a file to a temporary file that is then moved into the storage.
For parts of megabytes that is most of the time of an upload. This parser reads the
body in blocks of 1 MiB, finds the boundary with `bytes.find` and writes `inhoud`
straight into its place in the storage: at its offset in the version's assembled file
when the view opened one (`storage.Assembly`), else into a file of its own
(`storage.PartSink`). The other fields are small text fields. Nothing holds more than a
block and one text field in memory.
"""

from __future__ import annotations

import io
import json
import re

from django.conf import settings
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from django.utils.http import parse_header_parameters
from rest_framework import exceptions
from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser, DataAndFiles

from common.exceptions import DomainError
from common.parsers import ZGWJSONParser

from .. import storage

BLOCK = 1024 * 1024
HEADERS_LIMIT = 16 * 1024
PREAMBLE_LIMIT = 64 * 1024
FILE_FIELD = "inhoud"
# What a bestandsdeel's body may carry beyond the part itself: boundaries, part headers and
# the text fields (`lock`).
MULTIPART_FRAMING = 64 * 1024


class BestandsDeelParser(BaseParser):
    """multipart/form-data with the part's `inhoud` (a file) and text fields such as `lock`."""

    media_type = "multipart/form-data"

    def parse(self, stream, media_type=None, parser_context=None):
        request = parser_context["request"]
        _, params = parse_header_parameters(request.META.get("CONTENT_TYPE", ""))
        boundary = params.get("boundary", "")
        if not boundary or len(boundary) > 70:
            raise ParseError("Multipart form parse error - Invalid boundary in multipart: None")
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        assembly = getattr(parser_context.get("view"), "part_assembly", None)
        return _MultipartReader(stream, boundary.encode("latin-1"), length, assembly).parse()


class _MultipartReader:
    def __init__(self, stream, boundary: bytes, length: int, assembly: storage.Assembly | None) -> None:
        self._stream = stream
        self._assembly = assembly
        self._remaining = length
        self._separator = b"\r\n--" + boundary
        # The first delimiter has no CRLF before it; with one added every delimiter looks alike.
        self._buffer = b"\r\n"
        self._field_limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 2**31

    def parse(self) -> DataAndFiles:
        data = QueryDict(mutable=True)
        files = MultiValueDict()
        try:
            self._until(self._separator, PREAMBLE_LIMIT)
            while self._more_parts():
                headers = self._headers()
                _, disposition = parse_header_parameters(headers.get("content-disposition", ""))
                name = disposition.get("name")
                if name is None:
                    raise ParseError("Multipart form parse error - a part without a name.")
                if name == FILE_FIELD:
                    if files:
                        raise ParseError(f"Multipart form parse error - `{FILE_FIELD}` is given more than once.")
                    filename = disposition.get("filename") or FILE_FIELD
                    files.appendlist(name, self._file(filename, headers.get("content-type", "")))
                else:
                    value = self._until(self._separator, self._field_limit)
                    data.appendlist(name, value.decode("utf-8", errors="replace"))
        except BaseException:
            for part in files.values():
                part.close()
            raise
        data._mutable = False
        return DataAndFiles(data, files)

    def _read(self) -> bytes:
        if self._remaining <= 0:
            return b""
        block = self._stream.read(min(BLOCK, self._remaining))
        self._remaining = self._remaining - len(block) if block else 0
        return block

    def _fill(self, count: int) -> None:
        while len(self._buffer) < count:
            block = self._read()
            if not block:
                raise ParseError("Multipart form parse error - the body ended before its last boundary.")
            self._buffer += block

    def _more_parts(self) -> bool:
        """After a delimiter: `--` closes the body, CRLF starts a part."""
        self._fill(2)
        return not self._buffer.startswith(b"--")

    def _until(self, separator: bytes, limit: int) -> bytes:
        """The bytes up to the separator (which is consumed), at most `limit` of them."""
        start = 0
        while True:
            index = self._buffer.find(separator, start)
            if index >= 0:
                found, self._buffer = self._buffer[:index], self._buffer[index + len(separator) :]
                return found
            if len(self._buffer) > limit + len(separator):
                raise ParseError("Multipart form parse error - a field or header is too large.")
            start = max(0, len(self._buffer) - len(separator) + 1)
            block = self._read()
            if not block:
                raise ParseError("Multipart form parse error - the body ended before its last boundary.")
            self._buffer += block

    def _headers(self) -> dict[str, str]:
        # The buffer starts with the CRLF that ends the delimiter line; with no headers at
        # all the empty line follows it at once.
        text = self._until(b"\r\n\r\n", HEADERS_LIMIT)[2:]
        headers = {}
        for line in text.decode("latin-1").split("\r\n"):
            name, colon, value = line.partition(":")
            if colon:
                headers[name.strip().lower()] = value.strip()
        return headers

    def _file(self, filename: str, content_type: str) -> storage.ReceivedPart:
        if self._assembly is not None:
            sink = self._assembly.sink()
        else:
            sink = storage.PartSink(limit=settings.DOCUMENTEN_BESTANDSDEEL_SIZE)
        try:
            self._stream_until(self._separator, sink.write)
        except BaseException:
            sink.abort()
            raise
        part = sink.finish(filename=filename, content_type=content_type)
        part.assembly = self._assembly
        return part

    def _stream_until(self, separator: bytes, write) -> None:
        """Hand everything up to the separator to `write(block, start, end)`, without joining blocks."""
        keep = len(separator) - 1  # a separator may begin in the last `keep` bytes of a block
        held, self._buffer = self._buffer, b""
        while True:
            index = held.find(separator)
            if index >= 0:
                write(held, 0, index)
                self._buffer = held[index + len(separator) :]
                return
            if len(held) > keep:
                write(held, 0, len(held) - keep)
                held = held[len(held) - keep :]
            block = self._read()
            if not block:
                raise ParseError("Multipart form parse error - the body ended before its last boundary.")
            if len(block) <= keep:
                held += block
                continue
            joined = held + block[:keep]
            index = joined.find(separator)
            if index >= 0:
                write(joined, 0, index)
                self._buffer = joined[index + len(separator) :] + block[keep:]
                return
            write(held, 0, len(held))
            held = block


# --- JSON with base64 `inhoud` ----------------------------------------------------------------

# Outside a string: what changes the structure. Inside one: its end, an escape, or a character
# JSON does not allow there.
_STRUCTURE = re.compile(rb'["{}\[\],:]')
_IN_STRING = re.compile(rb'["\\\x00-\x1f]')
_BASE64_ALPHABET = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
_JSON_WHITESPACE = b" \t\r\n"
STREAMED_ACTIONS = ("create", "update", "partial_update")


class InhoudJSONParser(BaseParser):
    """The JSON body of a document, with its base64 `inhoud` decoded while it streams in.

    A base64 `inhoud` may be as large as the storage allows (or DOCUMENTEN_MAX_FILE_SIZE):
    the body is read in blocks of 1 MiB and the characters of the top-level `inhoud` string
    go to a `storage.Base64Sink` as they arrive, so the worker's memory does not grow with
    the file. The rest of the body, with `null` in the place of that string, is at most
    DATA_UPLOAD_MAX_MEMORY_SIZE and goes through the JSON parser of every API
    (`common.parsers.ZGWJSONParser`: nesting depth, control characters, snake_case).

    Neither ijson nor json-stream can do this: both hand over a string value only whole,
    once its closing quote is read (ijson#162, json-stream#45), which for a 1 GiB file is
    1.4 GB in memory. JSON strings are simple enough to pass through here: only the
    structure around the one field is followed, its value is streamed, and the rest is
    left to the ordinary parser.
    """

    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        request = parser_context["request"]
        view = parser_context.get("view")
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        streamed = getattr(view, "action", None) in STREAMED_ACTIONS
        scanner = _InhoudScanner(stream, length, streamed=streamed)
        try:
            rest, decoded = scanner.scan()
        except BaseException:
            scanner.abort()
            raise
        try:
            data = ZGWJSONParser().parse(io.BytesIO(rest), media_type, parser_context)
        except BaseException:
            if decoded is not None:
                decoded.close()
            raise
        if decoded is None:
            return data
        data["inhoud"] = decoded
        # Among the request's files, so Django closes (and so removes) it after the response
        # whatever happens; a write that keeps it has claimed it by then.
        request._request.FILES.appendlist("inhoud", decoded)
        return data


class _InhoudScanner:
    """Follows the structure of a JSON body just far enough to find the top-level `inhoud`
    string; copies everything else (to be parsed as usual) and decodes that string."""

    def __init__(self, stream, length: int, *, streamed: bool) -> None:
        self._stream = stream
        self._remaining = length
        self._streamed = streamed
        self._limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 2**62
        self._buffer = b""
        self._rest = bytearray()
        self._sink: storage.Base64Sink | None = None
        self._decoded: storage.DecodedContent | None = None

    def abort(self) -> None:
        if self._sink is not None:
            self._sink.abort()
        if self._decoded is not None:
            self._decoded.close()

    def _read(self) -> bytes:
        if self._remaining <= 0:
            return b""
        block = self._stream.read(min(BLOCK, self._remaining))
        self._remaining = self._remaining - len(block) if block else 0
        return block

    def _keep(self, data: bytes) -> None:
        self._rest += data
        if len(self._rest) > self._limit:
            raise DomainError(
                f"De JSON naast `inhoud` is groter dan {self._limit} bytes.", "request-too-large", status_code=413
            )

    def scan(self) -> tuple[bytes, storage.DecodedContent | None]:
        depth = 0
        expect_key = False
        key: bytes | None = None
        position = 0
        while True:
            match = _STRUCTURE.search(self._buffer, position)
            if match is None:
                self._keep(self._buffer[position:])
                self._buffer, position = self._read(), 0
                if not self._buffer:
                    return bytes(self._rest), self._decoded
                continue
            self._keep(self._buffer[position : match.start()])
            character = match.group()
            position = match.end()
            if character == b'"':
                if depth == 1 and not expect_key and key == b'"inhoud"' and self._streamed:
                    if self._decoded is not None:
                        raise ParseError("JSON parse error - `inhoud` is given more than once.")
                    self._keep(b"null")
                    position = self._decode_string(position)
                    key = None
                    continue
                text, position = self._string(position)
                self._keep(text)
                if depth == 1 and expect_key:
                    key = _key(text)
            elif character in (b"{", b"["):
                depth += 1
                expect_key = depth == 1 and character == b"{"
                self._keep(character)
            elif character in (b"}", b"]"):
                depth -= 1
                self._keep(character)
            elif character == b",":
                expect_key = depth == 1
                self._keep(character)
            else:  # ":"
                expect_key = False
                self._keep(character)

    def _string(self, position: int) -> tuple[bytes, int]:
        """A string other than `inhoud` (opening quote consumed): its text with both quotes."""
        parts = [b'"']
        while True:
            match = _IN_STRING.search(self._buffer, position)
            if match is None:
                parts.append(self._buffer[position:])
                self._checked_length(parts)
                self._buffer, position = self._more("the body ended inside a string"), 0
                continue
            character = match.group()
            if character == b'"':
                parts.append(self._buffer[position : match.end()])
                return b"".join(parts), match.end()
            if character == b"\\":
                # the escaped character is never a quote that ends the string: take it along
                if match.end() >= len(self._buffer):
                    parts.append(self._buffer[position:])
                    self._buffer, position = self._more("the body ended inside a string"), 0
                    parts.append(self._buffer[:1])
                    position = 1
                else:
                    parts.append(self._buffer[position : match.end() + 1])
                    position = match.end() + 1
                self._checked_length(parts)
                continue
            raise ParseError("JSON parse error - a control character inside a string.")

    def _checked_length(self, parts: list[bytes]) -> None:
        if sum(len(part) for part in parts) + len(self._rest) > self._limit:
            raise DomainError(
                f"De JSON naast `inhoud` is groter dan {self._limit} bytes.", "request-too-large", status_code=413
            )

    def _more(self, what: str) -> bytes:
        block = self._read()
        if not block:
            raise ParseError(f"JSON parse error - {what}.")
        return block

    def _decode_string(self, position: int) -> int:
        """Stream the `inhoud` string (opening quote consumed) into a Base64Sink; the position after it."""
        self._sink = storage.Base64Sink(max_size=settings.DOCUMENTEN_MAX_FILE_SIZE)
        try:
            while True:
                match = _IN_STRING.search(self._buffer, position)
                end = match.start() if match else len(self._buffer)
                self._sink.write(self._buffer[position:end].replace(b" ", b""))
                if match is None:
                    self._buffer, position = self._more("the body ended inside `inhoud`"), 0
                    continue
                character = match.group()
                if character == b'"':
                    self._decoded = self._sink.finish()
                    return match.end()
                if character != b"\\":
                    raise ParseError("JSON parse error - a control character inside `inhoud`.")
                position = self._escape(match.end())
        except storage.InvalidBase64Error as exc:
            raise exceptions.ValidationError({"inhoud": [exceptions.ErrorDetail(str(exc), code="invalid")]}) from exc
        except storage.FileTooLargeError as exc:
            from .serializers import file_too_large

            raise file_too_large() from exc
        finally:
            if self._decoded is None and self._sink is not None:
                self._sink.abort()
            self._sink = None

    def _escape(self, position: int) -> int:
        """An escape inside `inhoud` (backslash consumed): `\\/` is a slash, escaped line breaks
        and tabs are whitespace (base64 in lines of 76), `\\uXXXX` one of those; anything else
        is no base64."""
        while len(self._buffer) - position < 6 and self._remaining > 0:
            self._buffer = self._buffer[position:] + self._read()
            position = 0
        escape = self._buffer[position : position + 1]
        if escape == b"/":
            self._sink.write(b"/")
            return position + 1
        if escape in (b"n", b"r", b"t"):
            return position + 1
        if escape == b"u":
            digits = self._buffer[position + 1 : position + 5]
            try:
                code = int(digits, 16) if len(digits) == 4 else -1
            except ValueError:
                code = -1
            if code < 0:
                raise ParseError("JSON parse error - an invalid \\u escape inside `inhoud`.")
            if code in _BASE64_ALPHABET:
                self._sink.write(bytes([code]))
            elif code not in _JSON_WHITESPACE:
                raise storage.InvalidBase64Error("Not valid base64: it holds characters outside the base64 alphabet.")
            return position + 5
        if not escape:
            raise ParseError("JSON parse error - the body ended inside `inhoud`.")
        raise storage.InvalidBase64Error("Not valid base64: it holds characters outside the base64 alphabet.")


def _key(text: bytes) -> bytes | None:
    """A key as written (`"inhoud"`), its escapes resolved; None when it is no valid JSON string."""
    if b"\\" not in text:
        return text
    try:
        return b'"' + json.loads(text).encode() + b'"'
    except ValueError:
        return None
