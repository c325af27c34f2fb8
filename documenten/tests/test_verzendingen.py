"""Verzendingen: from whom a document was received or to whom it was sent, over one channel."""

from __future__ import annotations

import pytest

from common.models import AuditTrail, Notificatie
from documenten.models import Verzending

from .conftest import DOCUMENTEN, eio_body

pytestmark = pytest.mark.django_db
VERZENDINGEN = DOCUMENTEN + "verzendingen"
BETROKKENE = "https://klanten.example/api/v1/klanten/1"
CONTACTPERSOON = "https://klanten.example/api/v1/medewerkers/7"
BINNENLANDS = {"huisnummer": 12, "naamOpenbareRuimte": "Spui", "woonplaatsnaam": "Den Haag", "postcode": "2511BT"}
BUITENLANDS = {"adresBuitenland1": "Rue de la Loi 200", "landPostadres": "https://landen.example/be"}
POSTADRES = {
    "postBusOfAntwoordnummer": 123,
    "postadresPostcode": "2500AA",
    "postadresType": "postbusnummer",
    "woonplaatsnaam": "Den Haag",
}
# every channel a verzending can take, as a body fragment
KANALEN = {
    "binnenlandsCorrespondentieadres": BINNENLANDS,
    "buitenlandsCorrespondentieadres": BUITENLANDS,
    "correspondentiePostadres": POSTADRES,
    "faxnummer": "0701234567",
    "emailadres": "ada@example.org",
    "telefoonnummer": "0612345678",
    "mijnOverheid": True,
}


def body(document: dict, **overrides) -> dict:
    result = {
        "informatieobject": document["url"],
        "betrokkene": BETROKKENE,
        "aardRelatie": "geadresseerde",
        "verzenddatum": "2024-05-02",
        "contactPersoon": CONTACTPERSOON,
        "binnenlandsCorrespondentieadres": BINNENLANDS,
    }
    result.update(overrides)
    return {key: value for key, value in result.items() if value is not ...}


def invalid_params(response) -> list[tuple[str, str]]:
    return [(p["name"], p["code"]) for p in response.json().get("invalidParams", [])]


def test_create_read_update_list_delete(client, document):
    created = client.post(VERZENDINGEN, body(document, toelichting="Besluit per post"), format="json")

    assert created.status_code == 201, created.json()
    verzending = created.json()
    assert verzending["binnenlandsCorrespondentieadres"]["naamOpenbareRuimte"] == "Spui"
    assert verzending["emailadres"] is None
    assert verzending["mijnOverheid"] is False
    assert client.get(verzending["url"]).json() == verzending
    assert client.get(VERZENDINGEN).json()["results"] == [verzending]

    patched = client.patch(
        verzending["url"], {"binnenlandsCorrespondentieadres": None, "emailadres": "ada@example.org"}, format="json"
    )
    assert patched.status_code == 200, patched.json()
    assert patched.json()["binnenlandsCorrespondentieadres"] is None
    assert patched.json()["emailadres"] == "ada@example.org"

    put = client.put(
        verzending["url"], body(document, binnenlandsCorrespondentieadres=..., mijnOverheid=True), format="json"
    )
    assert put.status_code == 200, put.json()
    assert put.json()["emailadres"] is None  # a PUT writes the whole verzending
    assert put.json()["mijnOverheid"] is True
    assert put.json()["toelichting"] == ""

    assert client.delete(verzending["url"]).status_code == 204
    assert client.get(verzending["url"]).status_code == 404
    assert not Verzending.objects.exists()


@pytest.mark.parametrize("kanaal", sorted(KANALEN))
def test_each_channel_on_its_own_is_a_verzending(client, document, kanaal):
    response = client.post(
        VERZENDINGEN, body(document, **{"binnenlandsCorrespondentieadres": ..., kanaal: KANALEN[kanaal]}), format="json"
    )

    assert response.status_code == 201, response.json()
    assert response.json()[kanaal] == KANALEN[kanaal]


@pytest.mark.parametrize(
    "kanalen",
    [
        (),
        ("binnenlandsCorrespondentieadres", "buitenlandsCorrespondentieadres"),
        ("correspondentiePostadres", "emailadres"),
        ("faxnummer", "telefoonnummer"),
        ("emailadres", "mijnOverheid"),
    ],
)
def test_none_or_more_than_one_channel_is_refused(client, document, kanalen):
    gegeven = {kanaal: KANALEN[kanaal] for kanaal in kanalen}

    response = client.post(
        VERZENDINGEN, body(document, **{"binnenlandsCorrespondentieadres": ..., **gegeven}), format="json"
    )

    assert response.status_code == 400
    assert invalid_params(response) == [("nonFieldErrors", "invalid-address")]
    assert not Verzending.objects.exists()


