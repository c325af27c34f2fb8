"""The SIP engine: sidecars, names, containers, splitting, determinism and item failures."""

from __future__ import annotations

import datetime as dt
import filecmp
import hashlib
import tarfile
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from archief.overbrenging.builder import SipBuilder
from archief.overbrenging.names import UniqueNames, name_violations, sanitise
from archief.overbrenging.pakbon import read_pakbon
from archief.overbrenging.xmlschemas import SCHEMA_DIR
from common.testing import STANDARDS_DIR

from . import sipdata
from .conftest import assert_valid

SHARED_XSD = STANDARDS_DIR / "mdto" / "MDTO-XML1.0.1.xsd"
NS = {"m": "https://www.nationaalarchief.nl/mdto"}


def build(tmp_path: Path, zaken, *, vorm: str = "tar", naam: str = "ob", clock=sipdata.CLOCK, **afspraak):
    """Build a package; every package a test builds passes the pre-ingest validation."""
    builder = SipBuilder(sipdata.afspraak(**afspraak), naam=naam, clock=clock, out_dir=tmp_path, vorm=vorm)
    containers = builder.build(zaken)
    assert_valid(tmp_path)
    return containers


def test_the_bundled_schema_is_the_published_one():
    assert (SCHEMA_DIR / "MDTO-XML1.0.1.xsd").read_bytes() == SHARED_XSD.read_bytes()


def test_every_sidecar_validates_against_the_published_schema(tmp_path, valid):
    build(tmp_path, [sipdata.zaak(1, documenten=3)], vorm="map")
    package = tmp_path / "ob-001"
    schema = etree.XMLSchema(etree.parse(str(SHARED_XSD)))
    sidecars = sorted(package.rglob("*.MDTO.xml"))
    assert len(sidecars) == 1 + 3 + 3
    for sidecar in sidecars:
        assert schema.validate(etree.parse(str(sidecar))), (sidecar, schema.error_log)
    valid(package)


def test_dossier_archiefstuk_and_bestand_carry_the_case_metadata(tmp_path):
    gegevens = sipdata.zaak(7, documenten=1, size=5000)
    build(tmp_path, [gegevens], vorm="map")
    folder = tmp_path / "ob-001" / "ZAAK-2003-0007"
    dossier = etree.parse(str(folder / "ZAAK-2003-0007.MDTO.xml"))
    assert (
        dossier.findtext("m:informatieobject/m:identificatie/m:identificatieKenmerk", namespaces=NS) == "ZAAK-2003-0007"
    )
    assert dossier.findtext("m:informatieobject/m:naam", namespaces=NS) == "Omgevingsvergunning Dorpsstraat 7"
    assert dossier.findtext("m:informatieobject/m:aggregatieniveau/m:begripLabel", namespaces=NS) == "Dossier"
    assert dossier.findtext("m:informatieobject/m:waardering/m:begripCode", namespaces=NS) == "B"
    assert dossier.findtext("m:informatieobject/m:informatiecategorie/m:begripCode", namespaces=NS) == "11.1.1"
    assert (
        dossier.findtext("m:informatieobject/m:dekkingInTijd/m:dekkingInTijdEinddatum", namespaces=NS) == "2004-06-30"
    )
    assert (
        dossier.findtext("m:informatieobject/m:archiefvormer/m:verwijzingNaam", namespaces=NS) == "Gemeente Voorbeeld"
    )
    # zaakvertrouwelijk: the agreement's restriction, ending 75 years after the einddatum
    beperking = "m:informatieobject/m:beperkingGebruik/"
    assert "persoonlijke levenssfeer" in dossier.findtext(
        beperking + "m:beperkingGebruikType/m:begripLabel", namespaces=NS
    )
    assert dossier.findtext(beperking + "m:beperkingGebruikTermijn/m:termijnEinddatum", namespaces=NS) == "2079"
    events = dossier.findall("m:informatieobject/m:event/m:eventType/m:begripLabel", namespaces=NS)
    assert [e.text for e in events] == ["Aanmaak", "Statuswijziging", "Statuswijziging", "Afsluiting"]

    stuk = etree.parse(str(folder / "DOC-0007-01" / "DOC-0007-01.MDTO.xml"))
    assert stuk.findtext("m:informatieobject/m:aggregatieniveau/m:begripLabel", namespaces=NS) == "Archiefstuk"
    assert (
        stuk.findtext(
            "m:informatieobject/m:isOnderdeelVan/m:verwijzingIdentificatie/m:identificatieKenmerk", namespaces=NS
        )
        == "ZAAK-2003-0007"
    )
    # the document is openbaar: no restriction
    assert stuk.findtext(beperking + "m:beperkingGebruikType/m:begripLabel", namespaces=NS) == "Openbaar"

    data = sipdata.content("DOC-0007-01", 5000)
    bestand = etree.parse(str(folder / "DOC-0007-01" / "DOC-0007-01.pdf.bestand.MDTO.xml"))
    assert bestand.findtext("m:bestand/m:omvang", namespaces=NS) == "5000"
    assert bestand.findtext("m:bestand/m:checksum/m:checksumWaarde", namespaces=NS) == hashlib.sha256(data).hexdigest()
    assert bestand.findtext("m:bestand/m:checksum/m:checksumDatum", namespaces=NS) == "2026-11-29T12:00:00+00:00"
    assert bestand.findtext("m:bestand/m:bestandsformaat/m:begripCode", namespaces=NS) == "fmt/276"
    assert (folder / "DOC-0007-01" / "DOC-0007-01.pdf").read_bytes() == data


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc/passwd", "etc_passwd"),
        ("a/b\\c", "a_b_c"),
        ('Brief aan: <de> "raad" | 1?*#&.pdf', "Brief_aan_de_raad_1_.pdf"),
        ("..", "naamloos"),
        ("", "naamloos"),
        (".verborgen", "verborgen"),
        ("tab\tnew\nline\x00nul", "tab_new_line_nul"),
    ],
)
def test_sanitised_names_are_one_safe_component(raw, expected):
    name = sanitise(raw)
    assert name == expected
    assert name_violations(name) == []


