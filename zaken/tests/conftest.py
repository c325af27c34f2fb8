"""Fixtures of the catalogue tests: clients with the scopes of the Catalogi API."""

from __future__ import annotations

import pytest

LEZEN = "catalogi.lezen"
SCHRIJVEN = "catalogi.schrijven"


@pytest.fixture
def beheerder(make_api_client):
    """A catalogue manager: reads and writes, without the forced scopes that lift the concept rules."""
    return make_api_client(autorisaties=[{"component": "ztc", "scopes": [LEZEN, SCHRIJVEN]}])


@pytest.fixture
def lezer(make_api_client):
    return make_api_client(autorisaties=[{"component": "ztc", "scopes": [LEZEN]}])
