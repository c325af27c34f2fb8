"""Files in the documenten storage, streamed: no file is ever held whole in memory.

Every file gets its SHA-256 when it is written, of the bytes as they pass; a file put
together in place from bestandsdelen is hashed part by part with a state saved between
the parts (`documenten.sha256`), or read back once when its last part is in if that chain
is broken. The checksum that goes into `integriteit` is the one of what was written.
Reads go in chunks of CHUNK_SIZE.
"""

from __future__ import annotations

import binascii
import contextlib
import errno
import fcntl
import hashlib
import io
import logging
import mmap
import os
import re
import tempfile
import threading
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import UploadedFile

from . import sha256
from .models import documenten_storage

logger = logging.getLogger(__name__)

CHUNK_SIZE = 1024 * 1024
# Copying and hashing files on local disk go in blocks of this size.
COPY_BLOCK = 4 * 1024 * 1024
# Base64 is decoded this many characters at a time (a multiple of 4).
BASE64_CHUNK = 4 * 256 * 1024
_WHITESPACE = re.compile(r"\s")
# Direct I/O (O_DIRECT) writes whole blocks of this alignment at offsets of it; every
# block size in use (512 or 4096 bytes) divides it.
DIRECT_ALIGNMENT = 4096
# A bestandsdeel written with direct I/O is gathered in a buffer of this size first, and a
# file read with direct I/O is read into one.
DIRECT_STAGE = 1024 * 1024
# Files on local disk of at least this size are read past the page cache (`DirectReader`).
DIRECT_READ_MIN = 16 * 1024 * 1024


@dataclass(frozen=True)
class StoredFile:
    """A file written to the documenten storage: its name, size and SHA-256 (hex)."""

    name: str
    size: int
    sha256: str


class ChunkedFile(File):
    DEFAULT_CHUNK_SIZE = CHUNK_SIZE


class InvalidBase64Error(ValueError):
    """The `inhoud` is no base64."""


class FileTooLargeError(ValueError):
    """The decoded `inhoud` is larger than DOCUMENTEN_MAX_FILE_SIZE allows."""


class DecodedContent:
    """Base64 content decoded as it arrived (`Base64Sink`), with its size and SHA-256.

    On local disk it is already a file of the storage under `stored_name`; elsewhere it is
    an anonymous temporary file that `store_decoded` writes to the storage. Until a write
    claims it, closing it (the view does, and Django closes request files after the
    response) removes it, so a failed request leaves nothing behind.
    """

    def __init__(self, *, file, stored_name: str, size: int, sha256: str) -> None:
        self.file = file
        self.stored_name = stored_name
        self.size = size
        self.sha256 = sha256

    def claim(self) -> str:
        name, self.stored_name = self.stored_name, ""
        return name

    def close(self) -> None:
        if self.stored_name:
            delete([self.claim()])
        if self.file is not None:
            self.file.close()


class Base64Sink:
    """Decodes base64 text as it arrives, block by block, into the storage (on local disk) or
    a temporary file, hashing what it writes. Memory holds one block, whatever the size.

    `write` takes base64 characters without whitespace (the caller leaves that out);
    padding (`=`) may only end the content. `max_size` (0: none) bounds the decoded size.
    """

    def __init__(self, *, max_size: int = 0) -> None:
        self._storage = documenten_storage()
        self._max_size = max_size
        self._pending = b""
        self._ended = False
        self._hash = hashlib.sha256()
        self._name = ""
        self._file = None
        self.size = 0
        if _on_local_disk(self._storage):
            self._name = new_name("inhoud")
            self._descriptor = _create(self._storage, self._name)
        else:
            self._file = tempfile.TemporaryFile()  # noqa: SIM115 - handed over in finish()
            self._descriptor = self._file.fileno()

    def write(self, text: bytes) -> None:
        if not text:
            return
        if self._ended:
            raise InvalidBase64Error("Not valid base64: padding inside the content.")
        data = self._pending + text if self._pending else text
        cut = len(data) - len(data) % 4
        block, self._pending = data[:cut], data[cut:]
        if not block:
            return
        padding = block.find(b"=", len(block) - 4)
        if b"=" in block[: len(block) - 4] or (padding >= 0 and self._pending):
            raise InvalidBase64Error("Not valid base64: padding inside the content.")
        self._ended = padding >= 0
        try:
            decoded = binascii.a2b_base64(block, strict_mode=True)
        except binascii.Error as exc:
            raise InvalidBase64Error(f"Not valid base64: {exc}.") from exc
        self.size += len(decoded)
        if self._max_size and self.size > self._max_size:
            raise FileTooLargeError(f"The content is larger than {self._max_size} bytes.")
        self._hash.update(decoded)
        _write_all(self._descriptor, decoded)

    def finish(self) -> DecodedContent:
        if self._pending:
            raise InvalidBase64Error("The length of base64 content is a multiple of 4 characters.")
        if self._file is None:
            os.close(self._descriptor)
        else:
            self._file.seek(0)
        return DecodedContent(file=self._file, stored_name=self._name, size=self.size, sha256=self._hash.hexdigest())

    def abort(self) -> None:
        if self._file is None:
            os.close(self._descriptor)
            delete([self._name])
        else:
            self._file.close()


