"""Filling the index through the ZGW APIs of another provider, by notification and resync."""

from __future__ import annotations

import hashlib
import io

import httpx
import pytest
from django.test import TestCase

from .. import index
from ..models import IndexDocument, IndexZaak, IndexZaakType, Resultaat

pytestmark = pytest.mark.django_db


def test_a_zaak_is_indexed_with_resultaat_selectielijstklasse_and_documents(zgw, selectielijstklasse):
    zaaktype = zgw.add_zaaktype("Melding")
    resultaattype = zgw.add_resultaattype(zaaktype, selectielijstklasse, omschrijving="Toegekend")
    zaak = zgw.add_zaak(zaaktype, resultaattype, identificatie="ZAAK-1")
    zgw.add_document(zaak, status="definitief")
    zgw.add_document(zaak, status="in_bewerking")
    expected = Resultaat.objects.get(uuid=selectielijstklasse.rsplit("/", 1)[1])

    row = index.index_zaak_bijwerken(zaak["url"])

    assert (row.identificatie, row.zaaktype_omschrijving, row.resultaat_omschrijving) == (
        "ZAAK-1",
        "Melding",
        "Toegekend",
    )
    assert (row.selectielijstklasse_nummer, row.selectielijst_jaar) == (expected.volledig_nummer, 2020)
    assert (row.archiefnominatie, str(row.archiefactiedatum), row.einddatum.isoformat()) == (
        "vernietigen",
        "2015-03-01",
        "2010-03-01",
    )
    assert sorted(row.documenten.values_list("status", flat=True)) == ["definitief", "in_bewerking"]


def test_a_zaak_that_is_gone_leaves_the_index(zgw, selectielijstklasse):
    zaak = zgw.add_zaak(zgw.add_zaaktype())
    index.index_zaak_bijwerken(zaak["url"])
    del zgw.store["zaken"][zaak["url"]]

    assert index.index_zaak_bijwerken(zaak["url"]) is None
    assert not IndexZaak.objects.exists()


def test_the_resync_heals_missed_notifications_and_reads_every_page(zgw, selectielijstklasse):
    zaaktype = zgw.add_zaaktype("Melding")
    zgw.add_resultaattype(zaaktype, selectielijstklasse)
    broken = zgw.add_zaaktype("Klacht")
    zgw.add_resultaattype(broken, "", archiefactietermijn=None)
    zaken = [zgw.add_zaak(zaaktype) for _ in range(5)]  # three pages
    index.index_zaak_bijwerken(zaken[0]["url"])
    del zgw.store["zaken"][zaken[0]["url"]]  # destroyed elsewhere; its notification was missed
    zaken[1]["archiefactiedatum"] = "2030-01-01"  # changed; notification missed

    result = index.index_resync()

    assert (result.zaken, result.verwijderd, result.zaaktypen) == (4, 1, 2)
    assert set(IndexZaak.objects.values_list("url", flat=True)) == {z["url"] for z in zaken[1:]}
    assert str(IndexZaak.objects.get(url=zaken[1]["url"]).archiefactiedatum) == "2030-01-01"
    gebreken = IndexZaakType.objects.get(url=broken["url"]).archiveringsgebreken
    assert gebreken == [
        "resultaattype `Afgehandeld`: geen archiefactietermijn",
        "resultaattype `Afgehandeld`: geen selectielijstklasse",
    ]
    assert IndexZaakType.objects.get(url=zaaktype["url"]).archiveringsgebreken == []


def test_the_fixity_check_downloads_and_compares(zgw):
    zaak = zgw.add_zaak(zgw.add_zaaktype())
    good = zgw.add_document(zaak, inhoud=b"goed")
    bad = zgw.add_document(zaak, inhoud=b"origineel")
    zgw.contents[bad["url"]] = b"bitrot"
    index.index_zaak_bijwerken(zaak["url"])

    with index.ZGW() as client:
        results = {d.url: index.document_integriteit_controleren(d, zgw=client) for d in IndexDocument.objects.all()}

    assert results == {good["url"]: True, bad["url"]: False}
    assert IndexDocument.objects.get(url=good["url"]).integriteit_waarde == hashlib.sha256(b"goed").hexdigest()


def test_a_notification_reindexes_the_zaak(zgw, anonymous_client, settings):
    settings.ARCHIEF_NOTIFICATIES_AUTH = "Token geheim"
    zaak = zgw.add_zaak(zgw.add_zaaktype(), identificatie="ZAAK-N")
    message = {
        "kanaal": "zaken",
        "hoofdObject": zaak["url"],
        "resource": "status",
        "resourceUrl": zaak["url"].replace("zaken", "statussen"),
        "actie": "create",
        "aanmaakdatum": "2026-01-01T12:00:00Z",
        "kenmerken": {},
    }

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = anonymous_client.post(
            "/archief/api/v1/notificaties", message, format="json", HTTP_AUTHORIZATION="Token geheim"
        )

    assert response.status_code == 204
    assert IndexZaak.objects.get().identificatie == "ZAAK-N"


