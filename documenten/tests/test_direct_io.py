"""Large files past the page cache: bestandsdelen written, downloads and fixity checks read
with direct I/O (`O_DIRECT`), and the ordinary way wherever the file system refuses it."""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import random

import pytest

from documenten import storage
from documenten.models import EnkelvoudigInformatieObject
from documenten.tasks import check_fixity

from .conftest import assert_stored
from .test_bestandsdelen import _announce, _put

pytestmark = pytest.mark.skipif(not getattr(os, "O_DIRECT", 0), reason="no direct I/O on this platform")

ALIGN = storage.DIRECT_ALIGNMENT
STAGE = storage.DIRECT_STAGE


def _content(size: int, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(size)


@pytest.fixture
def pwrites(monkeypatch):
    """Every pwrite, with its size and whether the descriptor was in direct mode; the real call is made."""
    seen = []
    real = os.pwrite

    def recording(descriptor, data, position):
        direct = bool(fcntl.fcntl(descriptor, fcntl.F_GETFL) & os.O_DIRECT)
        seen.append((len(memoryview(data)), position, direct))
        return real(descriptor, data, position)

    monkeypatch.setattr(os, "pwrite", recording)
    return seen


@pytest.mark.django_db
def test_parts_are_written_directly_and_the_last_bytes_through_the_cache(
    client, iotype, settings, documenten_storage, pwrites, django_capture_on_commit_callbacks
):
    part = 2 * STAGE + ALIGN
    settings.DOCUMENTEN_BESTANDSDEEL_SIZE = part
    content = _content(2 * part + 1000)
    document = _announce(client, iotype, len(content))
    delen = document["bestandsdelen"]
    assert [d["omvang"] for d in delen] == [part, part, 1000]

    with django_capture_on_commit_callbacks(execute=True):
        for number, deel in enumerate(delen):
            response = _put(client, deel, content[number * part : number * part + deel["omvang"]])
            assert response.status_code == 200, response.json()

    assert_stored(client, document["url"], content)
    direct = [(size, position) for size, position, is_direct in pwrites if is_direct]
    cached = [(size, position) for size, position, is_direct in pwrites if not is_direct]
    # Each full part: two whole buffers and one aligned block, all direct, at aligned offsets.
    assert direct == [
        (STAGE, 0),
        (STAGE, STAGE),
        (ALIGN, 2 * STAGE),
        (STAGE, part),
        (STAGE, part + STAGE),
        (ALIGN, part + 2 * STAGE),
    ]
    # The last part is smaller than one block: it goes through the page cache.
    assert cached == [(1000, 2 * part)]


def _written(tmp_path, blocks: list[bytes], position: int = 0) -> bytes:
    path = tmp_path / "file.bin"
    path.write_bytes(b"\0" * position)
    descriptor = os.open(path, os.O_WRONLY)
    try:
        writer = storage.DirectWriter.start(descriptor, position)
        assert writer is not None
        assert fcntl.fcntl(descriptor, fcntl.F_GETFL) & os.O_DIRECT
        for block in blocks:
            writer.write(memoryview(block))
        writer.finish()
        assert not fcntl.fcntl(descriptor, fcntl.F_GETFL) & os.O_DIRECT
    finally:
        os.close(descriptor)
    return path.read_bytes()[position:]


@pytest.mark.parametrize("total", [0, 1, ALIGN - 1, ALIGN, STAGE, STAGE + 1, 3 * STAGE + 12_345])
def test_the_direct_writer_writes_every_byte_in_order(tmp_path, total):
    content = _content(total, seed=total)
    pieces = random.Random(total).choices([1, 17, 4096, 65_536, STAGE - 3, STAGE + 5], k=200)
    blocks, start = [], 0
    for size in pieces:
        if start >= total:
            break
        blocks.append(content[start : start + size])
        start += size
    assert b"".join(blocks) == content

    assert _written(tmp_path, blocks) == content
    assert _written(tmp_path, blocks, position=2 * ALIGN) == content


def test_an_unaligned_offset_is_written_the_ordinary_way(tmp_path):
    path = tmp_path / "file.bin"
    path.write_bytes(b"x" * 10)
    descriptor = os.open(path, os.O_WRONLY)
    try:
        assert storage.DirectWriter.start(descriptor, 10) is None
        assert not fcntl.fcntl(descriptor, fcntl.F_GETFL) & os.O_DIRECT
    finally:
        os.close(descriptor)


# The file systems of this machine (ext4, tmpfs on Linux 6.x) all take direct I/O; the
# refusal of one that does not (EINVAL from fcntl, open, a write or a read) is simulated below.


@pytest.mark.django_db
def test_a_file_system_refusing_direct_io_gets_the_ordinary_writes(
    client, iotype, settings, documenten_storage, monkeypatch, pwrites, django_capture_on_commit_callbacks
):
    real_fcntl = fcntl.fcntl

    def refusing(descriptor, command, argument=0):
        if command == fcntl.F_SETFL and argument & os.O_DIRECT:
            raise OSError(errno.EINVAL, "Invalid argument")
        return real_fcntl(descriptor, command, argument)

    monkeypatch.setattr(fcntl, "fcntl", refusing)
    settings.DOCUMENTEN_BESTANDSDEEL_SIZE = STAGE
    content = _content(STAGE + 5)
    document = _announce(client, iotype, len(content))
    first, second = document["bestandsdelen"]

    with django_capture_on_commit_callbacks(execute=True):
        assert _put(client, first, content[:STAGE]).status_code == 200
        assert _put(client, second, content[STAGE:]).status_code == 200

    assert_stored(client, document["url"], content)
    assert pwrites and not any(is_direct for _, _, is_direct in pwrites)


def test_a_write_refused_in_direct_mode_is_made_the_ordinary_way(tmp_path, monkeypatch):
    real = os.pwrite
    refused = []

    def refusing(descriptor, data, position):
        if fcntl.fcntl(descriptor, fcntl.F_GETFL) & os.O_DIRECT:
            refused.append(position)
            raise OSError(errno.EINVAL, "Invalid argument")
        return real(descriptor, data, position)

    monkeypatch.setattr(os, "pwrite", refusing)
    content = _content(2 * STAGE + 100)

    assert _written(tmp_path, [content]) == content
    assert refused == [0]  # refused once, then the descriptor left direct mode for good


def test_a_broken_upload_leaves_direct_mode_and_is_cut_back(tmp_path, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "documenten": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    assembly = storage.Assembly("inhoud/ab/abc")
    assembly.place(offset=0, limit=2 * STAGE, replacing=False, sha256_before=None)
    block = _content(STAGE + 7)
    assembly.write(block, 0, len(block))
    assert fcntl.fcntl(assembly._descriptor, fcntl.F_GETFL) & os.O_DIRECT
    assert (tmp_path / "inhoud/ab/abc").stat().st_size == STAGE  # one buffer is out already

    assembly.abort()
    assert not fcntl.fcntl(assembly._descriptor, fcntl.F_GETFL) & os.O_DIRECT
    assembly.release()
    assert not (tmp_path / "inhoud/ab/abc").exists()  # nothing of the version was accepted


@pytest.mark.parametrize("size", [storage.DIRECT_READ_MIN, storage.DIRECT_READ_MIN + 12_345])
def test_a_large_file_is_read_directly(tmp_path, settings, size):
    settings.STORAGES = {
        **settings.STORAGES,
        "documenten": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    content = _content(size)
    (tmp_path / "big.bin").write_bytes(content)
    (tmp_path / "small.bin").write_bytes(content[: storage.DIRECT_READ_MIN - 1])

    with storage.open_for_reading("big.bin") as handle:
        assert isinstance(handle, storage.DirectReader)
        assert fcntl.fcntl(handle._descriptor, fcntl.F_GETFL) & os.O_DIRECT
        pieces, sizes = [], [1, STAGE, 4095, STAGE + 1, 3]
        while piece := handle.read(sizes[len(pieces) % len(sizes)]):
            assert len(piece) <= STAGE
            pieces.append(piece)
        assert handle.read(10) == b""
    assert b"".join(pieces) == content

    buffer = bytearray(700_000)
    read = bytearray()
    with storage.open_for_reading("big.bin") as handle:
        while count := handle.readinto(buffer):
            read += buffer[:count]
    assert read == content

    with storage.open_for_reading("small.bin") as handle:
        assert not isinstance(handle, storage.DirectReader)
    assert storage.sha256_of("big.bin") == hashlib.sha256(content).hexdigest()


@pytest.fixture
def preadvs(monkeypatch):
    """Every preadv, with whether the descriptor was in direct mode; the real call is made."""
    seen = []
    real = os.preadv

    def recording(descriptor, buffers, position):
        count = real(descriptor, buffers, position)
        seen.append((count, position, bool(fcntl.fcntl(descriptor, fcntl.F_GETFL) & os.O_DIRECT)))
        return count

    monkeypatch.setattr(os, "preadv", recording)
    return seen


@pytest.mark.django_db
def test_a_large_file_downloads_and_passes_the_fixity_check(
    client, iotype, settings, documenten_storage, preadvs, django_capture_on_commit_callbacks
):
    settings.DOCUMENTEN_BESTANDSDEEL_SIZE = storage.DIRECT_READ_MIN
    content = _content(storage.DIRECT_READ_MIN + 100)
    document = _announce(client, iotype, len(content))
    with django_capture_on_commit_callbacks(execute=True):
        for number, deel in enumerate(document["bestandsdelen"]):
            start = number * storage.DIRECT_READ_MIN
            assert _put(client, deel, content[start : start + deel["omvang"]]).status_code == 200

    response = client.get(document["url"] + "/download")
    assert response.status_code == 200
    assert response["Content-Length"] == str(len(content))
    assert b"".join(response.streaming_content) == content
    # Read directly, a buffer at a time, up to the short read at the end and the empty one after it.
    size = len(content)
    expected = [(STAGE, offset, True) for offset in range(0, size - size % STAGE, STAGE)]
    assert preadvs == [*expected, (size % STAGE, size - size % STAGE, True), (0, size, True)]
    preadvs.clear()

    assert check_fixity.delay().get() == {"checked": 1, "mismatches": 0}
    assert len(preadvs) == len(expected) + 2 and all(is_direct for _, _, is_direct in preadvs)
    versie = EnkelvoudigInformatieObject.objects.get()
    path = documenten_storage / versie.inhoud.name
    with open(path, "r+b") as handle:
        handle.seek(len(content) - 50)
        handle.write(b"!")
    assert check_fixity.delay().get() == {"checked": 1, "mismatches": 1}


def _large_file(tmp_path, settings) -> bytes:
    settings.STORAGES = {
        **settings.STORAGES,
        "documenten": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    content = _content(storage.DIRECT_READ_MIN + 3)
    (tmp_path / "big.bin").write_bytes(content)
    return content


def test_a_file_system_refusing_direct_reads_is_read_the_ordinary_way(tmp_path, settings, monkeypatch):
    content = _large_file(tmp_path, settings)
    real_open = os.open

    def refusing(path, flags, *args, **kwargs):
        if flags & os.O_DIRECT:
            raise OSError(errno.EINVAL, "Invalid argument")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)
    with storage.open_for_reading("big.bin") as handle:
        assert isinstance(handle, storage.DirectReader)
        assert not fcntl.fcntl(handle._descriptor, fcntl.F_GETFL) & os.O_DIRECT
        assert b"".join(iter(lambda: handle.read(STAGE), b"")) == content


def test_a_read_refused_in_direct_mode_goes_on_the_ordinary_way(tmp_path, settings, monkeypatch):
    content = _large_file(tmp_path, settings)
    real = os.preadv
    refused = []

    def refusing(descriptor, buffers, position):
        if fcntl.fcntl(descriptor, fcntl.F_GETFL) & os.O_DIRECT and position >= 2 * STAGE:
            refused.append(position)
            raise OSError(errno.EINVAL, "Invalid argument")
        return real(descriptor, buffers, position)

    monkeypatch.setattr(os, "preadv", refusing)
    assert storage.sha256_of("big.bin") == hashlib.sha256(content).hexdigest()
    assert refused == [2 * STAGE]  # the first two blocks directly, then the ordinary way for good
