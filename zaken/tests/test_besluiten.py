"""The Besluiten API: besluiten, besluitinformatieobjecten, audit trail, notifications, authorisation."""

from __future__ import annotations

import pytest

from common.models import Notificatie
from zaken.models import Besluit, ZaakBesluit
from zaken.services import catalogi_url

from .factories import BesluitTypeFactory, InformatieObjectTypeFactory, gepubliceerd_zaaktype
from .zaken_api import BESLUITEN, BRONORGANISATIE, zaak_create

pytestmark = pytest.mark.django_db(transaction=True)  # providers answer on their own connection


@pytest.fixture
def besluittype():
    return BesluitTypeFactory(concept=False)


@pytest.fixture
def zaaktype(besluittype):
    zaaktype = gepubliceerd_zaaktype(catalogus=besluittype.catalogus)
    zaaktype.besluittypen.add(besluittype)
    return zaaktype


def besluit_body(besluittype, **extra) -> dict:
    return {
        "verantwoordelijkeOrganisatie": BRONORGANISATIE,
        "besluittype": catalogi_url(besluittype),
        "datum": "2024-02-29",
        "ingangsdatum": "2024-03-01",
        **extra,
    }


def test_crud_with_audit_trail_and_notifications(api_client, besluittype):
    response = api_client.post(f"{BESLUITEN}besluiten", besluit_body(besluittype), format="json")

    assert response.status_code == 201, response.json()
    besluit = response.json()
    assert besluit["identificatie"].startswith("BESLUIT-2024-")
    assert api_client.patch(besluit["url"], {"toelichting": "Zo"}, format="json").json()["toelichting"] == "Zo"
    put = api_client.put(
        besluit["url"],
        {
            **besluit_body(besluittype),
            "identificatie": besluit["identificatie"],
            "vervaldatum": "2025-03-01",
            "vervalreden": "tijdelijk",
        },
        format="json",
    )
    assert put.status_code == 200, put.json()
    assert put.json()["vervalredenWeergave"] == "Besluit met tijdelijke werking"
    trail = api_client.get(f"{besluit['url']}/audittrail").json()
    assert [e["actie"] for e in trail] == ["create", "partial_update", "update"]
    assert trail[0]["bron"] == "brc"
    assert api_client.get(f"{besluit['url']}/audittrail/{trail[0]['uuid']}").status_code == 200
    assert api_client.get(f"{BESLUITEN}besluiten", {"besluittype": catalogi_url(besluittype)}).json()["count"] == 1

    assert api_client.delete(besluit["url"]).status_code == 204
    acties = list(Notificatie.objects.filter(kanaal="besluiten").values_list("actie", flat=True))
    assert acties == ["create", "partial_update", "update", "destroy"]
    assert Notificatie.objects.filter(kanaal="besluiten").first().kenmerken == {
        "verantwoordelijkeOrganisatie": BRONORGANISATIE,
        "besluittype": catalogi_url(besluittype),
    }


def test_identificatie_unique_and_immutable(api_client, besluittype):
    api_client.post(f"{BESLUITEN}besluiten", besluit_body(besluittype, identificatie="B-1"), format="json")

    response = api_client.post(f"{BESLUITEN}besluiten", besluit_body(besluittype, identificatie="B-1"), format="json")
    assert response.json()["invalidParams"][0]["code"] == "identificatie-niet-uniek"
    besluit = Besluit.objects.get()
    url = f"http://localhost:8000{BESLUITEN}besluiten/{besluit.uuid}"
    response = api_client.patch(url, {"identificatie": "B-2"}, format="json")
    assert response.json()["invalidParams"][0]["code"] == "wijzigen-niet-toegelaten"


def test_a_concept_besluittype_is_refused(api_client):
    response = api_client.post(f"{BESLUITEN}besluiten", besluit_body(BesluitTypeFactory()), format="json")

    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "not-published"


