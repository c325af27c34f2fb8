"""Fixtures every app's tests share: authenticated API clients and schema validation."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from common import clients
from common.auth import jwt_encode
from common.contracts import contract_files
from common.models import Applicatie, Autorisatie, ClientCredential
from common.testing import ContractValidator


@pytest.fixture(autouse=True)
def validate_contract_responses():
    """Every response one app gets from another is checked against the committed schema."""
    validator = ContractValidator(
        {url_path.removesuffix("schema/openapi.yaml"): path for url_path, path in contract_files()}
    )
    clients.response_hooks.append(validator)
    yield validator
    clients.response_hooks.remove(validator)


def _client_for(client_id: str, secret: str) -> APIClient:
    # Requests look as if they reach the configured SITE_URL, so the URLs the APIs build
    # match the API roots the apps call each other on.
    client = APIClient(SERVER_NAME="localhost", SERVER_PORT="8000")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {jwt_encode(client_id, secret, user_id='tester')}")
    return client


@pytest.fixture
def make_api_client(db):
    """An API client whose applicatie has the given autorisaties (or all of them).

    `make_api_client(alle=True)` or
    `make_api_client(autorisaties=[{"component": "ztc", "scopes": ["catalogi.lezen"]}])`.
    """
    counter = iter(range(1, 10_000))

    def make(*, alle: bool = False, autorisaties: list[dict] | None = None, client_id: str | None = None):
        client_id = client_id or f"test-client-{next(counter)}"
        ClientCredential.objects.update_or_create(client_id=client_id, defaults={"secret": "test-secret"})
        applicatie = Applicatie.objects.create(client_ids=[client_id], label=client_id, heeft_alle_autorisaties=alle)
        for autorisatie in autorisaties or []:
            Autorisatie.objects.create(applicatie=applicatie, **autorisatie)
        return _client_for(client_id, "test-secret")

    return make


@pytest.fixture
def api_client(make_api_client) -> APIClient:
    """An API client with all autorisaties."""
    return make_api_client(alle=True)


@pytest.fixture
def anonymous_client() -> APIClient:
    return APIClient(SERVER_NAME="localhost", SERVER_PORT="8000")
