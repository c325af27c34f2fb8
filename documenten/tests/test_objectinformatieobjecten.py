"""Objectinformatieobjecten mirror relations that exist in the Zaken or Besluiten API.

The other side is the fake of `fake_zaken.py`: a Zaken and Besluiten API of another provider,
on a real socket, whose answers are validated against the official specifications. Against
our own Zaken API: test_cross_app.py and tests/test_cross_component_writes.py.
"""

from __future__ import annotations

import pytest

from common.models import Notificatie

from .conftest import DOCUMENTEN

pytestmark = pytest.mark.django_db
OIO = DOCUMENTEN + "objectinformatieobjecten"


def _error(response) -> tuple[str, str]:
    param = response.json()["invalidParams"][0]
    return param["name"], param["code"]


def test_a_zaakinformatieobject_shows_up_as_objectinformatieobject(client, document, fake_zaken_api):
    zaak = fake_zaken_api.zaak()
    fake_zaken_api.relate_zaak(zaak, document["url"])

    # what the Zaken API does after creating its zaakinformatieobject
    response = client.post(
        OIO, {"informatieobject": document["url"], "object": zaak, "objectType": "zaak"}, format="json"
    )

    assert response.status_code == 201, response.json()
    listed = client.get(OIO, {"object": zaak}).json()
    assert [(r["informatieobject"], r["objectType"]) for r in listed] == [(document["url"], "zaak")]
    assert client.get(OIO, {"informatieobject": document["url"]}).json() == listed
    assert Notificatie.objects.filter(kanaal="documenten", resource="objectinformatieobject", actie="create").exists()


def test_a_besluitinformatieobject_shows_up_too(client, document, fake_zaken_api):
    besluit = fake_zaken_api.besluit()
    fake_zaken_api.relate_besluit(besluit, document["url"])

    response = client.post(
        OIO, {"informatieobject": document["url"], "object": besluit, "objectType": "besluit"}, format="json"
    )

    assert response.status_code == 201, response.json()


@pytest.mark.parametrize("object_type", ["zaak", "besluit"])
def test_a_relation_that_does_not_exist_on_the_other_side_is_refused(client, document, fake_zaken_api, object_type):
    url = fake_zaken_api.zaak() if object_type == "zaak" else fake_zaken_api.besluit()

    response = client.post(
        OIO, {"informatieobject": document["url"], "object": url, "objectType": object_type}, format="json"
    )

    assert response.status_code == 400
    assert _error(response) == ("nonFieldErrors", "inconsistent-relation")
    assert not client.get(OIO).json()


def test_an_object_that_does_not_exist_is_bad_url(client, document, fake_zaken_api):
    missing = fake_zaken_api.zaken_root + "zaken/00000000-0000-4000-8000-000000000000"

    response = client.post(
        OIO, {"informatieobject": document["url"], "object": missing, "objectType": "zaak"}, format="json"
    )

    assert response.status_code == 400
    assert _error(response) == ("object", "bad-url")


def test_an_object_outside_the_api_roots_is_never_followed(client, document, fake_zaken_api):
    response = client.post(
        OIO,
        {"informatieobject": document["url"], "object": "http://elders.example/zaken/1", "objectType": "zaak"},
        format="json",
    )

    assert response.status_code == 400
    assert _error(response) == ("object", "bad-url")


def test_a_besluit_url_given_as_zaak_is_invalid_resource(client, document, fake_zaken_api):
    besluit = fake_zaken_api.besluit()

    response = client.post(
        OIO, {"informatieobject": document["url"], "object": besluit, "objectType": "zaak"}, format="json"
    )

    assert response.status_code == 400
    assert _error(response) == ("object", "invalid-resource")


def test_the_same_relation_twice_is_refused(client, document, fake_zaken_api):
    zaak = fake_zaken_api.zaak()
    fake_zaken_api.relate_zaak(zaak, document["url"])
    body = {"informatieobject": document["url"], "object": zaak, "objectType": "zaak"}
    assert client.post(OIO, body, format="json").status_code == 201

    response = client.post(OIO, body, format="json")

    assert response.status_code == 400
    assert _error(response) == ("nonFieldErrors", "unique")


def test_a_document_with_relations_cannot_be_deleted_until_they_are_gone(client, document, fake_zaken_api):
    zaak = fake_zaken_api.zaak()
    fake_zaken_api.relate_zaak(zaak, document["url"])
    relatie = client.post(
        OIO, {"informatieobject": document["url"], "object": zaak, "objectType": "zaak"}, format="json"
    ).json()

    refused = client.delete(document["url"])
    assert refused.status_code == 400
    assert _error(refused) == ("nonFieldErrors", "pending-relations")
    assert client.get(document["url"]).status_code == 200

    assert client.get(relatie["url"]).json() == relatie
    assert client.delete(relatie["url"]).status_code == 204
    assert client.delete(document["url"]).status_code == 204
    assert client.get(document["url"]).status_code == 404
