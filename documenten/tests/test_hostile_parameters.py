"""A document's download names its file safely, and version parameters at the edge are a 400."""

from __future__ import annotations

import pytest

from common.tests.test_downloads import assert_safe_header
from documenten.models import EnkelvoudigInformatieObject

from .conftest import eio_body

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("bestandsnaam", "expected"),
    [
        ("..\\..\\windows\\boot.ini", "boot.ini"),
        ("../../etc/passwd", "passwd"),
        ('brief".pdf\r\nX-Evil: 1', "brief.pdfX-Evil 1"),
        ("Besluit café.pdf", "Besluit café.pdf"),
    ],
)
def test_the_download_names_only_the_last_component(client, iotype, bestandsnaam, expected):
    created = client.post("/documenten/api/v1/enkelvoudiginformatieobjecten", eio_body(iotype), format="json")
    assert created.status_code == 201, created.json()
    # Stored as another provider or an older version may have it, whatever the API accepts now.
    EnkelvoudigInformatieObject.objects.filter(informatieobject__uuid=created.json()["url"].rsplit("/", 1)[1]).update(
        bestandsnaam=bestandsnaam
    )

    response = client.get(created.json()["inhoud"].removeprefix("http://localhost:8000"))

    assert response.status_code == 200
    assert_safe_header(response["Content-Disposition"], expected)
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize(
    "registratie_op",
    [
        "0000-01-01T00:00:00Z",
        "0000-01-01",
        "0001-01-01T00:00:00+14:00",
        "9999-12-31",
        "9999-12-31T23:59:59-14:00",
        "10000-01-01",
    ],
)
def test_registratie_op_at_the_edge_of_time_is_a_400_or_an_answer(client, document, registratie_op):
    for url in (document["url"], document["inhoud"].split("?")[0]):
        response = client.get(url.removeprefix("http://localhost:8000"), {"registratieOp": registratie_op})
        assert response.status_code in (200, 400, 404), (url, registratie_op, response.status_code)
        if registratie_op.startswith("0000"):
            assert response.status_code == 400
            assert [p["name"] for p in response.json()["invalidParams"]] == ["registratieOp"]
