"""File format identification for MDTO's bestandsformaat (PRONOM)."""

from __future__ import annotations

import pytest

from archief.overbrenging.pronom import MEDIA_TYPES_REGISTER, PRONOM_REGISTER, extension_for, identify


@pytest.mark.parametrize(
    ("head", "media_type", "filename", "code"),
    [
        (b"%PDF-1.4\n", "application/pdf", "a.pdf", "fmt/18"),
        (b"%PDF-1.7\n", "", "zonder-type", "fmt/276"),
        (b"%PDF-2.0\n", "application/pdf", "a.pdf", "fmt/1129"),
        (b"\x89PNG\r\n\x1a\n", "image/png", "a.png", "fmt/13"),
        (b"GIF89a", "", "a.gif", "fmt/4"),
        (b"PK\x03\x04", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "a.docx", "fmt/412"),
        (b"PK\x03\x04", "", "rapport.XLSX", "fmt/214"),
        (b"\xff\xd8\xff\xe0", "image/jpeg", "foto.jpg", "fmt/43"),
        (b"Beste", "text/plain; charset=utf-8", "brief.txt", "x-fmt/111"),
    ],
)
def test_common_formats_have_their_pronom_id(head, media_type, filename, code):
    formaat = identify(head, media_type=media_type, filename=filename)
    assert (formaat.code, formaat.begrippenlijst) == (code, PRONOM_REGISTER)
    assert formaat.bekend


def test_the_content_wins_over_a_wrong_media_type():
    assert identify(b"%PDF-1.5", media_type="text/plain", filename="x.txt").code == "fmt/19"


def test_an_unknown_format_keeps_its_media_type_without_a_code():
    formaat = identify(b"\x00\x01", media_type="application/x-eigen", filename="data.eigen")
    assert (formaat.label, formaat.code, formaat.begrippenlijst) == ("application/x-eigen", "", MEDIA_TYPES_REGISTER)
    assert not formaat.bekend


def test_extensions_for_documents_stored_without_a_name():
    assert extension_for("application/pdf") == "pdf"
    assert extension_for("image/jpeg") == "jpg"
    assert extension_for("application/x-eigen") == "bin"
