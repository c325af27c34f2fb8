"""Files in the documenten storage, streamed: no file is ever held whole in memory.

Every write computes the SHA-256 of the bytes as they pass, so the checksum that goes
into `integriteit` is the one of what was written. Reads go in chunks of CHUNK_SIZE.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import re
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.core.files import File

from .models import documenten_storage

CHUNK_SIZE = 1024 * 1024
# Base64 is decoded this many characters at a time (a multiple of 4).
BASE64_CHUNK = 4 * 256 * 1024
_WHITESPACE = re.compile(r"\s")


@dataclass(frozen=True)
class StoredFile:
    """A file written to the documenten storage: its name, size and SHA-256 (hex)."""

    name: str
    size: int
    sha256: str


class ChunkedFile(File):
    DEFAULT_CHUNK_SIZE = CHUNK_SIZE


class DecodedContent:
    """Base64 content decoded into an anonymous temporary file, with its size.

    The temporary file disappears when closed or garbage collected, so an aborted request
    leaves nothing behind.
    """

    def __init__(self, file, size: int) -> None:
        self.file = file
        self.size = size

    def close(self) -> None:
        self.file.close()


def base64_decode_to_tempfile(value: str) -> DecodedContent:
    """Decode base64 in chunks into a temporary file; ValueError when it is not base64."""
    text = "".join(value.split()) if _WHITESPACE.search(value) else value
    if len(text) % 4:
        raise ValueError("The length of base64 content is a multiple of 4 characters.")
    size = 0
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the caller, who closes it
    try:
        for start in range(0, len(text), BASE64_CHUNK):
            chunk = text[start : start + BASE64_CHUNK]
            try:
                data = base64.b64decode(chunk, validate=True)
            except (binascii.Error, ValueError) as exc:
                raise ValueError(f"Not valid base64: {exc}.") from exc
            if "=" in chunk and start + BASE64_CHUNK < len(text):
                raise ValueError("Not valid base64: padding inside the content.")
            size += len(data)
            handle.write(data)
        handle.seek(0)
    except BaseException:
        handle.close()
        raise
    return DecodedContent(handle, size)


def new_name(prefix: str) -> str:
    """A fresh name in the storage; document titles never end up in paths."""
    token = uuid.uuid4().hex
    return f"{prefix}/{token[:2]}/{token}"


def store(content, *, prefix: str = "inhoud") -> StoredFile:
    """Write a file-like object to the storage, hashing it on the way."""
    hashing = HashingReader([content])
    name = documenten_storage().save(new_name(prefix), ChunkedFile(hashing))
    return StoredFile(name=name, size=hashing.size, sha256=hashing.hexdigest())


def store_upload(uploaded) -> str:
    """Write an uploaded part to the storage as it is (moved, not copied, on local disk)."""
    return documenten_storage().save(new_name("bestandsdelen"), uploaded)


def store_concatenation(names: Iterable[str]) -> StoredFile:
    """Write the concatenation of stored files (the parts of a file) as one new file."""
    storage = documenten_storage()
    hashing = HashingReader(_opened(storage, names))
    name = storage.save(new_name("inhoud"), ChunkedFile(hashing))
    return StoredFile(name=name, size=hashing.size, sha256=hashing.hexdigest())


def _opened(storage, names: Iterable[str]) -> Iterator:
    for name in names:
        with storage.open(name, "rb") as handle:
            yield handle


class HashingReader(io.RawIOBase):
    """Reads a sequence of file-like objects as one stream, computing SHA-256 and size."""

    def __init__(self, sources: Iterable) -> None:
        self._sources = iter(sources)
        self._current = None
        self._digest = hashlib.sha256()
        self.size = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            size = CHUNK_SIZE
        while True:
            if self._current is None:
                self._current = next(self._sources, None)
                if self._current is None:
                    return b""
            data = self._current.read(size)
            if data:
                self._digest.update(data)
                self.size += len(data)
                return data
            self._current = None

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def hexdigest(self) -> str:
        return self._digest.hexdigest()


def sha256_of(name: str) -> str:
    """Recompute the SHA-256 of a stored file, reading it in chunks."""
    digest = hashlib.sha256()
    with documenten_storage().open(name, "rb") as handle:
        while chunk := handle.read(CHUNK_SIZE):
            digest.update(chunk)
    return digest.hexdigest()


def exists(name: str) -> bool:
    return documenten_storage().exists(name)


def delete(names: Iterable[str]) -> None:
    storage = documenten_storage()
    for name in names:
        if name:
            storage.delete(name)
