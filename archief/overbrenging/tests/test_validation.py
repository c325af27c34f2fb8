"""Pre-ingest validation: a sound package passes, a package broken in each known way is caught."""

from __future__ import annotations

import io
import shutil
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archief.overbrenging.builder import SipBuilder
from archief.overbrenging.validation import validate_package

from . import sipdata
from .conftest import assert_valid

DOC = "ZAAK-2003-0001/DOC-0001-01"


def build(tmp_path: Path, vorm: str = "map", zaken: int = 2, **afspraak) -> Path:
    SipBuilder(sipdata.afspraak(**afspraak), naam="ob", clock=sipdata.CLOCK, out_dir=tmp_path, vorm=vorm).build(
        [sipdata.zaak(i) for i in range(1, zaken + 1)]
    )
    assert_valid(tmp_path)  # sound before a test breaks it
    return tmp_path / "ob-001" if vorm == "map" else tmp_path


def caught(path: Path, rule: str) -> list[str]:
    """The package fails the command, and the report names `rule`."""
    report = validate_package(path)
    assert rule in report.rules_violated(), [str(v) for v in report.violations]
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("validate_sip", str(path), stdout=out)
    assert f"[{rule}]" in out.getvalue()
    return [str(v) for v in report.violations if v.regel == rule]


def rewrite_tar(path: Path, change) -> None:
    """Rewrite a tar member by member; `change(info, data)` returns the members to write instead."""
    members = []
    with tarfile.open(path) as archive:
        for info in archive.getmembers():
            data = archive.extractfile(info).read() if info.isfile() else b""
            members += change(info, data)
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as archive:
        for info, data in members:
            info.size = len(data) if info.isfile() else 0
            archive.addfile(info, io.BytesIO(data) if info.isfile() else None)


def test_sound_packages_pass(tmp_path, valid):
    valid(build(tmp_path / "map"))
    valid(build(tmp_path / "tar", "tar"))
    valid(build(tmp_path / "zip", "zip"))
    out = io.StringIO()
    call_command("validate_sip", str(tmp_path / "tar"), stdout=out)
    assert "1 pakket(ten), 6 informatieobjecten, 4 bestanden, 12000 bytes inhoud." in out.getvalue()


def test_structuur_a_file_without_its_bestand_sidecar(tmp_path):
    package = build(tmp_path)
    (package / DOC / "DOC-0001-01.pdf.bestand.MDTO.xml").unlink()
    assert any("mist DOC-0001-01.pdf.bestand.MDTO.xml" in v for v in caught(package, "structuur"))


def test_structuur_a_folder_without_its_sidecar(tmp_path):
    package = build(tmp_path)
    (package / DOC / "DOC-0001-01.MDTO.xml").unlink()
    assert any("mist haar MDTO-bestand" in v for v in caught(package, "structuur"))


def test_structuur_a_link_in_a_container(tmp_path):
    folder = build(tmp_path, "tar")

    def add_link(info, data):
        if info.name != DOC:
            return [(info, data)]
        link = tarfile.TarInfo(f"{DOC}/geheim")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        return [(info, data), (link, b"")]

    rewrite_tar(folder / "ob-001.tar", add_link)
    assert any("symlink" in v for v in caught(folder / "ob-001.tar", "structuur"))


def test_naam_a_path_that_climbs_out_of_the_package(tmp_path):
    folder = build(tmp_path, "tar")

    def add_escape(info, data):
        if info.name != DOC:
            return [(info, data)]
        evil = tarfile.TarInfo("../../buiten.txt")
        evil.type = tarfile.REGTYPE
        return [(info, data), (evil, b"x")]

    rewrite_tar(folder / "ob-001.tar", add_escape)
    assert any("bovenliggende map" in v for v in caught(folder / "ob-001.tar", "naam"))


def test_naam_forbidden_characters_and_names_that_differ_only_in_case(tmp_path):
    package = build(tmp_path)
    shutil.move(package / DOC / "DOC-0001-01.pdf", package / DOC / "DOC 0001 01.pdf")
    shutil.copy(package / DOC / "DOC-0001-01.MDTO.xml", package / DOC / "doc-0001-01.mdto.XML")
    violations = caught(package, "naam")
    assert any("verboden tekens" in v for v in violations)
    assert any("niet uniek" in v for v in violations)


