"""The Zaken and Besluiten APIs against the real Documenten API, in-process through its contract.

Documents are made through the Documenten API as any client would; the zaken app reads
them (exists, locked, indicatieGebruiksrecht, status) and mirrors its relations as
objectinformatieobjecten there. Every answer of the Documenten API is checked against its
committed contract (root conftest).
"""

from __future__ import annotations

import base64

import pytest
from django.conf import settings

from common.clients import APIClient
from zaken.models import Zaak
from zaken.services import catalogi_url

from .factories import InformatieObjectTypeFactory, ZaakTypeInformatieObjectTypeFactory, gepubliceerd_zaaktype
from .zaken_api import BESLUITEN, ZAKEN, resultaat_zetten, status_zetten, zaak_create

pytestmark = pytest.mark.django_db(transaction=True)  # providers answer on their own connection


@pytest.fixture
def zaaktype():
    zaaktype = gepubliceerd_zaaktype()
    informatieobjecttype = InformatieObjectTypeFactory(catalogus=zaaktype.catalogus, concept=False)
    ZaakTypeInformatieObjectTypeFactory(zaaktype=zaaktype, informatieobjecttype=informatieobjecttype)
    return zaaktype


@pytest.fixture
def documenten():
    with APIClient(settings.DOCUMENTEN_API_ROOT) as client:
        yield client


def document(documenten, zaaktype, **extra) -> dict:
    return documenten.create(
        "enkelvoudiginformatieobjecten",
        {
            "bronorganisatie": "002220647",
            "creatiedatum": "2024-05-01",
            "titel": "Aanvraag",
            "auteur": "Ada Aanvrager",
            "taal": "dut",
            "bestandsnaam": "aanvraag.txt",
            "inhoud": base64.b64encode(b"hallo").decode(),
            "informatieobjecttype": catalogi_url(zaaktype.informatieobjecttypen.get()),
            **extra,
        },
    )


def koppel(client, zaak, url):
    return client.post(f"{ZAKEN}zaakinformatieobjecten", {"zaak": zaak["url"], "informatieobject": url}, format="json")


def test_a_zaakinformatieobject_is_mirrored_and_its_removal_too(api_client, documenten, zaaktype):
    zaak = zaak_create(api_client, zaaktype)
    doc = document(documenten, zaaktype)

    response = koppel(api_client, zaak, doc["url"])

    assert response.status_code == 201, response.json()
    mirrored = list(documenten.list("objectinformatieobjecten", {"informatieobject": doc["url"]}))
    assert [(r["object"], r["objectType"]) for r in mirrored] == [(zaak["url"], "zaak")]
    assert api_client.delete(response.json()["url"]).status_code == 204
    assert list(documenten.list("objectinformatieobjecten", {"informatieobject": doc["url"]})) == []


def test_deleting_a_zaak_removes_its_mirrored_relations(api_client, documenten, zaaktype):
    zaak = zaak_create(api_client, zaaktype)
    doc = document(documenten, zaaktype)
    assert koppel(api_client, zaak, doc["url"]).status_code == 201

    assert api_client.delete(zaak["url"]).status_code == 204

    assert list(documenten.list("objectinformatieobjecten", {"informatieobject": doc["url"]})) == []


def test_closing_needs_indicatie_gebruiksrecht_and_no_lock(api_client, documenten, zaaktype):
    zaak = zaak_create(api_client, zaaktype)
    doc = document(documenten, zaaktype)  # indicatieGebruiksrecht is null until it is set
    koppel(api_client, zaak, doc["url"])
    resultaat_zetten(api_client, zaak, zaaktype.resultaattypen.get())

    response = status_zetten(api_client, zaak, zaaktype, eind=True)
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "indicatiegebruiksrecht-unset"

    lock = documenten.request("POST", doc["url"] + "/lock").json()["lock"]
    response = status_zetten(api_client, zaak, zaaktype, eind=True)
    assert response.json()["invalidParams"][0]["code"] == "informatieobject-locked"
    assert Zaak.objects.get(uuid=zaak["uuid"]).einddatum is None

    documenten.partial_update(doc["url"], {"indicatieGebruiksrecht": False, "lock": lock})
    assert documenten.request("POST", doc["url"] + "/unlock", json={"lock": lock}).status_code == 204
    assert status_zetten(api_client, zaak, zaaktype, eind=True).status_code == 201


def test_archiefstatus_needs_archived_documents(api_client, documenten, zaaktype):
    zaak = zaak_create(api_client, zaaktype, archiefnominatie="vernietigen", archiefactiedatum="2030-01-01")
    doc = document(documenten, zaaktype)
    koppel(api_client, zaak, doc["url"])

    response = api_client.patch(zaak["url"], {"archiefstatus": "gearchiveerd"}, format="json")

    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "documents-not-archived"


def test_a_besluitinformatieobject_is_mirrored(api_client, documenten, zaaktype):
    from .factories import BesluitTypeFactory

    besluittype = BesluitTypeFactory(catalogus=zaaktype.catalogus, concept=False)
    besluittype.informatieobjecttypen.add(zaaktype.informatieobjecttypen.get())
    besluit = api_client.post(
        f"{BESLUITEN}besluiten",
        {
            "verantwoordelijkeOrganisatie": "002220647",
            "besluittype": catalogi_url(besluittype),
            "datum": "2024-05-01",
            "ingangsdatum": "2024-05-02",
        },
        format="json",
    ).json()
    doc = document(documenten, zaaktype)

    response = api_client.post(
        f"{BESLUITEN}besluitinformatieobjecten",
        {"besluit": besluit["url"], "informatieobject": doc["url"]},
        format="json",
    )

    assert response.status_code == 201, response.json()
    mirrored = list(documenten.list("objectinformatieobjecten", {"informatieobject": doc["url"]}))
    assert [(r["object"], r["objectType"]) for r in mirrored] == [(besluit["url"], "besluit")]
    assert api_client.delete(besluit["url"]).status_code == 204
    assert list(documenten.list("objectinformatieobjecten", {"informatieobject": doc["url"]})) == []
