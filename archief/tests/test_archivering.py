"""The archiving step, against another ZGW provider."""

from __future__ import annotations

import pytest

from .. import archivering, index
from ..models import IndexZaak

pytestmark = pytest.mark.django_db


@pytest.fixture
def zaaktype(zgw, selectielijstklasse):
    zaaktype = zgw.add_zaaktype()
    zgw.add_resultaattype(zaaktype, selectielijstklasse)
    return zaaktype


def test_closed_zaken_are_archived_after_their_definitive_documents(zgw, zaaktype):
    zaak = zgw.add_zaak(zaaktype)
    documenten = [zgw.add_document(zaak, status="definitief"), zgw.add_document(zaak, status="gearchiveerd")]
    index.index_resync()

    ronde = archivering.zaken_archiveren()

    assert ronde.gearchiveerd == [zaak["url"]]
    assert zaak["archiefstatus"] == "gearchiveerd"
    assert [d["status"] for d in documenten] == ["gearchiveerd", "gearchiveerd"]
    assert not zgw.locks  # every lock released
    row = IndexZaak.objects.get()
    assert (row.archiefstatus, row.archiveringsblokkade) == ("gearchiveerd", "")
    assert set(row.documenten.values_list("status", flat=True)) == {"gearchiveerd"}


def test_zaken_that_cannot_be_archived_are_listed_with_the_reason(zgw, zaaktype):
    in_work = zgw.add_zaak(zaaktype, identificatie="BEZIG")
    document = zgw.add_document(in_work, status="in_bewerking", identificatie="DOC-X")
    no_date = zgw.add_zaak(zaaktype, archiefactiedatum=None)
    zgw.add_zaak(zaaktype, einddatum=None)  # still open: not a candidate
    index.index_resync()

    ronde = archivering.zaken_archiveren()

    assert ronde.gearchiveerd == []
    assert ronde.geblokkeerd == {
        in_work["url"]: "niet elk document is definitief: DOC-X heeft status `in_bewerking`",
        no_date["url"]: "de zaak heeft geen archiefactiedatum",
    }
    assert in_work["archiefstatus"] == "nog_te_archiveren" and document["status"] == "in_bewerking"
    blocked = IndexZaak.objects.exclude(archiveringsblokkade="").values_list("url", flat=True)
    assert set(blocked) == set(ronde.geblokkeerd)


def test_one_unreachable_zaak_does_not_stop_the_others(zgw, zaaktype):
    broken, fine = zgw.add_zaak(zaaktype), zgw.add_zaak(zaaktype)
    index.index_resync()
    zgw.fail_on("GET", broken["uuid"])

    ronde = archivering.zaken_archiveren()

    assert ronde.gearchiveerd == [fine["url"]]
    assert "niet bereikbaar" in ronde.geblokkeerd[broken["url"]]


def test_the_management_command_reports_what_it_could_not_archive(zgw, zaaktype):
    from io import StringIO

    from django.core.management import call_command

    zgw.add_zaak(zaaktype, archiefactiedatum=None)
    call_command("archief", "resync", stdout=StringIO())
    out = StringIO()

    call_command("archief", "archiveren", stdout=out)

    assert "0 gearchiveerd, 1 niet:" in out.getvalue()
    assert "de zaak heeft geen archiefactiedatum" in out.getvalue()


def test_a_zaak_gone_before_archiving_leaves_the_index_and_the_run_goes_on(zgw, zaaktype):
    gone, fine = zgw.add_zaak(zaaktype), zgw.add_zaak(zaaktype)
    index.index_resync()
    del zgw.store["zaken"][gone["url"]]

    ronde = archivering.zaken_archiveren()

    assert fine["url"] in ronde.gearchiveerd
    assert list(IndexZaak.objects.values_list("url", flat=True)) == [fine["url"]]
