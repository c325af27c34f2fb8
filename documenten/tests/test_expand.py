"""`expand` in the Documenten API: related resources under `_expand`, as far as the client may read them."""

from __future__ import annotations

import pytest

from .conftest import DOCUMENTEN, eio_body

pytestmark = pytest.mark.django_db
EIO = DOCUMENTEN + "enkelvoudiginformatieobjecten"


@pytest.fixture
def verzending(client, document) -> dict:
    response = client.post(
        DOCUMENTEN + "verzendingen",
        {
            "informatieobject": document["url"],
            "betrokkene": "https://klanten.example/api/v1/klanten/1",
            "aardRelatie": "geadresseerde",
            "verzenddatum": "2024-05-02",
            "contactPersoon": "https://klanten.example/api/v1/medewerkers/1",
            "emailadres": "ada@example.org",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    return response.json()


@pytest.fixture
def gebruiksrecht(client, document) -> dict:
    response = client.post(
        DOCUMENTEN + "gebruiksrechten",
        {"informatieobject": document["url"], "startdatum": "2024-01-01T00:00:00Z", "omschrijvingVoorwaarden": "x"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    return response.json()


def test_a_document_expands_its_informatieobjecttype(client, document, iotype):
    read = client.get(document["url"], {"expand": "informatieobjecttype"}).json()
    listed = client.get(EIO, {"expand": "informatieobjecttype"}).json()["results"]
    zoek = client.post(
        f"{EIO}/_zoek",
        {"uuid_In": [document["url"].rsplit("/", 1)[1]], "expand": "informatieobjecttype"},
        format="json",
    )

    assert read["_expand"]["informatieobjecttype"]["url"] == iotype
    assert read["_expand"]["informatieobjecttype"]["omschrijving"] == "Brief"
    assert {k: v for k, v in read.items() if k != "_expand"} == client.get(document["url"]).json()
    assert [d["_expand"]["informatieobjecttype"]["url"] for d in listed] == [iotype]
    assert zoek.status_code == 200, zoek.json()
    assert [d["_expand"]["informatieobjecttype"]["url"] for d in zoek.json()["results"]] == [iotype]


@pytest.mark.parametrize("resource", ["verzending", "gebruiksrecht"])
def test_a_relation_expands_its_informatieobject_and_a_level_deeper(client, document, iotype, resource, request):
    relatie = request.getfixturevalue(resource)
    collection = relatie["url"].rsplit("/", 1)[0]

    read = client.get(relatie["url"], {"expand": "informatieobject.informatieobjecttype"}).json()
    listed = client.get(collection, {"expand": "informatieobject"}).json()
    rows = listed["results"] if isinstance(listed, dict) else listed

    expanded = read["_expand"]["informatieobject"]
    assert expanded["url"] == document["url"]
    assert expanded["titel"] == document["titel"]
    assert expanded["_expand"]["informatieobjecttype"]["url"] == iotype
    assert [r["_expand"]["informatieobject"]["url"] for r in rows] == [document["url"]]
    assert "_expand" not in rows[0]["_expand"]["informatieobject"]


@pytest.mark.parametrize(
    ("path", "expand"),
    [
        ("enkelvoudiginformatieobjecten", "zaaktype"),
        ("enkelvoudiginformatieobjecten", "informatieobjecttype.catalogus"),
        ("verzendingen", "informatieobjecttype"),
        ("gebruiksrechten", "informatieobject.status"),
        ("objectinformatieobjecten", "object"),
    ],
)
def test_what_cannot_be_expanded_is_a_400(client, document, path, expand):
    response = client.get(DOCUMENTEN + path, {"expand": expand})

    assert response.status_code == 400
    assert [(p["name"], p["code"]) for p in response.json()["invalidParams"]] == [("expand", "invalid-expand")]


def test_an_informatieobjecttype_is_expanded_only_for_a_client_that_may_read_the_catalogue(
    make_api_client, client, document, iotype
):
    drc = {
        "component": "drc",
        "scopes": ["documenten.lezen"],
        "informatieobjecttype": iotype,
        "max_vertrouwelijkheidaanduiding": "zeer_geheim",
    }
    zonder = make_api_client(autorisaties=[drc])
    met = make_api_client(autorisaties=[drc, {"component": "ztc", "scopes": ["catalogi.lezen"]}])

    assert zonder.get(document["url"], {"expand": "informatieobjecttype"}).json()["_expand"] == {
        "informatieobjecttype": None
    }
    assert met.get(document["url"], {"expand": "informatieobjecttype"}).json()["_expand"]["informatieobjecttype"]


def test_a_limited_client_expands_only_what_it_may_list(make_api_client, client, make_iotype):
    eigen, ander = make_iotype("Brief"), make_iotype("Memo")
    zichtbaar = client.post(EIO, eio_body(eigen), format="json").json()
    verborgen = client.post(EIO, eio_body(ander, titel="VERBORGEN"), format="json").json()
    for document in (zichtbaar, verborgen):
        client.post(
            DOCUMENTEN + "gebruiksrechten",
            {"informatieobject": document["url"], "startdatum": "2024-01-01T00:00:00Z", "omschrijvingVoorwaarden": "x"},
            format="json",
        )
    beperkt = make_api_client(
        autorisaties=[
            {
                "component": "drc",
                "scopes": ["documenten.lezen"],
                "informatieobjecttype": eigen,
                "max_vertrouwelijkheidaanduiding": "zeer_geheim",
            }
        ]
    )

    response = beperkt.get(DOCUMENTEN + "gebruiksrechten", {"expand": "informatieobject.informatieobjecttype"})

    assert [r["_expand"]["informatieobject"]["url"] for r in response.json()] == [zichtbaar["url"]]
    assert b"VERBORGEN" not in response.content
