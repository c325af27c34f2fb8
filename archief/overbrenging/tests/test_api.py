"""The transfer resources of the Archiefbeheer API, held to its committed contract."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from archief.overbrenging.models import Overbrenging, Status
from common.testing import ContractValidator

from . import sipdata
from .rollen import persoon

pytestmark = pytest.mark.django_db

ROOT = "/archief/api/v1/"
# The transfer resources are part of the Archiefbeheer API and its committed contract.
CONTRACT = Path(__file__).resolve().parents[2] / "openapi" / "archief.yaml"
validator = ContractValidator({ROOT: CONTRACT})


def checked(response):
    """The response, after validating it against the committed contract."""
    request = httpx.Request(
        response.wsgi_request.method, "http://localhost:8000" + response.wsgi_request.get_full_path()
    )
    validator(
        httpx.Response(
            response.status_code, headers=dict(response.headers.items()), content=response.content, request=request
        )
    )
    return response


ARC = [{"component": "arc", "scopes": ["archiefbeheer.lezen", "archiefbeheer.schrijven"]}]


@pytest.fixture
def archief_client(make_api_client):
    """A client of the archive whose token names the archivist."""
    return make_api_client(autorisaties=ARC, user_id=persoon("Archivaris").username)


def test_transfers_are_made_by_people_in_their_roles(make_api_client, afspraak, fake):
    """A token whose `user_id` is no user of the archive makes no transition; a record manager
    composes but neither approves nor records the archive's verdict."""
    zaak = fake.add(sipdata.zaak(1, size=1000))
    niemand = make_api_client(autorisaties=ARC, user_id="bestaat-niet")
    recordmanager = make_api_client(autorisaties=ARC, user_id=persoon("Recordmanager").username)
    body = {"afspraak": afspraak_url(afspraak), "zaken": [zaak]}

    refused = checked(niemand.post(ROOT + "overbrengingen", body, format="json"))
    assert (refused.status_code, refused.json()["code"]) == (403, "onbekende-gebruiker")
    assert not Overbrenging.objects.exists()

    created = checked(recordmanager.post(ROOT + "overbrengingen", body, format="json"))
    assert created.status_code == 201, created.json()
    url = created.json()["url"].removeprefix("http://localhost:8000")
    for client, code in ((niemand, "onbekende-gebruiker"), (recordmanager, "rol-ontbreekt")):
        approve = checked(client.post(url + "/goedkeuren"))
        assert (approve.status_code, approve.json()["code"]) == (403, code)
        verdict = checked(
            client.post(url + "/uitslag", {"uitslagen": [{"zaak": zaak, "geaccepteerd": True}]}, format="json")
        )
        assert (verdict.status_code, verdict.json()["code"]) == (403, code)
    assert Overbrenging.objects.get().status == Status.concept
    assert [g.door for g in Overbrenging.objects.get().gebeurtenissen.all()] == ["recordmanager"]


def test_a_token_with_the_scope_is_needed(anonymous_client, make_api_client):
    assert checked(anonymous_client.get(ROOT + "overbrengingen")).status_code == 401
    other = make_api_client(autorisaties=[{"component": "arc", "scopes": ["iets.anders"]}])
    response = checked(other.get(ROOT + "overbrengingen"))
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


def test_archives_and_agreements(archief_client, settings, tmp_path):
    settings.OVERBRENGING_LOCAL_ROOT = tmp_path
    instelling = checked(
        archief_client.post(
            ROOT + "archiefinstellingen", {"naam": "Regionaal Archief", "contact": "x@ra.nl"}, format="json"
        )
    )
    assert instelling.status_code == 201
    body = {
        "archiefinstelling": instelling.json()["url"],
        "naam": "Afspraak 2026",
        "archiefvormerNaam": "Gemeente Voorbeeld",
        "identificatiebron": "Zaaksysteem",
        "contact": "archief@voorbeeld.nl",
        "doelLocatie": str(tmp_path / "edepot"),
        "vervroegdToegestaan": True,
        "vervroegdZaaktypen": ["http://localhost:8000/catalogi/api/v1/zaaktypen/1"],
        "beperkingGrond": "Art. 15 lid 1 sub a Archiefwet 1995",
        "beperkingJaren": 75,
    }
    afspraak = checked(archief_client.post(ROOT + "overbrengingsafspraken", body, format="json"))
    assert afspraak.status_code == 201, afspraak.json()
    assert afspraak.json()["containerVorm"] == "tar"
    assert afspraak.json()["maxContainerOmvang"] == 4 * 1024**3
    bad = checked(archief_client.post(ROOT + "overbrengingsafspraken", {**body, "containerVorm": "rar"}, format="json"))
    assert bad.status_code == 400
    assert bad.json()["invalidParams"][0]["name"] == "containerVorm"
    listed = checked(archief_client.get(ROOT + "overbrengingsafspraken"))
    assert [a["naam"] for a in listed.json()["results"]] == ["Afspraak 2026"]

    # An archive with an agreement stays (found by schemathesis as a 500).
    in_use = checked(archief_client.delete(instelling.json()["url"]))
    assert in_use.status_code == 400
    assert [(p["name"], p["code"]) for p in in_use.json()["invalidParams"]] == [("nonFieldErrors", "in-use")]
    assert checked(archief_client.get(instelling.json()["url"])).status_code == 200


