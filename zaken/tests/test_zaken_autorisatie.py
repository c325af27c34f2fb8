"""Authorisation per zaaktype and vertrouwelijkheidaanduiding, and the scopes of closed zaken."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from zaken.models import Zaak
from zaken.services import catalogi_url

from .factories import gepubliceerd_zaaktype
from .zaken_api import ZAKEN, resultaat_zetten, status_zetten, zaak_create

pytestmark = pytest.mark.django_db

LEZEN = "zaken.lezen"


@pytest.fixture
def zaaktype():
    return gepubliceerd_zaaktype()


def client_voor(make_api_client, zaaktype, scopes, maximum="zaakvertrouwelijk"):
    return make_api_client(
        autorisaties=[
            {
                "component": "zrc",
                "scopes": scopes,
                "zaaktype": catalogi_url(zaaktype),
                "max_vertrouwelijkheidaanduiding": maximum,
            }
        ]
    )


def test_lists_and_reads_hold_only_what_the_client_may_see(api_client, make_api_client, zaaktype):
    ander = gepubliceerd_zaaktype(catalogus=zaaktype.catalogus)
    zichtbaar = zaak_create(api_client, zaaktype, vertrouwelijkheidaanduiding="intern")
    te_geheim = zaak_create(api_client, zaaktype, vertrouwelijkheidaanduiding="geheim")
    ander_type = zaak_create(api_client, ander, vertrouwelijkheidaanduiding="openbaar")
    client = client_voor(make_api_client, zaaktype, [LEZEN])

    listed = client.get(f"{ZAKEN}zaken").json()
    assert [z["url"] for z in listed["results"]] == [zichtbaar["url"]]
    assert listed["count"] == 1
    assert client.get(zichtbaar["url"]).status_code == 200
    assert client.get(te_geheim["url"]).status_code == 403
    assert client.get(ander_type["url"]).status_code == 403
    zoek = client.post(f"{ZAKEN}zaken/_zoek", {}, format="json").json()
    assert [z["url"] for z in zoek["results"]] == [zichtbaar["url"]]


def test_up_to_zeer_geheim_lists_every_zaak_of_the_zaaktype_and_no_other(api_client, make_api_client, zaaktype):
    ander = gepubliceerd_zaaktype(catalogus=zaaktype.catalogus)
    zaken = [zaak_create(api_client, zaaktype, vertrouwelijkheidaanduiding=v) for v in ("openbaar", "zeer_geheim")]
    zaak_create(api_client, ander, vertrouwelijkheidaanduiding="openbaar")
    client = client_voor(make_api_client, zaaktype, [LEZEN], maximum="zeer_geheim")

    listed = client.get(f"{ZAKEN}zaken").json()
    assert sorted(z["url"] for z in listed["results"]) == sorted(z["url"] for z in zaken)
    assert listed["count"] == 2


def test_a_zaak_cannot_be_stored_with_a_vertrouwelijkheidaanduiding_outside_the_standard(api_client, zaaktype):
    """The list of a client that may see up to zeer_geheim relies on it."""
    zaak = zaak_create(api_client, zaaktype)
    with pytest.raises(IntegrityError), transaction.atomic():
        Zaak.objects.filter(uuid=zaak["uuid"]).update(vertrouwelijkheidaanduiding="")


def test_the_parts_of_invisible_zaken_are_hidden_too(api_client, make_api_client, zaaktype):
    ander = gepubliceerd_zaaktype(catalogus=zaaktype.catalogus)
    verborgen = zaak_create(api_client, ander)
    status = status_zetten(api_client, verborgen, ander, eind=False).json()
    client = client_voor(make_api_client, zaaktype, [LEZEN])

    assert client.get(f"{ZAKEN}statussen").json()["results"] == []
    assert client.get(status["url"]).status_code == 403
    assert client.get(f"{verborgen['url']}/zaakeigenschappen").status_code == 403


def test_creating_needs_aanmaken_for_the_zaaktype(api_client, make_api_client, zaaktype):
    ander = gepubliceerd_zaaktype(catalogus=zaaktype.catalogus)
    client = client_voor(make_api_client, zaaktype, [LEZEN, "zaken.aanmaken"])
    body = {
        "zaaktype": catalogi_url(ander),
        "bronorganisatie": "002220647",
        "verantwoordelijkeOrganisatie": "002220647",
        "startdatum": "2024-01-01",
    }

    assert client.post(f"{ZAKEN}zaken", body, format="json").status_code == 403
    assert client.post(f"{ZAKEN}zaken", {**body, "zaaktype": catalogi_url(zaaktype)}, format="json").status_code == 201
    assert Zaak.objects.count() == 1
    lezer = client_voor(make_api_client, zaaktype, [LEZEN])
    assert lezer.post(f"{ZAKEN}zaken", {**body, "zaaktype": catalogi_url(zaaktype)}, format="json").status_code == 403


@pytest.fixture
def gesloten_zaak(api_client, zaaktype):
    zaak = zaak_create(api_client, zaaktype)
    resultaat_zetten(api_client, zaak, zaaktype.resultaattypen.get())
    assert status_zetten(api_client, zaak, zaaktype, eind=True).status_code == 201
    return zaak


def test_a_closed_zaak_changes_only_with_geforceerd_bijwerken(make_api_client, zaaktype, gesloten_zaak):
    gewoon = client_voor(make_api_client, zaaktype, [LEZEN, "zaken.bijwerken"])
    geforceerd = client_voor(make_api_client, zaaktype, [LEZEN, "zaken.bijwerken", "zaken.geforceerd-bijwerken"])
    rol = {
        "zaak": gesloten_zaak["url"],
        "betrokkeneType": "medewerker",
        "roltype": catalogi_url(zaaktype.roltypen.get()),
        "roltoelichting": "Behandelaar",
        "betrokkeneIdentificatie": {"identificatie": "m1"},
    }

    assert gewoon.patch(gesloten_zaak["url"], {"omschrijving": "x"}, format="json").status_code == 403
    assert gewoon.post(f"{ZAKEN}rollen", rol, format="json").status_code == 403
    assert geforceerd.patch(gesloten_zaak["url"], {"omschrijving": "x"}, format="json").status_code == 200
    assert geforceerd.post(f"{ZAKEN}rollen", rol, format="json").status_code == 201


def test_reopening_needs_heropenen(make_api_client, zaaktype, gesloten_zaak):
    zonder = client_voor(make_api_client, zaaktype, [LEZEN, "zaken.statussen.toevoegen"])
    met = client_voor(make_api_client, zaaktype, [LEZEN, "zaken.heropenen"])

    assert status_zetten(zonder, gesloten_zaak, zaaktype, eind=False).status_code == 403
    assert Zaak.objects.get(uuid=gesloten_zaak["uuid"]).einddatum is not None
    assert status_zetten(met, gesloten_zaak, zaaktype, eind=False).status_code == 201
    assert Zaak.objects.get(uuid=gesloten_zaak["uuid"]).einddatum is None


def test_audittrail_needs_its_scope(make_api_client, api_client, zaaktype):
    zaak = zaak_create(api_client, zaaktype)
    lezer = client_voor(make_api_client, zaaktype, [LEZEN])
    auditor = client_voor(make_api_client, zaaktype, ["audittrails.lezen"])

    assert lezer.get(f"{zaak['url']}/audittrail").status_code == 403
    assert [e["actie"] for e in auditor.get(f"{zaak['url']}/audittrail").json()] == ["create"]
