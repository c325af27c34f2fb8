"""The multipart/form-data body of a bestandsdeel (`PUT /bestandsdelen/{uuid}`), streamed.

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

from django.conf import settings
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from django.utils.http import parse_header_parameters
from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser, DataAndFiles

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
