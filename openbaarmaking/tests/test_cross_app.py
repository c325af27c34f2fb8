"""Across the apps: a document set to `definitief` in the real Documenten API appears in the
DiWoo sitemap and is downloadable, without any call other than the editor's own.

The chain is the production one: the Documenten API writes its notification to the
outbox, the relay delivers it to the webhook of a subscription, the webhook reads the
document through the Documenten contract, the rule publishes it, the sitemaps are
generated again. Only Celery runs in-process (eager) and the outbox is relayed at commit.
Skipped while the Documenten API is not part of this deployment.
"""

from __future__ import annotations

import base64

import pytest
from django.conf import settings
from django.test import Client
from lxml import etree

from common.clients import APIClient as ContractClient
from openbaarmaking import services

from .conftest import api
from .diwoo import NS, assert_valid_documents

pytestmark = [
    pytest.mark.django_db,
]

INHOUD = b"%PDF-1.7 Besluit omgevingsvergunning Dorpsstraat 1"


@pytest.fixture
def abonnement(db):
    """The subscription of openbaarmaking's webhook, as `manage.py openbaarmaking_abonneren` makes it at deploy."""
    return services.abonnement_vernieuwen()


def test_a_definitive_document_is_in_the_sitemap_and_downloadable(
    beheerder, abonnement, documenten_storage, django_capture_on_commit_callbacks
):
    with ContractClient(settings.CATALOGI_API_ROOT) as catalogi:
        catalogus = catalogi.create(
            "catalogussen", {"domein": "WOO", "rsin": "002220647", "contactpersoonBeheerNaam": "Wim"}
        )
        informatieobjecttype = catalogi.create(
            "informatieobjecttypen",
            {
                "catalogus": catalogus["url"],
                "omschrijving": "Besluit",
                "vertrouwelijkheidaanduiding": "openbaar",
                "informatieobjectcategorie": "Besluit",
                "beginGeldigheid": "2020-01-01",
            },
        )["url"]
        assert catalogi.request("POST", informatieobjecttype + "/publish").status_code == 200
    categorie = beheerder.get(api("informatiecategorieen")).json()[15]
    regel = {"informatieobjecttype": informatieobjecttype, "informatiecategorie": categorie["url"]}
    assert (
        beheerder.post(api("publicatieregels"), {**regel, "automatischPubliceren": True}, format="json").status_code
        == 201
    )

    with django_capture_on_commit_callbacks(execute=True), ContractClient(settings.DOCUMENTEN_API_ROOT) as documenten:
        document = documenten.create(
            "enkelvoudiginformatieobjecten",
            {
                "bronorganisatie": "002220647",
                "creatiedatum": "2026-11-20",
                "titel": "Besluit omgevingsvergunning Dorpsstraat 1",
                "auteur": "Team Vergunningen",
                "taal": "nld",
                "status": "in_bewerking",
                "vertrouwelijkheidaanduiding": "openbaar",
                "formaat": "application/pdf",
                "bestandsnaam": "besluit.pdf",
                "inhoud": base64.b64encode(INHOUD).decode(),
                "informatieobjecttype": informatieobjecttype,
            },
        )
        lock = documenten.request("POST", document["url"] + "/lock").json()["lock"]
        documenten.partial_update(document["url"], {"status": "definitief", "lock": lock})
        documenten.request("POST", document["url"] + "/unlock", json={"lock": lock})

    public = Client()
    robots = public.get("/robots.txt").content.decode()
    assert f"Sitemap: {settings.PUBLIC_BASE_URL}/sitemapindex-diwoo-infocat016.xml" in robots
    index = etree.fromstring(public.get("/sitemapindex-diwoo-infocat016.xml").content)
    [sitemap_loc] = [loc.text for loc in index.iterfind("sm:sitemap/sm:loc", NS)]
    sitemap = b"".join(public.get(sitemap_loc.removeprefix(settings.PUBLIC_BASE_URL)).streaming_content)
    assert assert_valid_documents(sitemap) == 1
    entry = etree.fromstring(sitemap).find("sm:url", NS)
    titel = entry.findtext("diwoo:Document/diwoo:DiWoo/diwoo:titelcollectie/diwoo:officieleTitel", namespaces=NS)
    assert titel == "Besluit omgevingsvergunning Dorpsstraat 1"

    download = public.get(entry.findtext("sm:loc", namespaces=NS).removeprefix(settings.PUBLIC_BASE_URL))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == INHOUD