def test_long_names_keep_their_extension_and_leave_room_for_the_sidecar():
    name = sanitise("x" * 400 + ".docx")
    assert name.endswith(".docx")
    assert len(name + ".bestand.MDTO.xml") <= 255


def test_unique_names_ignore_case():
    names = UniqueNames()
    assert [names.claim(n) for n in ("Besluit.pdf", "besluit.pdf", "BESLUIT.pdf", "a b.pdf", "a_b.pdf")] == [
        "Besluit.pdf",
        "besluit-2.pdf",
        "BESLUIT-3.pdf",
        "a_b.pdf",
        "a_b-2.pdf",
    ]


def test_hostile_names_from_case_data_stay_inside_the_target(tmp_path, valid):
    target = tmp_path / "out"
    gegevens = sipdata.zaak(1, identificatie="../../buiten", documenten=2, bestandsnaam="../../../tmp/x.pdf")
    build(target / "map", [gegevens], vorm="map")
    build(target / "tar", [gegevens], vorm="tar")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    with tarfile.open(target / "tar" / "ob-001.tar") as archive:
        names = archive.getnames()
    assert all(not n.startswith(("/", "..")) and ".." not in n.split("/") for n in names)
    assert "buiten/DOC-0001-01/tmp_x.pdf" in names
    assert "buiten/DOC-0001-02/tmp_x.pdf" in names
    valid(target / "map" / "ob-001")
    valid(target / "tar" / "ob-001.tar")


@pytest.mark.parametrize("vorm", ["tar", "zip", "map"])
def test_same_input_and_clock_give_a_byte_identical_package(tmp_path, vorm):
    first = build(tmp_path / "a", [sipdata.zaak(i) for i in (3, 1, 2)], vorm=vorm)
    # the API may list cases in another order; the package is the same
    second = build(tmp_path / "b", [sipdata.zaak(i) for i in (2, 3, 1)], vorm=vorm)
    assert [c.checksum for c in first] == [c.checksum for c in second]
    comparison = filecmp.dircmp(tmp_path / "a", tmp_path / "b")
    assert not comparison.diff_files and not comparison.left_only and not comparison.right_only
    if vorm != "map":
        assert (tmp_path / "a" / f"ob-001.{vorm}").read_bytes() == (tmp_path / "b" / f"ob-001.{vorm}").read_bytes()
    later = build(
        tmp_path / "c", [sipdata.zaak(i) for i in (1, 2, 3)], vorm=vorm, clock=sipdata.CLOCK + dt.timedelta(hours=1)
    )
    assert later[0].checksum != first[0].checksum


