"""A write that loses a race at the database is a 400 or 409 problem+json, never a 500.

The race is made real on PostgreSQL, not mocked: another connection inserts the conflicting
row and keeps its transaction open, so the request's own checks (which cannot see
uncommitted rows) pass; the request's INSERT then waits on the unique index until the other
transaction commits, and the database refuses it. That is exactly what two clients writing
the same thing at the same moment produce. Over every kind of route: the catalogue's unique
names and numbers (no domain code of their own: 409), and a client-given identificatie of a
zaak or besluit (its own code, as without the race: 400 `identificatie-niet-uniek`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection, connections

from common.exceptions import CONFLICT_CODE
from zaken.models import Besluit
from zaken.services import catalogi_url
from zaken.tests.factories import (
    BesluitTypeFactory,
    CatalogusFactory,
    EigenschapFactory,
    StatusTypeFactory,
    ZaakFactory,
    ZaakTypeFactory,
    gepubliceerd_zaaktype,
)

pytestmark = [pytest.mark.django_db(transaction=True)]
RSIN = "002220647"


@pytest.fixture(autouse=True)
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time, so this race cannot happen there; CI runs PostgreSQL")


@dataclass
class Race:
    pad: str
    body: Callable[[dict], dict]
    conflicting_row: Callable[[dict], object]  # made in another connection, committed late
    status: int
    code: str


def _context() -> dict:
    zaaktype = ZaakTypeFactory()  # a concept: its parts may still change
    besluittype = BesluitTypeFactory(concept=False, catalogus=zaaktype.catalogus)
    return {"zaaktype": zaaktype, "besluittype": besluittype, "gepubliceerd": gepubliceerd_zaaktype()}


RACES = {
    "catalogussen": Race(
        "/catalogi/api/v1/catalogussen",
        lambda ctx: {"domein": "RACE", "rsin": RSIN, "contactpersoonBeheerNaam": "Ada"},
        lambda ctx: CatalogusFactory(domein="RACE", rsin=RSIN),
        409,
        CONFLICT_CODE,
    ),
    "statustypen": Race(
        "/catalogi/api/v1/statustypen",
        lambda ctx: {"zaaktype": catalogi_url(ctx["zaaktype"]), "omschrijving": "Nieuw", "volgnummer": 7},
        lambda ctx: StatusTypeFactory(zaaktype=ctx["zaaktype"], volgnummer=7),
        409,
        CONFLICT_CODE,
    ),
    "eigenschappen": Race(
        "/catalogi/api/v1/eigenschappen",
        lambda ctx: {
            "zaaktype": catalogi_url(ctx["zaaktype"]),
            "naam": "kleur",
            "definitie": "De kleur",
            "specificatie": {"formaat": "tekst", "lengte": "20", "kardinaliteit": "1"},
        },
        lambda ctx: EigenschapFactory(zaaktype=ctx["zaaktype"], naam="kleur"),
        409,
        CONFLICT_CODE,
    ),
    "zaken": Race(
        "/zaken/api/v1/zaken",
        lambda ctx: {
            "zaaktype": catalogi_url(ctx["gepubliceerd"]),
            "identificatie": "EIGEN-1",
            "bronorganisatie": RSIN,
            "verantwoordelijkeOrganisatie": RSIN,
            "startdatum": "2025-03-01",
        },
        lambda ctx: ZaakFactory(identificatie="EIGEN-1", bronorganisatie=RSIN, zaaktype=ctx["gepubliceerd"]),
        400,
        "identificatie-niet-uniek",
    ),
    "besluiten": Race(
        "/besluiten/api/v1/besluiten",
        lambda ctx: {
            "identificatie": "EIGEN-B-1",
            "verantwoordelijkeOrganisatie": RSIN,
            "besluittype": catalogi_url(ctx["besluittype"]),
            "datum": "2025-03-01",
            "ingangsdatum": "2025-03-02",
        },
        lambda ctx: Besluit.objects.create(
            identificatie="EIGEN-B-1",
            verantwoordelijke_organisatie=RSIN,
            besluittype=ctx["besluittype"],
            datum="2025-03-01",
            ingangsdatum="2025-03-02",
        ),
        400,
        "identificatie-niet-uniek",
    ),
}


def _a_request_waits_on_a_lock() -> bool:
    with connections["default"].cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


@pytest.mark.parametrize("naam", RACES)
def test_a_write_that_loses_a_race_at_the_database_is_problem_json_not_500(api_client, naam):
    race = RACES[naam]
    ctx = _context()
    inserted, release, done = threading.Event(), threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def other_client() -> None:
        from django.db import transaction

        try:
            with transaction.atomic():
                race.conflicting_row(ctx)
                inserted.set()
                release.wait(30)
        except BaseException as exc:
            failures.append(exc)
            inserted.set()
        finally:
            connections.close_all()
            done.set()

    def release_when_the_request_waits() -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not _a_request_waits_on_a_lock():
            time.sleep(0.05)
        release.set()

    thread = threading.Thread(target=other_client)
    thread.start()
    assert inserted.wait(30)
    watcher = threading.Thread(target=lambda: (release_when_the_request_waits(), connections.close_all()))
    watcher.start()

    response = api_client.post(race.pad, race.body(ctx), format="json")

    watcher.join()
    thread.join()
    assert not failures, failures
    assert response.status_code == race.status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == race.code
    assert body["status"] == race.status
