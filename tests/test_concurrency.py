"""Eight applications writing at once over real HTTP, against gunicorn as it runs in production
(several workers, each with threads) on PostgreSQL.

What a municipality would notice: a write refused or failed because someone else wrote at
the same time, a number handed out twice, or an answer 201 for something that is not there
(or something there that nobody was told about).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.db import connection

from common.auth import jwt_encode
from common.server import database_url, gunicorn_server, server_environment
from common.services import api_client_create_or_update
from documenten.models import InformatieObject
from zaken.management.commands._concurrency_load import RESOURCES, belasten, catalogus_aanmaken
from zaken.models import Besluit, Status, Zaak

pytestmark = [pytest.mark.django_db(transaction=True)]  # the server's processes must see the data


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip(
            "concurrent writers race only on PostgreSQL (SQLite lets one writer in at a time); CI runs this on "
            "PostgreSQL"
        )


@pytest.fixture
def server(postgresql, tmp_path):
    """gunicorn on the test database, with a client of its own."""
    api_client_create_or_update(client_id="gelijktijdig", secret="gelijktijdig-geheim", alle_autorisaties=True)
    env = server_environment(
        database_url(connection.settings_dict),
        MEDIA_ROOT=str(tmp_path / "media"),
        DOCUMENTEN_STORAGE_OPTIONS="",
    )
    with gunicorn_server(env, tmp_path / "server.log") as base:
        token = jwt_encode("gelijktijdig", "gelijktijdig-geheim", user_id="gelijktijdig")
        yield base, {"Authorization": f"Bearer {token}", "Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}


def _uuids(urls: set[str]) -> set[str]:
    return {urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1] for url in urls}


def test_eight_clients_writing_at_once_get_201_for_everything_and_the_database_holds_exactly_that(server):
    import httpx

    base, headers = server
    with httpx.Client(headers=headers, timeout=60) as http:
        catalogus = catalogus_aanmaken(http, base)

    uitkomst = belasten(base, headers, catalogus, clients=8, seconds=4)

    # Zero 5xx, zero refusals: the clients sent nothing wrong, so nothing may fail.
    assert not uitkomst.fouten, uitkomst.fouten
    for resource in RESOURCES:
        assert set(uitkomst.statussen[resource]) == {201}, (resource, uitkomst.statussen[resource], uitkomst.fouten)
    assert all(uitkomst.aantal(resource, "201") > 8 for resource in RESOURCES), uitkomst.statussen

    # The database holds exactly what was answered 201, nothing more, nothing less.
    assert _uuids(uitkomst.aangemaakt["zaken"]) == {str(u) for u in Zaak.objects.values_list("uuid", flat=True)}
    assert _uuids(uitkomst.aangemaakt["statussen"]) == {str(u) for u in Status.objects.values_list("uuid", flat=True)}
    assert _uuids(uitkomst.aangemaakt["besluiten"]) == {str(u) for u in Besluit.objects.values_list("uuid", flat=True)}
    assert _uuids(uitkomst.aangemaakt["enkelvoudiginformatieobjecten"]) == {
        str(u) for u in InformatieObject.objects.values_list("uuid", flat=True)
    }

    # Every generated identificatie is unique, and since no write failed, none was skipped.
    for model, prefix in ((Zaak, "ZAAK"), (Besluit, "BESLUIT")):
        identificaties = list(model.objects.values_list("identificatie", flat=True))
        numbers = sorted(int(re.fullmatch(rf"{prefix}-\d{{4}}-(\d{{10}})", i)[1]) for i in identificaties)
        assert numbers == list(range(1, len(numbers) + 1)), model
    documenten = list(
        InformatieObject.objects.values_list("versies__identificatie", flat=True).filter(versies__versie=1)
    )
    assert all(re.fullmatch(r"DOCUMENT-\d{4}-\d{10}", i) for i in documenten)
    assert len(set(documenten)) == len(documenten)
