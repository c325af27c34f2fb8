"""The Selectielijst API: VNG's Selectielijst 2020, public and read-only."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from django.conf import settings

from common.clients import APIClient
from common.testing import STANDARDS_DIR, compare_with_standard

from ..models import ProcesType, Resultaat, ResultaatTypeOmschrijvingGeneriek

pytestmark = pytest.mark.django_db

ROOT = "http://localhost:8000/selectielijst/api/v1"
PROBLEM_FIELDS = {"type", "code", "title", "status", "detail", "instance"}

# Values taken from archief/data/selectielijst_2020.json.
PROCESTYPE_1 = "b594c8d1-ea6a-4bcd-a6aa-2c7a8ad3fe5b"
RESULTAAT_1_1 = "6711baff-798b-4c7f-9133-8ad02c8b7c6f"  # generic result 1.1
RESULTAAT_1_1_1 = "6d37598e-30f0-4aef-930d-3e1690725d95"  # its first specific result
AFGEWEZEN = "e6a0c939-3404-45b0-88e3-76c94fb80ea7"


def assert_problem(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert set(body) >= PROBLEM_FIELDS
    assert body["status"] == status
    if code:
        assert body["code"] == code
    return body


def collect_resultaten(client, url: str) -> list[dict]:
    results = []
    while url:
        page = client.get(url).json()
        results += page["results"]
        url = page["next"]
    return results


# --- the data ---------------------------------------------------------------------------


def test_the_selectielijst_2020_is_loaded():
    assert ProcesType.objects.count() == 29
    assert set(ProcesType.objects.values_list("jaar", flat=True)) == {2020}
    assert Resultaat.objects.count() == 346
    assert Resultaat.objects.filter(generiek_resultaat__isnull=False).count() == 252
    assert ResultaatTypeOmschrijvingGeneriek.objects.count() == 3


# --- procestypen -----------------------------------------------------------------------


def test_procestypen_list_is_unpaginated_and_in_number_order(anonymous_client):
    response = anonymous_client.get(f"{ROOT}/procestypen")

    assert response.status_code == 200
    body = response.json()
    assert isinstance(body, list)
    assert [p["nummer"] for p in body] == list(range(1, 30))
    assert body[0] == {
        "url": f"{ROOT}/procestypen/{PROCESTYPE_1}",
        "nummer": 1,
        "jaar": 2020,
        "naam": "Instellen en inrichten organisatie",
        "omschrijving": "Instellen en inrichten organisatie",
        "toelichting": body[0]["toelichting"],
        "procesobject": "De vastgestelde organisatie inrichting",
    }
    assert body[0]["toelichting"].startswith("Dit procestype betreft het instellen van een nieuw organisatieonderdeel")


def test_procestype_detail(anonymous_client):
    response = anonymous_client.get(f"{ROOT}/procestypen/{PROCESTYPE_1}")

    assert response.status_code == 200
    body = response.json()
    assert body["url"] == f"{ROOT}/procestypen/{PROCESTYPE_1}"
    assert body["naam"] == "Instellen en inrichten organisatie"
    assert body["jaar"] == 2020


def test_procestypen_filter_jaar(anonymous_client):
    assert len(anonymous_client.get(f"{ROOT}/procestypen", {"jaar": 2020}).json()) == 29
    assert anonymous_client.get(f"{ROOT}/procestypen", {"jaar": 2017}).json() == []


@pytest.mark.parametrize("jaar", ["twintig", "2020.5"])
def test_procestypen_filter_jaar_invalid(anonymous_client, jaar):
    body = assert_problem(anonymous_client.get(f"{ROOT}/procestypen", {"jaar": jaar}), 400, "invalid")
    assert [p["name"] for p in body["invalidParams"]] == ["jaar"]


# --- resultaten ------------------------------------------------------------------------


def test_resultaten_list_is_paginated(anonymous_client):
    response = anonymous_client.get(f"{ROOT}/resultaten")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 346
    assert body["previous"] is None
    assert body["next"] == f"{ROOT}/resultaten?page=2"
    assert len(body["results"]) == 100
    assert len(collect_resultaten(anonymous_client, f"{ROOT}/resultaten")) == 346


def test_resultaten_are_in_tree_order(anonymous_client):
    first = [r["volledigNummer"] for r in anonymous_client.get(f"{ROOT}/resultaten").json()["results"][:5]]

    assert first == ["1.1", "1.1.1", "1.1.2", "1.1.3", "1.2"]


def test_resultaat_detail_of_a_generic_result(anonymous_client):
    response = anonymous_client.get(f"{ROOT}/resultaten/{RESULTAAT_1_1}")

    assert response.status_code == 200
    assert response.json() == {
        "url": f"{ROOT}/resultaten/{RESULTAAT_1_1}",
        "procesType": f"{ROOT}/procestypen/{PROCESTYPE_1}",
        "nummer": 1,
        "volledigNummer": "1.1",
        "generiek": True,
        "specifiek": False,
        "naam": "Ingericht",
        "omschrijving": "",
        "herkomst": "Risicoanalyse",
        "waardering": "vernietigen",
        "procestermijn": "nihil",
        "procestermijnWeergave": "Nihil",
        "bewaartermijn": "P10Y",
        "toelichting": "Invoering nieuwe werkwijze",
        "algemeenBestuurEnInrichtingOrganisatie": False,
        "bedrijfsvoeringEnPersoneel": True,
        "publiekeInformatieEnRegistratie": False,
        "burgerzaken": False,
        "veiligheid": False,
        "verkeerEnVervoer": False,
        "economie": False,
        "onderwijs": False,
        "sportCultuurEnRecreatie": False,
        "sociaalDomein": False,
        "volksgezonheidEnMilieu": False,
        "vhrosv": False,
        "heffenBelastingen": False,
        "alleTaakgebieden": False,
        "procestermijnOpmerking": "",
    }


def test_resultaat_detail_of_a_specific_result(anonymous_client):
    body = anonymous_client.get(f"{ROOT}/resultaten/{RESULTAAT_1_1_1}").json()

    assert body["volledigNummer"] == "1.1.1"
    assert body["generiek"] is False
    assert body["specifiek"] is True
    assert body["omschrijving"] == "Inrichten of wijzigen met een organisatie brede impact"
    assert body["waardering"] == "blijvend_bewaren"
    assert body["bewaartermijn"] is None
    assert body["procestermijn"] == ""
    assert body["algemeenBestuurEnInrichtingOrganisatie"] is True


def test_resultaten_filter_procestype(anonymous_client):
    procestype = f"{ROOT}/procestypen/{PROCESTYPE_1}"

    response = anonymous_client.get(f"{ROOT}/resultaten", {"procesType": procestype})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == Resultaat.objects.filter(proces_type__uuid=PROCESTYPE_1).count() > 0
    assert {r["procesType"] for r in body["results"]} == {procestype}


@pytest.mark.parametrize(
    "value",
    [
        "geen-url",
        f"{ROOT}/procestypen/{uuid.uuid4()}",  # no such procestype
        f"{ROOT}/resultaten/{RESULTAAT_1_1}",  # a URL, but of another resource
        f"{ROOT}/procestypen/niet-een-uuid",
        "http://localhost:8000/elders",
    ],
)
def test_resultaten_filter_procestype_invalid(anonymous_client, value):
    response = anonymous_client.get(f"{ROOT}/resultaten", {"procesType": value})

    body = assert_problem(response, 400, "invalid")
    assert [p["name"] for p in body["invalidParams"]] == ["procesType"]


# --- resultaattypeomschrijvingen -------------------------------------------------------


def test_resultaattypeomschrijvingen_list(anonymous_client):
    response = anonymous_client.get(f"{ROOT}/resultaattypeomschrijvingen")

    assert response.status_code == 200
    body = response.json()
    assert isinstance(body, list)
    assert [o["omschrijving"] for o in body] == ["Afgewezen", "Ingetrokken", "Toegekend"]


def test_resultaattypeomschrijving_detail(anonymous_client):
    response = anonymous_client.get(f"{ROOT}/resultaattypeomschrijvingen/{AFGEWEZEN}")

    assert response.status_code == 200
    assert response.json() == {
        "url": f"{ROOT}/resultaattypeomschrijvingen/{AFGEWEZEN}",
        "omschrijving": "Afgewezen",
        "definitie": "Dit is testdata",
        "opmerking": "Dit is testdata",
    }


# --- errors and access -----------------------------------------------------------------

RESOURCES = ["procestypen", "resultaten", "resultaattypeomschrijvingen"]


@pytest.mark.parametrize("resource", RESOURCES)
def test_unknown_uuid_is_404_problem(anonymous_client, resource):
    assert_problem(anonymous_client.get(f"{ROOT}/{resource}/{uuid.uuid4()}"), 404, "not_found")


@pytest.mark.parametrize("resource", RESOURCES)
def test_the_api_needs_no_token(anonymous_client, resource):
    response = anonymous_client.get(f"{ROOT}/{resource}")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


def test_a_client_with_a_token_may_read_too(make_api_client):
    client = make_api_client(autorisaties=[])

    assert client.get(f"{ROOT}/procestypen/{PROCESTYPE_1}").status_code == 200


def test_a_token_this_deployment_does_not_know_is_ignored(anonymous_client):
    anonymous_client.credentials(HTTP_AUTHORIZATION="Bearer token-van-een-ander-component")

    assert anonymous_client.get(f"{ROOT}/resultaten/{RESULTAAT_1_1}").status_code == 200


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "procestypen"),
        ("put", f"procestypen/{PROCESTYPE_1}"),
        ("patch", f"procestypen/{PROCESTYPE_1}"),
        ("delete", f"procestypen/{PROCESTYPE_1}"),
        ("post", "resultaten"),
        ("put", f"resultaten/{RESULTAAT_1_1}"),
        ("delete", f"resultaten/{RESULTAAT_1_1}"),
        ("post", "resultaattypeomschrijvingen"),
        ("put", f"resultaattypeomschrijvingen/{AFGEWEZEN}"),
        ("delete", f"resultaattypeomschrijvingen/{AFGEWEZEN}"),
    ],
)
def test_the_api_is_read_only(api_client, method, path):
    response = getattr(api_client, method)(f"{ROOT}/{path}", {"naam": "Gewijzigd"}, format="json")

    assert_problem(response, 405, "method_not_allowed")
    assert ProcesType.objects.count() == 29
    assert Resultaat.objects.count() == 346
    assert ResultaatTypeOmschrijvingGeneriek.objects.count() == 3


# --- the contract ----------------------------------------------------------------------


def test_the_schema_follows_the_vng_selectielijst_api():
    committed = Path(__file__).resolve().parents[1] / "openapi" / "selectielijst.yaml"
    standard = STANDARDS_DIR / "selectielijst" / "selectielijst-api.yaml"

    assert compare_with_standard(committed, standard) == []


def test_every_response_keeps_to_the_committed_schema():
    """What a consumer reads through its API client (validated by the root conftest's hook).

    The consumer's own credentials are not registered here: the API does not need them.
    """
    client = APIClient(settings.SELECTIELIJST_API_ROOT)
    try:
        procestypen = list(client.list("procestypen"))
        resultaten = list(client.list("resultaten"))
        omschrijvingen = list(client.list("resultaattypeomschrijvingen"))
        for obj in [procestypen[0], *resultaten[:3], omschrijvingen[0]]:
            assert client.retrieve(obj["url"]) == obj
    finally:
        client.close()

    assert (len(procestypen), len(resultaten), len(omschrijvingen)) == (29, 346, 3)
    assert {r["waardering"] for r in resultaten} == {"blijvend_bewaren", "vernietigen", ""}
    assert "" in {r["procestermijn"] for r in resultaten}
