"""File formats as PRONOM identifies them (the register MDTO's bestandsformaat refers to).

Identification uses the first bytes of the content where a format announces its version
there (PDF, GIF, PNG), and otherwise the media type or the extension. What we cannot
identify keeps its media type with no PRONOM code and counts as a special format in the
pakbon, so the archive sees it before ingest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PRONOM_REGISTER = "PRONOM-register"
MEDIA_TYPES_REGISTER = "IANA Media Types"


@dataclass(frozen=True)
class Bestandsformaat:
    label: str
    code: str  # the PRONOM PUID, empty when unknown
    begrippenlijst: str = PRONOM_REGISTER

    @property
    def bekend(self) -> bool:
        return bool(self.code)


PDF_VERSIONS = {
    "1.0": ("fmt/14", "Acrobat PDF 1.0 - Portable Document Format"),
    "1.1": ("fmt/15", "Acrobat PDF 1.1 - Portable Document Format"),
    "1.2": ("fmt/16", "Acrobat PDF 1.2 - Portable Document Format"),
    "1.3": ("fmt/17", "Acrobat PDF 1.3 - Portable Document Format"),
    "1.4": ("fmt/18", "Acrobat PDF 1.4 - Portable Document Format"),
    "1.5": ("fmt/19", "Acrobat PDF 1.5 - Portable Document Format"),
    "1.6": ("fmt/20", "Acrobat PDF 1.6 - Portable Document Format"),
    "1.7": ("fmt/276", "Acrobat PDF 1.7 - Portable Document Format"),
    "2.0": ("fmt/1129", "PDF 2.0 - Portable Document Format"),
}

# media type, extensions, PUID, label
BY_TYPE = [
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ("docx",),
        "fmt/412",
        "Microsoft Word for Windows 2007 onwards",
    ),
    (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ("xlsx",),
        "fmt/214",
        "Microsoft Excel for Windows 2007 onwards",
    ),
    (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ("pptx",),
        "fmt/215",
        "Microsoft Powerpoint for Windows 2007 onwards",
    ),
    ("application/msword", ("doc",), "fmt/40", "Microsoft Word Document 97-2003"),
    ("application/vnd.ms-excel", ("xls",), "fmt/61", "Microsoft Excel 97 Workbook (xls)"),
    ("application/vnd.oasis.opendocument.text", ("odt",), "fmt/291", "OpenDocument Text 1.2"),
    ("application/vnd.oasis.opendocument.spreadsheet", ("ods",), "fmt/295", "OpenDocument Spreadsheet 1.2"),
    ("image/jpeg", ("jpg", "jpeg"), "fmt/43", "JPEG File Interchange Format 1.01"),
    ("image/tiff", ("tif", "tiff"), "fmt/353", "Tagged Image File Format"),
    ("text/plain", ("txt",), "x-fmt/111", "Plain Text File"),
    ("text/csv", ("csv",), "x-fmt/18", "Comma Separated Values"),
    ("application/xml", ("xml",), "fmt/101", "Extensible Markup Language 1.0"),
    ("text/xml", (), "fmt/101", "Extensible Markup Language 1.0"),
    ("application/json", ("json",), "fmt/817", "JSON Data Interchange Format"),
    ("message/rfc822", ("eml",), "fmt/278", "Internet Message Format"),
    ("application/vnd.ms-outlook", ("msg",), "x-fmt/430", "Microsoft Outlook Email Message"),
    ("application/zip", ("zip",), "x-fmt/263", "ZIP Format"),
    ("video/mp4", ("mp4",), "fmt/199", "MPEG-4 Media File"),
]
_BY_MEDIA_TYPE = {media_type: (puid, label) for media_type, _, puid, label in BY_TYPE}
_BY_EXTENSION = {ext: (puid, label) for _, exts, puid, label in BY_TYPE for ext in exts}
_PDF_HEADER = re.compile(rb"^%PDF-(\d\.\d)")

# How many leading bytes identification looks at (the content stream hands them over first).
SNIFF_BYTES = 16


def identify(head: bytes, *, media_type: str = "", filename: str = "") -> Bestandsformaat:
    """The format of a file from its first bytes, media type (`formaat`) and name."""
    media_type = (media_type or "").split(";")[0].strip().lower()
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    pdf = _PDF_HEADER.match(head)
    if pdf and pdf[1].decode() in PDF_VERSIONS:
        code, label = PDF_VERSIONS[pdf[1].decode()]
        return Bestandsformaat(label, code)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Bestandsformaat("Portable Network Graphics 1.2", "fmt/13")
    if head.startswith(b"GIF89a"):
        return Bestandsformaat("Graphics Interchange Format 89a", "fmt/4")
    if head.startswith(b"GIF87a"):
        return Bestandsformaat("Graphics Interchange Format 87a", "fmt/3")
    known = _BY_MEDIA_TYPE.get(media_type) or _BY_EXTENSION.get(extension)
    if known:
        return Bestandsformaat(known[1], known[0])
    return Bestandsformaat(media_type or "application/octet-stream", "", MEDIA_TYPES_REGISTER)


def extension_for(media_type: str) -> str:
    """A file extension for a media type, for documents stored without a file name."""
    media_type = (media_type or "").split(";")[0].strip().lower()
    if media_type == "application/pdf":
        return "pdf"
    for candidate, exts, _, _ in BY_TYPE:
        if candidate == media_type and exts:
            return exts[0]
    return "bin"