def base64_decode(value: str, *, max_size: int = 0) -> DecodedContent:
    """Decode base64 text given whole (not streamed by the parser) in chunks, as `Base64Sink` does."""
    text = "".join(value.split()) if _WHITESPACE.search(value) else value
    if not text.isascii():
        raise InvalidBase64Error("Not valid base64: it holds characters outside the base64 alphabet.")
    sink = Base64Sink(max_size=max_size)
    try:
        for start in range(0, len(text), BASE64_CHUNK):
            sink.write(text[start : start + BASE64_CHUNK].encode("ascii"))
        return sink.finish()
    except BaseException:
        sink.abort()
        raise


def store_decoded(decoded: DecodedContent) -> StoredFile:
    """Keep decoded base64 content in the storage: on local disk it is there already (hashed
    while it was written); elsewhere it is written now."""
    if decoded.stored_name:
        return StoredFile(name=decoded.claim(), size=decoded.size, sha256=decoded.sha256)
    return store(decoded.file)


def new_name(prefix: str) -> str:
    """A fresh name in the storage; document titles never end up in paths."""
    token = uuid.uuid4().hex
    return f"{prefix}/{token[:2]}/{token}"


def store(content, *, prefix: str = "inhoud") -> StoredFile:
    """Write a file-like object to the storage, hashing it on the way."""
    hashing = HashingReader([content])
    name = documenten_storage().save(new_name(prefix), ChunkedFile(hashing))
    return StoredFile(name=name, size=hashing.size, sha256=hashing.hexdigest())


@dataclass(frozen=True)
class StoredPart:
    """Where an accepted part is: a file of its own, or its place in the version's assembled file."""

    name: str
    assembled: bool
    sha256_state: bytes | None = None


def store_upload(uploaded) -> StoredPart:
    """Keep an accepted part in the storage.

    A part received into its place in the assembled file stays there (a replaced part is
    copied into place only now, once accepted); one the parser wrote to a file of its own
    stays in that file; any other upload is written (or moved) to the storage.
    """
    if isinstance(uploaded, ReceivedPart):
        if uploaded.assembly is not None:
            name = uploaded.assembly.accept(uploaded)
            return StoredPart(name=name, assembled=True, sha256_state=uploaded.assembly.sha256_state)
        if uploaded.stored_name:
            return StoredPart(name=uploaded.claim(), assembled=False)
    return StoredPart(name=documenten_storage().save(new_name("bestandsdelen"), uploaded), assembled=False)


def upload_returned(uploaded) -> None:
    """The upload of this part failed after `store_upload`: its place counts as not written."""
    if isinstance(uploaded, ReceivedPart) and uploaded.assembly is not None:
        uploaded.assembly.accepted = False


def _on_local_disk(storage) -> bool:
    """Whether the storage keeps its files in a folder on this machine (not S3, not in memory)."""
    return isinstance(storage, FileSystemStorage)