def test_a_notification_about_a_url_outside_the_api_roots_changes_nothing(zgw, anonymous_client, settings):
    settings.ARCHIEF_NOTIFICATIES_AUTH = "Token geheim"
    message = {
        "kanaal": "zaken",
        "hoofdObject": "http://evil.example/zaken/1",
        "resource": "zaak",
        "resourceUrl": "http://evil.example/zaken/1",
        "actie": "update",
        "aanmaakdatum": "2026-01-01T12:00:00Z",
    }
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = anonymous_client.post(
            "/archief/api/v1/notificaties", message, format="json", HTTP_AUTHORIZATION="Token geheim"
        )

    assert response.status_code == 204
    assert not IndexZaak.objects.exists()
    assert not any("evil" in url for _, url in zgw.requests)


def test_inrichten_subscribes_the_index_to_kanaal_zaken_with_no_setting(zgw, anonymous_client):
    """Out of the box: the subscription's auth is the one the callback accepts, none configured."""
    from django.core.management import call_command

    from common.models import Abonnement

    call_command("archief", "inrichten", stdout=io.StringIO())
    out = io.StringIO()
    call_command("archief", "inrichten", stdout=out)
    # this provider has no Catalogi API to make the archive's catalogue in: the command says so
    assert "eigen catalogus nog niet gemaakt: de Catalogi API antwoordde niet zoals verwacht" in out.getvalue()

    abonnement = Abonnement.objects.get(kanalen=["zaken"])
    assert abonnement.callback_url == "http://localhost:8000/archief/api/v1/notificaties"
    zaak = zgw.add_zaak(zgw.add_zaaktype(), identificatie="ZAAK-A")
    message = {
        "kanaal": "zaken",
        "hoofdObject": zaak["url"],
        "resource": "zaak",
        "resourceUrl": zaak["url"],
        "actie": "create",
        "aanmaakdatum": "2026-01-01T12:00:00Z",
    }
    with TestCase.captureOnCommitCallbacks(execute=True):
        refused = anonymous_client.post(
            "/archief/api/v1/notificaties", message, format="json", HTTP_AUTHORIZATION="Token geraden"
        )
        accepted = anonymous_client.post(
            "/archief/api/v1/notificaties", message, format="json", HTTP_AUTHORIZATION=abonnement.auth
        )

    assert (refused.status_code, accepted.status_code) == (403, 204)
    assert IndexZaak.objects.get().identificatie == "ZAAK-A"


def test_the_fixity_check_asks_a_strict_provider_for_a_file(zgw):
    """The stand-in answers a download that asks for JSON with 406, as Open Zaak does."""
    zaak = zgw.add_zaak(zgw.add_zaaktype())
    document = zgw.add_document(zaak, inhoud=b"inhoud")
    asked_for_json = zgw.transport.handle_request(
        httpx.Request("GET", document["url"] + "/download", headers={"Accept": "application/json"})
    )
    assert asked_for_json.status_code == 406
    index.index_zaak_bijwerken(zaak["url"])

    with index.ZGW() as client:
        assert index.document_integriteit_controleren(IndexDocument.objects.get(), zgw=client) is True


def test_without_integriteit_at_the_provider_the_archive_checks_against_its_own_baseline(zgw):
    """Open Zaak stores no `integriteit` unless the client sent one: the first read records a
    SHA-256 in the index, later reads are checked against it, and until then the documents are
    reported as not checkable (in the report and as the figure the metrics read)."""
    from io import StringIO

    from django.core.management import call_command

    from .. import rapportage, selectors, tasks

    zgw.without_integriteit()
    zaak = zgw.add_zaak(zgw.add_zaaktype())
    eerste, tweede = zgw.add_document(zaak, inhoud=b"eerste"), zgw.add_document(zaak, inhoud=b"tweede")
    index.index_zaak_bijwerken(zaak["url"])

    def norm(code: str) -> list[str]:
        return next(u for u in rapportage.rapportage() if u.code == code).objecten

    assert selectors.indexdocumenten_niet_te_controleren_aantal() == 2
    assert norm("integriteit_niet_te_controleren") == sorted([eerste["url"], tweede["url"]])

    out = StringIO()
    call_command("archief", "integriteit", stdout=out)

    assert "2/2 gelezen, 0 fout, 2 eigen SHA-256 vastgelegd" in out.getvalue()
    assert IndexDocument.objects.get(url=eerste["url"]).basis_sha256 == hashlib.sha256(b"eerste").hexdigest()
    assert selectors.indexdocumenten_niet_te_controleren_aantal() == 0
    assert norm("integriteit_niet_te_controleren") == []

    zgw.contents[tweede["url"]] = b"bitrot"
    assert tasks.integriteit_controleren() == 2

    assert IndexDocument.objects.get(url=eerste["url"]).integriteit_in_orde is True
    assert IndexDocument.objects.get(url=tweede["url"]).integriteit_in_orde is False
    assert norm("integriteit_mislukt") == [tweede["url"]]

    # a new version has new content: a new baseline, not a false alarm
    eerste["versie"] = 2
    zgw.contents[eerste["url"]] = b"eerste, herzien"
    index.index_zaak_bijwerken(zaak["url"])
    assert selectors.indexdocumenten_niet_te_controleren_aantal() == 1
    with index.ZGW() as client:
        document = IndexDocument.objects.get(url=eerste["url"])
        assert index.document_integriteit_controleren(document, zgw=client) is None
        assert index.document_integriteit_controleren(document, zgw=client) is True
    assert selectors.indexdocumenten_niet_te_controleren_aantal() == 0
