"""Fixtures of the zaken app's tests: clients with the scopes of each API, and every
response of the Catalogi, Zaken and Besluiten APIs checked against its committed contract."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from rest_framework.test import APIClient

from common.testing import ContractValidator

LEZEN = "catalogi.lezen"
SCHRIJVEN = "catalogi.schrijven"
CATALOGI = "/catalogi/api/v1/"
OPENAPI = Path(__file__).resolve().parents[1] / "openapi"
CONTRACT = OPENAPI / "catalogi.yaml"
CONTRACTS = {
    CATALOGI: CONTRACT,
    "/zaken/api/v1/": OPENAPI / "zaken.yaml",
    "/besluiten/api/v1/": OPENAPI / "besluiten.yaml",
}


@pytest.fixture
def beheerder(make_api_client):
    """A catalogue manager: reads and writes, without the forced scopes that lift the concept rules."""
    return make_api_client(autorisaties=[{"component": "ztc", "scopes": [LEZEN, SCHRIJVEN]}])


@pytest.fixture
def lezer(make_api_client):
    return make_api_client(autorisaties=[{"component": "ztc", "scopes": [LEZEN]}])


@pytest.fixture(autouse=True)
def catalogi_contract(monkeypatch):
    """Each answer of the Catalogi, Zaken and Besluiten APIs in these tests must match its
    committed contract in `zaken/openapi/`."""
    validator = ContractValidator(CONTRACTS)
    request = APIClient.request

    def checked(self, **kwargs):
        response = request(self, **kwargs)
        path = kwargs.get("PATH_INFO", "")
        documented = response.status_code != 405  # a method the contract does not have
        root = next((r for r in CONTRACTS if path.startswith(r)), None)
        if documented and root and not path.startswith(root + "schema"):
            query = kwargs.get("QUERY_STRING", "")
            validator(
                httpx.Response(
                    response.status_code,
                    headers={"content-type": response.get("Content-Type", "")},
                    content=response.content,
                    request=httpx.Request(kwargs["REQUEST_METHOD"], f"http://testserver{path}?{query}"),
                )
            )
        return response

    monkeypatch.setattr(APIClient, "request", checked)


@pytest.fixture
def documenten_fake(monkeypatch, validate_contract_responses):
    """The stand-in Documenten API behind `DocumentenClient`; its answers are checked against
    the official `documenten-1.5.0.yaml`."""
    from common import clients
    from common.testing import STANDARDS_DIR
    from zaken import clients as zaken_clients

    from .documenten import FakeDocumentenAPI

    fake = FakeDocumentenAPI()
    monkeypatch.setattr(zaken_clients, "documenten_transport", lambda: httpx.MockTransport(fake))
    validator = ContractValidator({"/documenten/api/v1/": STANDARDS_DIR / "zgw" / "documenten-1.5.0.yaml"})
    clients.response_hooks.append(validator)
    yield fake
    clients.response_hooks.remove(validator)
