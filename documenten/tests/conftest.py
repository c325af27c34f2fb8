"""Fixtures of the document tests: a published informatieobjecttype made through the Catalogi
API, clients with Documenten scopes, and every answer of the Documenten API checked against
the committed contract."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import httpx
import pytest
from django.conf import settings
from rest_framework.test import APIClient

from common.clients import APIClient as ContractClient
from common.testing import ContractValidator


@pytest.fixture(autouse=True)
def committed(transactional_db):
    """Every test here commits what it writes: the APIs it calls in-process answer on their
    own connection and see only committed data (docs/decisions/0001-*)."""


DOCUMENTEN = "/documenten/api/v1/"
CONTRACT = Path(__file__).resolve().parents[1] / "openapi" / "documenten.yaml"
ALL_SCOPES = [
    "documenten.lezen",
    "documenten.aanmaken",
    "documenten.bijwerken",
    "documenten.verwijderen",
    "documenten.lock",
]


@pytest.fixture(autouse=True)
def documenten_contract(monkeypatch):
    """Each answer of the Documenten API in these tests must match `documenten/openapi/documenten.yaml`."""
    validator = ContractValidator({DOCUMENTEN: CONTRACT})
    request = APIClient.request

    def checked(self, **kwargs):
        response = request(self, **kwargs)
        path = kwargs.get("PATH_INFO", "")
        if path.startswith(DOCUMENTEN) and not path.startswith(DOCUMENTEN + "schema") and response.status_code != 405:
            content = b"" if response.streaming else response.content
            validator(
                httpx.Response(
                    response.status_code,
                    headers={"content-type": response.get("Content-Type", "")},
                    content=content,
                    request=httpx.Request(kwargs["REQUEST_METHOD"], f"http://testserver{path}"),
                )
            )
        return response

    monkeypatch.setattr(APIClient, "request", checked)


@pytest.fixture
def catalogi(db):
    with ContractClient(settings.CATALOGI_API_ROOT) as client:
        yield client


def _iotype(catalogi, omschrijving: str, vertrouwelijkheid: str, publish: bool = True) -> str:
    catalogus = next(iter(catalogi.list("catalogussen", {"domein": "DOCS"})), None) or catalogi.create(
        "catalogussen", {"domein": "DOCS", "rsin": "002220647", "contactpersoonBeheerNaam": "Ada Archivaris"}
    )
    body = catalogi.create(
        "informatieobjecttypen",
        {
            "catalogus": catalogus["url"],
            "omschrijving": omschrijving,
            "vertrouwelijkheidaanduiding": vertrouwelijkheid,
            "informatieobjectcategorie": "Brief",
            "beginGeldigheid": "2020-01-01",
        },
    )
    if publish:
        assert catalogi.request("POST", body["url"] + "/publish").status_code == 200
    return body["url"]


@pytest.fixture
def make_iotype(catalogi):
    def make(omschrijving: str = "Brief", vertrouwelijkheid: str = "zaakvertrouwelijk", publish: bool = True) -> str:
        return _iotype(catalogi, omschrijving, vertrouwelijkheid, publish)

    return make


@pytest.fixture
def iotype(make_iotype) -> str:
    return make_iotype()


@pytest.fixture
def client(make_api_client, documenten_storage):
    """A client with every Documenten autorisatie (heeftAlleAutorisaties)."""
    return make_api_client(alle=True)


def eio_body(iotype: str, **overrides) -> dict:
    body = {
        "bronorganisatie": "002220647",
        "creatiedatum": "2024-05-01",
        "titel": "Vergunningsaanvraag",
        "auteur": "Ada Aanvrager",
        "taal": "dut",
        "bestandsnaam": "aanvraag.txt",
        "inhoud": base64.b64encode(b"hello world").decode(),
        "informatieobjecttype": iotype,
    }
    body.update(overrides)
    return body


def download(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return b"".join(response.streaming_content)


def assert_stored(client, url: str, content: bytes) -> dict:
    """The document at `url` holds `content`: its `integriteit` and its download say so."""
    body = client.get(url).json()
    assert body["integriteit"]["waarde"] == hashlib.sha256(content).hexdigest()
    assert download(client, body["inhoud"]) == content
    return body


@pytest.fixture
def fake_zaken_api(settings, validate_contract_responses):
    """The Zaken and Besluiten APIs stand-in (see fake_zaken.py), its answers held to the official specs."""
    from common.testing import STANDARDS_DIR

    from .fake_zaken import FakeZakenAPI

    fake = FakeZakenAPI()
    settings.ZAKEN_API_ROOT = fake.zaken_root
    settings.BESLUITEN_API_ROOT = fake.besluiten_root
    validate_contract_responses.contracts = {
        **validate_contract_responses.contracts,
        "/zaken/api/v1/": STANDARDS_DIR / "zgw" / "zaken-1.5.1.yaml",
        "/besluiten/api/v1/": STANDARDS_DIR / "zgw" / "besluiten-1.0.2.yaml",
    }
    yield fake
    fake.close()


@pytest.fixture
def document(client, iotype) -> dict:
    response = client.post(DOCUMENTEN + "enkelvoudiginformatieobjecten", eio_body(iotype), format="json")
    assert response.status_code == 201, response.json()
    return response.json()
