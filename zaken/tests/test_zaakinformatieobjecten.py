"""Zaakinformatieobjecten and the rules that look at documents, through the Documenten API contract.

The Documenten API here is the stand-in of `zaken/tests/documenten.py`, built from
`documenten-1.5.0.yaml` and checked against it, so each document state (locked, without
indicatieGebruiksrecht, archived) is one line to set up. The same rules against the real
in-process Documenten API: `test_documenten_contract.py`.
"""

from __future__ import annotations

import pytest

from zaken.models import Zaak, ZaakInformatieObject
from zaken.services import catalogi_url

from .factories import ZaakTypeInformatieObjectTypeFactory, gepubliceerd_zaaktype
from .zaken_api import ZAKEN, resultaat_zetten, status_zetten, zaak_create

pytestmark = pytest.mark.django_db(transaction=True)  # providers answer on their own connection


@pytest.fixture
def zaaktype():
    return gepubliceerd_zaaktype()


@pytest.fixture
def documenten(documenten_fake, zaaktype):
    """The stand-in Documenten API, whose documents have an informatieobjecttype of the zaaktype."""
    relatie = ZaakTypeInformatieObjectTypeFactory(zaaktype=zaaktype)
    documenten_fake.informatieobjecttype = catalogi_url(relatie.informatieobjecttype)
    return documenten_fake


@pytest.fixture
def zaak(api_client, zaaktype):
    return zaak_create(api_client, zaaktype)


def koppel(client, zaak, document):
    return client.post(
        f"{ZAKEN}zaakinformatieobjecten", {"zaak": zaak["url"], "informatieobject": document}, format="json"
    )


def test_create_checks_the_document_and_mirrors_the_relation(api_client, zaak, documenten):
    document = documenten.document()

    response = koppel(api_client, zaak, document)

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["aardRelatieWeergave"] == "Hoort bij, omgekeerd: kent"
    assert body["registratiedatum"]
    assert [(r["object"], r["objectType"]) for r in documenten.relaties_voor(document)] == [(zaak["url"], "zaak")]
    assert api_client.get(zaak["url"]).json()["zaakinformatieobjecten"] == [body["url"]]
    listed = api_client.get(f"{ZAKEN}zaakinformatieobjecten", {"zaak": zaak["url"]}).json()
    assert [z["url"] for z in listed] == [body["url"]]

    assert koppel(api_client, zaak, document).status_code == 400  # the pair is unique

    assert api_client.delete(body["url"]).status_code == 204
    assert documenten.relaties_voor(document) == []


def test_a_document_that_does_not_exist_is_refused(api_client, zaak, documenten):
    missing = f"{documenten.root}enkelvoudiginformatieobjecten/5d3c39d8-0a1e-4b7b-8e43-05ca1b6cb1f0"

    for url, code in ((missing, "bad-url"), ("https://elders.example.com/documenten/1", "bad-url")):
        response = koppel(api_client, zaak, url)
        assert response.status_code == 400
        assert response.json()["invalidParams"][0]["name"] == "informatieobject"
        assert response.json()["invalidParams"][0]["code"] == code
    assert not ZaakInformatieObject.objects.exists()


def test_zaak_and_informatieobject_do_not_change(api_client, zaak, zaaktype, documenten):
    zio = koppel(api_client, zaak, documenten.document()).json()
    andere = zaak_create(api_client, zaaktype)

    assert api_client.patch(zio["url"], {"titel": "Nieuw"}, format="json").json()["titel"] == "Nieuw"
    response = api_client.patch(zio["url"], {"zaak": andere["url"]}, format="json")
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "wijzigen-niet-toegelaten"
    response = api_client.patch(zio["url"], {"informatieobject": documenten.document()}, format="json")
    assert response.json()["invalidParams"][0]["code"] == "wijzigen-niet-toegelaten"


@pytest.mark.parametrize(
    ("document", "code"),
    [
        ({"locked": True, "indicatie_gebruiksrecht": False}, "informatieobject-locked"),
        ({"indicatie_gebruiksrecht": None}, "indicatiegebruiksrecht-unset"),
    ],
)
def test_closing_is_refused_for_a_locked_document_or_unset_gebruiksrecht(
    api_client, zaak, zaaktype, documenten, document, code
):
    koppel(api_client, zaak, documenten.document(**document))
    resultaat_zetten(api_client, zaak, zaaktype.resultaattypen.get())

    response = status_zetten(api_client, zaak, zaaktype, eind=True)

    assert response.status_code == 400
    assert response.json()["invalidParams"][0] == {
        "name": "nonFieldErrors",
        "code": code,
        "reason": response.json()["invalidParams"][0]["reason"],
    }
    assert Zaak.objects.get(uuid=zaak["uuid"]).einddatum is None


def test_archiefstatus_rules(api_client, zaak, zaaktype, documenten):
    document = documenten.document()
    koppel(api_client, zaak, document)

    def archiveren(**extra):
        return api_client.patch(zaak["url"], {"archiefstatus": "gearchiveerd", **extra}, format="json")

    # the documents first (as the conformance collection expects), then nominatie and datum
    response = archiveren()
    assert (response.status_code, response.json()["invalidParams"][0]["name"]) == (400, "archiefstatus")
    assert response.json()["invalidParams"][0]["code"] == "documents-not-archived"
    assert Zaak.objects.get(uuid=zaak["uuid"]).archiefstatus == "nog_te_archiveren"

    documenten.set(document, status="gearchiveerd")
    response = archiveren()
    assert (response.status_code, response.json()["invalidParams"][0]["code"]) == (400, "archiefnominatie-not-set")
    response = archiveren(archiefnominatie="vernietigen")
    assert response.json()["invalidParams"][0]["code"] == "archiefactiedatum-not-set"
    documenten.set(document, status="gearchiveerd")
    assert archiveren(archiefnominatie="vernietigen", archiefactiedatum="2030-01-01").status_code == 200

    # archived: the parts of the zaak no longer change
    response = status_zetten(api_client, zaak, zaaktype, eind=False)
    assert (response.status_code, response.json()["code"]) == (400, "zaak-archiefstatus-invalid")
    response = koppel(api_client, zaak, documenten.document())
    assert response.json()["code"] == "zaak-archiefstatus-invalid"


def test_the_document_must_have_an_informatieobjecttype_of_the_zaaktype(api_client, zaak, documenten_fake):
    vreemd = documenten_fake.document()  # the stand-in's own informatieobjecttype, not one of the zaaktype's

    response = koppel(api_client, zaak, vreemd)

    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "missing-zaaktype-informatieobjecttype-relation"
    assert documenten_fake.relaties_voor(vreemd) == []
