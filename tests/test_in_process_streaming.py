"""In-process downloads stream: a document read through `client.stream` from the real
Documenten API (in this process, through WSGI) is never held whole in memory, while a plain
request still gets the whole body and JSON answers are still checked against the contract."""

from __future__ import annotations

import base64
import os
import tracemalloc

import pytest

from common.clients import APIClient
from config.urls import API_MOUNTS

pytestmark = [
    pytest.mark.django_db(transaction=True),  # providers answer on their own connection
    pytest.mark.skipif(
        "documenten/api/v1/" not in {p for p, _, _ in API_MOUNTS}, reason="the Documenten API is not mounted"
    ),
]
SIZE = 12 * 1024**2


@pytest.fixture
def document(settings) -> tuple[APIClient, dict, bytes]:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 4 * SIZE  # one base64 upload of the whole file, for brevity
    with APIClient(settings.CATALOGI_API_ROOT) as catalogi:
        catalogus = catalogi.create(
            "catalogussen",
            {"domein": "STRM", "rsin": "002220647", "contactpersoonBeheerNaam": "Ada", "naam": "S", "versie": "1"},
        )
        iotype = catalogi.create(
            "informatieobjecttypen",
            {
                "catalogus": catalogus["url"],
                "omschrijving": "Bijlage",
                "vertrouwelijkheidaanduiding": "openbaar",
                "informatieobjectcategorie": "Bijlage",
                "beginGeldigheid": "2000-01-01",
            },
        )
        assert catalogi.request("POST", iotype["url"] + "/publish").status_code == 200
    inhoud = os.urandom(SIZE)
    documenten = APIClient(settings.DOCUMENTEN_API_ROOT)
    created = documenten.create(
        "enkelvoudiginformatieobjecten",
        {
            "bronorganisatie": "002220647",
            "creatiedatum": "2026-01-05",
            "titel": "Groot",
            "auteur": "Ada",
            "taal": "dut",
            "status": "definitief",
            "vertrouwelijkheidaanduiding": "openbaar",
            "formaat": "application/octet-stream",
            "bestandsnaam": "groot.bin",
            "inhoud": base64.b64encode(inhoud).decode(),
            "informatieobjecttype": iotype["url"],
        },
    )
    return documenten, created, inhoud


def _peak(download) -> tuple[int, object]:
    """Peak memory traced while `download()` runs, and what it returned."""
    tracemalloc.start()
    try:
        result = download()
        return tracemalloc.get_traced_memory()[1], result
    finally:
        tracemalloc.stop()


def test_a_large_in_process_download_streams_in_constant_memory(document):
    documenten, created, inhoud = document
    url = created["inhoud"]

    def stream() -> tuple[int, bytes]:
        received, first = 0, b""
        with documenten._http.stream("GET", url, headers={**documenten._headers(), "Accept": "*/*"}) as response:
            assert response.status_code == 200
            for chunk in response.iter_bytes(64 * 1024):
                first = first or chunk
                received += len(chunk)
        return received, first

    peak, (received, first) = _peak(stream)
    assert received == SIZE and inhoud.startswith(first)
    # blocks of 1 MiB from the provider: a few of them, never the whole file
    assert peak < SIZE / 2, f"streaming held {peak} bytes for a {SIZE}-byte file"
    # the caller's connection (and its transaction) survived the provider's request cycle
    assert documenten.retrieve(created["url"])["bestandsomvang"] == SIZE

    # the measurement does see a whole file held: a plain request reads the whole body, as before
    whole_peak, response = _peak(lambda: documenten.request("GET", url, headers={"Accept": "*/*"}))
    assert response.status_code == 200 and response.content == inhoud
    assert whole_peak >= SIZE
