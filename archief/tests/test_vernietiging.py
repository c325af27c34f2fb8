"""Carrying out a vernietigingslijst against another ZGW provider, including its faults."""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
from collections import Counter

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from .. import index, services, tasks, vernietiging
from ..models import IndexZaak, ItemStatus
from ..models import VernietigingslijstStatus as Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(zgw, selectielijstklasse, settings):
    """A zaaktype whose zaken are destroyed, and one for the verklaringen (blijvend bewaren)."""
    settings.ARCHIEF_VERNIETIGING_WACHTTIJD = 0
    settings.ARCHIEF_BRONORGANISATIE = "002220647"  # another provider's types: named in the settings
    zaaktype = zgw.add_zaaktype("Melding")
    resultaattype = zgw.add_resultaattype(zaaktype, selectielijstklasse)
    verklaringen = zgw.add_zaaktype("Verklaringen van vernietiging")
    settings.ARCHIEF_VERKLARING_ZAAKTYPE = verklaringen["url"]
    settings.ARCHIEF_VERKLARING_INFORMATIEOBJECTTYPE = zgw.add("informatieobjecttypen", omschrijving="Verklaring")[
        "url"
    ]
    zgw.zaaktype, zgw.resultaattype = zaaktype, resultaattype
    return zgw


def make_zaak(zgw, name: str, *, documenten: int = 2, besluit: bool = False) -> dict:
    zaak = zgw.add_zaak(zgw.zaaktype, zgw.resultaattype, identificatie=name)
    docs = [zgw.add_document(zaak, identificatie=f"{name}-DOC{i}") for i in range(documenten)]
    if besluit:
        besluitdoc = zgw.add_document(None, identificatie=f"{name}-BESLUITDOC")
        zgw.add_besluit(zaak, [besluitdoc])
        docs.append(besluitdoc)
    zaak["documenten"] = docs
    return zaak


def approved(people, zaken: list[dict]):
    index.index_resync()
    lijst = services.vernietigingslijst_create(naam="Meldingen 2010", zaken=[z["url"] for z in zaken], **people)
    services.vernietigingslijst_indienen(lijst, gebruiker=people["auteur"])
    services.vernietigingslijst_beoordelen(lijst, gebruiker=people["beoordelaar"], akkoord=True)
    services.vernietigingslijst_aanbieden(lijst, gebruiker=people["auteur"])
    services.vernietigingslijst_vaststellen(lijst, gebruiker=people["archivaris"], akkoord=True)
    return lijst


def verklaring_identificaties(zgw, lijst) -> list[str]:
    lijst.refresh_from_db()
    rows = csv.DictReader(io.StringIO(zgw.contents[lijst.verklaring_csv].decode()))
    return sorted(row["identificatie"] for row in rows)


def test_a_list_is_destroyed_in_order_and_the_verklaring_is_archived(provider, people, settings):
    zgw = provider
    a, b = make_zaak(zgw, "A", besluit=True), make_zaak(zgw, "B")
    lijst = approved(people, [a, b])

    assert tasks.vernietigingslijsten_uitvoeren() == 1

    lijst.refresh_from_db()
    assert lijst.status == Status.vernietigd
    for zaak in (a, b):
        assert not zgw.exists(zaak["url"])
        assert not any(zgw.exists(d["url"]) for d in zaak["documenten"])
    # per zaak: besluitinformatieobjecten, besluiten, zaakinformatieobjecten, documents, the zaak
    kinds = [url.split("/")[-2] for url in zgw.deleted if url not in [d["url"] for d in b["documenten"]]][:7]
    assert kinds == [
        "besluitinformatieobjecten",
        "besluiten",
        "zaakinformatieobjecten",
        "zaakinformatieobjecten",
        "enkelvoudiginformatieobjecten",
        "enkelvoudiginformatieobjecten",
        "enkelvoudiginformatieobjecten",
    ]
    assert zgw.deleted.index(a["url"]) > max(zgw.deleted.index(d["url"]) for d in a["documenten"])
    assert not IndexZaak.objects.filter(url__in=[a["url"], b["url"]]).exists()
    # the proof is archived on a zaak of the configured zaaktype
    verklaring_zaak = zgw.store["zaken"][lijst.verklaring_zaak]
    assert verklaring_zaak["zaaktype"] == settings.ARCHIEF_VERKLARING_ZAAKTYPE
    related = {
        z["informatieobject"]
        for z in zgw.store["zaakinformatieobjecten"].values()
        if z["zaak"] == lijst.verklaring_zaak
    }
    assert related == {lijst.verklaring, lijst.verklaring_csv}
    assert verklaring_identificaties(zgw, lijst) == ["A", "B"]
    sheet = load_workbook(io.BytesIO(zgw.contents[lijst.verklaring])).active
    assert {"A", "B"} <= {row[2] for row in sheet.iter_rows(values_only=True)}
    assert lijst.overgangen.last().naar == Status.vernietigd and lijst.overgangen.last().gebruiker is None


