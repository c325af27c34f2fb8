"""The value lists shipped in the app are the DiWoo schema's own, and map what the Documenten API gives."""

from __future__ import annotations

from openbaarmaking import waardelijsten

from .waardelijsten_extract import SHIPPED, render


def test_the_shipped_lists_equal_the_lists_of_the_diwoo_schema():
    assert SHIPPED.read_text(encoding="utf-8") == render()


def test_mime_types_and_languages_map_to_diwoo_values():
    assert waardelijsten.formaat("application/pdf") == (
        "http://publications.europa.eu/resource/authority/file-type/PDF",
        "PDF",
    )
    assert waardelijsten.formaat("application/octet-stream", "notulen.docx")[0].endswith("/DOCX")
    assert waardelijsten.formaat("image/png", "kaart.png") is None
    assert waardelijsten.taal("nld") == ("http://publications.europa.eu/resource/authority/language/NLD", "Nederlands")
    assert waardelijsten.taal("dut")[0].endswith("/NLD")
    assert waardelijsten.taal("xxx") is None
    assert "https://identifier.overheid.nl/tooi/id/gemeente/gm0344" in waardelijsten.organisaties()