def _create(storage, name: str) -> int:
    """Open a new file of the storage for writing, as FileSystemStorage would create it."""
    path = storage.path(name)
    directory = os.path.dirname(path)
    if storage.directory_permissions_mode is not None:
        old_umask = os.umask(0o777 & ~storage.directory_permissions_mode)
        try:
            os.makedirs(directory, storage.directory_permissions_mode, exist_ok=True)
        finally:
            os.umask(old_umask)
    else:
        os.makedirs(directory, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    if storage.file_permissions_mode is not None:
        os.chmod(path, storage.file_permissions_mode)
    return descriptor


def _blocks(path: str) -> Iterator[memoryview]:
    """A file on local disk in blocks of COPY_BLOCK, read into one reused buffer (each block
    is valid until the next one is read)."""
    buffer = bytearray(COPY_BLOCK)
    view = memoryview(buffer)
    with open(path, "rb", buffering=0) as source:
        while count := source.readinto(buffer):
            yield view[:count]


def _write_all(descriptor: int, data, position: int | None = None) -> None:
    view = memoryview(data)
    while view:
        written = os.write(descriptor, view) if position is None else os.pwrite(descriptor, view, position)
        view = view[written:]
        if position is not None:
            position += written


class ReceivedPart(UploadedFile):
    """A bestandsdeel as `PartSink` received it.

    On local disk it is already in the storage under `stored_name`; unless the upload
    claims it, closing it (Django closes request files after the response) removes it.
    Elsewhere it is a temporary file that `store_upload` saves to the storage.
    """

    def __init__(
        self, *, file, stored_name: str, name: str, content_type: str, size: int, assembly: Assembly | None = None
    ) -> None:
        super().__init__(file=file, name=name, content_type=content_type, size=size)
        self.stored_name = stored_name
        self.assembly = assembly

    def claim(self) -> str:
        name, self.stored_name = self.stored_name, ""
        return name

    def close(self) -> None:
        if self.stored_name:
            delete([self.claim()])
        if self.file is not None:
            self.file.close()


class PartSink:
    """Where the multipart parser writes a part's bytes as they arrive.

    Bytes beyond `limit` (the largest part there is) are counted but not written, so a
    wrong size is refused by its count without filling the disk.
    """

    def __init__(self, *, limit: int) -> None:
        self._storage = documenten_storage()
        self._limit = limit
        self._name = new_name("bestandsdelen")
        self._file = None
        self.size = 0
        if _on_local_disk(self._storage):
            self._descriptor = _create(self._storage, self._name)
        else:
            self._file = tempfile.TemporaryFile()  # noqa: SIM115 - handed over in finish()
            self._descriptor = self._file.fileno()

    def write(self, block: bytes, start: int, end: int) -> None:
        room = self._limit - self.size
        if room > 0:
            _write_all(self._descriptor, memoryview(block)[start : min(end, start + room)])
        self.size += end - start

    def finish(self, *, filename: str, content_type: str) -> ReceivedPart:
        if self._file is None:
            os.close(self._descriptor)
            stored_name = self._name
        else:
            self._file.seek(0)
            stored_name = ""
        return ReceivedPart(
            file=self._file,
            stored_name=stored_name,
            name=filename,
            content_type=content_type,
            size=self.size,
        )

    def abort(self) -> None:
        if self._file is None:
            os.close(self._descriptor)
            delete([self._name])
        else:
            self._file.close()


_stages = threading.local()


def _stage() -> memoryview:
    """This thread's buffer for direct I/O: page-aligned (mmap), made once, so its memory stays
    mapped and warm from one part to the next."""
    stage = getattr(_stages, "buffer", None)
    if stage is None:
        stage = _stages.buffer = mmap.mmap(-1, DIRECT_STAGE)
    return memoryview(stage)


class DirectWriter:
    """Writes a new bestandsdeel at its offset with direct I/O (`O_DIRECT`), past the page cache.

    A file of hundreds of megabytes written through the page cache fills that much fresh
    memory first, and on a virtual machine that is the slowest step of an upload (about
    300 MiB/s measured here, against over 1 GiB/s for the same bytes written directly;
    README, Documenten benchmark); nothing reads the part back soon, so caching it buys
    nothing. Direct I/O writes only whole aligned blocks from an aligned buffer: the bytes
    are gathered in this thread's buffer and written a full buffer at a time; the last
    unaligned bytes of the last part go through the page cache as before. Where the file
    system refuses direct I/O (tmpfs, for one) everything is written the ordinary way.
    """

    def __init__(self, descriptor: int, position: int) -> None:
        self._descriptor = descriptor
        self._position = position
        self._stage = _stage()
        self._filled = 0

    @classmethod
    def start(cls, descriptor: int, position: int) -> DirectWriter | None:
        if not getattr(os, "O_DIRECT", 0) or position % DIRECT_ALIGNMENT:
            return None
        if not _set_direct(descriptor, True):
            return None
        return cls(descriptor, position)

    def write(self, data: memoryview) -> None:
        while data:
            count = min(len(data), len(self._stage) - self._filled)
            self._stage[self._filled : self._filled + count] = data[:count]
            self._filled += count
            data = data[count:]
            if self._filled == len(self._stage):
                self._flush(self._filled)

    def _flush(self, count: int) -> None:
        """Write the first `count` bytes of the buffer (a multiple of the alignment)."""
        try:
            _write_all(self._descriptor, self._stage[:count], self._position)
        except OSError as error:
            if error.errno != errno.EINVAL:
                raise
            # Refused for this file after all: the ordinary way from here on.
            _set_direct(self._descriptor, False)
            _write_all(self._descriptor, self._stage[:count], self._position)
        self._position += count
        remaining = self._filled - count
        if remaining:
            self._stage[:remaining] = self._stage[count : self._filled]
        self._filled = remaining

    def finish(self) -> None:
        """Write what is gathered: its aligned blocks directly, the rest through the page cache."""
        self._flush(self._filled - self._filled % DIRECT_ALIGNMENT)
        _set_direct(self._descriptor, False)
        if self._filled:
            _write_all(self._descriptor, self._stage[: self._filled], self._position)
            self._position += self._filled
            self._filled = 0

    def discard(self) -> None:
        self._filled = 0
        _set_direct(self._descriptor, False)


def _set_direct(descriptor: int, on: bool) -> bool:
    """Switch direct I/O on or off for an open file; False where the file system refuses it."""
    flags = fcntl.fcntl(descriptor, fcntl.F_GETFL)
    wanted = flags | os.O_DIRECT if on else flags & ~os.O_DIRECT
    if wanted == flags:
        return True
    try:
        fcntl.fcntl(descriptor, fcntl.F_SETFL, wanted)
    except OSError:
        return False
    return True


class Assembly:
    """The file of a version put together in place from its bestandsdelen (storage on local disk).

    Parts arrive in order, so the parts already accepted are a prefix of the file and
    everything from this part's offset on is not yet accepted: a new part is written
    straight at its offset, and a refused or broken upload is undone by cutting the file
    back to that offset. A part that replaces an accepted one goes to a file of its own
    first and is copied into place once accepted. The file is locked (`flock`) from before
    the upload is read until the request ends, so one upload at a time writes in it.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.offset = 0
        self.limit = 0
        self.replacing = False
        self.placed = False
        self.accepted = False
        self.size = 0
        self._size_before = 0
        self._hashing: sha256.Hasher | None = None
        self._direct: DirectWriter | None = None
        self.sha256_state: bytes | None = None
        self._descriptor = _create_locked(documenten_storage(), name)

    def place(self, *, offset: int, limit: int, replacing: bool, sha256_before: bytes | None) -> None:
        """Where this upload's part goes; `replacing` when that part was accepted before.

        `sha256_before`: the saved SHA-256 state of the file up to `offset` (empty for the
        first part), or None when there is none; with one the new part is hashed as it is
        written, continuing that state, and `sha256_state` holds the state after it.
        """
        self.offset, self.limit, self.replacing, self.placed = offset, limit, replacing, True
        self._size_before = os.fstat(self._descriptor).st_size
        if sha256_before is not None and not replacing and sha256.available():
            self._hashing = sha256.Hasher(sha256.Sha256State(sha256_before or None))
        if not replacing:
            self._direct = DirectWriter.start(self._descriptor, offset)

    def sink(self) -> Assembly | PartSink:
        return PartSink(limit=self.limit) if self.replacing else self

    def write(self, block: bytes, start: int, end: int) -> None:
        """The parser's sink for a new part: at its offset, at most its size, hashed as written."""
        room = self.limit - self.size
        if room > 0:
            end_written = min(end, start + room)
            if self._direct is not None:
                self._direct.write(memoryview(block)[start:end_written])
            else:
                _write_all(self._descriptor, memoryview(block)[start:end_written], self.offset + self.size)
            if self._hashing is not None:
                self._hashing.update(block, start, end_written)
        self.size += end - start

    def finish(self, *, filename: str, content_type: str) -> ReceivedPart:
        if self._direct is not None:
            self._direct.finish()
            self._direct = None
        # The part is on disk before anything records it as received.
        os.fdatasync(self._descriptor)
        if self._hashing is not None:
            try:
                self.sha256_state = self._hashing.finish()
            except Exception:
                # No running state then: the file is read back when its last part is in.
                logger.warning("bestandsdeel_hashing_failed", exc_info=True)
            self._hashing = None
        return ReceivedPart(
            file=None, stored_name="", name=filename, content_type=content_type, size=self.size, assembly=self
        )

    def abort(self) -> None:
        """The parser failed; `release` undoes what was written."""
        if self._direct is not None:
            self._direct.discard()
            self._direct = None
        if self._hashing is not None:
            with contextlib.suppress(Exception):
                self._hashing.finish()
            self._hashing = None

    def accept(self, received: ReceivedPart) -> str:
        if self.replacing:
            self._copy_into_place(received)
            os.fdatasync(self._descriptor)
        self.accepted = True
        return self.name

    def _copy_into_place(self, received: ReceivedPart) -> None:
        position = self.offset
        for block in _blocks(documenten_storage().path(received.stored_name)):
            _write_all(self._descriptor, block, position)
            position += len(block)
        received.close()

    def release(self) -> None:
        """End of the request: undo a new part that was not accepted, and unlock.

        Not placed means this version's parts are stored otherwise; an empty file made
        just now is then removed again.
        """
        if self._descriptor < 0:
            return
        self.abort()
        try:
            if not self.placed:
                if os.fstat(self._descriptor).st_size == 0:
                    os.unlink(documenten_storage().path(self.name))
            elif not self.accepted and not self.replacing:
                # Back to the accepted parts; a part sent before its turn must not leave a
                # longer file (with a hole where the missing part goes) behind.
                keep = min(self.offset, self._size_before)
                if keep == 0:
                    # Nothing of this version is accepted yet: no file at all, not an empty one.
                    os.unlink(documenten_storage().path(self.name))
                else:
                    os.ftruncate(self._descriptor, keep)
        finally:
            os.close(self._descriptor)
            self._descriptor = -1


def assembly_name(key: str) -> str:
    """The assembled file of a version, named after something every upload of it knows."""
    return f"inhoud/{key[:2]}/{key}"


def assembly_open(key: str) -> Assembly | None:
    """Open (and lock) a version's assembled file; None when the storage is not on local disk."""
    name = assembly_name(key)
    if not _on_local_disk(documenten_storage()):
        return None
    return Assembly(name)


def _create_locked(storage, name: str) -> int:
    """Open the file (created when missing) with an exclusive lock, waiting for it.

    An upload that gave up may have removed the file while we waited; then the locked
    file is not the one the name points to any more, and we open it again.
    """
    path = storage.path(name)
    while True:
        try:
            descriptor = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))
        except FileNotFoundError:
            try:
                descriptor = _create(storage, name)
            except FileExistsError:
                continue
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        try:
            current = os.stat(path).st_ino
        except FileNotFoundError:
            current = None
        if current == os.fstat(descriptor).st_ino:
            return descriptor
        os.close(descriptor)