def test_fault_documenten_fails_for_one_zaak_halfway(provider, people):
    """The Documenten API fails for one zaak halfway through the list: the others are
    destroyed, the failing one is reported, and a rerun finishes without destroying
    anything twice; the verklaring lists exactly what was destroyed."""
    zgw = provider
    zaken = [make_zaak(zgw, name) for name in ("A", "B", "C")]
    lijst = approved(people, zaken)
    failing = zaken[1]["documenten"][1]["url"]  # B's second document: B is half destroyed
    zgw.fail_on("DELETE", failing, times=1)

    result = vernietiging.vernietigingslijst_uitvoeren(lijst)

    lijst.refresh_from_db()
    assert lijst.status == Status.mislukt
    assert sorted(result.vernietigd) == sorted([zaken[0]["url"], zaken[2]["url"]])
    assert list(result.mislukt) == [zaken[1]["url"]]
    item_b = lijst.items.get(zaak=zaken[1]["url"])
    assert item_b.status == ItemStatus.mislukt and "500" in item_b.fout
    assert "B:" in lijst.overgangen.last().toelichting
    assert zgw.exists(zaken[1]["url"]) and zgw.exists(failing)
    assert not lijst.verklaring  # not before the list is complete

    vernietiging.vernietigingslijst_uitvoeren(lijst)  # the rerun

    lijst.refresh_from_db()
    assert lijst.status == Status.vernietigd
    assert not any(zgw.exists(z["url"]) for z in zaken)
    assert not any(zgw.exists(d["url"]) for z in zaken for d in z["documenten"])
    assert [url for url, n in Counter(zgw.deleted).items() if n > 1] == []
    deletes = [url for method, url in zgw.requests if method == "DELETE"]
    assert Counter(deletes)[failing] == 2  # the failed attempt and the one that succeeded
    assert all(n == 1 for url, n in Counter(deletes).items() if url != failing)
    assert verklaring_identificaties(zgw, lijst) == ["A", "B", "C"]
    assert [o.naar for o in lijst.overgangen.all()][-2:] == [Status.mislukt, Status.vernietigd]


def test_eligibility_is_rechecked_at_destruction_time(provider, people):
    zgw = provider
    a, b = make_zaak(zgw, "A"), make_zaak(zgw, "B")
    lijst = approved(people, [a, b])
    b["archiefactiedatum"] = (timezone.localdate() + dt.timedelta(days=365)).isoformat()  # changed since approval

    vernietiging.vernietigingslijst_uitvoeren(lijst)

    lijst.refresh_from_db()
    assert lijst.status == Status.vernietigd
    item_b = lijst.items.get(zaak=b["url"])
    assert item_b.status == ItemStatus.overgeslagen and "toekomst" in item_b.fout
    assert zgw.exists(b["url"]) and all(zgw.exists(d["url"]) for d in b["documenten"])
    assert verklaring_identificaties(zgw, lijst) == ["A"]


