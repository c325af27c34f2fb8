"""Every endpoint that serves a file answers a client that asks for that file.

The endpoints are found in the committed schemas (a GET whose 200 answer has a media type
other than JSON), not listed by hand: a new CSV, XLSX, XML or download endpoint is covered
as soon as its schema is committed, and this test fails until it knows how to make the
object the endpoint serves. Each is asked with its own media type, with `*/*` and without
Accept (200, that media type), and with only JSON (406 problem+json, documented).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable

import pytest
from django.conf import settings

from archief.models import Vernietigingslijst
from archief.tests.factories import UserFactory
from common.clients import APIClient as ContractClient
from common.contracts import contract_files
from common.testing import load_yaml

pytestmark = pytest.mark.django_db(transaction=True)  # providers answer on their own connection


def _file_endpoints() -> list[tuple[str, str, str, str]]:
    """(API root path, path template, media type, schema file name) of every GET that serves a file."""
    found = []
    for url_path, committed in contract_files():
        root = url_path.removesuffix("schema/openapi.yaml")
        spec = load_yaml(committed)
        for template, item in spec["paths"].items():
            ok = (item.get("get") or {}).get("responses", {}).get("200", {})
            for media_type in ok.get("content", {}):
                if "json" not in media_type and "*" not in media_type:
                    found.append((root, template, media_type, committed.name))
    return found


FILE_ENDPOINTS = _file_endpoints()


def vernietigingslijst() -> str:
    auteur = UserFactory(username="auteur")
    lijst = Vernietigingslijst.objects.create(
        naam="Meldingen 2010",
        auteur=auteur,
        beoordelaar=UserFactory(username="beoordelaar"),
        archivaris=UserFactory(username="archivaris"),
    )
    return str(lijst.uuid)


def enkelvoudiginformatieobject() -> str:
    with ContractClient(settings.CATALOGI_API_ROOT) as catalogi:
        catalogus = catalogi.create(
            "catalogussen", {"domein": "NEGO", "rsin": "002220647", "contactpersoonBeheerNaam": "Ada"}
        )
        iotype = catalogi.create(
            "informatieobjecttypen",
            {
                "catalogus": catalogus["url"],
                "omschrijving": "Bijlage",
                "vertrouwelijkheidaanduiding": "openbaar",
                "informatieobjectcategorie": "Bijlage",
                "beginGeldigheid": "2000-01-01",
            },
        )
        assert catalogi.request("POST", iotype["url"] + "/publish").status_code == 200
    with ContractClient(settings.DOCUMENTEN_API_ROOT) as documenten:
        document = documenten.create(
            "enkelvoudiginformatieobjecten",
            {
                "bronorganisatie": "002220647",
                "creatiedatum": "2026-01-05",
                "titel": "Bijlage",
                "auteur": "Ada",
                "taal": "dut",
                "formaat": "text/plain",
                "bestandsnaam": "bijlage.txt",
                "inhoud": base64.b64encode(b"bijlage").decode(),
                "informatieobjecttype": iotype["url"],
            },
        )
    return document["url"].rstrip("/").rsplit("/", 1)[-1]


# How to make the object behind a `{uuid}`, by the collection it lies in.
OBJECTS: dict[str, Callable[[], str]] = {
    "vernietigingslijsten": vernietigingslijst,
    "enkelvoudiginformatieobjecten": enkelvoudiginformatieobject,
}


def _url(template: str) -> str:
    def fill(match: re.Match) -> str:
        collection = template[: match.start()].rstrip("/").rsplit("/", 1)[-1]
        assert collection in OBJECTS, f"{template}: add how to make a {collection} object to OBJECTS"
        return OBJECTS[collection]()

    return re.sub(r"\{[^}]+\}", fill, template)


def test_the_schemas_name_the_file_endpoints():
    """The archive's CSV and XLSX files and the Documenten download, at least: the search works."""
    templates = {(template, media_type) for _, template, media_type, _ in FILE_ENDPOINTS}
    assert {
        ("/rapportage/csv", "text/csv"),
        ("/vernietigingslijsten/{uuid}/verklaring", "text/csv"),
        (
            "/vernietigingslijsten/{uuid}/verklaring/xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("/enkelvoudiginformatieobjecten/{uuid}/download", "application/octet-stream"),
    } <= templates


@pytest.mark.parametrize(
    ("root", "template", "media_type", "schema"), FILE_ENDPOINTS, ids=[f"{e[3]}:{e[1]}" for e in FILE_ENDPOINTS]
)
def test_a_file_endpoint_serves_whoever_asks_for_its_file(api_client, root, template, media_type, schema):
    url = root + _url(template).lstrip("/")

    for accept in (media_type, f"{media_type}; q=0.9, application/json;q=0.1", "*/*", None):
        headers = {} if accept is None else {"HTTP_ACCEPT": accept}
        response = api_client.get(url, **headers)
        assert response.status_code == 200, (accept, response.content[:300])
        assert response["Content-Type"].split(";")[0] == media_type, accept

    refused = api_client.get(url, HTTP_ACCEPT="application/json")
    assert refused.status_code == 406
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["code"] == "not_acceptable"
    spec = load_yaml(next(path for _, path in contract_files() if path.name == schema))
    assert "406" in spec["paths"][template]["get"]["responses"], "the 406 is in the committed contract"
