"""The Archiefbeheer API: the index, lists with their review as actions, the report, exports."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from common.tests.test_downloads import assert_safe_header

from .. import services
from ..models import ItemStatus, Vernietigingslijst
from .factories import IndexDocumentFactory, IndexZaakFactory

pytestmark = pytest.mark.django_db

ROOT = "http://localhost:8000/archief/api/v1"


def problem(response, status, code=None):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    if code:
        assert body["code"] == code
    return body


def propose(client, zaken, **extra):
    body = {"naam": "Meldingen 2010", "zaken": zaken, "beoordelaar": "beoordelaar", "archivaris": "archivaris"}
    return client.post(f"{ROOT}/vernietigingslijsten", {**body, **extra}, format="json")


# --- the index ---------------------------------------------------------------------------------


def test_the_index_lists_zaken_with_document_counts(as_user, recordmanager):
    zaak = IndexZaakFactory(identificatie="ZAAK-1")
    IndexDocumentFactory(zaak=zaak, status="definitief")
    IndexDocumentFactory(zaak=zaak, status="gearchiveerd", integriteit_in_orde=False)

    body = as_user(recordmanager).get(f"{ROOT}/zaken").json()

    assert body["count"] == 1
    row = body["results"][0]
    assert (row["zaak"], row["identificatie"], row["archiefnominatie"]) == (zaak.url, "ZAAK-1", "vernietigen")
    assert row["documenten"] == {
        "totaal": 2,
        "inBewerking": 0,
        "terVaststelling": 0,
        "definitief": 1,
        "gearchiveerd": 1,
        "integriteitMislukt": 1,
    }


def test_the_index_filters_candidates_for_destruction(as_user, recordmanager):
    candidate = IndexZaakFactory()
    IndexZaakFactory(archiefactiedatum=None)
    IndexZaakFactory(archiefnominatie="blijvend_bewaren")

    client = as_user(recordmanager)
    urls = [z["zaak"] for z in client.get(f"{ROOT}/zaken", {"vernietigbaar": "true"}).json()["results"]]
    others = client.get(f"{ROOT}/zaken", {"vernietigbaar": "false"}).json()["count"]

    assert (urls, others) == ([candidate.url], 2)


def test_the_index_needs_a_token_with_the_scope(as_user, anonymous_client, recordmanager):
    problem(anonymous_client.get(f"{ROOT}/zaken"), 401)
    problem(as_user(recordmanager, scopes=["iets.anders"]).get(f"{ROOT}/zaken"), 403)


def test_a_bad_filter_value_is_a_400(as_user, recordmanager):
    problem(as_user(recordmanager).get(f"{ROOT}/zaken", {"archiefnominatie": "weggooien"}), 400)


# --- the workflow as actions ----------------------------------------------------------------------


def test_the_whole_review_through_the_api(as_user, people, medebeoordelaar):
    zaken = [IndexZaakFactory().url, IndexZaakFactory().url]
    auteur, beoordelaar, archivaris = (as_user(people[r]) for r in ("auteur", "beoordelaar", "archivaris"))

    response = propose(auteur, zaken, medebeoordelaars=["medebeoordelaar"])
    assert response.status_code == 201, response.content
    lijst = response.json()
    assert (lijst["status"], lijst["auteur"], len(lijst["items"])) == ("nieuw", "recordmanager", 2)
    url = lijst["url"]

    assert auteur.post(f"{url}/indienen", {"toelichting": "graag"}, format="json").json()["status"] == (
        "klaar_voor_beoordeling"
    )
    excluded = beoordelaar.post(f"{url}/uitzonderen", {"zaak": zaken[1], "reden": "bezwaar loopt"}, format="json")
    assert [i["status"] for i in excluded.json()["items"]] == ["voorgesteld", "uitgezonderd"]
    body = beoordelaar.post(f"{url}/beoordelen", {"akkoord": True}, format="json").json()
    assert body["status"] == "klaar_voor_beoordeling"  # the co-reviewer has not agreed yet
    body = as_user(medebeoordelaar).post(f"{url}/beoordelen", {"akkoord": True}, format="json").json()
    assert body["status"] == "beoordeeld"
    assert auteur.post(f"{url}/aanbieden", {}, format="json").json()["status"] == "klaar_voor_archivaris"
    body = archivaris.post(f"{url}/vaststellen", {"akkoord": True, "toelichting": "akkoord"}, format="json").json()

    assert body["status"] == "klaar_voor_vernietiging"
    assert body["vernietigenVanaf"] is not None
    assert [(o["van"], o["naar"], o["gebruiker"]) for o in body["overgangen"]] == [
        ("", "nieuw", "recordmanager"),
        ("nieuw", "klaar_voor_beoordeling", "recordmanager"),
        ("klaar_voor_beoordeling", "beoordeeld", "medebeoordelaar"),
        ("beoordeeld", "klaar_voor_archivaris", "recordmanager"),
        ("klaar_voor_archivaris", "klaar_voor_vernietiging", "archivaris"),
    ]
    assert [(b["gebruiker"], b["rol"], b["oordeel"]) for b in body["beoordelingen"]] == [
        ("beoordelaar", "beoordelaar", "akkoord"),
        ("medebeoordelaar", "medebeoordelaar", "akkoord"),
        ("archivaris", "archivaris", "akkoord"),
    ]


def test_an_ineligible_zaak_refuses_the_list_with_a_reason_per_zaak(as_user, people):
    good, bad = IndexZaakFactory(), IndexZaakFactory(archiefactiedatum=None)

    body = problem(propose(as_user(people["auteur"]), [good.url, bad.url]), 400, "zaak-niet-vernietigbaar")

    assert [p["name"] for p in body["invalidParams"]] == ["zaken.1"]
    assert Vernietigingslijst.objects.count() == 0


def test_the_author_cannot_review_through_the_api(as_user, people):
    auteur = as_user(people["auteur"])
    url = propose(auteur, [IndexZaakFactory().url]).json()["url"]
    auteur.post(f"{url}/indienen", {}, format="json")

    problem(auteur.post(f"{url}/beoordelen", {"akkoord": True}, format="json"), 403, "vier-ogen")


def test_a_token_without_a_known_user_cannot_act(as_user, people):
    problem(propose(as_user(None), [IndexZaakFactory().url]), 403, "onbekende-gebruiker")


def test_an_unknown_reviewer_is_a_validation_error(as_user, people):
    body = problem(propose(as_user(people["auteur"]), [IndexZaakFactory().url], beoordelaar="niemand"), 400)

    assert body["invalidParams"][0]["name"] == "beoordelaar"


def test_asking_for_changes_without_a_comment_is_refused(as_user, people):
    url = propose(as_user(people["auteur"]), [IndexZaakFactory().url]).json()["url"]
    as_user(people["auteur"]).post(f"{url}/indienen", {}, format="json")

    body = problem(as_user(people["beoordelaar"]).post(f"{url}/beoordelen", {"akkoord": False}, format="json"), 400)

    assert body["invalidParams"][0]["name"] == "toelichting"


def test_excluding_a_zaak_that_is_not_on_the_list(as_user, people):
    url = propose(as_user(people["auteur"]), [IndexZaakFactory().url]).json()["url"]

    response = as_user(people["auteur"]).post(
        f"{url}/uitzonderen", {"zaak": IndexZaakFactory().url, "reden": "x"}, format="json"
    )

    problem(response, 400, "zaak-niet-op-lijst")


def test_lists_are_filtered_by_status(as_user, people):
    propose(as_user(people["auteur"]), [IndexZaakFactory().url])
    client = as_user(people["archivaris"])

    assert client.get(f"{ROOT}/vernietigingslijsten", {"status": "nieuw"}).json()["count"] == 1
    assert client.get(f"{ROOT}/vernietigingslijsten", {"status": "vernietigd"}).json()["count"] == 0


# --- the verklaring and the report ---------------------------------------------------------------


def destroyed_list(people) -> Vernietigingslijst:
    zaken = [IndexZaakFactory(identificatie="ZAAK-A").url, IndexZaakFactory(identificatie="ZAAK-B").url]
    lijst = services.vernietigingslijst_create(naam="Lijst", zaken=zaken, **people)
    services.vernietigingslijst_indienen(lijst, gebruiker=people["auteur"])
    services.vernietigingslijst_beoordelen(lijst, gebruiker=people["beoordelaar"], akkoord=True)
    services.vernietigingslijst_aanbieden(lijst, gebruiker=people["auteur"])
    services.vernietigingslijst_vaststellen(lijst, gebruiker=people["archivaris"], akkoord=True)
    lijst.items.filter(identificatie="ZAAK-A").update(status=ItemStatus.vernietigd)
    lijst.items.filter(identificatie="ZAAK-B").update(status=ItemStatus.mislukt)
    return lijst


def test_the_verklaring_lists_only_destroyed_zaken_as_csv_and_xlsx(as_user, people):
    lijst = destroyed_list(people)
    client = as_user(people["archivaris"])

    response = client.get(f"{ROOT}/vernietigingslijsten/{lijst.uuid}/verklaring")
    assert response["Content-Type"].startswith("text/csv")
    assert_safe_header(response["Content-Disposition"], f"verklaring-van-vernietiging-{lijst.uuid}.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["identificatie"], r["selectielijstklasse"], r["selectielijst_versie"]) for r in rows] == [
        ("ZAAK-A", "11.1.2", "2020")
    ]
    assert "Beoordelaar: beoordelaar" in rows[0]["goedkeuringen"]
    assert "Archivaris: archivaris" in rows[0]["goedkeuringen"]

    response = client.get(f"{ROOT}/vernietigingslijsten/{lijst.uuid}/verklaring/xlsx")
    assert_safe_header(response["Content-Disposition"], f"verklaring-van-vernietiging-{lijst.uuid}.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert ["Aantal vernietigde zaken", 1] in [row[:2] for row in values]
    assert any(row[2] == "ZAAK-A" for row in values) and not any(row[2] == "ZAAK-B" for row in values)


def test_the_report_and_its_csv(as_user, people):
    IndexZaakFactory(archiefnominatie="", archiefactiedatum=None)
    client = as_user(people["archivaris"])

    body = client.get(f"{ROOT}/rapportage").json()
    norms = {n["code"]: n for n in body["normen"]}
    assert body["opOrde"] is False
    assert norms["zaken_zonder_archiefparameters"]["aantal"] == 1

    response = client.get(f"{ROOT}/rapportage/csv")
    assert_safe_header(response["Content-Disposition"], "informatiehuishouding.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {r["norm"]: r["aantal"] for r in rows if not r["zaaktype"]}["zaken_zonder_archiefparameters"] == "1"


# --- notifications -------------------------------------------------------------------------------


NOTIFICATIE = {
    "kanaal": "zaken",
    "hoofdObject": "http://localhost:8000/zaken/api/v1/zaken/abc",
    "resource": "status",
    "resourceUrl": "http://localhost:8000/zaken/api/v1/statussen/def",
    "actie": "create",
    "aanmaakdatum": "2026-01-01T12:00:00Z",
    "kenmerken": {},
}


def test_notifications_need_the_agreed_header(anonymous_client, settings):
    settings.ARCHIEF_NOTIFICATIES_AUTH = "Token geheim"

    problem(anonymous_client.post(f"{ROOT}/notificaties", NOTIFICATIE, format="json"), 401)
    response = anonymous_client.post(
        f"{ROOT}/notificaties", NOTIFICATIE, format="json", HTTP_AUTHORIZATION="Token fout"
    )
    problem(response, 403)
