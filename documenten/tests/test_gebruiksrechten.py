"""Gebruiksrechten: their existence is what `indicatieGebruiksrecht` of the document says."""

from __future__ import annotations

import pytest

from .conftest import DOCUMENTEN

pytestmark = pytest.mark.django_db
GEBRUIKSRECHTEN = DOCUMENTEN + "gebruiksrechten"


def _body(document: dict, **overrides) -> dict:
    body = {
        "informatieobject": document["url"],
        "startdatum": "2024-01-01T00:00:00Z",
        "omschrijvingVoorwaarden": "Alleen voor intern gebruik",
    }
    body.update(overrides)
    return body


def test_gebruiksrechten_set_and_clear_the_indicatie(client, document):
    assert document["indicatieGebruiksrecht"] is None

    created = client.post(GEBRUIKSRECHTEN, _body(document), format="json")
    assert created.status_code == 201, created.json()
    assert client.get(document["url"]).json()["indicatieGebruiksrecht"] is True

    recht = created.json()
    assert client.get(recht["url"]).json() == recht
    assert client.get(GEBRUIKSRECHTEN, {"informatieobject": document["url"]}).json() == [recht]
    assert client.get(GEBRUIKSRECHTEN, {"startdatum__gt": "2024-06-01T00:00:00Z"}).json() == []

    patched = client.patch(recht["url"], {"einddatum": "2025-01-01T00:00:00Z"}, format="json")
    assert patched.status_code == 200
    assert patched.json()["einddatum"].startswith("2025-01-01")

    assert client.delete(recht["url"]).status_code == 204
    assert client.get(document["url"]).json()["indicatieGebruiksrecht"] is None


def test_bad_gebruiksrechten_are_refused(client, document):
    unknown = client.post(
        GEBRUIKSRECHTEN,
        _body(
            document,
            informatieobject=document["url"].replace(document["url"][-36:], "0" * 8 + "-0000-4000-8000-" + "0" * 12),
        ),
        format="json",
    )
    reversed_period = client.post(GEBRUIKSRECHTEN, _body(document, einddatum="2023-01-01T00:00:00Z"), format="json")
    bad_date = client.post(GEBRUIKSRECHTEN, _body(document, startdatum="morgen"), format="json")

    assert unknown.json()["invalidParams"][0]["code"] == "does_not_exist"
    assert reversed_period.json()["invalidParams"][0]["code"] == "einddatum-voor-startdatum"
    assert bad_date.json()["invalidParams"][0]["name"] == "startdatum"
    assert client.get(GEBRUIKSRECHTEN).json() == []