def test_empty_values_are_no_channel(client, document):
    response = client.post(
        VERZENDINGEN, body(document, emailadres="", faxnummer=None, mijnOverheid=False), format="json"
    )

    assert response.status_code == 201, response.json()


def test_a_patch_to_another_channel_clears_the_previous_one_explicitly(client, document):
    verzending = client.post(VERZENDINGEN, body(document), format="json").json()

    both = client.patch(verzending["url"], {"emailadres": "ada@example.org"}, format="json")
    switched = client.patch(
        verzending["url"], {"emailadres": "ada@example.org", "binnenlandsCorrespondentieadres": None}, format="json"
    )

    assert invalid_params(both) == [("nonFieldErrors", "invalid-address")]
    assert switched.status_code == 200


@pytest.mark.parametrize(("aard", "datum"), [("afzender", "ontvangstdatum"), ("geadresseerde", "verzenddatum")])
def test_the_date_of_the_aard_relatie_is_required(client, document, aard, datum):
    zonder = body(document, aardRelatie=aard, verzenddatum=..., ontvangstdatum=...)

    missing = client.post(VERZENDINGEN, zonder, format="json")
    given = client.post(VERZENDINGEN, {**zonder, datum: "2024-05-03"}, format="json")

    assert invalid_params(missing) == [(datum, "required")]
    assert given.status_code == 201, given.json()
    cleared = client.patch(given.json()["url"], {datum: None}, format="json")
    assert invalid_params(cleared) == [(datum, "required")]


def test_a_document_is_not_incoming_and_outgoing_at_once(client, document, iotype):
    uitgaand = client.post(VERZENDINGEN, body(document), format="json").json()
    tweede = client.post(VERZENDINGEN, body(document, betrokkene=BETROKKENE + "0"), format="json")
    inkomend = body(document, aardRelatie="afzender", ontvangstdatum="2024-05-01")

    refused = client.post(VERZENDINGEN, inkomend, format="json")
    turned = client.patch(uitgaand["url"], {"aardRelatie": "afzender", "ontvangstdatum": "2024-05-01"}, format="json")
    ander = client.post(DOCUMENTEN + "enkelvoudiginformatieobjecten", eio_body(iotype), format="json").json()

    assert tweede.status_code == 201
    assert invalid_params(refused) == [("aardRelatie", "inkomend-en-uitgaand")]
    assert invalid_params(turned) == [("aardRelatie", "inkomend-en-uitgaand")]
    assert client.post(VERZENDINGEN, {**inkomend, "informatieobject": ander["url"]}, format="json").status_code == 201


def test_the_shape_of_an_address_is_checked(client, document):
    zonder_huisnummer = {k: v for k, v in BINNENLANDS.items() if k != "huisnummer"}
    response = client.post(
        VERZENDINGEN, body(document, binnenlandsCorrespondentieadres=zonder_huisnummer), format="json"
    )
    postadres = client.post(
        VERZENDINGEN,
        body(
            document,
            binnenlandsCorrespondentieadres=...,
            correspondentiePostadres={**POSTADRES, "postadresType": "postduif"},
        ),
        format="json",
    )
    te_lang = client.post(
        VERZENDINGEN, body(document, faxnummer="0" * 16, binnenlandsCorrespondentieadres=...), format="json"
    )

    assert invalid_params(response) == [("binnenlandsCorrespondentieadres.huisnummer", "required")]
    assert invalid_params(postadres) == [("correspondentiePostadres.postadresType", "invalid_choice")]
    assert invalid_params(te_lang) == [("faxnummer", "max_length")]


def test_the_informatieobject_of_a_verzending_does_not_change(client, document, iotype):
    verzending = client.post(VERZENDINGEN, body(document), format="json").json()
    ander = client.post(DOCUMENTEN + "enkelvoudiginformatieobjecten", eio_body(iotype), format="json").json()

    response = client.patch(verzending["url"], {"informatieobject": ander["url"]}, format="json")

    assert invalid_params(response) == [("informatieobject", "wijzigen-niet-toegelaten")]