def store_assembled(name: str, sha256_state: bytes | None = None) -> StoredFile:
    """The assembled file is complete: its size, and its SHA-256.

    The SHA-256 comes from the state hashed while its parts were written, when every part
    was; else the file is read back (`sha256_of`).
    """
    digest = sha256.Sha256State(sha256_state).hexdigest() if sha256_state is not None else sha256_of(name)
    return StoredFile(name=name, size=os.stat(documenten_storage().path(name)).st_size, sha256=digest)


def store_concatenation(names: Iterable[str]) -> StoredFile:
    """Write the concatenation of stored files (the parts of a file) as one new file."""
    storage = documenten_storage()
    name = new_name("inhoud")
    if _on_local_disk(storage):
        return _concatenate_local(storage, name, names)
    hashing = HashingReader(_opened(storage, names))
    name = storage.save(name, ChunkedFile(hashing))
    return StoredFile(name=name, size=hashing.size, sha256=hashing.hexdigest())


def _concatenate_local(storage, name: str, names: Iterable[str]) -> StoredFile:
    """On local disk: large blocks through one buffer, hashed between reading and writing."""
    digest = hashlib.sha256()
    size = 0
    descriptor = _create(storage, name)
    try:
        for part in names:
            for block in _blocks(storage.path(part)):
                digest.update(block)
                _write_all(descriptor, block)
                size += len(block)
    except BaseException:
        os.close(descriptor)
        delete([name])
        raise
    os.close(descriptor)
    return StoredFile(name=name, size=size, sha256=digest.hexdigest())


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