def test_tar_members_have_fixed_owner_time_and_mode(tmp_path):
    build(tmp_path, [sipdata.zaak(1)])
    with tarfile.open(tmp_path / "ob-001.tar") as archive:
        members = archive.getmembers()
    assert {(m.uid, m.gid, m.uname, m.gname) for m in members} == {(0, 0, "", "")}
    assert {m.mtime for m in members} == {int(sipdata.CLOCK.timestamp())}
    assert {m.mode for m in members if m.isdir()} == {0o755}
    assert {m.mode for m in members if m.isfile()} == {0o644}


def test_zip_members_are_stored_with_the_clock_as_date(tmp_path):
    build(tmp_path, [sipdata.zaak(1)], vorm="zip")
    with zipfile.ZipFile(tmp_path / "ob-001.zip") as archive:
        assert archive.testzip() is None
        infos = archive.infolist()
    assert {i.date_time for i in infos} == {(2026, 11, 29, 12, 0, 0)}
    assert {i.compress_type for i in infos} == {zipfile.ZIP_STORED}


@pytest.mark.parametrize("vorm", ["tar", "zip"])
def test_containers_split_at_the_maximum_size_without_splitting_a_case(tmp_path, valid, vorm):
    zaken = [sipdata.zaak(i, documenten=2, size=200_000) for i in range(1, 8)]
    maximum = 1_100_000
    containers = build(tmp_path, zaken, vorm=vorm, max_omvang=maximum)
    assert len(containers) >= 3
    seen = []
    for container in containers:
        assert container.omvang <= maximum
        assert container.pad.stat().st_size == container.omvang
        assert hashlib.sha256(container.pad.read_bytes()).hexdigest() == container.checksum
        checksum_line = (tmp_path / f"{container.pad.name}.sha256").read_text()
        assert checksum_line == f"{container.checksum}  {container.pad.name}\n"
        pakbon = read_pakbon(container.pakbon_pad.read_bytes())
        assert pakbon.checksum_waarde == container.checksum
        assert (pakbon.volgnummer, pakbon.aantal_pakketten) == (container.volgnummer, len(containers))
        seen += [identificatie for _, identificatie in pakbon.dossiers]
        valid(container.pad)
    assert seen == [f"ZAAK-2003-{i:04d}" for i in range(1, 8)]
    valid(tmp_path)


def test_a_file_that_no_longer_matches_its_integriteit_stops_that_case_only(tmp_path, valid):
    broken = sipdata.zaak(2, integriteit="0" * 64)
    containers = build(tmp_path, [sipdata.zaak(1), broken, sipdata.zaak(3)])
    items = {item.identificatie: item for item in containers[0].items}
    assert items["ZAAK-2003-0002"].ok is False
    assert items["ZAAK-2003-0002"].code == "integriteit"
    assert "komt niet overeen met de integriteit" in items["ZAAK-2003-0002"].fout
    assert items["ZAAK-2003-0001"].ok and items["ZAAK-2003-0003"].ok
    with tarfile.open(containers[0].pad) as archive:
        assert not any(name.startswith("ZAAK-2003-0002") for name in archive.getnames())
    pakbon = read_pakbon(containers[0].pakbon_pad.read_bytes())
    assert [i for _, i in pakbon.dossiers] == ["ZAAK-2003-0001", "ZAAK-2003-0003"]
    assert pakbon.aantal_inhoudsbestanden == 4
    valid(containers[0].pad)


@pytest.mark.parametrize("vorm", ["tar", "zip", "map"])
def test_a_stream_with_another_length_than_announced_stops_the_case(tmp_path, valid, vorm):
    broken = sipdata.zaak(2)
    broken.documenten[1].informatieobject["bestandsomvang"] += 10
    containers = build(tmp_path, [sipdata.zaak(1), broken], vorm=vorm)
    items = {item.identificatie: item for item in containers[0].items}
    assert items["ZAAK-2003-0002"].code == "omvang"
    valid(containers[0].pad if vorm != "map" else tmp_path / "ob-001")


