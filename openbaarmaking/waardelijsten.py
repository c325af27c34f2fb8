"""The TOOI value lists a Woo publication is described with, as the DiWoo schema lists them.

`data/tooi-waardelijsten.json` is extracted from `diwoo-metadata-lijsten.xsd` (a test
keeps it equal to the schema): organisations, file formats, languages, kinds of document
handling and the reasons for revocation. Only values from these lists make a
`<diwoo:Document>` that validates, so input is checked against them.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

# Kinds of document handling (TOOI ccw_plooi_documenthandelingen).
VASTSTELLING = "https://identifier.overheid.nl/tooi/def/thes/kern/c_641ecd76"

TAAL_PREFIX = "http://publications.europa.eu/resource/authority/language/"
FORMAAT_PREFIX = "http://publications.europa.eu/resource/authority/file-type/"

# MIME types (the Documenten API's `formaat`) and file extensions to the EU file types of
# the DiWoo format list.
MIME_FORMATEN = {
    "application/pdf": "PDF",
    "text/plain": "TXT",
    "text/csv": "CSV",
    "text/html": "HTML",
    "application/rtf": "RTF",
    "text/rtf": "RTF",
    "application/zip": "ZIP",
    "application/x-7z-compressed": "7z",
    "application/msword": "DOC",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.ms-excel": "XLS",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/vnd.ms-powerpoint": "PPT",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PPTX",
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow": "PPSX",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/vnd.oasis.opendocument.spreadsheet": "ODS",
    "application/vnd.oasis.opendocument.presentation": "ODP",
    "application/vnd.oasis.opendocument.formula": "ODF",
}
# ISO 639-2/B codes that differ from the EU language authority's (ISO 639-2/T) codes.
TAAL_BIBLIOGRAFISCH = {"dut": "NLD", "ger": "DEU", "fre": "FRA", "gre": "ELL", "cze": "CES", "rum": "RON", "slo": "SLK"}


@cache
def lijsten() -> dict[str, dict[str, str]]:
    with open(DATA_DIR / "tooi-waardelijsten.json", encoding="utf-8") as handle:
        return json.load(handle)


def organisaties() -> dict[str, str]:
    """TOOI organisation identifiers with their names."""
    return lijsten()["organisaties"]


def redenen_intrekking() -> dict[str, str]:
    """TOOI reasons for revocation or replacement (ccw_plooi_reden_intrekking_of_vervanging)."""
    return lijsten()["redenenIntrekking"]


def soort_handeling_label(uri: str) -> str:
    return lijsten()["soortenHandeling"][uri]


def formaat(mime_type: str, bestandsnaam: str = "") -> tuple[str, str] | None:
    """The DiWoo format (URI, label) of a file, by its MIME type or else its extension."""
    code = MIME_FORMATEN.get(mime_type.split(";")[0].strip().lower())
    if code is None and "." in bestandsnaam:
        extension = bestandsnaam.rsplit(".", 1)[1]
        code = next((c for c in MIME_FORMATEN.values() if c.lower() == extension.lower()), None)
    if code is None:
        return None
    uri = FORMAAT_PREFIX + code
    return uri, lijsten()["formaten"][uri]


def taal(code: str) -> tuple[str, str] | None:
    """The DiWoo language (URI, label) of an ISO 639-2 code such as `nld` or `dut`."""
    code = (code or "").strip()
    code = TAAL_BIBLIOGRAFISCH.get(code.lower(), code.upper())
    uri = TAAL_PREFIX + code
    label = lijsten()["talen"].get(uri)
    return (uri, label) if label is not None else None
