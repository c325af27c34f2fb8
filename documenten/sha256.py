"""SHA-256 whose running state survives between requests: the file of a document in
bestandsdelen is hashed part by part as the parts are written, in whichever worker each
part arrives, so the last part need not read the whole file back.

`hashlib` cannot save a running state, so this calls OpenSSL's SHA256_Init/Update/Final
(the library `hashlib` itself uses) and keeps SHA256_CTX as bytes: eight 32-bit words of
state, the bit count, the pending block and two counters, 112 bytes, a layout unchanged
since OpenSSL 0.9.8. Without that library `available()` is False and callers read the
file back instead. ctypes releases the GIL during the calls, so `Hasher` hashes in a
thread of its own while the request thread goes on receiving and writing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import hashlib
import queue
import threading

CTX_SIZE = 112
# Room to spare should a library ever use a larger context; only CTX_SIZE bytes are kept.
_BUFFER_SIZE = 512
_QUEUED_BLOCKS = 8


@functools.cache
def _library():
    name = ctypes.util.find_library("crypto")
    if not name:
        return None
    try:
        library = ctypes.CDLL(name)
        init, update, final = library.SHA256_Init, library.SHA256_Update, library.SHA256_Final
    except (OSError, AttributeError):
        return None
    init.argtypes, init.restype = [ctypes.c_void_p], ctypes.c_int
    update.argtypes, update.restype = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t], ctypes.c_int
    final.argtypes, final.restype = [ctypes.c_void_p, ctypes.c_void_p], ctypes.c_int
    if _self_test(library):
        return library
    return None


def _self_test(library) -> bool:
    """Save and resume halfway, as between two parts; the result must be hashlib's."""
    data = bytes(range(256)) * 5 + b"levensloop"
    context = ctypes.create_string_buffer(_BUFFER_SIZE)
    library.SHA256_Init(context)
    library.SHA256_Update(context, data[:333], 333)
    resumed = ctypes.create_string_buffer(_BUFFER_SIZE)
    ctypes.memmove(resumed, context.raw[:CTX_SIZE], CTX_SIZE)
    library.SHA256_Update(resumed, data[333:], len(data) - 333)
    digest = ctypes.create_string_buffer(32)
    library.SHA256_Final(digest, resumed)
    return digest.raw == hashlib.sha256(data).digest()


def available() -> bool:
    return _library() is not None


class Sha256State:
    """A running SHA-256: fresh, or resumed from `save()`d bytes."""

    def __init__(self, saved: bytes | None = None) -> None:
        self._library = _library()
        self._context = ctypes.create_string_buffer(_BUFFER_SIZE)
        if saved is None:
            self._library.SHA256_Init(self._context)
        else:
            if len(saved) != CTX_SIZE:
                raise ValueError("Not a saved SHA-256 state.")
            ctypes.memmove(self._context, bytes(saved), CTX_SIZE)

    def update(self, block: bytes, start: int, end: int) -> None:
        """Hash block[start:end] without copying it (a bytes object is immutable and kept alive)."""
        if end > start:
            address = ctypes.cast(ctypes.c_char_p(block), ctypes.c_void_p).value
            self._library.SHA256_Update(self._context, address + start, end - start)

    def save(self) -> bytes:
        return self._context.raw[:CTX_SIZE]

    def hexdigest(self) -> str:
        finished = ctypes.create_string_buffer(_BUFFER_SIZE)
        ctypes.memmove(finished, self._context, CTX_SIZE)
        digest = ctypes.create_string_buffer(32)
        self._library.SHA256_Final(digest, finished)
        return digest.raw.hex()


class Hasher:
    """Feeds blocks to a `Sha256State` in a thread; `finish()` waits and returns the saved state."""

    def __init__(self, state: Sha256State) -> None:
        self._state = state
        self._blocks: queue.Queue = queue.Queue(maxsize=_QUEUED_BLOCKS)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="sha256", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (item := self._blocks.get()) is not None:
            if self._error is None:
                try:
                    self._state.update(*item)
                except BaseException as exc:  # reported by finish()
                    self._error = exc

    def update(self, block: bytes, start: int, end: int) -> None:
        # Only an immutable bytes object can be read by address while this thread goes on.
        self._blocks.put((block if type(block) is bytes else bytes(block), start, end))

    def finish(self) -> bytes:
        self._blocks.put(None)
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._state.save()