def test_a_document_that_is_not_archived_stops_the_case(tmp_path):
    containers = build(tmp_path, [sipdata.zaak(1, status="definitief")])
    assert containers[0].items[0].code == "status"


def test_each_content_stream_is_opened_once(tmp_path):
    gegevens = sipdata.zaak(1, documenten=3, size=300_000)
    calls = []
    for document in gegevens.documenten:
        original = document.inhoud
        document.inhoud = lambda original=original: calls.append(1) or original()
    build(tmp_path, [gegevens])
    assert len(calls) == 3


def test_unidentified_formats_are_listed_as_special_in_the_pakbon(tmp_path, valid):
    gegevens = sipdata.zaak(
        1, documenten=2, formaat="application/x-onbekend", head=b"\x00\x01", bestandsnaam="data.xyz"
    )
    containers = build(tmp_path, [gegevens])
    pakbon = read_pakbon(containers[0].pakbon_pad.read_bytes())
    assert dict(pakbon.bijzondere_formaten) == {"application/x-onbekend": 2}
    valid(containers[0].pad)


@pytest.mark.heavy
@pytest.mark.parametrize("vorm", ["tar", "zip"])
def test_content_is_streamed_never_held_whole_in_memory(tmp_path, vorm):
    """A 48 MiB document passes through in chunks: Python's peak allocation stays far below it."""
    import tracemalloc

    size = 48 * 1024 * 1024
    chunk = sipdata.PDF + bytes(1024 * 1024 - len(sipdata.PDF))
    digest = hashlib.sha256()
    for start in range(0, size, len(chunk)):
        digest.update(chunk[: size - start])
    gegevens = sipdata.zaak(1, documenten=1, size=10)
    document = gegevens.documenten[0]
    document.informatieobject["bestandsomvang"] = size
    document.informatieobject["integriteit"]["waarde"] = digest.hexdigest()
    document.inhoud = lambda: (chunk[: size - start] for start in range(0, size, len(chunk)))
    tracemalloc.start()
    try:
        containers = build(tmp_path, [gegevens], vorm=vorm, max_omvang=1024**3)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert containers[0].items[0].ok, containers[0].items[0].fout
    assert containers[0].omvang > size
    assert peak < 12 * 1024 * 1024, f"peak {peak} bytes"


@pytest.mark.parametrize("vorm", ["tar", "zip", "map"])
@pytest.mark.parametrize(
    "bederf",
    [
        pytest.param(lambda zaak: zaak.zaak.update(identificatie="ZAAK-2003-0002\x01"), id="control-in-identificatie"),
        pytest.param(lambda zaak: zaak.zaak.update(omschrijving="Dorpsstraat \ud800"), id="lone-surrogate"),
        pytest.param(lambda zaak: zaak.zaak.update(toelichting="\x1b[31m rood"), id="escape-in-toelichting"),
        pytest.param(lambda zaak: zaak.zaak.update(registratiedatum="0000-13-45"), id="impossible-date"),
        pytest.param(
            lambda zaak: zaak.documenten[0].informatieobject.update(titel="Brief\x00"), id="nul-in-document-titel"
        ),
    ],
)
def test_a_zaak_whose_data_cannot_be_written_fails_itself_not_the_package(tmp_path, valid, vorm, bederf):
    """Data that no XML document can hold (it came from another provider, or before input
    was checked) stops that zaak, reported with the reason; the package is built with the rest.
    Before, a control character in one identificatie aborted the whole container."""
    broken = sipdata.zaak(2)
    bederf(broken)
    containers = build(tmp_path, [sipdata.zaak(1), broken, sipdata.zaak(3)], vorm=vorm)

    items = [(item.ok, item.code) for item in containers[0].items]
    assert items[0] == (True, "") and items[2] == (True, "")
    assert items[1][0] is False and items[1][1] in ("gegevens", "schema"), containers[0].items[1].fout
    assert containers[0].items[1].fout
    pakbon = read_pakbon(containers[0].pakbon_pad.read_bytes())
    assert [i for _, i in pakbon.dossiers] == ["ZAAK-2003-0001", "ZAAK-2003-0003"]
    valid(containers[0].pad if vorm != "map" else tmp_path / "ob-001")
