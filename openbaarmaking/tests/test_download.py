"""The public download: only published documents, streamed from the Documenten API."""

from __future__ import annotations

import uuid

import httpx
import pytest
from django.test import Client

from .conftest import REDEN, api

pytestmark = pytest.mark.django_db


@pytest.fixture
def public():
    return Client()


@pytest.fixture
def publiceer(beheerder, documenten_api, informatieobjecttype):
    def make(inhoud: bytes = b"%PDF-1.7 openbaar besluit", publiceren: bool = True) -> dict:
        publicatie = beheerder.post(
            api("publicaties"),
            {
                "officieleTitel": "Besluit",
                "informatiecategorieen": [
                    api(f"informatiecategorieen/{beheerder.get(api('informatiecategorieen')).json()[15]['uuid']}")
                ],
            },
            format="json",
        ).json()
        document = documenten_api.create(informatieobjecttype=informatieobjecttype, status="definitief", inhoud=inhoud)
        item = beheerder.post(
            api("documenten"), {"publicatie": publicatie["url"], "document": document["url"]}, format="json"
        ).json()
        if publiceren:
            assert beheerder.patch(publicatie["url"], {"status": "gepubliceerd"}, format="json").status_code == 200
        return {"publicatie": publicatie, "document": document, "item": item}

    return make


def download(public, item: dict):
    return public.get(item["downloadUrl"].removeprefix("https://woo.example.nl"))


def test_a_published_document_streams_its_file(public, publiceer):
    inhoud = bytes(range(256)) * 1000
    published = publiceer(inhoud)

    response = download(public, published["item"])

    assert response.status_code == 200
    assert response.streaming
    assert b"".join(response.streaming_content) == inhoud
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(inhoud))
    assert response["Content-Disposition"] == "inline; filename=\"besluit.pdf\"; filename*=UTF-8''besluit.pdf"


def test_a_hostile_file_name_leaves_as_its_last_component(public, publiceer, documenten_api):
    """The name comes from the Documenten API (any provider): no path, no quotes, no header breaks."""
    from common.tests.test_downloads import assert_safe_header

    published = publiceer()
    documenten_api.update(published["document"]["url"], bestandsnaam='..\\..\\windows\\boot".ini')
    response = download(public, published["item"])

    assert response.status_code == 200
    assert_safe_header(response["Content-Disposition"], "boot.ini")


def test_a_concept_or_unknown_document_is_404(public, publiceer):
    concept = publiceer(publiceren=False)

    assert download(public, concept["item"]).status_code == 404
    assert public.get(f"/woo/documenten/{uuid.uuid4()}").status_code == 404


def test_a_revoked_document_is_gone(public, publiceer, beheerder):
    published = publiceer()
    beheerder.patch(published["publicatie"]["url"], {"status": "ingetrokken", "redenIntrekking": REDEN}, format="json")

    response = download(public, published["item"])

    assert response.status_code == 410
    assert b"ingetrokken" in response.content


def test_a_document_that_is_no_longer_public_at_the_source_is_not_served(public, publiceer, documenten_api):
    published = publiceer()
    documenten_api.update(published["document"]["url"], vertrouwelijkheidaanduiding="vertrouwelijk")

    response = download(public, published["item"])

    assert response.status_code == 410
    assert b"niet meer openbaar" in response.content


def test_the_download_asks_the_documenten_api_for_the_file_not_json(public, publiceer, documenten_api):
    """The stand-in answers 406 to a download that asks for JSON (as Open Zaak); the public download asks
    for the document's formaat or any file, so it gets the file."""
    published = publiceer(b"%PDF-1.7 besluit")
    document = published["document"]
    asked_for_json = documenten_api.handle_request(
        httpx.Request("GET", document["inhoud"], headers={"Accept": "application/json", "Authorization": "Bearer x"})
    )
    assert asked_for_json.status_code == 406

    response = download(public, published["item"])

    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.7 besluit"
    sent = [r for r in documenten_api.requests if r.url.path.endswith("/download")][-1]
    assert sent.headers["Accept"] == "application/pdf, */*;q=0.8"