def test_xsd_a_sidecar_that_breaks_the_schema(tmp_path):
    package = build(tmp_path)
    sidecar = package / "ZAAK-2003-0001" / "ZAAK-2003-0001.MDTO.xml"
    sidecar.write_bytes(sidecar.read_bytes().replace(b"<naam>Omgevingsvergunning Dorpsstraat 1</naam>", b""))
    assert any("MDTO-XML1.0.1.xsd" in v for v in caught(package, "xsd"))


def test_xsd_entities_are_never_resolved(tmp_path):
    package = build(tmp_path)
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIME-INHOUD")
    sidecar = package / DOC / "DOC-0001-01.MDTO.xml"
    original = sidecar.read_text()
    hostile = original.replace(
        "<?xml version='1.0' encoding='UTF-8'?>",
        f'<?xml version="1.0"?>\n<!DOCTYPE MDTO [<!ENTITY geheim SYSTEM "file://{secret}">]>',
    ).replace("<naam>Besluit DOC-0001-01</naam>", "<naam>&geheim;</naam>")
    sidecar.write_text(hostile)
    violations = caught(package, "xsd")
    assert any("DOCTYPE" in v for v in violations)
    assert not any("GEHEIME-INHOUD" in str(v) for v in validate_package(package).violations)


def test_xsd_a_bestand_sidecar_that_holds_an_informatieobject(tmp_path):
    package = build(tmp_path)
    shutil.copy(package / DOC / "DOC-0001-01.MDTO.xml", package / DOC / "DOC-0001-01.pdf.bestand.MDTO.xml")
    assert any("bevat geen bestand" in v for v in caught(package, "xsd"))


def test_verwijzing_an_archiefstuk_that_points_at_another_dossier(tmp_path):
    package = build(tmp_path)
    sidecar = package / DOC / "DOC-0001-01.MDTO.xml"
    sidecar.write_bytes(
        sidecar.read_bytes().replace(
            b"<identificatieKenmerk>ZAAK-2003-0001</identificatieKenmerk>",
            b"<identificatieKenmerk>ZAAK-2003-0002</identificatieKenmerk>",
        )
    )
    assert any("isOnderdeelVan" in v for v in caught(package, "verwijzing"))


def test_checksum_a_content_file_changed_after_packaging(tmp_path):
    package = build(tmp_path)
    content = package / DOC / "DOC-0001-01.pdf"
    data = bytearray(content.read_bytes())
    data[100] ^= 0xFF
    content.write_bytes(bytes(data))
    assert any("is niet die van het MDTO-bestand" in v for v in caught(package, "checksum"))


def test_checksum_a_container_changed_after_packaging(tmp_path):
    folder = build(tmp_path, "tar")
    container = folder / "ob-001.tar"
    with open(container, "ab") as handle:
        handle.write(bytes(512))
    violations = caught(container, "checksum")
    assert any("checksum van de container" in v for v in violations)
    assert any("ob-001.tar.sha256" in v for v in violations)


def test_pakbon_counts_that_do_not_match(tmp_path):
    package = build(tmp_path)
    pakbon = package / "pakbon.xml"
    pakbon.write_bytes(
        pakbon.read_bytes().replace(b"<aantalBestanden>4</aantalBestanden>", b"<aantalBestanden>5</aantalBestanden>")
    )
    assert any("aantalBestanden is 5, het pakket bevat 4" in v for v in caught(package, "pakbon"))


def test_pakbon_missing(tmp_path):
    folder = build(tmp_path, "zip")
    (folder / "ob-001.pakbon.xml").unlink()
    assert any("ontbreekt" in v for v in caught(folder / "ob-001.zip", "pakbon"))


def test_pakbon_a_container_missing_from_the_series(tmp_path, valid):
    folder = build(tmp_path, "tar", zaken=3, max_omvang=150_000)
    assert len(list(folder.glob("*.tar"))) == 3
    valid(folder)
    (folder / "ob-002.tar").unlink()
    (folder / "ob-002.pakbon.xml").unlink()
    assert any("geen volledige reeks" in v for v in caught(folder, "pakbon"))


def test_verwijzing_a_dossier_that_lists_a_part_it_does_not_hold(tmp_path):
    package = build(tmp_path)
    shutil.rmtree(package / DOC)
    violations = caught(package, "verwijzing")
    assert any("bevatOnderdeel" in v for v in violations)
