"""Which cases may be transferred: normally after the legal term, early only under the agreement."""

from __future__ import annotations

import datetime as dt

from archief.overbrenging.eligibility import VervroegdRegel, beoordeel

TODAY = dt.date(2026, 11, 29)
ZAAKTYPE = "http://localhost:8000/catalogi/api/v1/zaaktypen/1"


def zaak(einddatum="2004-06-30", **overrides):
    return {
        "url": "http://localhost:8000/zaken/api/v1/zaken/1",
        "zaaktype": ZAAKTYPE,
        "archiefnominatie": "blijvend_bewaren",
        "archiefstatus": "gearchiveerd",
        "einddatum": einddatum,
        **overrides,
    }


DOCS = [{"identificatie": "D1", "status": "gearchiveerd"}]
GEEN = VervroegdRegel()


def test_a_case_older_than_the_legal_term_may_go():
    uitslag = beoordeel(zaak(), DOCS, vandaag=TODAY, termijn_jaren=20, vervroegd=GEEN)
    assert uitslag.toegestaan and not uitslag.vervroegd


def test_the_term_counts_from_the_einddatum_to_the_day():
    assert beoordeel(zaak("2006-11-29"), DOCS, vandaag=TODAY, termijn_jaren=20, vervroegd=GEEN).toegestaan
    young = beoordeel(zaak("2006-11-30"), DOCS, vandaag=TODAY, termijn_jaren=20, vervroegd=GEEN)
    assert not young.toegestaan
    assert "minder dan 20 jaar" in young.redenen[0]


def test_the_new_archiefwet_term_of_ten_years():
    assert beoordeel(zaak("2015-01-01"), DOCS, vandaag=TODAY, termijn_jaren=10, vervroegd=GEEN).toegestaan
    assert not beoordeel(zaak("2015-01-01"), DOCS, vandaag=TODAY, termijn_jaren=20, vervroegd=GEEN).toegestaan


def test_early_transfer_under_an_agreement():
    regel = VervroegdRegel(toegestaan=True, zaaktypen=(ZAAKTYPE,), einddatum_vanaf=dt.date(2020, 1, 1))
    uitslag = beoordeel(zaak("2024-03-01"), DOCS, vandaag=TODAY, termijn_jaren=20, vervroegd=regel)
    assert uitslag.toegestaan and uitslag.vervroegd


def test_early_transfer_only_for_the_agreed_zaaktypen_and_period():
    regel = VervroegdRegel(
        toegestaan=True, zaaktypen=(ZAAKTYPE,), einddatum_vanaf=dt.date(2020, 1, 1), einddatum_tot=dt.date(2024, 12, 31)
    )
    other_type = beoordeel(
        zaak("2024-03-01", zaaktype="http://elders/2"), DOCS, vandaag=TODAY, termijn_jaren=20, vervroegd=regel
    )
    assert "niet toe voor dit zaaktype" in other_type.redenen[0]
    too_young = beoordeel(zaak("2025-03-01"), DOCS, vandaag=TODAY, termijn_jaren=20, vervroegd=regel)
    assert "buiten de periode" in too_young.redenen[0]
    too_old = beoordeel(zaak("2019-03-01"), DOCS, vandaag=TODAY, termijn_jaren=20, vervroegd=regel)
    assert "buiten de periode" in too_old.redenen[0]


def test_only_permanent_archived_cases_with_archived_documents():
    uitslag = beoordeel(
        zaak(archiefnominatie="vernietigen", archiefstatus="nog_te_archiveren"),
        [{"identificatie": "D1", "status": "definitief"}, {"identificatie": "D2", "status": "gearchiveerd"}],
        vandaag=TODAY,
        termijn_jaren=20,
        vervroegd=GEEN,
    )
    assert uitslag.redenen == [
        "archiefnominatie is vernietigen, niet blijvend_bewaren",
        "archiefstatus is nog_te_archiveren, niet gearchiveerd",
        "niet alle documenten zijn gearchiveerd: D1",
    ]


def test_a_case_without_einddatum_cannot_go():
    uitslag = beoordeel(zaak(einddatum=None), DOCS, vandaag=TODAY, termijn_jaren=20, vervroegd=GEEN)
    assert uitslag.redenen == ["de zaak heeft geen einddatum"]
