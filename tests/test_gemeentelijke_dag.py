"""The municipality's date is the same in an API request as anywhere else (common/tijd.py).

The APIs render datetimes in UTC and override the current time zone to UTC for each request;
a date the municipality lives by (a zaak's registratiedatum, a publication's days to its
deadline, the archive's "today") must still be the date in TIME_ZONE. Found in a run between
23:00 and 00:00 UTC, when Amsterdam's date is already tomorrow. Here TIME_ZONE is set to a zone
whose date differs from UTC's at this very moment, so the class is tested at any hour.
"""

from __future__ import annotations

import datetime as dt

import pytest

from common import tijd
from openbaarmaking.tests.factories import PublicatieFactory
from zaken.tests.factories import gepubliceerd_zaaktype
from zaken.tests.zaken_api import zaak_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def andere_dag_dan_utc(settings):
    """UTC+14 from 11:00 UTC on, UTC-12 before: either is on another date than UTC then."""
    settings.TIME_ZONE = "Pacific/Kiritimati" if dt.datetime.now(dt.UTC).hour >= 11 else "Etc/GMT+12"
    assert tijd.vandaag() != dt.datetime.now(dt.UTC).date()
    return tijd.vandaag()


def test_a_zaak_registered_through_the_api_is_registered_on_the_municipalitys_date(api_client, andere_dag_dan_utc):
    zaak = zaak_create(api_client, gepubliceerd_zaaktype())
    assert zaak["registratiedatum"] == andere_dag_dan_utc.isoformat()


def test_days_to_a_deadline_in_the_api_count_from_the_municipalitys_today(make_api_client, andere_dag_dan_utc):
    PublicatieFactory(officiele_titel="Vandaag", deadline=andere_dag_dan_utc)
    lezer = make_api_client(autorisaties=[{"component": "orc", "scopes": ["publicaties.lezen"]}])

    response = lezer.get("/openbaarmaking/api/v1/deadlineoverzicht")

    assert response.status_code == 200, response.json()
    [vandaag] = response.json()["results"]
    assert (vandaag["dagenTotDeadline"], vandaag["verlopen"]) == (0, False)
