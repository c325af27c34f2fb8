"""Status rules of the standard: no `in_bewerking` or `ter_vaststelling` with an ontvangstdatum;
a definitive document changes only with `documenten.geforceerd-bijwerken`."""

from __future__ import annotations

import pytest

from .conftest import DOCUMENTEN, eio_body

pytestmark = pytest.mark.django_db
EIO = DOCUMENTEN + "enkelvoudiginformatieobjecten"


def _error(response) -> tuple[str, str]:
    param = response.json()["invalidParams"][0]
    return param["name"], param["code"]


@pytest.mark.parametrize("status", ["in_bewerking", "ter_vaststelling"])
def test_not_with_an_ontvangstdatum_on_create(client, iotype, status):
    response = client.post(EIO, eio_body(iotype, status=status, ontvangstdatum="2024-05-02"), format="json")

    assert response.status_code == 400
    assert _error(response) == ("status", "invalid_for_received")


@pytest.mark.parametrize("status", ["in_bewerking", "ter_vaststelling"])
def test_not_with_an_ontvangstdatum_on_update(client, iotype, status):
    document = client.post(EIO, eio_body(iotype, status=status), format="json").json()
    lock = client.post(document["url"] + "/lock").json()["lock"]

    patched = client.patch(document["url"], {"ontvangstdatum": "2024-05-02", "lock": lock}, format="json")
    put_body = {**eio_body(iotype, status=status, ontvangstdatum="2024-05-02"), "lock": lock}
    put = client.put(document["url"], put_body, format="json")

    assert _error(patched) == ("status", "invalid_for_received")
    assert _error(put) == ("status", "invalid_for_received")
    assert client.get(document["url"]).json()["versie"] == 1


@pytest.mark.parametrize("status", ["definitief", "concept", "gearchiveerd", "vastgesteld"])
def test_other_statuses_go_with_an_ontvangstdatum(client, iotype, status):
    response = client.post(EIO, eio_body(iotype, status=status, ontvangstdatum="2024-05-02"), format="json")

    assert response.status_code == 201


def test_a_definitive_document_changes_only_when_forced(client, iotype, make_api_client):
    scopes = ["documenten.lezen", "documenten.aanmaken", "documenten.bijwerken", "documenten.lock"]
    grant = {"component": "drc", "informatieobjecttype": iotype, "max_vertrouwelijkheidaanduiding": "geheim"}
    behandelaar = make_api_client(autorisaties=[{**grant, "scopes": scopes}])
    document = behandelaar.post(EIO, eio_body(iotype, status="definitief"), format="json").json()
    lock = behandelaar.post(document["url"] + "/lock").json()["lock"]

    refused = behandelaar.patch(document["url"], {"titel": "Anders", "lock": lock}, format="json")
    assert _error(refused) == ("status", "status-definitief")

    forced = make_api_client(autorisaties=[{**grant, "scopes": [*scopes, "documenten.geforceerd-bijwerken"]}])
    response = forced.patch(document["url"], {"titel": "Anders", "lock": lock}, format="json")
    assert response.status_code == 200
    assert response.json()["titel"] == "Anders"


def test_an_unknown_status_is_refused(client, iotype):
    response = client.post(EIO, eio_body(iotype, status="klaar"), format="json")

    assert _error(response) == ("status", "invalid_choice")
