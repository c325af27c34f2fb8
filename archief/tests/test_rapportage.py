"""The information-management report against a seeded index with known answers."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from common.constants import Archiefnominatie

from .. import selectors
from ..rapportage import rapportage, rapportage_csv
from .factories import IndexDocumentFactory, IndexZaakFactory, IndexZaakTypeFactory

pytestmark = pytest.mark.django_db

VANDAAG = dt.date(2026, 6, 15)
MELDING = "http://localhost:8000/catalogi/api/v1/zaaktypen/melding"
VERGUNNING = "http://localhost:8000/catalogi/api/v1/zaaktypen/vergunning"


@pytest.fixture
def seeded(settings):
    """A small index of which every figure of the report is known in advance."""
    settings.ARCHIEF_OVERBRENGINGSTERMIJN = 20
    IndexZaakTypeFactory(url=MELDING, omschrijving="Melding")
    IndexZaakTypeFactory(url=VERGUNNING, omschrijving="Vergunning", archiveringsgebreken=["resultaattype x"])
    IndexZaakTypeFactory(omschrijving="Klacht", archiveringsgebreken=["y", "z"])

    def zaak(name, zaaktype=MELDING, **kwargs):
        omschrijving = "Melding" if zaaktype == MELDING else "Vergunning"
        return IndexZaakFactory(identificatie=name, zaaktype=zaaktype, zaaktype_omschrijving=omschrijving, **kwargs)

    zaken = {
        # vernietigen, past due (2), due today (not past), future
        "V1": zaak("V1", archiefactiedatum=dt.date(2020, 1, 1)),
        "V2": zaak("V2", zaaktype=VERGUNNING, archiefactiedatum=dt.date(2026, 6, 14)),
        "V3": zaak("V3", archiefactiedatum=VANDAAG),
        "V4": zaak("V4", archiefactiedatum=dt.date(2030, 1, 1)),
        # closed without parameters (2), open without (not counted)
        "P1": zaak("P1", archiefnominatie="", archiefactiedatum=None),
        "P2": zaak("P2", zaaktype=VERGUNNING, archiefactiedatum=None),
        "P3": zaak("P3", einddatum=None, archiefnominatie="", archiefactiedatum=None),
        # blijvend bewaren: closed 21 years ago (late), transferred (fine), exactly 20 years (not late)
        "B1": zaak("B1", archiefnominatie=Archiefnominatie.blijvend_bewaren, einddatum=dt.date(2005, 6, 14)),
        "B2": zaak(
            "B2",
            archiefnominatie=Archiefnominatie.blijvend_bewaren,
            einddatum=dt.date(2001, 1, 1),
            archiefstatus="overgedragen",
        ),
        "B3": zaak("B3", archiefnominatie=Archiefnominatie.blijvend_bewaren, einddatum=dt.date(2006, 6, 15)),
        # archived zaken with their documents
        "A1": zaak("A1", zaaktype=VERGUNNING, archiefstatus="gearchiveerd", archiefactiedatum=dt.date(2040, 1, 1)),
    }
    a1 = zaken["A1"]
    IndexDocumentFactory(zaak=a1, status="gearchiveerd")
    IndexDocumentFactory(zaak=a1, status="definitief")
    IndexDocumentFactory(zaak=a1, status="in_bewerking", integriteit_in_orde=False)
    IndexDocumentFactory(zaak=zaken["V4"], status="definitief")  # not archived: not counted
    IndexDocumentFactory(zaak=zaken["V4"], integriteit_in_orde=False)
    IndexDocumentFactory(zaak=zaken["V4"], integriteit_in_orde=True)
    # no checksum at the provider (Open Zaak without a client-sent one): checkable only with a baseline
    IndexDocumentFactory(zaak=zaken["V1"], integriteit_algoritme="", integriteit_waarde="")
    IndexDocumentFactory(
        zaak=zaken["V1"], integriteit_algoritme="", integriteit_waarde="", basis_sha256="a" * 64, basis_versie=1
    )
    IndexDocumentFactory(zaak=zaken["V2"], integriteit_algoritme="crc_16", integriteit_waarde="ab12")
    IndexDocumentFactory(  # a baseline of an older version proves nothing about this one
        zaak=zaken["V2"],
        integriteit_algoritme="",
        integriteit_waarde="",
        basis_sha256="b" * 64,
        basis_versie=1,
        versie=2,
    )
    return zaken


def by_code(vandaag=VANDAAG):
    return {uitkomst.code: uitkomst for uitkomst in rapportage(vandaag)}


def test_the_figures_of_the_seeded_index(seeded):
    report = by_code()

    assert {code: u.aantal for code, u in report.items()} == {
        "zaaktypen_archiefparameters_onvolledig": 2,
        "zaken_zonder_archiefparameters": 2,
        "vernietiging_achterstallig": 2,
        "overbrenging_achterstallig": 1,
        "documenten_niet_gearchiveerd": 2,
        "integriteit_mislukt": 2,
        "integriteit_niet_te_controleren": 3,
        "woo_publicaties_te_laat": 0,
    }
    assert report["integriteit_niet_te_controleren"].aantal == selectors.indexdocumenten_niet_te_controleren_aantal()
    # No publications exist: the real Publicaties API (in-process) answers an empty list.
    # Figures with publications are checked in test_rapportage_woo.py.
    assert report["woo_publicaties_te_laat"].beschikbaar is True
    assert report["woo_publicaties_te_laat"].op_orde is True
    assert report["overbrenging_achterstallig"].op_orde is False


def test_the_cases_behind_each_figure(seeded):
    report = by_code()

    def names(code):
        return sorted(u.identificatie for u in type(seeded["V1"]).objects.filter(url__in=report[code].zaken))

    assert names("zaken_zonder_archiefparameters") == ["P1", "P2"]
    assert names("vernietiging_achterstallig") == ["V1", "V2"]
    assert names("overbrenging_achterstallig") == ["B1"]
    assert names("documenten_niet_gearchiveerd") == ["A1"]
    assert names("integriteit_mislukt") == ["A1", "V4"]
    assert names("integriteit_niet_te_controleren") == ["V1", "V2"]
    assert MELDING not in report["zaaktypen_archiefparameters_onvolledig"].objecten


def test_figures_per_zaaktype(seeded):
    report = by_code()

    per = {t.omschrijving: t.aantal for t in report["vernietiging_achterstallig"].per_zaaktype}
    assert per == {"Melding": 1, "Vergunning": 1}
    per = {t.omschrijving: t.aantal for t in report["integriteit_mislukt"].per_zaaktype}
    assert per == {"Melding": 1, "Vergunning": 1}


def test_the_transfer_term_is_a_setting(seeded, settings):
    settings.ARCHIEF_OVERBRENGINGSTERMIJN = 10  # the new Archiefwet

    assert sorted(by_code()["overbrenging_achterstallig"].zaken) == sorted([seeded["B1"].url, seeded["B3"].url])


def test_an_empty_index_is_in_order():
    assert all(u.op_orde in (True, None) for u in rapportage(VANDAAG))


def test_the_csv_export(seeded):
    rows = list(csv.DictReader(io.StringIO(rapportage_csv(rapportage(VANDAAG)))))

    overall = {r["norm"]: r["aantal"] for r in rows if not r["zaaktype"]}
    assert overall["vernietiging_achterstallig"] == "2"
    assert overall["woo_publicaties_te_laat"] == "0"
    detail = [(r["zaaktype_omschrijving"], r["aantal"]) for r in rows if r["norm"] == "zaken_zonder_archiefparameters"]
    assert detail == [("", "2"), ("Melding", "1"), ("Vergunning", "1")]
