"""Every client that downloads a document asks for a file, so a strict provider serves it.

Levensloop's own Documenten API is as strict as Open Zaak 1.30 about a download (406 to an
Accept that admits no file). Each of the three clients that download (the archive's fixity
check, the transfer's SIP build, the public Woo download) reads a document from it here,
in-process, as they do in the all-in-one deployment. The same clients against the test
providers that play another ZGW provider are tested beside those providers.
"""

from __future__ import annotations

import base64
from collections.abc import Callable

import pytest
from django.conf import settings

from archief.clients import ZGW
from archief.overbrenging.clients import ZGWBron
from common.clients import APIClient
from config.urls import API_MOUNTS
from openbaarmaking.clients import Document, DocumentenClient

pytestmark = [
    pytest.mark.django_db(transaction=True),  # providers answer on their own connection
    pytest.mark.skipif(
        "documenten/api/v1/" not in {p for p, _, _ in API_MOUNTS}, reason="the Documenten API is not mounted"
    ),
]
PDF = b"%PDF-1.7 " + bytes(range(256)) * 64


@pytest.fixture
def document() -> dict:
    """A public, definitive PDF in Levensloop's own Documenten API."""
    with APIClient(settings.CATALOGI_API_ROOT) as catalogi:
        catalogus = catalogi.create(
            "catalogussen", {"domein": "DWNL", "rsin": "002220647", "contactpersoonBeheerNaam": "Ada"}
        )
        iotype = catalogi.create(
            "informatieobjecttypen",
            {
                "catalogus": catalogus["url"],
                "omschrijving": "Besluit",
                "vertrouwelijkheidaanduiding": "openbaar",
                "informatieobjectcategorie": "Besluit",
                "beginGeldigheid": "2000-01-01",
            },
        )
        assert catalogi.request("POST", iotype["url"] + "/publish").status_code == 200
    with APIClient(settings.DOCUMENTEN_API_ROOT) as documenten:
        return documenten.create(
            "enkelvoudiginformatieobjecten",
            {
                "bronorganisatie": "002220647",
                "creatiedatum": "2026-01-05",
                "titel": "Besluit",
                "auteur": "Ada",
                "taal": "dut",
                "status": "definitief",
                "vertrouwelijkheidaanduiding": "openbaar",
                "formaat": "application/pdf",
                "bestandsnaam": "besluit.pdf",
                "inhoud": base64.b64encode(PDF).decode(),
                "informatieobjecttype": iotype["url"],
            },
        )


def archief_fixity(document: dict) -> bytes:
    with ZGW() as zgw:
        return zgw.download(document["url"])


def overbrenging_sip(document: dict) -> bytes:
    with ZGWBron() as bron:
        return b"".join(bron.documenten.download(document["inhoud"], formaat=document["formaat"]))


def openbaarmaking_woo(document: dict) -> bytes:
    with DocumentenClient().inhoud(Document.from_api(document)) as response:
        return b"".join(response.iter_bytes())


@pytest.mark.parametrize("download", [archief_fixity, overbrenging_sip, openbaarmaking_woo])
def test_each_client_downloads_from_a_documenten_api_that_refuses_json(
    document: dict, download: Callable[[dict], bytes]
):
    with APIClient(settings.DOCUMENTEN_API_ROOT) as documenten:
        asked_for_json = documenten.request("GET", document["inhoud"], headers={"Accept": "application/json"})
    assert asked_for_json.status_code == 406  # the provider is strict: the client has to ask for a file

    assert download(document) == PDF
