"""Fixtures of the archive tests: the people of the destruction workflow."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from rest_framework.test import APIClient

from common.auth import jwt_encode
from common.models import Applicatie, Autorisatie, ClientCredential
from common.testing import ContractValidator

from .factories import UserFactory


@pytest.fixture(autouse=True)
def committed(transactional_db):
    """Every test here commits what it writes: the APIs it calls in-process answer on their
    own connection and see only committed data (docs/decisions/0001-*)."""


@pytest.fixture
def recordmanager(db):
    return UserFactory(username="recordmanager", groups=["Recordmanager"])


@pytest.fixture
def beoordelaar(db):
    return UserFactory(username="beoordelaar", groups=["Beoordelaar"])


@pytest.fixture
def medebeoordelaar(db):
    return UserFactory(username="medebeoordelaar", groups=["Medebeoordelaar"])


@pytest.fixture
def archivaris(db):
    return UserFactory(username="archivaris", groups=["Archivaris"])


@pytest.fixture
def people(recordmanager, beoordelaar, archivaris):
    return {"auteur": recordmanager, "beoordelaar": beoordelaar, "archivaris": archivaris}


ARCHIEF = "/archief/api/v1/"
CONTRACT = Path(__file__).resolve().parents[1] / "openapi" / "archief.yaml"


@pytest.fixture
def as_user(db):
    """An API client of the Archiefbeheer API acting for `user` (the token's `user_id`)."""

    def make(user, scopes=("archiefbeheer.lezen", "archiefbeheer.schrijven")):
        client_id = f"archief-{user.username if user else 'systeem'}"
        ClientCredential.objects.update_or_create(client_id=client_id, defaults={"secret": "test-secret"})
        applicatie = Applicatie.objects.create(client_ids=[client_id], label=client_id)
        Autorisatie.objects.create(applicatie=applicatie, component="arc", scopes=list(scopes))
        client = APIClient(HTTP_HOST="localhost:8000")
        token = jwt_encode(client_id, "test-secret", user_id=user.username if user else "")
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        return client

    return make


@pytest.fixture(autouse=True)
def archief_contract(monkeypatch):
    """Each JSON answer of the Archiefbeheer API in these tests must match `archief/openapi/archief.yaml`."""
    validator = ContractValidator({ARCHIEF: CONTRACT})
    request = APIClient.request

    def checked(self, **kwargs):
        response = request(self, **kwargs)
        path = kwargs.get("PATH_INFO", "")
        if path.startswith(ARCHIEF) and not path.startswith(ARCHIEF + "schema") and response.status_code != 405:
            content_type = response.get("Content-Type", "")
            body = response.content if "json" in content_type else b""
            validator(
                httpx.Response(
                    response.status_code,
                    headers={"content-type": content_type},
                    content=body,
                    request=httpx.Request(kwargs["REQUEST_METHOD"], f"http://testserver{path}"),
                )
            )
        return response

    monkeypatch.setattr(APIClient, "request", checked)


@pytest.fixture
def zgw(settings, monkeypatch):
    """Point the archive at the stand-in ZGW provider (another host, other paths)."""
    from .. import clients
    from . import zgw_fake

    settings.ZAKEN_API_ROOT = zgw_fake.ZAKEN
    settings.CATALOGI_API_ROOT = zgw_fake.CATALOGI
    settings.BESLUITEN_API_ROOT = zgw_fake.BESLUITEN
    settings.DOCUMENTEN_API_ROOT = zgw_fake.DOCUMENTEN
    fake = zgw_fake.FakeZGW()
    monkeypatch.setattr(clients, "default_transport", fake.transport)
    return fake


@pytest.fixture
def selectielijstklasse(db) -> str:
    """URL of Selectielijst 2020 resultaat 11.1.2 ... served in-process by the Selectielijst API."""
    from ..models import Resultaat

    resultaat = (
        Resultaat.objects.filter(proces_type__jaar=2020, waardering="vernietigen")
        .select_related("proces_type", "generiek_resultaat")
        .first()
    )
    return f"http://localhost:8000/selectielijst/api/v1/resultaten/{resultaat.uuid}"
