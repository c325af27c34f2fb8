"""Fixtures of the catalogue tests: clients with the scopes of the Catalogi API, and every
response of the Catalogi API checked against the committed contract."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from rest_framework.test import APIClient

from common.testing import ContractValidator

LEZEN = "catalogi.lezen"
SCHRIJVEN = "catalogi.schrijven"
CATALOGI = "/catalogi/api/v1/"
CONTRACT = Path(__file__).resolve().parents[1] / "openapi" / "catalogi.yaml"


@pytest.fixture
def beheerder(make_api_client):
    """A catalogue manager: reads and writes, without the forced scopes that lift the concept rules."""
    return make_api_client(autorisaties=[{"component": "ztc", "scopes": [LEZEN, SCHRIJVEN]}])


@pytest.fixture
def lezer(make_api_client):
    return make_api_client(autorisaties=[{"component": "ztc", "scopes": [LEZEN]}])


@pytest.fixture(autouse=True)
def catalogi_contract(monkeypatch):
    """Each answer of the Catalogi API in these tests must match `zaken/openapi/catalogi.yaml`."""
    validator = ContractValidator({CATALOGI: CONTRACT})
    request = APIClient.request

    def checked(self, **kwargs):
        response = request(self, **kwargs)
        path = kwargs.get("PATH_INFO", "")
        documented = response.status_code != 405  # a method the contract does not have
        if documented and path.startswith(CATALOGI) and not path.startswith(CATALOGI + "schema"):
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
