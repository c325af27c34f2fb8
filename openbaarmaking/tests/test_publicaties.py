"""The Publicaties API: categories, organisations, publications and their only transitions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from openbaarmaking.models import Informatiecategorie, Publicatie, PublicatieDocument, PublicatieStatus

from .conftest import REDEN, api

pytestmark = pytest.mark.django_db

CATEGORIEEN = Path(__file__).resolve().parents[1] / "data" / "woo-informatiecategorieen.json"


def categorie_url(nummer: int) -> str:
    return api(f"informatiecategorieen/{Informatiecategorie.objects.get(nummer=nummer).uuid}")


def maak_publicatie(client, **extra) -> dict:
    body = {
        "officieleTitel": "Besluit op de aanvraag omgevingsvergunning",
        "informatiecategorieen": [categorie_url(16)],
    }
    response = client.post(api("publicaties"), {**body, **extra}, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def voeg_document_toe(client, publicatie: dict, document: dict):
    return client.post(api("documenten"), {"publicatie": publicatie["url"], "document": document["url"]}, format="json")


def zet_status(client, publicatie: dict, status: str, **extra):
    return client.patch(publicatie["url"], {"status": status, **extra}, format="json")


@pytest.fixture
def gepubliceerd(beheerder, documenten_api, informatieobjecttype):
    publicatie = maak_publicatie(beheerder)
    document = documenten_api.create(informatieobjecttype=informatieobjecttype, status="definitief")
    assert voeg_document_toe(beheerder, publicatie, document).status_code == 201
    response = zet_status(beheerder, publicatie, "gepubliceerd")
    assert response.status_code == 200, response.json()
    return response.json()


def test_the_categories_are_the_tooi_list_public_and_numbered(anonymous_client):
    response = anonymous_client.get(api("informatiecategorieen"))

    assert response.status_code == 200
    expected = sorted(json.loads(CATEGORIEEN.read_text()), key=lambda r: r["fields"]["order"])
    assert [c["identifier"] for c in response.json()] == [r["fields"]["identifier"] for r in expected]
    assert [c["nummer"] for c in response.json()] == list(range(1, 19))
    assert response.json()[-1]["naam"] == "inspanningsverplichting art 3.1 Woo"
    assert anonymous_client.post(api("informatiecategorieen"), {}, format="json").status_code == 405


def test_organisations_are_known_by_their_tooi_identifier(beheerder):
    response = beheerder.post(
        api("organisaties"),
        {"naam": "gemeente Amsterdam", "identifier": "https://identifier.overheid.nl/tooi/id/gemeente/gm0363"},
        format="json",
    )
    assert response.status_code == 201

    refused = beheerder.post(
        api("organisaties"),
        {"naam": "Verzonnen", "identifier": "https://identifier.overheid.nl/tooi/id/gemeente/gm9999"},
        format="json",
    )
    assert refused.status_code == 400
    assert refused.json()["invalidParams"][0]["code"] == "tooi-onbekend"
    assert [o["naam"] for o in beheerder.get(api("organisaties")).json()["results"]] == ["gemeente Amsterdam"]


def test_writing_needs_a_token_and_the_write_scope(anonymous_client, lezer):
    assert anonymous_client.get(api("publicaties")).status_code == 401
    assert lezer.get(api("publicaties")).status_code == 200
    response = lezer.post(api("publicaties"), {}, format="json")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


def test_a_new_publication_is_a_concept_of_the_own_organisation(beheerder, settings):
    publicatie = maak_publicatie(beheerder, kenmerken=[{"kenmerk": "Z-1", "bron": "zaaksysteem"}])

    assert publicatie["status"] == "concept"
    assert publicatie["documenten"] == []
    publisher = beheerder.get(publicatie["publisher"]).json()
    assert publisher["identifier"] == settings.OPENBAARMAKING_ORGANISATIE_TOOI
    assert publicatie["kenmerken"] == [{"kenmerk": "Z-1", "bron": "zaaksysteem"}]


@pytest.mark.parametrize("status", ["gepubliceerd", "ingetrokken"])
def test_a_publication_cannot_start_beyond_concept(beheerder, status):
    response = beheerder.post(
        api("publicaties"),
        {"officieleTitel": "Te vroeg", "informatiecategorieen": [categorie_url(1)], "status": status},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "ongeldige-statusovergang"
    assert not Publicatie.objects.exists()


def test_a_publication_needs_a_category(beheerder):
    response = beheerder.post(
        api("publicaties"), {"officieleTitel": "Zonder", "informatiecategorieen": []}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "informatiecategorieen"


def test_a_document_brings_its_metadata_from_the_documenten_api(beheerder, documenten_api, informatieobjecttype):
    publicatie = maak_publicatie(beheerder)
    document = documenten_api.create(
        informatieobjecttype=informatieobjecttype, titel="Vergunning Dorpsstraat 1", inhoud=b"x" * 321
    )

    response = voeg_document_toe(beheerder, publicatie, document)

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["officieleTitel"], body["bestandsomvang"], body["formaat"], body["taal"]) == (
        "Vergunning Dorpsstraat 1",
        321,
        "application/pdf",
        "nld",
    )
    assert body["downloadUrl"] == f"https://woo.example.nl/woo/documenten/{body['uuid']}"
    assert beheerder.get(publicatie["url"]).json()["documenten"] == [body["url"]]
    again = voeg_document_toe(beheerder, publicatie, document)
    assert again.status_code == 400
    assert again.json()["invalidParams"][0]["code"] == "unique"


@pytest.mark.parametrize("aanduiding", ["beperkt_openbaar", "intern", "vertrouwelijk", "zeer_geheim"])
def test_a_document_that_is_not_public_is_refused(beheerder, documenten_api, informatieobjecttype, aanduiding):
    publicatie = maak_publicatie(beheerder)
    document = documenten_api.create(informatieobjecttype=informatieobjecttype, vertrouwelijkheidaanduiding=aanduiding)

    response = voeg_document_toe(beheerder, publicatie, document)

    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "document-niet-openbaar"
    assert not PublicatieDocument.objects.exists()


def test_a_document_url_outside_the_documenten_api_is_refused(beheerder, documenten_api):
    publicatie = maak_publicatie(beheerder)

    response = beheerder.post(
        api("documenten"),
        {"publicatie": publicatie["url"], "document": "https://evil.example.com/doc/1"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "bad-url"
    assert documenten_api.requests == []


def test_publishing_needs_a_document(beheerder):
    publicatie = maak_publicatie(beheerder)

    response = zet_status(beheerder, publicatie, "gepubliceerd")

    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "publicatie-zonder-documenten"
    assert Publicatie.objects.get().status == PublicatieStatus.concept


def test_concept_to_gepubliceerd(gepubliceerd):
    assert gepubliceerd["status"] == "gepubliceerd"
    assert gepubliceerd["datumGepubliceerd"] is not None
    assert gepubliceerd["datumIngetrokken"] is None


def test_publishing_checks_again_that_every_document_is_still_public(beheerder, documenten_api, informatieobjecttype):
    publicatie = maak_publicatie(beheerder)
    document = documenten_api.create(informatieobjecttype=informatieobjecttype, status="definitief")
    voeg_document_toe(beheerder, publicatie, document)
    documenten_api.update(document["url"], vertrouwelijkheidaanduiding="intern")

    response = zet_status(beheerder, publicatie, "gepubliceerd")

    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "document-niet-openbaar"
    assert Publicatie.objects.get().status == PublicatieStatus.concept


def test_gepubliceerd_to_ingetrokken_needs_a_tooi_reason(beheerder, gepubliceerd):
    without = zet_status(beheerder, gepubliceerd, "ingetrokken")
    assert without.status_code == 400
    assert without.json()["invalidParams"][0]["code"] == "reden-intrekking"

    invented = zet_status(beheerder, gepubliceerd, "ingetrokken", redenIntrekking="https://example.org/reden")
    assert invented.status_code == 400
    assert Publicatie.objects.get().status == PublicatieStatus.gepubliceerd

    response = zet_status(
        beheerder, gepubliceerd, "ingetrokken", redenIntrekking=REDEN, toelichtingIntrekking="BSN in bijlage"
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["status"], response.json()["redenIntrekking"]) == ("ingetrokken", REDEN)
    assert response.json()["datumIngetrokken"] is not None


@pytest.mark.parametrize(
    ("van", "naar"),
    [
        ("concept", "ingetrokken"),
        ("gepubliceerd", "concept"),
        ("ingetrokken", "gepubliceerd"),
        ("ingetrokken", "concept"),
    ],
)
def test_no_other_transitions(beheerder, gepubliceerd, van, naar):
    if van == "concept":
        publicatie = maak_publicatie(beheerder)
    else:
        publicatie = gepubliceerd
        if van == "ingetrokken":
            assert zet_status(beheerder, publicatie, "ingetrokken", redenIntrekking=REDEN).status_code == 200
    before = Publicatie.objects.get(uuid=publicatie["uuid"]).status

    response = zet_status(beheerder, publicatie, naar, redenIntrekking=REDEN)

    assert response.status_code == 400
    code = response.json()["invalidParams"][0]["code"]
    assert code == ("publicatie-ingetrokken" if van == "ingetrokken" else "ongeldige-statusovergang")
    assert Publicatie.objects.get(uuid=publicatie["uuid"]).status == before


def test_a_revoked_publication_no_longer_changes(beheerder, gepubliceerd):
    zet_status(beheerder, gepubliceerd, "ingetrokken", redenIntrekking=REDEN)

    response = beheerder.patch(gepubliceerd["url"], {"officieleTitel": "Nieuw"}, format="json")

    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "publicatie-ingetrokken"


def test_only_concepts_are_deleted_or_get_documents(beheerder, gepubliceerd, documenten_api, informatieobjecttype):
    assert beheerder.delete(gepubliceerd["url"]).status_code == 400
    extra = documenten_api.create(informatieobjecttype=informatieobjecttype, status="definitief")
    response = voeg_document_toe(beheerder, gepubliceerd, extra)
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "publicatie-niet-concept"
    assert beheerder.delete(gepubliceerd["documenten"][0]).status_code == 400

    concept = maak_publicatie(beheerder)
    assert beheerder.delete(concept["url"]).status_code == 204
    assert Publicatie.objects.count() == 1


def test_filters(beheerder, gepubliceerd):
    maak_publicatie(beheerder, informatiecategorieen=[categorie_url(1)])

    gepubliceerde = beheerder.get(api("publicaties"), {"status": "gepubliceerd"}).json()["results"]
    in_categorie = beheerder.get(api("publicaties"), {"informatiecategorie": categorie_url(1)}).json()["results"]

    assert [p["url"] for p in gepubliceerde] == [gepubliceerd["url"]]
    assert len(in_categorie) == 1 and in_categorie[0]["url"] != gepubliceerd["url"]
    assert beheerder.get(api("publicaties"), {"status": "weg"}).status_code == 400
    documenten = beheerder.get(api("documenten"), {"publicatie": gepubliceerd["url"]}).json()["results"]
    assert [d["url"] for d in documenten] == gepubliceerd["documenten"]