def test_excluded_zaken_are_not_destroyed(provider, people):
    zgw = provider
    a, b = make_zaak(zgw, "A"), make_zaak(zgw, "B")
    index.index_resync()
    lijst = services.vernietigingslijst_create(naam="L", zaken=[a["url"], b["url"]], **people)
    services.item_uitzonderen(lijst.items.get(zaak=b["url"]), gebruiker=people["auteur"], reden="nog nodig")
    services.vernietigingslijst_indienen(lijst, gebruiker=people["auteur"])
    services.vernietigingslijst_beoordelen(lijst, gebruiker=people["beoordelaar"], akkoord=True)
    services.vernietigingslijst_aanbieden(lijst, gebruiker=people["auteur"])
    services.vernietigingslijst_vaststellen(lijst, gebruiker=people["archivaris"], akkoord=True)

    vernietiging.vernietigingslijst_uitvoeren(lijst)

    assert zgw.exists(b["url"]) and not zgw.exists(a["url"])
    assert verklaring_identificaties(zgw, lijst) == ["A"]


def test_a_document_another_zaak_still_uses_is_kept(provider, people):
    zgw = provider
    a, other = make_zaak(zgw, "A", documenten=1), make_zaak(zgw, "OTHER", documenten=0)
    shared = a["documenten"][0]
    zgw.relate(other, shared)
    lijst = approved(people, [a])

    vernietiging.vernietigingslijst_uitvoeren(lijst)

    assert not zgw.exists(a["url"])
    assert zgw.exists(shared["url"])


def test_nothing_happens_before_the_waiting_period_or_approval(provider, people, settings):
    zgw = provider
    settings.ARCHIEF_VERNIETIGING_WACHTTIJD = 24
    a = make_zaak(zgw, "A")
    lijst = approved(people, [a])

    assert tasks.vernietigingslijsten_uitvoeren() == 0
    vernietiging.vernietigingslijst_uitvoeren(lijst)

    lijst.refresh_from_db()
    assert lijst.status == Status.klaar_voor_vernietiging
    assert zgw.deleted == []


def test_when_the_verklaring_cannot_be_stored_the_list_ends_failed_and_a_rerun_stores_it(provider, people, settings):
    """Without the setting the archive makes its own catalogue, which this provider refuses."""
    zgw = provider
    zaaktype = settings.ARCHIEF_VERKLARING_ZAAKTYPE
    settings.ARCHIEF_VERKLARING_ZAAKTYPE = ""
    lijst = approved(people, [make_zaak(zgw, "A")])

    vernietiging.vernietigingslijst_uitvoeren(lijst)
    lijst.refresh_from_db()
    assert lijst.status == Status.mislukt
    toelichting = lijst.overgangen.last().toelichting
    assert toelichting.startswith("Niets vernietigd: de verklaring van vernietiging kan niet opgeslagen worden")
    assert zgw.deleted == []  # nothing destroyed without its verklaring following

    settings.ARCHIEF_VERKLARING_ZAAKTYPE = zaaktype
    vernietiging.vernietigingslijst_uitvoeren(lijst)
    lijst.refresh_from_db()
    assert lijst.status == Status.vernietigd
    assert verklaring_identificaties(zgw, lijst) == ["A"]


def test_a_provider_that_keeps_archived_zaken_unchanged_gets_the_zaak_deleted_first(provider, people):
    zgw = provider
    zgw.archived_zaak_parts_fixed = True
    a = make_zaak(zgw, "A", besluit=True)
    a["archiefstatus"] = "gearchiveerd"
    lijst = approved(people, [a])

    vernietiging.vernietigingslijst_uitvoeren(lijst)

    lijst.refresh_from_db()
    assert lijst.status == Status.vernietigd
    assert not zgw.exists(a["url"]) and not any(zgw.exists(d["url"]) for d in a["documenten"])
    assert zgw.deleted.index(a["url"]) < min(zgw.deleted.index(d["url"]) for d in a["documenten"])
    assert not [
        u for u in zgw.store["zaakinformatieobjecten"] if zgw.store["zaakinformatieobjecten"][u]["zaak"] == a["url"]
    ]


def test_the_archivist_reruns_a_failed_list_through_the_api(provider, people, as_user):
    from django.test import TestCase

    zgw = provider
    a = make_zaak(zgw, "A")
    lijst = approved(people, [a])
    zgw.fail_on("DELETE", a["url"], times=1)
    vernietiging.vernietigingslijst_uitvoeren(lijst)
    url = f"http://localhost:8000/archief/api/v1/vernietigingslijsten/{lijst.uuid}/uitvoeren"

    refused = as_user(people["auteur"]).post(url)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = as_user(people["archivaris"]).post(url)

    assert refused.status_code == 403
    assert response.status_code == 202
    lijst.refresh_from_db()
    assert lijst.status == Status.vernietigd and not zgw.exists(a["url"])