def test_a_besluit_about_a_zaak_shows_under_the_zaak(api_client, besluittype, zaaktype):
    zaak = zaak_create(api_client, zaaktype)
    besluit = api_client.post(
        f"{BESLUITEN}besluiten", besluit_body(besluittype, zaak=zaak["url"]), format="json"
    ).json()

    zaakbesluiten = api_client.get(f"{zaak['url']}/besluiten").json()
    assert [z["besluit"] for z in zaakbesluiten] == [besluit["url"]]
    assert api_client.get(zaakbesluiten[0]["url"]).json()["besluit"] == besluit["url"]
    refused = api_client.delete(zaakbesluiten[0]["url"])
    assert (refused.status_code, refused.json()["invalidParams"][0]["code"]) == (400, "inconsistent-relation")

    assert api_client.patch(besluit["url"], {"zaak": None}, format="json").status_code == 200
    assert not ZaakBesluit.objects.exists()


def test_a_besluittype_outside_the_zaaktype_is_refused(api_client, zaaktype):
    ander = BesluitTypeFactory(concept=False)
    zaak = zaak_create(api_client, zaaktype)

    response = api_client.post(f"{BESLUITEN}besluiten", besluit_body(ander, zaak=zaak["url"]), format="json")

    assert response.json()["invalidParams"][0]["code"] == "zaaktype-mismatch"


def test_besluitinformatieobjecten_mirror_the_relation(api_client, besluittype, documenten_fake):
    besluit = api_client.post(f"{BESLUITEN}besluiten", besluit_body(besluittype), format="json").json()
    vreemd = documenten_fake.document()
    refused = api_client.post(
        f"{BESLUITEN}besluitinformatieobjecten", {"besluit": besluit["url"], "informatieobject": vreemd}, format="json"
    )
    assert refused.json()["invalidParams"][0]["code"] == "missing-besluittype-informatieobjecttype-relation"
    informatieobjecttype = InformatieObjectTypeFactory(catalogus=besluittype.catalogus)
    besluittype.informatieobjecttypen.add(informatieobjecttype)
    document = documenten_fake.document(informatieobjecttype=catalogi_url(informatieobjecttype))

    response = api_client.post(
        f"{BESLUITEN}besluitinformatieobjecten",
        {"besluit": besluit["url"], "informatieobject": document},
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert [(r["object"], r["objectType"]) for r in documenten_fake.relaties_voor(document)] == [
        (besluit["url"], "besluit")
    ]
    listed = api_client.get(f"{BESLUITEN}besluitinformatieobjecten", {"besluit": besluit["url"]}).json()
    assert [b["url"] for b in listed] == [response.json()["url"]]
    assert api_client.delete(response.json()["url"]).status_code == 204
    assert documenten_fake.relaties_voor(document) == []


def test_authorisation_per_besluittype(api_client, make_api_client, besluittype):
    ander = BesluitTypeFactory(concept=False)
    zichtbaar = api_client.post(f"{BESLUITEN}besluiten", besluit_body(besluittype), format="json").json()
    verborgen = api_client.post(f"{BESLUITEN}besluiten", besluit_body(ander), format="json").json()
    client = make_api_client(
        autorisaties=[{"component": "brc", "scopes": ["besluiten.lezen"], "besluittype": catalogi_url(besluittype)}]
    )

    assert [b["url"] for b in client.get(f"{BESLUITEN}besluiten").json()["results"]] == [zichtbaar["url"]]
    assert client.get(verborgen["url"]).status_code == 403
    assert client.post(f"{BESLUITEN}besluiten", besluit_body(besluittype), format="json").status_code == 403


def test_a_besluittype_in_use_is_not_deleted(api_client, besluittype):
    api_client.post(f"{BESLUITEN}besluiten", besluit_body(besluittype), format="json")
    besluittype.concept = True  # only concepts may be deleted at all
    besluittype.save()

    response = api_client.delete(catalogi_url(besluittype).replace("http://localhost:8000", ""))

    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "in-use"
    assert Besluit.objects.count() == 1


def test_verantwoordelijke_organisatie_is_immutable_and_reported_in_camel_case(api_client, besluittype):
    besluit = api_client.post(f"{BESLUITEN}besluiten", besluit_body(besluittype), format="json").json()

    response = api_client.patch(besluit["url"], {"verantwoordelijkeOrganisatie": "517439943"}, format="json")

    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "verantwoordelijkeOrganisatie"
    assert response.json()["invalidParams"][0]["code"] == "wijzigen-niet-toegelaten"
