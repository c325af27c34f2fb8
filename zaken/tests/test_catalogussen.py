"""Catalogussen: list, create, read, with the standard's filters."""

from __future__ import annotations

import pytest

from zaken.models import Catalogus
from zaken.services import catalogi_url as url

from .factories import BesluitTypeFactory, CatalogusFactory, InformatieObjectTypeFactory, ZaakTypeFactory

pytestmark = pytest.mark.django_db

CATALOGUSSEN = "/catalogi/api/v1/catalogussen"


def test_create_and_read(beheerder):
    response = beheerder.post(
        CATALOGUSSEN,
        {
            "domein": "ZGWT",
            "rsin": "002220647",
            "contactpersoonBeheerNaam": "Ada Archivaris",
            "contactpersoonBeheerEmailadres": "ada@example.org",
            "naam": "Zaaktypen gemeente",
            "versie": "1",
            "begindatumVersie": "2024-01-01",
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    catalogus = Catalogus.objects.get()
    assert response.json() == {
        "url": url(catalogus),
        "domein": "ZGWT",
        "rsin": "002220647",
        "contactpersoonBeheerNaam": "Ada Archivaris",
        "contactpersoonBeheerTelefoonnummer": "",
        "contactpersoonBeheerEmailadres": "ada@example.org",
        "zaaktypen": [],
        "besluittypen": [],
        "informatieobjecttypen": [],
        "naam": "Zaaktypen gemeente",
        "versie": "1",
        "begindatumVersie": "2024-01-01",
    }
    assert beheerder.get(url(catalogus)).json() == response.json()


def test_read_lists_its_types(lezer):
    catalogus = CatalogusFactory()
    zaaktype = ZaakTypeFactory(catalogus=catalogus)
    informatieobjecttype = InformatieObjectTypeFactory(catalogus=catalogus)
    besluittype = BesluitTypeFactory(catalogus=catalogus)

    body = lezer.get(url(catalogus)).json()

    assert body["zaaktypen"] == [url(zaaktype)]
    assert body["informatieobjecttypen"] == [url(informatieobjecttype)]
    assert body["besluittypen"] == [url(besluittype)]


@pytest.mark.parametrize(
    ("rsin", "code"), [("123", "invalid-length"), ("12345678a", "invalid-length"), ("123456789", "invalid")]
)
def test_the_rsin_passes_the_elfproef(beheerder, rsin, code):
    response = beheerder.post(
        CATALOGUSSEN, {"domein": "X", "rsin": rsin, "contactpersoonBeheerNaam": "A"}, format="json"
    )

    assert response.status_code == 400
    assert [(p["name"], p["code"]) for p in response.json()["invalidParams"]] == [("rsin", code)]


def test_domein_and_rsin_are_unique_together(beheerder):
    CatalogusFactory(domein="ZGWT", rsin="002220647")

    response = beheerder.post(
        CATALOGUSSEN, {"domein": "ZGWT", "rsin": "002220647", "contactpersoonBeheerNaam": "A"}, format="json"
    )

    assert response.status_code == 400
    assert [(p["name"], p["code"]) for p in response.json()["invalidParams"]] == [("nonFieldErrors", "unique")]


def test_filters(lezer):
    a = CatalogusFactory(domein="AAA", rsin="002220647")
    b = CatalogusFactory(domein="BBB", rsin="000000000")
    c = CatalogusFactory(domein="CCC", rsin="000000000")

    def urls(query):
        response = lezer.get(CATALOGUSSEN + query)
        assert response.status_code == 200
        return {item["url"] for item in response.json()["results"]}

    assert urls("") == {url(a), url(b), url(c)}
    assert urls("?domein=AAA") == {url(a)}
    assert urls("?domein__in=AAA,CCC") == {url(a), url(c)}
    assert urls("?rsin=000000000") == {url(b), url(c)}
    assert urls("?rsin__in=002220647") == {url(a)}


def test_paginated(lezer):
    CatalogusFactory.create_batch(3)

    body = lezer.get(CATALOGUSSEN).json()

    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 3


def test_no_update_or_delete(beheerder):
    catalogus = CatalogusFactory()

    assert beheerder.patch(url(catalogus), {"naam": "x"}, format="json").status_code == 405
    assert beheerder.delete(url(catalogus)).status_code == 405


def test_scopes(lezer, make_api_client):
    catalogus = CatalogusFactory()
    zonder = make_api_client(autorisaties=[{"component": "zrc", "scopes": ["catalogi.lezen"]}])

    assert zonder.get(CATALOGUSSEN).status_code == 403
    assert zonder.get(url(catalogus)).status_code == 403
    assert lezer.get(CATALOGUSSEN).status_code == 200
    assert lezer.post(CATALOGUSSEN, {}, format="json").status_code == 403