def test_no_run_during_the_waiting_period(provider, people, as_user, settings):
    settings.ARCHIEF_VERNIETIGING_WACHTTIJD = 24
    lijst = approved(people, [make_zaak(provider, "A")])

    response = as_user(people["archivaris"]).post(
        f"http://localhost:8000/archief/api/v1/vernietigingslijsten/{lijst.uuid}/uitvoeren"
    )

    assert (response.status_code, response.json()["code"]) == (400, "wachttijd")
    assert provider.deleted == []


def test_a_list_another_run_is_carrying_out_is_left_alone(provider, people):
    zgw = provider
    a = make_zaak(zgw, "A")
    lijst = approved(people, [a])
    type(lijst).objects.filter(pk=lijst.pk).update(
        lease_token=uuid.uuid4(), lease_tot=timezone.now() + dt.timedelta(minutes=5)
    )

    vernietiging.vernietigingslijst_uitvoeren(lijst)
    assert zgw.deleted == []

    type(lijst).objects.filter(pk=lijst.pk).update(lease_tot=timezone.now() - dt.timedelta(seconds=1))  # abandoned
    vernietiging.vernietigingslijst_uitvoeren(lijst)
    lijst.refresh_from_db()
    assert lijst.status == Status.vernietigd and lijst.lease_token is None and lijst.lease_tot is None


class Killed(BaseException):
    """The worker process died here."""


def test_a_list_whose_worker_was_killed_resumes_by_itself_exactly_once(provider, people, monkeypatch):
    zgw = provider
    zaken = [make_zaak(zgw, name) for name in ("A", "B", "C")]
    lijst = approved(people, zaken)
    dying = zaken[1]["documenten"][0]["url"]  # B is half destroyed when the worker dies
    record = vernietiging._record

    def record_then_die(item, url):
        record(item, url)
        if url == dying:
            raise Killed(url)

    monkeypatch.setattr(vernietiging, "_record", record_then_die)
    with pytest.raises(Killed):
        vernietiging.vernietigingslijst_uitvoeren(lijst)
    monkeypatch.setattr(vernietiging, "_record", record)
    # What a killed process leaves: its lease, never given up, and no more heartbeats.
    dead = uuid.uuid4()
    type(lijst).objects.filter(pk=lijst.pk).update(lease_token=dead, lease_tot=timezone.now() + dt.timedelta(minutes=3))
    assert tasks.vernietigingslijsten_hervatten() == 0, "a live lease is not taken over"
    type(lijst).objects.filter(pk=lijst.pk).update(lease_tot=timezone.now() - dt.timedelta(seconds=1))

    resumed = [tasks.vernietigingslijsten_hervatten(), tasks.vernietigingslijsten_hervatten()]  # tasks in-process
    tasks.vernietigingslijst_uitvoeren.delay(lijst.pk, str(dead))  # the dead run's message, delivered again

    lijst.refresh_from_db()
    assert resumed == [1, 0]
    assert lijst.status == Status.vernietigd and lijst.lease_token is None
    assert not any(zgw.exists(z["url"]) for z in zaken)
    assert [url for url, n in Counter(url for method, url in zgw.requests if method == "DELETE").items() if n > 1] == []
    assert verklaring_identificaties(zgw, lijst) == ["A", "B", "C"]
    assert [o.naar for o in lijst.overgangen.all()].count(Status.vernietigd) == 1


# --- a provider that fails after it deleted, and zaken that are gone -----------------------


def verklaring_csv_rows(zgw, lijst) -> list[dict]:
    lijst.refresh_from_db()
    return list(csv.DictReader(io.StringIO(zgw.contents[lijst.verklaring_csv].decode())))


