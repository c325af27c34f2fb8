"""Zaken API validation rules that the conformance collection checks by name and code."""

from __future__ import annotations

import pytest

from zaken.models import Rol, Status, Zaak
from zaken.services import catalogi_url

from .factories import RolTypeFactory, StatusTypeFactory, gepubliceerd_zaaktype
from .zaken_api import ZAKEN, zaak_body, zaak_create

pytestmark = pytest.mark.django_db

PRODUCT = "https://producten.example/api/v1/producten/1"


def invalid_params(response) -> list[tuple[str, str]]:
    return [(p["name"], p["code"]) for p in response.json()["invalidParams"]]


@pytest.fixture
def zaaktype():
    return gepubliceerd_zaaktype(producten_of_diensten=[PRODUCT])


@pytest.fixture
def zaak(api_client, zaaktype):
    return zaak_create(api_client, zaaktype)


class TestProductenOfDiensten:
    def test_those_of_the_zaaktype_are_accepted(self, api_client, zaaktype):
        assert zaak_create(api_client, zaaktype, productenOfDiensten=[PRODUCT])["productenOfDiensten"] == [PRODUCT]

    def test_others_are_refused_on_create_and_update(self, api_client, zaaktype, zaak):
        ander = ["https://producten.example/api/v1/producten/2"]

        responses = [
            api_client.post(f"{ZAKEN}zaken", zaak_body(zaaktype, productenOfDiensten=ander), format="json"),
            api_client.put(zaak["url"], zaak_body(zaaktype, productenOfDiensten=ander), format="json"),
            api_client.patch(zaak["url"], {"productenOfDiensten": ander}, format="json"),
        ]

        for response in responses:
            assert response.status_code == 400
            assert invalid_params(response) == [("productenOfDiensten", "invalid-products-services")]
        assert Zaak.objects.get().producten_of_diensten == []


def test_a_gegevensgroep_is_written_whole_in_a_patch_too(api_client, zaak):
    response = api_client.patch(zaak["url"], {"opschorting": {"wrongField": "x"}}, format="json")

    assert response.status_code == 400
    assert invalid_params(response) == [("opschorting.indicatie", "required"), ("opschorting.reden", "required")]
    geheel = api_client.patch(zaak["url"], {"opschorting": {"indicatie": True, "reden": "wacht"}}, format="json")
    assert geheel.status_code == 200
    assert geheel.json()["opschorting"] == {"indicatie": True, "reden": "wacht"}


class TestZaaktypeMismatch:
    """A part of a zaak must come from the zaak's own zaaktype (`nonFieldErrors`, `zaaktype-mismatch`)."""

    def test_a_rol_with_a_roltype_of_another_zaaktype(self, api_client, zaak):
        roltype = RolTypeFactory(zaaktype=gepubliceerd_zaaktype())
        body = {
            "zaak": zaak["url"],
            "roltype": catalogi_url(roltype),
            "betrokkeneType": "natuurlijk_persoon",
            "roltoelichting": "bla",
        }

        response = api_client.post(f"{ZAKEN}rollen", body, format="json")

        assert response.status_code == 400
        assert invalid_params(response) == [("nonFieldErrors", "zaaktype-mismatch")]
        assert not Rol.objects.exists()

    def test_a_status_with_a_statustype_of_another_zaaktype(self, api_client, zaak):
        statustype = StatusTypeFactory(zaaktype=gepubliceerd_zaaktype())
        body = {"zaak": zaak["url"], "statustype": catalogi_url(statustype), "datumStatusGezet": "2024-02-01T10:00:00Z"}

        response = api_client.post(f"{ZAKEN}statussen", body, format="json")

        assert invalid_params(response) == [("nonFieldErrors", "zaaktype-mismatch")]
        assert not Status.objects.exists()
