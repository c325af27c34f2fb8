"""Problem titles are for people, in Dutch like the rest of the interface (the VNG collection
asserts codes, never titles)."""

from __future__ import annotations

import uuid

import pytest

pytestmark = pytest.mark.django_db


def test_a_problem_has_a_dutch_title(api_client, anonymous_client):
    unknown = api_client.get(f"/zaken/api/v1/zaken/{uuid.uuid4()}")
    anonymous = anonymous_client.get("/zaken/api/v1/zaken")
    invalid = api_client.post("/zaken/api/v1/zaken", {}, format="json")

    assert (unknown.status_code, unknown.json()["title"]) == (404, "Niet gevonden.")
    assert (anonymous.status_code, anonymous.json()["title"]) == (401, "Authenticatie vereist.")
    assert (invalid.status_code, invalid.json()["title"]) == (400, "Ongeldige invoer.")