def verwachte_rij(lijst, identificatie: str, uitkomst: str = "vernietigd", toelichting: str = "") -> dict:
    """The CSV row of one item as the verklaring must show it, from the item's snapshot."""
    from ..verklaring import goedkeuringen

    item = lijst.items.get(identificatie=identificatie)
    return {
        "zaaktype": "Melding",
        "zaaktype_url": item.zaaktype,
        "identificatie": identificatie,
        "startdatum": "2010-01-04",
        "einddatum": "2010-03-01",
        "resultaat": "Afgehandeld",
        "selectielijstklasse": item.selectielijstklasse_nummer,
        "selectielijst_versie": "2020",
        "archiefactiedatum": "2015-03-01",
        "vernietigd_op": timezone.localtime(item.vernietigd_op).isoformat() if item.vernietigd_op else "",
        "goedkeuringen": "; ".join(goedkeuringen(lijst)),
        "uitkomst": uitkomst,
        "toelichting": toelichting,
    }


def xlsx_aantallen(zgw, lijst) -> dict[str, int]:
    sheet = load_workbook(io.BytesIO(zgw.contents[lijst.verklaring])).active
    return {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row[0] and str(row[0]).startswith("Aantal")}


def test_a_zaak_whose_delete_answers_500_after_committing_is_destroyed_and_in_the_verklaring(provider, people):
    """Open Zaak 1.30: DELETE of an archived zaak with a resultaat is committed, then answered 500."""
    zgw = provider
    zgw.archived_zaak_parts_fixed = True
    a, b = make_zaak(zgw, "A", besluit=True), make_zaak(zgw, "B")
    a["archiefstatus"] = "gearchiveerd"
    lijst = approved(people, [a, b])
    zgw.fail_after_delete(a["url"])

    result = vernietiging.vernietigingslijst_uitvoeren(lijst)

    lijst.refresh_from_db()
    assert lijst.status == Status.vernietigd
    assert sorted(result.vernietigd) == sorted([a["url"], b["url"]]) and not result.mislukt
    item = lijst.items.get(zaak=a["url"])
    assert item.status == ItemStatus.vernietigd and a["url"] in item.verwijderd
    assert not zgw.exists(a["url"]) and not any(zgw.exists(d["url"]) for d in a["documenten"])
    assert verklaring_csv_rows(zgw, lijst) == [verwachte_rij(lijst, "A"), verwachte_rij(lijst, "B")]
    assert xlsx_aantallen(zgw, lijst) == {"Aantal vernietigde zaken": 2}
    assert lijst.overgangen.last().toelichting == ""


def test_a_delete_that_times_out_after_committing_counts_once(provider, people):
    zgw = provider
    a = make_zaak(zgw, "A")
    lijst = approved(people, [a])
    zgw.fail_after_delete(a["documenten"][0]["url"], timeout=True)
    zgw.fail_after_delete(a["url"], timeout=True)

    vernietiging.vernietigingslijst_uitvoeren(lijst)

    lijst.refresh_from_db()
    assert lijst.status == Status.vernietigd
    assert lijst.items.get().status == ItemStatus.vernietigd
    deletes = Counter(url for method, url in zgw.requests if method == "DELETE")
    assert deletes[a["url"]] == 1 and deletes[a["documenten"][0]["url"]] == 1
    assert verklaring_csv_rows(zgw, lijst) == [verwachte_rij(lijst, "A")]


def test_when_the_reread_fails_too_the_list_waits_and_the_rerun_accounts_for_the_zaak(provider, people):
    """500 after the committed DELETE of the zaak, and the provider cannot be read right after:
    nothing is claimed, no verklaring is issued and the list says why; the rerun finds the zaak
    gone with this list's destruction begun, deletes its remaining documents and lists it."""
    zgw = provider
    zgw.archived_zaak_parts_fixed = True  # the zaak goes first, its documents after
    a = make_zaak(zgw, "A")
    a["archiefstatus"] = "gearchiveerd"
    lijst = approved(people, [a])
    zgw.fail_after_delete(a["url"])
    zgw.fail_on("GET", a["url"], times=1, skip=1)  # the re-read after the DELETE, not the first read

    vernietiging.vernietigingslijst_uitvoeren(lijst)

    lijst.refresh_from_db()
    assert lijst.status == Status.mislukt and not lijst.verklaring
    item = lijst.items.get()
    assert item.status == ItemStatus.mislukt and "500" in item.fout
    assert "A:" in lijst.overgangen.last().toelichting
    assert "nog geen verklaring van vernietiging" in lijst.overgangen.last().toelichting
    assert not zgw.exists(a["url"]) and all(zgw.exists(d["url"]) for d in a["documenten"])

    vernietiging.vernietigingslijst_uitvoeren(lijst)

    lijst.refresh_from_db()
    assert lijst.status == Status.vernietigd
    assert lijst.items.get().status == ItemStatus.vernietigd
    assert not any(zgw.exists(d["url"]) for d in a["documenten"])
    assert verklaring_csv_rows(zgw, lijst) == [verwachte_rij(lijst, "A")]
    assert xlsx_aantallen(zgw, lijst) == {"Aantal vernietigde zaken": 1}


