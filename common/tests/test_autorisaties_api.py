"""The Autorisaties API: applicaties with their autorisaties, as the ZGW standard has them."""

from __future__ import annotations

import pytest

from common.models import Applicatie

URL = "http://localhost:8000/autorisaties/api/v1/applicaties"
ZAAKTYPE = "http://localhost:8000/catalogi/api/v1/zaaktypen/0d7bb6f3-0b08-4c4e-8ad5-2a5f5e5f7a01"
IOTYPE = "http://localhost:8000/catalogi/api/v1/informatieobjecttypen/6b0f1d2c-6e9a-4d4e-9d55-7a0e2c1b3f02"
BESLUITTYPE = "http://localhost:8000/catalogi/api/v1/besluittypen/7c1a2e3d-7f0b-4e5f-8e66-8b1f3d2c4a03"

pytestmark = pytest.mark.django_db


def holders(client_id: str) -> list[Applicatie]:
    # JSON containment lookups differ per database; the lists are short.
    return [a for a in Applicatie.objects.all() if client_id in a.client_ids]


def params(response) -> list[tuple[str, str]]:
    return sorted((p["name"], p["code"]) for p in response.json()["invalidParams"])


def applicatie(client_ids, autorisaties=None, alle=False) -> dict:
    body = {"clientIds": client_ids, "label": "Zaaksysteem", "heeftAlleAutorisaties": alle}
    if autorisaties is not None:
        body["autorisaties"] = autorisaties
    return body


def test_create_read_and_find_by_client_id(api_client):
    body = applicatie(
        ["zaaksysteem", "zaaksysteem-acc"],
        [
            {
                "component": "zrc",
                "scopes": ["zaken.lezen", "zaken.aanmaken"],
                "zaaktype": ZAAKTYPE,
                "maxVertrouwelijkheidaanduiding": "zaakvertrouwelijk",
            }
        ],
    )
    created = api_client.post(URL, body, format="json")
    assert created.status_code == 201, created.json()
    data = created.json()
    assert data["clientIds"] == ["zaaksysteem", "zaaksysteem-acc"]
    assert data["autorisaties"][0]["componentWeergave"]
    assert data["autorisaties"][0]["maxVertrouwelijkheidaanduiding"] == "zaakvertrouwelijk"

    listed = api_client.get(URL, {"clientIds": "zaaksysteem-acc"}).json()
    assert [a["url"] for a in listed["results"]] == [data["url"]]
    assert api_client.get(URL, {"clientIds": "nobody"}).json()["results"] == []

    consumer = api_client.get(f"{URL}/consumer", {"clientId": "zaaksysteem"})
    assert consumer.status_code == 200
    assert consumer.json()["url"] == data["url"]
    assert api_client.get(f"{URL}/consumer", {"clientId": "nobody"}).status_code == 404


def test_client_id_is_unique_across_applicaties(api_client):
    assert api_client.post(URL, applicatie(["a", "b"], alle=True), format="json").status_code == 201
    response = api_client.post(URL, applicatie(["b"], alle=True), format="json")
    assert response.status_code == 400
    assert params(response) == [("clientIds", "clientId-exists")]
    assert len(holders("b")) == 1


def test_autorisaties_or_all_of_them_but_not_both(api_client):
    before = Applicatie.objects.count()
    missing = api_client.post(URL, applicatie(["x"]), format="json")
    assert params(missing) == [("nonFieldErrors", "missing-authorizations")]
    both = api_client.post(
        URL, applicatie(["x"], [{"component": "ztc", "scopes": ["catalogi.lezen"]}], alle=True), format="json"
    )
    assert params(both) == [("nonFieldErrors", "ambiguous-authorizations-specified")]
    assert Applicatie.objects.count() == before


@pytest.mark.parametrize(
    ("component", "scopes", "expected"),
    [
        (
            "zrc",
            ["zaken.lezen"],
            [
                ("autorisaties.0.maxVertrouwelijkheidaanduiding", "required"),
                ("autorisaties.0.zaaktype", "required"),
            ],
        ),
        (
            "drc",
            ["documenten.lezen"],
            [
                ("autorisaties.0.informatieobjecttype", "required"),
                ("autorisaties.0.maxVertrouwelijkheidaanduiding", "required"),
            ],
        ),
        ("brc", ["besluiten.lezen"], [("autorisaties.0.besluittype", "required")]),
    ],
)
def test_scopes_on_a_components_resources_need_a_type(api_client, component, scopes, expected):
    body = applicatie(
        ["typed"],
        [{"component": component, "scopes": scopes, "zaaktype": "", "maxVertrouwelijkheidaanduiding": ""}],
    )
    response = api_client.post(URL, body, format="json")
    assert response.status_code == 400
    assert params(response) == expected
    assert not holders("typed")


@pytest.mark.parametrize("component", ["zrc", "drc", "brc"])
def test_notification_scopes_need_no_type(api_client, component):
    body = applicatie(
        [f"notifier-{component}"],
        [{"component": component, "scopes": ["notificaties.publiceren"], "maxVertrouwelijkheidaanduiding": ""}],
    )
    response = api_client.post(URL, body, format="json")
    assert response.status_code == 201, response.json()


def test_update_replaces_the_autorisaties_and_delete_removes_them(api_client):
    created = api_client.post(
        URL,
        applicatie(
            ["docs"],
            [
                {
                    "component": "drc",
                    "scopes": ["documenten.lezen"],
                    "informatieobjecttype": IOTYPE,
                    "maxVertrouwelijkheidaanduiding": "openbaar",
                }
            ],
        ),
        format="json",
    ).json()
    replaced = api_client.patch(
        created["url"],
        {"autorisaties": [{"component": "brc", "scopes": ["besluiten.lezen"], "besluittype": BESLUITTYPE}]},
        format="json",
    )
    assert replaced.status_code == 200, replaced.json()
    assert [(a["component"], a["besluittype"]) for a in replaced.json()["autorisaties"]] == [("brc", BESLUITTYPE)]

    assert api_client.delete(created["url"]).status_code == 204
    assert api_client.get(created["url"]).status_code == 404
    assert not holders("docs")


def test_reading_needs_the_autorisaties_scope(make_api_client):
    reader = make_api_client(autorisaties=[{"component": "ac", "scopes": ["autorisaties.lezen"]}])
    assert reader.get(URL).status_code == 200
    refused = reader.post(URL, applicatie(["sneaky"], alle=True), format="json")
    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/problem+json"
    assert not holders("sneaky")


def test_client_ids_filter_matches_whole_client_ids_only(api_client):
    for client_ids in (["zaken", "zaken-acc"], ["documenten"], ["zaken-test"], []):
        Applicatie.objects.create(client_ids=client_ids, label="Zaaksysteem")

    def found(query: str) -> list[list[str]]:
        return [app["clientIds"] for app in api_client.get(URL, {"clientIds": query}).json()["results"]]

    assert found("zaken-acc") == [["zaken", "zaken-acc"]]
    assert found("documenten, zaken-test") == [["documenten"], ["zaken-test"]]
    assert found("zaak") == []
    assert found(",") == []
