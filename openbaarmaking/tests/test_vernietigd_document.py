"""A destroyed document ends its publication: the publicatie is withdrawn with its reason and
leaves the sitemaps, whether the destroy notification arrives or only the reconciliation sees it."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client

from openbaarmaking import services
from openbaarmaking.models import Publicatie, PublicatieStatus

from .conftest import api
from .test_van_document_naar_publicatie import maak_regel

pytestmark = pytest.mark.django_db


@pytest.fixture
def gepubliceerd(beheerder, documenten_api, informatieobjecttype, sitemap_root, django_capture_on_commit_callbacks):
    """A published document, in the sitemaps."""
    maak_regel(beheerder, informatieobjecttype, automatischPubliceren=True)
    document = documenten_api.create(informatieobjecttype=informatieobjecttype, status="definitief")
    with django_capture_on_commit_callbacks(execute=True):
        publicatie = services.document_verwerken(document_url=document["url"])
    assert publicatie.status == PublicatieStatus.gepubliceerd
    assert "Sitemap:" in Client().get("/robots.txt").content.decode()
    return document


def _vernietig(documenten_api, document: dict) -> dict:
    """DELETE at the source: the message the provider sends, then the document is gone."""
    message = documenten_api.notificatie(document["url"], "destroy")
    del documenten_api.documents[document["url"].rsplit("/", 1)[1]]
    return message


def _assert_ingetrokken(document: dict) -> None:
    publicatie = Publicatie.objects.get(bron_document=document["url"])
    assert publicatie.status == PublicatieStatus.ingetrokken
    assert publicatie.datum_ingetrokken is not None
    assert "bestaat niet meer in de Documenten API (vernietigd)" in publicatie.toelichting_intrekking
    public = Client()
    assert "Sitemap:" not in public.get("/robots.txt").content.decode()
    download = public.get(f"/woo/documenten/{publicatie.documenten.get().uuid}")
    assert download.status_code == 410


def test_the_destroy_notification_withdraws_the_publication(gepubliceerd, documenten_api, ontvang, lezer):
    ontvang(_vernietig(documenten_api, gepubliceerd))

    _assert_ingetrokken(gepubliceerd)
    body = lezer.get(api("publicaties")).json()["results"][0]
    assert body["status"] == "ingetrokken"
    assert "vernietigd" in body["toelichtingIntrekking"]


def test_a_destroy_notification_for_a_document_that_still_exists_changes_nothing(gepubliceerd, documenten_api, ontvang):
    ontvang(documenten_api.notificatie(gepubliceerd["url"], "destroy"))

    assert Publicatie.objects.get().status == PublicatieStatus.gepubliceerd


def test_the_reconciliation_withdraws_what_no_notification_announced(
    gepubliceerd, documenten_api, django_capture_on_commit_callbacks
):
    _vernietig(documenten_api, gepubliceerd)  # the notification never arrives
    out = io.StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("openbaarmaking_reconciliatie", stdout=out)

    _assert_ingetrokken(gepubliceerd)
    assert "0 documenten gelezen in de Documenten API, 0 publicaties aangemaakt, 1 ingetrokken" in out.getvalue()
    assert services.publicaties_reconcile()["ingetrokken"] == 0  # already withdrawn: nothing twice