class DirectReader:
    """A large file on local disk read with direct I/O (`O_DIRECT`), past the page cache.

    A download or a fixity check reads a large file once, from start to end: through the
    page cache that costs as much fresh memory as the file, and it pushes out what the
    database and the other requests keep there. Direct reads go into one aligned buffer,
    block by block; `read` hands out at most what is left of the current block. Where the
    file system refuses direct I/O it reads the ordinary way.
    """

    def __init__(self, path: str, name: str) -> None:
        self.name = name
        try:
            self._descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECT", 0))
        except OSError as error:
            if error.errno != errno.EINVAL:
                raise
            self._descriptor = os.open(path, os.O_RDONLY)
        self.size = os.fstat(self._descriptor).st_size
        self._buffer = mmap.mmap(-1, DIRECT_STAGE)
        self._view = memoryview(self._buffer)
        self._position = 0  # of the buffer's first byte in the file
        self._start = 0
        self._end = 0

    def read(self, size: int = -1) -> bytes:
        if self._start == self._end:
            self._fill()
        end = self._end if size is None or size < 0 else min(self._end, self._start + size)
        data = bytes(self._view[self._start : end])
        self._start = end
        return data

    def readinto(self, target) -> int:
        if self._start == self._end:
            self._fill()
        count = min(len(target), self._end - self._start)
        memoryview(target)[:count] = self._view[self._start : self._start + count]
        self._start += count
        return count

    def _fill(self) -> None:
        self._position += self._end
        try:
            count = os.preadv(self._descriptor, [self._buffer], self._position)
        except OSError as error:
            if error.errno != errno.EINVAL:
                raise
            _set_direct(self._descriptor, False)
            count = os.preadv(self._descriptor, [self._buffer], self._position)
        self._start, self._end = 0, count

    def close(self) -> None:
        if self._descriptor >= 0:
            os.close(self._descriptor)
            self._descriptor = -1
            self._view.release()
            self._buffer.close()

    def __enter__(self) -> DirectReader:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def open_for_reading(name: str):
    """A stored file opened to be read once from start to end (a download, a checksum)."""
    storage = documenten_storage()
    if _on_local_disk(storage) and getattr(os, "O_DIRECT", 0):
        path = storage.path(name)
        if os.stat(path).st_size >= DIRECT_READ_MIN:
            return DirectReader(path, name)
    return storage.open(name, "rb")


def sha256_of(name: str) -> str:
    """Recompute the SHA-256 of a stored file, reading it in chunks."""
    digest = hashlib.sha256()
    with open_for_reading(name) as handle:
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
