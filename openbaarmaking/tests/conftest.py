"""Fixtures of the openbaarmaking tests.

- Every answer of the Publicaties API in these tests must match the committed
  `openbaarmaking/openapi/openbaarmaking.yaml`.
- `documenten_api`: the Documenten API behind its contract (the fake of
  `fake_documenten.py` until the real one is part of this deployment), its answers
  validated against the official specification.
- `informatieobjecttype`: a real informatieobjecttype in the Catalogi API, made through
  that API's contract.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from django.conf import settings
from rest_framework.test import APIClient

from common import clients
from common.clients import APIClient as ContractClient
from common.testing import STANDARDS_DIR, ContractValidator
from openbaarmaking.clients import DocumentenClient

from .fake_documenten import FakeDocumentenAPI


@pytest.fixture(autouse=True)
def committed(transactional_db):
    """Every test here commits what it writes: the APIs it calls in-process answer on their
    own connection and see only committed data (docs/decisions/0001-*)."""


ROOT = "/openbaarmaking/api/v1/"
CONTRACT = Path(__file__).resolve().parents[1] / "openapi" / "openbaarmaking.yaml"
DOCUMENTEN_STANDARD = STANDARDS_DIR / "zgw" / "documenten-1.5.0.yaml"
LEZEN = "publicaties.lezen"
SCHRIJVEN = "publicaties.schrijven"
REDEN = "https://identifier.overheid.nl/tooi/def/thes/kern/c_098c1346"


@pytest.fixture(autouse=True)
def publicaties_contract(monkeypatch):
    """Each answer of the Publicaties API in these tests must match the committed contract."""
    validator = ContractValidator({ROOT: CONTRACT})
    request = APIClient.request

    def checked(self, **kwargs):
        response = request(self, **kwargs)
        path = kwargs.get("PATH_INFO", "")
        if response.status_code != 405 and path.startswith(ROOT) and not path.startswith(ROOT + "schema"):
            validator(
                httpx.Response(
                    response.status_code,
                    headers={"content-type": response.get("Content-Type", "")},
                    content=response.content,
                    request=httpx.Request(kwargs["REQUEST_METHOD"], f"http://testserver{path}"),
                )
            )
        return response

    monkeypatch.setattr(APIClient, "request", checked)


@pytest.fixture(autouse=True)
def sitemap_root(settings, tmp_path):
    settings.OPENBAARMAKING_SITEMAP_ROOT = tmp_path / "sitemaps"
    settings.PUBLIC_BASE_URL = "https://woo.example.nl"
    return settings.OPENBAARMAKING_SITEMAP_ROOT


@pytest.fixture
def documenten_api(monkeypatch):
    fake = FakeDocumentenAPI(settings.DOCUMENTEN_API_ROOT)
    monkeypatch.setattr(DocumentenClient, "transport", fake)
    validator = ContractValidator({"/documenten/api/v1/": DOCUMENTEN_STANDARD})
    clients.response_hooks.append(validator)
    yield fake
    clients.response_hooks.remove(validator)


@pytest.fixture
def beheerder(make_api_client):
    return make_api_client(autorisaties=[{"component": "orc", "scopes": [LEZEN, SCHRIJVEN]}])


@pytest.fixture
def lezer(make_api_client):
    return make_api_client(autorisaties=[{"component": "orc", "scopes": [LEZEN]}])


@pytest.fixture
def notificaties_client(make_api_client):
    """The Notificaties API, as it posts to our webhook."""
    return make_api_client(autorisaties=[{"component": "nrc", "scopes": ["notificaties.publiceren"]}])


@pytest.fixture
def ontvang(notificaties_client, django_capture_on_commit_callbacks):
    """Post a notification to the webhook as the Notificaties API does, and let what it queues run."""

    def post(message: dict):
        with django_capture_on_commit_callbacks(execute=True):
            response = notificaties_client.post(api("notificaties"), message, format="json")
        assert response.status_code == 204, response.content
        return response

    return post


@pytest.fixture
def catalogus(db):
    with ContractClient(settings.CATALOGI_API_ROOT) as catalogi:
        return catalogi.create(
            "catalogussen", {"domein": "WOO", "rsin": "002220647", "contactpersoonBeheerNaam": "Wim"}
        )


@pytest.fixture
def make_informatieobjecttype(catalogus):
    def make(omschrijving: str = "Besluit") -> str:
        with ContractClient(settings.CATALOGI_API_ROOT) as catalogi:
            body = catalogi.create(
                "informatieobjecttypen",
                {
                    "catalogus": catalogus["url"],
                    "omschrijving": omschrijving,
                    "vertrouwelijkheidaanduiding": "openbaar",
                    "informatieobjectcategorie": omschrijving,
                    "beginGeldigheid": "2020-01-01",
                },
            )
        return body["url"]

    return make


@pytest.fixture
def informatieobjecttype(make_informatieobjecttype):
    return make_informatieobjecttype()


def api(path: str) -> str:
    return f"http://localhost:8000{ROOT}{path}"
