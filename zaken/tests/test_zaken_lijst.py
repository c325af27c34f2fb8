"""The pages of the list of zaken: every zaak once, in the list's order, with its related rows."""

from __future__ import annotations

import datetime as dt

import pytest

from zaken.models import Rol, Zaak

from .factories import RolTypeFactory, ZaakFactory, ZaakTypeFactory
from .zaken_api import ZAKEN

pytestmark = pytest.mark.django_db


@pytest.fixture
def zaken():
    """205 zaken (three pages), each started on a day of its own, the oldest first."""
    zaaktype = ZaakTypeFactory(gepubliceerd=True)
    return Zaak.objects.bulk_create(
        ZaakFactory.build(zaaktype=zaaktype, startdatum=dt.date(2020, 1, 1) + dt.timedelta(days=(i * 7) % 205))
        for i in range(205)
    )


def _pages(client, **params) -> tuple[list[int], list[str]]:
    """The `count` of each page, and the uuids of the zaken on them, page after page."""
    counts, uuids, page = [], [], 1
    while page:
        body = client.get(f"{ZAKEN}zaken", {**params, "page": page}).json()
        counts.append(body["count"])
        uuids += [zaak["uuid"] for zaak in body["results"]]
        page = page + 1 if body["next"] else 0
    return counts, uuids


def test_the_pages_hold_every_zaak_once_newest_first(api_client, zaken):
    counts, uuids = _pages(api_client)

    assert counts == [205, 205, 205]
    assert uuids == [str(zaak.uuid) for zaak in sorted(zaken, key=lambda zaak: -zaak.pk)]


def test_the_pages_follow_the_ordering_asked(api_client, zaken):
    counts, uuids = _pages(api_client, ordering="startdatum")

    assert counts == [205, 205, 205]
    assert uuids == [str(zaak.uuid) for zaak in sorted(zaken, key=lambda zaak: zaak.startdatum)]


def test_a_filter_over_rollen_with_an_ordering_gives_each_zaak_once(api_client, zaken):
    roltype = RolTypeFactory(zaaktype=zaken[0].zaaktype)
    met_rollen = zaken[:150]
    for zaak in met_rollen:
        for identificatie in ("m1", "m2"):  # two rollen: the join would repeat the zaak
            Rol(
                zaak=zaak,
                roltype=roltype,
                betrokkene_type="medewerker",
                omschrijving="Behandelaar",
                omschrijving_generiek="behandelaar",
                betrokkene_identificatie={"identificatie": identificatie},
            ).save()

    counts, uuids = _pages(api_client, rol__betrokkeneType="medewerker", ordering="-startdatum")

    assert counts == [150, 150]
    assert uuids == [str(zaak.uuid) for zaak in sorted(met_rollen, key=lambda zaak: zaak.startdatum, reverse=True)]