def afspraak_url(afspraak) -> str:
    return f"http://localhost:8000{ROOT}overbrengingsafspraken/{afspraak.uuid}"


def test_an_ineligible_selection_is_refused_with_the_reason_per_case(archief_client, afspraak, fake):
    young = fake.add(sipdata.zaak(1, einddatum="2024-01-01"))
    response = checked(
        archief_client.post(
            ROOT + "overbrengingen", {"afspraak": afspraak_url(afspraak), "zaken": [young]}, format="json"
        )
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "niet-overdraagbaar"
    assert body["invalidParams"][0]["code"] == "niet-overdraagbaar"
    assert young in body["invalidParams"][0]["reason"]
    assert not Overbrenging.objects.exists()


@pytest.mark.keten
def test_the_whole_life_through_the_api(
    archief_client, afspraak, fake, django_capture_on_commit_callbacks, celery_eager
):
    zaken = [fake.add(sipdata.zaak(i, size=100_000)) for i in (1, 2)]
    created = checked(
        archief_client.post(
            ROOT + "overbrengingen",
            {"afspraak": afspraak_url(afspraak), "zaken": zaken, "naam": "ob-api"},
            format="json",
        )
    )
    assert created.status_code == 201, created.json()
    assert created.json()["status"] == "concept"
    assert created.json()["acties"] == ["goedkeuren"]
    url = created.json()["url"].removeprefix("http://localhost:8000")

    early = checked(
        archief_client.post(url + "/uitslag", {"uitslagen": [{"zaak": zaken[0], "geaccepteerd": True}]}, format="json")
    )
    assert early.status_code == 400
    assert early.json()["code"] == "ongeldige-statusovergang"

    with django_capture_on_commit_callbacks(execute=True):
        approved = checked(archief_client.post(url + "/goedkeuren"))
    assert approved.status_code == 200
    body = checked(archief_client.get(url)).json()
    assert body["status"] == "geverifieerd"
    assert body["acties"] == ["beoordelen"]
    assert body["voortgang"]["zakenKlaar"] == 2
    assert body["voortgang"]["bytesKlaar"] == body["voortgang"]["bytesTotaal"] == 400_000
    assert body["voortgang"]["procent"] == 100
    assert {c["status"] for c in body["containers"]} == {"geverifieerd"}

    with django_capture_on_commit_callbacks(execute=True):
        verdict = checked(
            archief_client.post(
                url + "/uitslag",
                {
                    "uitslagen": [
                        {"zaak": zaken[0], "geaccepteerd": True},
                        {"zaak": zaken[1], "geaccepteerd": False, "reden": "Bestandsformaat niet ondersteund"},
                    ]
                },
                format="json",
            )
        )
    assert verdict.status_code == 200
    body = checked(archief_client.get(url)).json()
    assert body["status"] == Status.afgerond
    assert [g["naar"] for g in body["gebeurtenissen"]] == [
        "concept",
        "goedgekeurd",
        "verpakken",
        "afgeleverd",
        "geverifieerd",
        "deels_geaccepteerd",
        "afgerond",
    ]
    assert {i["identificatie"]: (i["status"], i["reden"]) for i in body["items"]} == {
        "ZAAK-2003-0001": ("overgedragen", ""),
        "ZAAK-2003-0002": ("afgewezen", "Bestandsformaat niet ondersteund"),
    }
    assert body["verklaring"] in fake.objects
    assert fake.zaak(zaken[0])["archiefstatus"] == "overgedragen"
    assert fake.zaak(zaken[1])["archiefstatus"] == "gearchiveerd"


def test_urls_that_are_no_case_are_refused_as_bad_urls(archief_client, afspraak, fake):
    response = checked(
        archief_client.post(
            ROOT + "overbrengingen",
            {
                "afspraak": afspraak_url(afspraak),
                "zaken": ["http://elders.example/zaken/1", f"{sipdata.ZAKEN}zaken/bestaat-niet"],
            },
            format="json",
        )
    )
    assert response.status_code == 400
    assert [p["code"] for p in response.json()["invalidParams"]] == ["bad-url", "bad-url"]