def test_a_zaak_gone_before_the_list_touched_it_is_listed_as_verdwenen_with_its_reason(provider, people, as_user):
    zgw = provider
    a, b = make_zaak(zgw, "A"), make_zaak(zgw, "B", documenten=0)
    lijst = approved(people, [a, b])
    del zgw.store["zaken"][b["url"]]  # removed by someone else, after the approval

    result = vernietiging.vernietigingslijst_uitvoeren(lijst)

    lijst.refresh_from_db()
    assert lijst.status == Status.vernietigd
    assert result.vernietigd == [a["url"]] and list(result.verdwenen) == [b["url"]]
    reden = "De zaak bestond bij de uitvoering niet meer in de Zaken API; deze lijst heeft haar niet vernietigd."
    assert verklaring_csv_rows(zgw, lijst) == [
        verwachte_rij(lijst, "A"),
        verwachte_rij(lijst, "B", uitkomst="verdwenen", toelichting=reden),
    ]
    assert xlsx_aantallen(zgw, lijst) == {
        "Aantal vernietigde zaken": 1,
        "Aantal verdwenen zaken (niet door deze lijst vernietigd)": 1,
    }
    # the archivist is told, in the API (and the admin shows the same transition and item)
    body = as_user(people["archivaris"]).get(f"/archief/api/v1/vernietigingslijsten/{lijst.uuid}").json()
    assert "1 zaak/zaken bestond(en) bij de uitvoering niet meer" in body["overgangen"][-1]["toelichting"]
    assert "B." in body["overgangen"][-1]["toelichting"]
    verdwenen = [i for i in body["items"] if i["status"] == "verdwenen"]
    assert [(i["identificatie"], i["fout"]) for i in verdwenen] == [("B", reden)]


def test_the_command_says_what_it_did_and_why_each_other_list_waits(provider, people, settings):
    from django.core.management import call_command
    from django.utils import timezone

    def run() -> str:
        out = io.StringIO()
        call_command("archief", "vernietigen", stdout=out)
        return out.getvalue()

    zgw = provider
    settings.ARCHIEF_VERNIETIGING_WACHTTIJD = 168
    a, b = make_zaak(zgw, "A"), make_zaak(zgw, "B")
    wachtend = approved(people, [a])
    in_beoordeling = services.vernietigingslijst_create(naam="Meldingen 2011", zaken=[b["url"]], **people)
    services.vernietigingslijst_indienen(in_beoordeling, gebruiker=people["auteur"])
    wachtend.refresh_from_db()
    einde = timezone.localtime(wachtend.vernietigen_vanaf)

    output = run()

    assert "Geen vernietigingslijst is nu uit te voeren." in output
    assert f"lijst Meldingen 2010: wacht tot {einde:%d-%m-%Y %H:%M} (wachttijd 168 uur)" in output
    assert f"lijst Meldingen 2011: wacht op de beoordeling door {people['beoordelaar']}" in output
    assert zgw.deleted == []

    type(wachtend).objects.filter(pk=wachtend.pk).update(vernietigen_vanaf=timezone.now())
    output = run()

    assert (
        "[1/1] lijst Meldingen 2010: 1 vernietigd, 0 mislukt, 0 overgeslagen, 0 verdwenen; status Vernietigd" in output
    )
    assert "lijst Meldingen 2011: wacht op de beoordeling" in output
