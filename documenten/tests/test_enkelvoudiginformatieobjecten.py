"""Documents: create, read, versions, lock, update, delete, search, audit trail, notifications."""

from __future__ import annotations

import base64
import hashlib

import pytest

from common.models import AuditTrail, Notificatie

from .conftest import DOCUMENTEN, download, eio_body

pytestmark = pytest.mark.django_db
EIO = DOCUMENTEN + "enkelvoudiginformatieobjecten"


def _error(response) -> tuple[str, str]:
    param = response.json()["invalidParams"][0]
    return param["name"], param["code"]


def _lock(client, document: dict) -> str:
    response = client.post(document["url"] + "/lock")
    assert response.status_code == 200, response.json()
    return response.json()["lock"]


def test_create_stores_the_file_with_its_sha256(client, iotype):
    response = client.post(EIO, eio_body(iotype), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["versie"] == 1
    assert body["bestandsomvang"] == 11
    assert body["integriteit"]["algoritme"] == "sha_256"
    assert body["integriteit"]["waarde"] == hashlib.sha256(b"hello world").hexdigest()
    assert body["identificatie"].startswith("DOCUMENT-")
    assert body["locked"] is False and body["bestandsdelen"] == []
    assert download(client, body["inhoud"]) == b"hello world"
    assert client.get(body["url"]).json() == body


def test_vertrouwelijkheidaanduiding_defaults_from_the_informatieobjecttype(client, make_iotype):
    iotype = make_iotype("Geheim stuk", "geheim")

    defaulted = client.post(EIO, eio_body(iotype), format="json").json()
    explicit = client.post(EIO, eio_body(iotype, vertrouwelijkheidaanduiding="openbaar"), format="json").json()

    assert defaulted["vertrouwelijkheidaanduiding"] == "geheim"
    assert explicit["vertrouwelijkheidaanduiding"] == "openbaar"


def test_the_informatieobjecttype_must_resolve_and_be_published(client, make_iotype, catalogi):
    concept = make_iotype("Nog concept", publish=False)
    catalogus = next(iter(catalogi.list("catalogussen", {"domein": "DOCS"})))["url"]
    cases = {
        "http://localhost:8000/catalogi/api/v1/informatieobjecttypen/00000000-0000-4000-8000-000000000000": "bad-url",
        "http://elders.example/informatieobjecttypen/1": "bad-url",
        catalogus: "invalid-resource",
        concept: "not-published",
    }
    for url, code in cases.items():
        response = client.post(EIO, eio_body(url), format="json")
        assert response.status_code == 400, url
        assert _error(response) == ("informatieobjecttype", code), url


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"inhoud": "not base64!"}, "inhoud", "invalid"),
        ({"inhoud": "aGVsbG8"}, "inhoud", "invalid"),
        ({"bestandsomvang": 12}, "bestandsomvang", "file-size"),
        ({"creatiedatum": "2024-13-45"}, "creatiedatum", "invalid"),
        ({"ontvangstdatum": "gisteren"}, "ontvangstdatum", "invalid"),
        ({"taal": "nl"}, "taal", "min_length"),
        ({"indicatieGebruiksrecht": True}, "indicatieGebruiksrecht", "missing-gebruiksrechten"),
        (
            {"integriteit": {"algoritme": "sha_256", "waarde": "0" * 64, "datum": "2024-05-01"}},
            "integriteit",
            "integriteit-mismatch",
        ),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(client, iotype, documenten_storage, overrides, field, code):
    response = client.post(EIO, eio_body(iotype, **overrides), format="json")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert _error(response) == (field, code)
    assert client.get(EIO).json()["count"] == 0
    stored = [p for p in documenten_storage.rglob("*") if p.is_file()] if documenten_storage.exists() else []
    assert stored == []


