"""Writing a SIP container (tar, zip, or a plain folder) in one pass.

Each writer hashes the container while it writes it, so the container's checksum is
known when it closes without reading it back. The container hash runs in a helper
thread (hashlib releases the GIL for large buffers), beside the content hash the builder
computes, so hashing twice costs little more wall time than hashing once.

Everything that could vary between two runs is fixed: member order (the caller's),
modification times (the caller's clock), owner (0, no names), permissions, zip dates.
A writer can `mark()` its position and `rollback()` to it, which is how an item that
fails half-way (a checksum mismatch, a source that breaks off) leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import queue
import tarfile
import threading
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from .names import name_violations

BLOCK = tarfile.BLOCKSIZE
RECORD = tarfile.RECORDSIZE
EXTENSIONS = {"tar": ".tar", "zip": ".zip"}


class ContentSizeError(ValueError):
    """A content stream delivered a different number of bytes than announced."""


class UnsafePathError(ValueError):
    """A member path would leave the container's root."""


def check_member_path(path: str) -> None:
    """Refuse absolute paths, parent references and components that break the naming rules."""
    pure = PurePosixPath(path)
    if pure.is_absolute() or not pure.parts:
        raise UnsafePathError(f"{path!r} is geen relatief pad")
    for part in pure.parts:
        problems = name_violations(part)
        if problems:
            raise UnsafePathError(f"{path!r}: {'; '.join(problems)}")


class ThreadedHasher:
    """A hash fed from a queue by one worker thread, in order."""

    _STOP = object()

    def __init__(self, algorithm: str) -> None:
        self._hash = hashlib.new(algorithm)
        self._queue: queue.Queue = queue.Queue(maxsize=16)
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is self._STOP:
                self._queue.task_done()
                return
            self._hash.update(item)
            self._queue.task_done()

    def update(self, data: bytes | memoryview) -> None:
        self._queue.put(data)

    def snapshot(self) -> Any:
        self._queue.join()
        return self._hash.copy()

    def restore(self, state: Any) -> None:
        self._queue.join()
        self._hash = state

    def hexdigest(self) -> str:
        self._queue.join()
        return self._hash.hexdigest()

    def stop(self) -> None:
        self._queue.put(self._STOP)
        self._thread.join()


class HashingFile:
    """A write-only, forward-only file that hashes what passes through it.

    It has no `seek`, on purpose: zipfile then writes data descriptors instead of going
    back to patch headers, so every byte is written exactly once, in order, and hashed.
    """

    def __init__(self, path: Path, algorithm: str) -> None:
        self.path = path
        self._file = open(path, "wb")  # noqa: SIM115 - closed by close()
        self._hasher = ThreadedHasher(algorithm)
        self._position = 0

    def write(self, data: bytes | memoryview) -> int:
        self._file.write(data)
        self._hasher.update(data)
        self._position += len(data)
        return len(data)

    def tell(self) -> int:
        return self._position

    def flush(self) -> None:
        self._file.flush()

    def mark(self) -> tuple[int, Any]:
        return self._position, self._hasher.snapshot()

    def rollback(self, mark: tuple[int, Any]) -> None:
        position, state = mark
        self._file.flush()
        self._file.truncate(position)
        self._file.seek(position)
        self._position = position
        self._hasher.restore(state)

    def close(self) -> str:
        self._file.close()
        digest = self._hasher.hexdigest()
        self._hasher.stop()
        return digest

    def abort(self) -> None:
        """Stop without finishing: the partial file stays for the next run to replace."""
        self._file.close()
        self._hasher.stop()


@dataclass
class Closed:
    path: Path
    size: int
    checksum: str