def test_the_list_filters(client, document, iotype):
    ander = client.post(DOCUMENTEN + "enkelvoudiginformatieobjecten", eio_body(iotype), format="json").json()
    naar = client.post(VERZENDINGEN, body(document), format="json").json()
    van = client.post(
        VERZENDINGEN,
        body(ander, aardRelatie="afzender", ontvangstdatum="2024-05-01", betrokkene=BETROKKENE + "0"),
        format="json",
    ).json()

    def urls(**params) -> list[str]:
        response = client.get(VERZENDINGEN, params)
        assert response.status_code == 200, response.json()
        return [v["url"] for v in response.json()["results"]]

    assert urls(aardRelatie="afzender") == [van["url"]]
    assert urls(informatieobject=document["url"]) == [naar["url"]]
    assert urls(betrokkene=BETROKKENE + "0") == [van["url"]]
    assert urls(betrokkene=BETROKKENE, aardRelatie="afzender") == []
    assert invalid_params(client.get(VERZENDINGEN, {"aardRelatie": "ontvanger"})) == [("aardRelatie", "invalid_choice")]


def test_deleting_the_document_deletes_its_verzendingen(client, document):
    client.post(VERZENDINGEN, body(document), format="json")

    assert client.delete(document["url"]).status_code == 204
    assert not Verzending.objects.exists()


def test_notifications_and_audit_trail(client, document):
    Notificatie.objects.all().delete()
    verzending = client.post(VERZENDINGEN, body(document), format="json").json()
    client.patch(verzending["url"], {"toelichting": "Aangetekend"}, format="json")
    client.delete(verzending["url"])

    berichten = Notificatie.objects.filter(resource="verzending").order_by("pk")
    uuid = verzending["url"].rsplit("/", 1)[1]
    assert [(n.kanaal, n.actie) for n in berichten] == [
        ("documenten", "create"),
        ("documenten", "partial_update"),
        ("documenten", "destroy"),
    ]
    assert {n.hoofd_object.rsplit("/", 1)[1] for n in berichten} == {document["url"].rsplit("/", 1)[1]}
    assert {n.resource_url.rsplit("/", 1)[1] for n in berichten} == {uuid}
    assert berichten[0].kenmerken["informatieobjecttype"] == document["informatieobjecttype"]
    regels = AuditTrail.objects.filter(resource="verzending").order_by("pk")
    assert [r.actie for r in regels] == ["create", "partial_update", "destroy"]
    assert regels[2].oud["betrokkene"] == BETROKKENE
    trail = client.get(document["url"] + "/audittrail").json()
    assert [e["actie"] for e in trail if e["resource"] == "verzending"] == ["create", "partial_update", "destroy"]


def test_a_limited_client_sees_and_changes_only_verzendingen_of_its_documents(make_api_client, client, make_iotype):
    eigen_type, ander_type = make_iotype("Brief"), make_iotype("Memo")
    eigen = client.post(DOCUMENTEN + "enkelvoudiginformatieobjecten", eio_body(eigen_type), format="json").json()
    geheim = client.post(
        DOCUMENTEN + "enkelvoudiginformatieobjecten",
        eio_body(eigen_type, vertrouwelijkheidaanduiding="geheim"),
        format="json",
    ).json()
    anders = client.post(DOCUMENTEN + "enkelvoudiginformatieobjecten", eio_body(ander_type), format="json").json()
    zichtbaar = client.post(VERZENDINGEN, body(eigen), format="json").json()
    verborgen = [client.post(VERZENDINGEN, body(d), format="json").json() for d in (geheim, anders)]
    beperkt = make_api_client(
        autorisaties=[
            {
                "component": "drc",
                "scopes": ["documenten.lezen", "documenten.aanmaken", "documenten.bijwerken", "documenten.verwijderen"],
                "informatieobjecttype": eigen_type,
                "max_vertrouwelijkheidaanduiding": "zaakvertrouwelijk",
            }
        ]
    )

    assert [v["url"] for v in beperkt.get(VERZENDINGEN).json()["results"]] == [zichtbaar["url"]]
    for v in verborgen:
        assert beperkt.get(v["url"]).status_code == 403
        assert beperkt.patch(v["url"], {"toelichting": "x"}, format="json").status_code == 403
        assert beperkt.delete(v["url"]).status_code == 403
    for d in (geheim, anders):
        assert beperkt.post(VERZENDINGEN, body(d), format="json").status_code == 403
    assert Verzending.objects.count() == 3
    assert beperkt.patch(zichtbaar["url"], {"toelichting": "x"}, format="json").status_code == 200
    assert beperkt.delete(zichtbaar["url"]).status_code == 204