def test_updates_need_the_lock(client, document):
    url = document["url"]
    unlocked = client.patch(url, {"titel": "Nieuw", "lock": "x"}, format="json")
    assert _error(unlocked) == ("nonFieldErrors", "unlocked")

    lock = _lock(client, document)
    assert _error(client.post(url + "/lock")) == ("nonFieldErrors", "existing-lock")
    assert _error(client.patch(url, {"titel": "Nieuw"}, format="json")) == ("nonFieldErrors", "missing-lock-id")
    put_body = {
        k: v for k, v in document.items() if k in ("bronorganisatie", "creatiedatum", "titel", "auteur", "taal")
    }
    put_body["informatieobjecttype"] = document["informatieobjecttype"]
    assert _error(client.put(url, put_body, format="json")) == ("lock", "required")
    assert _error(client.patch(url, {"titel": "Nieuw", "lock": "fout"}, format="json")) == (
        "nonFieldErrors",
        "incorrect-lock-id",
    )
    assert client.get(url).json()["versie"] == 1

    response = client.put(url, {**put_body, "titel": "Helemaal nieuw", "lock": lock}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["versie"] == 2 and response.json()["titel"] == "Helemaal nieuw"

    assert client.post(url + "/unlock", {"lock": lock}, format="json").status_code == 204
    assert client.get(url).json()["locked"] is False


def test_only_the_lock_holder_unlocks_unless_forced(client, document, make_api_client):
    scopes = ["documenten.lezen", "documenten.bijwerken", "documenten.lock"]
    grant = {
        "component": "drc",
        "scopes": scopes,
        "informatieobjecttype": document["informatieobjecttype"],
        "max_vertrouwelijkheidaanduiding": "geheim",
    }
    holder = make_api_client(autorisaties=[grant])
    url = document["url"]
    _lock(holder, document)

    wrong = holder.post(url + "/unlock", {"lock": "fout"}, format="json")
    missing = holder.post(url + "/unlock", {}, format="json")
    assert _error(wrong) == ("nonFieldErrors", "incorrect-lock-id")
    assert _error(missing) == ("lock", "missing-lock-id")
    assert client.get(url).json()["locked"] is True

    forcer = make_api_client(autorisaties=[{**grant, "scopes": [*scopes, "documenten.geforceerd-unlock"]}])
    assert forcer.post(url + "/unlock", {}, format="json").status_code == 204
    assert client.get(url).json()["locked"] is False


def test_the_informatieobjecttype_cannot_change(client, document, make_iotype):
    other = make_iotype("Ander type")
    lock = _lock(client, document)

    response = client.patch(document["url"], {"informatieobjecttype": other, "lock": lock}, format="json")

    assert _error(response) == ("informatieobjecttype", "wijzigen-niet-toegelaten")


def test_every_change_is_a_version_that_stays_readable(client, document):
    url = document["url"]
    lock = _lock(client, document)
    new_content = base64.b64encode(b"second content").decode()
    second = client.patch(url, {"inhoud": new_content, "lock": lock}, format="json").json()
    third = client.patch(url, {"titel": "Alleen metadata", "lock": lock}, format="json").json()

    assert [second["versie"], third["versie"]] == [2, 3]
    assert download(client, url + "/download?versie=1") == b"hello world"
    assert download(client, url + "/download") == b"second content"
    assert third["integriteit"] == second["integriteit"]
    assert third["integriteit"]["waarde"] == hashlib.sha256(b"second content").hexdigest()
    assert client.get(url, {"versie": 1}).json()["titel"] == "Vergunningsaanvraag"
    assert client.get(url, {"registratieOp": document["beginRegistratie"]}).json()["versie"] == 1
    assert client.get(url, {"registratieOp": "2000-01-01T00:00:00Z"}).status_code == 404
    assert client.get(url, {"versie": 9}).status_code == 404
    assert _error(client.get(url, {"versie": "twee"})) == ("versie", "invalid")
    assert _error(client.get(url, {"registratieOp": "gisteren"})) == ("registratieOp", "invalid")
    assert client.get(EIO).json()["count"] == 1


def test_list_filters_and_search(client, iotype):
    first = client.post(EIO, eio_body(iotype, identificatie="DOC-1", trefwoorden=["bouw", "vergunning"]), format="json")
    second = client.post(EIO, eio_body(iotype, identificatie="DOC-2", trefwoorden=["bouw"]), format="json")
    first, second = first.json(), second.json()

    assert [d["identificatie"] for d in client.get(EIO, {"identificatie": "DOC-2"}).json()["results"]] == ["DOC-2"]
    assert [d["identificatie"] for d in client.get(EIO, {"trefwoorden": "vergunning"}).json()["results"]] == ["DOC-1"]
    assert client.get(EIO, {"bronorganisatie": "002220647"}).json()["count"] == 2
    uuid = first["url"].rsplit("/", 1)[1]
    found = client.post(EIO + "/_zoek", {"uuid_In": [uuid]}, format="json")
    assert found.status_code == 200, found.json()
    assert [d["url"] for d in found.json()["results"]] == [first["url"]]
    duplicate = client.post(EIO, eio_body(iotype, identificatie="DOC-1"), format="json")
    assert _error(duplicate) == ("identificatie", "identificatie-niet-uniek")


def test_delete_takes_versions_files_gebruiksrechten_and_audit_trail(
    client, document, documenten_storage, django_capture_on_commit_callbacks
):
    url = document["url"]
    client.post(
        DOCUMENTEN + "gebruiksrechten",
        {"informatieobject": url, "startdatum": "2024-01-01T00:00:00Z", "omschrijvingVoorwaarden": "Alleen intern"},
        format="json",
    )
    assert client.get(url + "/audittrail").json()
    assert any(p.is_file() for p in documenten_storage.rglob("*"))

    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(url).status_code == 204

    assert client.get(url).status_code == 404
    assert client.get(DOCUMENTEN + "gebruiksrechten", {"informatieobject": url}).json() == []
    assert client.get(url + "/audittrail").status_code == 404
    assert not AuditTrail.objects.filter(hoofd_object=url).exists()
    assert not any(p.is_file() for p in documenten_storage.rglob("*"))


def test_audit_trail_records_each_change(client, document):
    lock = _lock(client, document)
    client.patch(document["url"], {"titel": "Anders", "lock": lock}, format="json")

    trail = client.get(document["url"] + "/audittrail").json()

    assert [(e["actie"], e["resultaat"]) for e in trail] == [("create", 201), ("partial_update", 200)]
    assert trail[1]["wijzigingen"]["oud"]["titel"] == "Vergunningsaanvraag"
    assert trail[1]["wijzigingen"]["nieuw"]["titel"] == "Anders"
    one = client.get(document["url"] + f"/audittrail/{trail[0]['uuid']}")
    assert one.json() == trail[0]


def test_notifications_on_kanaal_documenten_carry_the_status(client, document):
    lock = _lock(client, document)
    client.patch(document["url"], {"status": "definitief", "lock": lock}, format="json")

    messages = [n.message() for n in Notificatie.objects.filter(kanaal="documenten").order_by("pk")]

    assert [(m["actie"], m["resource"]) for m in messages] == [
        ("create", "enkelvoudiginformatieobject"),
        ("partial_update", "enkelvoudiginformatieobject"),
    ]
    assert messages[1]["hoofdObject"] == document["url"]
    assert messages[1]["kenmerken"] == {
        "bronorganisatie": "002220647",
        "informatieobjecttype": document["informatieobjecttype"],
        "vertrouwelijkheidaanduiding": "zaakvertrouwelijk",
        "status": "definitief",
    }
    client.post(document["url"] + "/unlock", {"lock": lock}, format="json")
    client.delete(document["url"])
    assert Notificatie.objects.filter(kanaal="documenten", actie="destroy", resource_url=document["url"]).exists()


def test_a_document_without_content_has_nothing_to_download(client, iotype):
    body = client.post(EIO, eio_body(iotype, inhoud=None), format="json").json()

    assert body["inhoud"] is None
    response = client.get(body["url"] + "/download")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_malformed_requests_get_problem_json(client):
    for path in (EIO + "/not-a-uuid", EIO + "/0/audittrail", EIO + "/W/download"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response["Content-Type"] == "application/problem+json"

    not_json = client.post(EIO, data=b"\x00", content_type="application/json")
    assert not_json.status_code == 400
    assert not_json.json()["invalidParams"][0]["code"] == "parse_error"
