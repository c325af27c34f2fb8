"""Names of folders and files in a SIP.

The MDTO SIP rules: every name at most 255 characters, none of `< > : " / \\ | ? * # &`
or space, unique within its folder. Names come from case data (identificaties, titles,
file names a user uploaded), so they are sanitised here and can never contain a path
separator, a parent reference or a control character: whatever the input, the result is
one path component that stays inside the folder it is written to.
"""

from __future__ import annotations

import re
import unicodedata

MAX_NAME_LENGTH = 255
FORBIDDEN_CHARACTERS = frozenset('<>:"/\\|?*#& ')
INFORMATIEOBJECT_SIDECAR_SUFFIX = ".MDTO.xml"
BESTAND_SIDECAR_SUFFIX = ".bestand.MDTO.xml"
# A content file also carries the longest sidecar suffix, so its own name leaves room for it.
MAX_CONTENT_NAME_LENGTH = MAX_NAME_LENGTH - len(BESTAND_SIDECAR_SUFFIX)
FALLBACK_NAME = "naamloos"

_REPLACE = re.compile(r"[<>:\"/\\|?*#&\s\x00-\x1f\x7f]+")
_EXTENSION = re.compile(r"^(?P<stem>.+?)(?P<ext>\.[A-Za-z0-9]{1,10})?$")


def name_violations(name: str) -> list[str]:
    """What is wrong with `name` as a SIP path component (empty when nothing)."""
    problems = []
    if not name:
        problems.append("de naam is leeg")
    if len(name) > MAX_NAME_LENGTH:
        problems.append(f"de naam is langer dan {MAX_NAME_LENGTH} tekens")
    bad = sorted({char for char in name if char in FORBIDDEN_CHARACTERS or ord(char) < 32 or ord(char) == 127})
    if bad:
        problems.append("de naam bevat verboden tekens: " + " ".join(repr(char) for char in bad))
    if name in (".", "..") or name.startswith("."):
        problems.append("de naam begint met een punt")
    return problems


def sanitise(raw: str, *, max_length: int = MAX_CONTENT_NAME_LENGTH) -> str:
    """One safe path component from arbitrary text, at most `max_length` characters.

    Forbidden characters, whitespace and control characters become `_`; leading dots are
    dropped (no `.`, `..` or hidden files); the extension survives shortening.
    """
    name = unicodedata.normalize("NFC", raw or "")
    parts = [part for part in _REPLACE.sub("_", name).split("_") if part.strip(".")]
    name = "_".join(parts).lstrip(".")
    if not name:
        name = FALLBACK_NAME
    if len(name) > max_length:
        match = _EXTENSION.match(name)
        stem, ext = (match["stem"], match["ext"] or "") if match else (name, "")
        name = stem[: max_length - len(ext)].rstrip("_.") + ext
    return name


class UniqueNames:
    """Hands out names unique within one folder, case-insensitively (archives run on
    file systems that do not tell `A.pdf` from `a.pdf`)."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def claim(self, raw: str, *, max_length: int = MAX_CONTENT_NAME_LENGTH) -> str:
        name = sanitise(raw, max_length=max_length)
        candidate, counter = name, 1
        while candidate.casefold() in self._taken:
            counter += 1
            match = _EXTENSION.match(name)
            stem, ext = (match["stem"], match["ext"] or "") if match else (name, "")
            suffix = f"-{counter}"
            candidate = stem[: max_length - len(ext) - len(suffix)] + suffix + ext
        self._taken.add(candidate.casefold())
        return candidate

    def snapshot(self) -> frozenset[str]:
        return frozenset(self._taken)

    def restore(self, snapshot: frozenset[str]) -> None:
        self._taken = set(snapshot)