class TarWriter:
    """A POSIX (pax) tar written block by block; no compression (content is often
    compressed already, and the archive asks for a plain container)."""

    vorm = "tar"

    def __init__(self, path: Path, *, algorithm: str, mtime: dt.datetime) -> None:
        self.path = path
        self._out = HashingFile(path, algorithm)
        self._mtime = int(mtime.timestamp())

    def _info(self, name: str, size: int, directory: bool) -> tarfile.TarInfo:
        info = tarfile.TarInfo(name)
        info.size = 0 if directory else size
        info.type = tarfile.DIRTYPE if directory else tarfile.REGTYPE
        info.mode = 0o755 if directory else 0o644
        info.mtime = self._mtime
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    def _header(self, name: str, size: int, directory: bool = False) -> bytes:
        check_member_path(name)
        return self._info(name, size, directory).tobuf(tarfile.PAX_FORMAT, "utf-8", "strict")

    def member_size(self, name: str, size: int) -> int:
        return len(self._header(name, size)) + -(-size // BLOCK) * BLOCK

    @staticmethod
    def final_size(members_size: int) -> int:
        return -(-(members_size + 2 * BLOCK) // RECORD) * RECORD

    def add_directory(self, name: str) -> None:
        self._out.write(self._header(name, 0, directory=True))

    def add_bytes(self, name: str, data: bytes) -> None:
        self.add_stream(name, len(data), [data])

    def add_stream(self, name: str, size: int, chunks: Iterable[bytes]) -> int:
        self._out.write(self._header(name, size))
        written = 0
        for chunk in chunks:
            written += len(chunk)
            if written > size:
                raise ContentSizeError(f"{name}: meer dan de aangekondigde {size} bytes")
            self._out.write(chunk)
        if written != size:
            raise ContentSizeError(f"{name}: {written} bytes ontvangen, {size} aangekondigd")
        remainder = size % BLOCK
        if remainder:
            self._out.write(bytes(BLOCK - remainder))
        return written

    def tell(self) -> int:
        return self._out.tell()

    def mark(self) -> Any:
        return self._out.mark()

    def rollback(self, mark: Any) -> None:
        self._out.rollback(mark)

    def abort(self) -> None:
        self._out.abort()

    def close(self) -> Closed:
        end = self.final_size(self._out.tell())
        self._out.write(bytes(end - self._out.tell()))
        size = self._out.tell()
        return Closed(self.path, size, self._out.close())


class ZipWriter:
    """A zip with stored (uncompressed) members, fixed dates and permissions, zip64 when needed."""

    vorm = "zip"
    # Local header, zip64 extra, data descriptor and central directory entry, without the name.
    MEMBER_OVERHEAD = 30 + 20 + 24 + 46 + 28
    END_OVERHEAD = 22 + 56 + 20

    def __init__(self, path: Path, *, algorithm: str, mtime: dt.datetime) -> None:
        self.path = path
        self._out = HashingFile(path, algorithm)
        self._zip = zipfile.ZipFile(self._out, "w", compression=zipfile.ZIP_STORED, allowZip64=True)
        utc = mtime.astimezone(dt.UTC)
        self._date_time = (max(utc.year, 1980), utc.month, utc.day, utc.hour, utc.minute, utc.second)

    def _info(self, name: str, size: int, directory: bool = False) -> zipfile.ZipInfo:
        check_member_path(name.rstrip("/"))
        info = zipfile.ZipInfo(name + ("/" if directory else ""), date_time=self._date_time)
        info.compress_type = zipfile.ZIP_STORED
        info.create_system = 3
        info.external_attr = ((0o40755 if directory else 0o100644) << 16) | (0x10 if directory else 0)
        info.file_size = size
        return info

    def member_size(self, name: str, size: int) -> int:
        return self.MEMBER_OVERHEAD + 2 * len(name.encode()) + size

    def final_size(self, members_size: int) -> int:
        return members_size + self.END_OVERHEAD

    def add_directory(self, name: str) -> None:
        self._zip.writestr(self._info(name, 0, directory=True), b"")

    def add_bytes(self, name: str, data: bytes) -> None:
        self.add_stream(name, len(data), [data])

    def add_stream(self, name: str, size: int, chunks: Iterable[bytes]) -> int:
        written = 0
        with self._zip.open(self._info(name, size), "w", force_zip64=size > 0x7FFFFFFF) as member:
            for chunk in chunks:
                written += len(chunk)
                if written > size:
                    raise ContentSizeError(f"{name}: meer dan de aangekondigde {size} bytes")
                member.write(chunk)
            if written != size:
                raise ContentSizeError(f"{name}: {written} bytes ontvangen, {size} aangekondigd")
        return written

    def tell(self) -> int:
        return self._out.tell()

    def mark(self) -> Any:
        return len(self._zip.filelist), self._out.mark()

    def rollback(self, mark: Any) -> None:
        # zipfile keeps its central directory in `filelist`/`NameToInfo` and the offset
        # where it will write it in `start_dir`; cut them back with the file.
        count, file_mark = mark
        self._zip._writing = False
        self._out.rollback(file_mark)
        self._zip.filelist = self._zip.filelist[:count]
        self._zip.NameToInfo = {info.filename: info for info in self._zip.filelist}
        self._zip.start_dir = self._out.tell()

    def abort(self) -> None:
        self._zip.fp = None  # zipfile must not write its directory into the abandoned file
        self._out.abort()

    def close(self) -> Closed:
        self._zip.close()
        size = self._out.tell()
        return Closed(self.path, size, self._out.close())


class FolderWriter:
    """An unpacked SIP in a folder (the preview an archivist inspects).

    Its "container checksum" is the hash of its manifest: one line `<hash>  <path>` per
    file, sorted, so the same package always has the same hash, however it is copied.
    """

    vorm = "map"

    def __init__(self, path: Path, *, algorithm: str, mtime: dt.datetime) -> None:
        self.path = path
        self.path.mkdir(parents=True, exist_ok=True)
        self._algorithm = algorithm
        self._mtime = mtime.timestamp()
        self._manifest: dict[str, str] = {}
        self._created: list[str] = []
        self._root = self.path.resolve()

    def _target(self, name: str) -> Path:
        check_member_path(name)
        target = (self._root / name).resolve()
        if self._root not in target.parents:
            raise UnsafePathError(f"{name!r} valt buiten de doelmap")
        return target

    def member_size(self, name: str, size: int) -> int:
        return size

    def final_size(self, members_size: int) -> int:
        return members_size

    def add_directory(self, name: str) -> None:
        target = self._target(name)
        target.mkdir(exist_ok=True)
        self._created.append(name)

    def add_bytes(self, name: str, data: bytes) -> None:
        self.add_stream(name, len(data), [data])

    def add_stream(self, name: str, size: int, chunks: Iterable[bytes]) -> int:
        target = self._target(name)
        digest = hashlib.new(self._algorithm)
        written = 0
        self._created.append(name)
        with open(target, "xb") as handle:
            for chunk in chunks:
                written += len(chunk)
                if written > size:
                    raise ContentSizeError(f"{name}: meer dan de aangekondigde {size} bytes")
                handle.write(chunk)
                digest.update(chunk)
        if written != size:
            raise ContentSizeError(f"{name}: {written} bytes ontvangen, {size} aangekondigd")
        os.utime(target, (self._mtime, self._mtime))
        self._manifest[name] = digest.hexdigest()
        return written

    def tell(self) -> int:
        return 0

    def mark(self) -> Any:
        return len(self._created)

    def rollback(self, mark: Any) -> None:
        for name in reversed(self._created[mark:]):
            target = self._target(name)
            if target.is_dir():
                target.rmdir()
            elif target.exists():
                target.unlink()
            self._manifest.pop(name, None)
        del self._created[mark:]

    def abort(self) -> None:
        pass  # nothing held open between files

    def close(self) -> Closed:
        for name in self._created:
            target = self._target(name)
            if target.is_dir():
                os.utime(target, (self._mtime, self._mtime))
        return Closed(self.path, sum(1 for _ in self._manifest), manifest_hash(self._manifest, self._algorithm))


def manifest_hash(manifest: dict[str, str], algorithm: str) -> str:
    """The hash of a folder package: over `<hash>  <path>` lines of its files, sorted by path."""
    lines = "".join(f"{digest}  {name}\n" for name, digest in sorted(manifest.items()))
    return hashlib.new(algorithm, lines.encode()).hexdigest()


WRITERS = {"tar": TarWriter, "zip": ZipWriter, "map": FolderWriter}
