"""From definitive document to publication: publicatieregels, the notification webhook, the
refusal of documents that are not public, and the reconciliation through the Documenten API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from common.models import Abonnement
from common.notifications import notificatie_create
from openbaarmaking import services
from openbaarmaking.models import Informatiecategorie, Publicatie, PublicatieStatus

from .conftest import api

pytestmark = pytest.mark.django_db


def categorie_url(nummer: int) -> str:
    return api(f"informatiecategorieen/{Informatiecategorie.objects.get(nummer=nummer).uuid}")


def maak_regel(client, informatieobjecttype: str, **extra) -> dict:
    body = {"informatieobjecttype": informatieobjecttype, "informatiecategorie": categorie_url(16), **extra}
    response = client.post(api("publicatieregels"), body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def test_a_rule_needs_a_real_informatieobjecttype_and_defaults_to_14_days(beheerder, informatieobjecttype):
    regel = maak_regel(beheerder, informatieobjecttype)

    assert (regel["termijnDagen"], regel["automatischPubliceren"]) == (14, False)
    assert regel["informatiecategorie"] == categorie_url(16)
    duplicate = beheerder.post(
        api("publicatieregels"),
        {"informatieobjecttype": informatieobjecttype, "informatiecategorie": categorie_url(1)},
        format="json",
    )
    assert duplicate.status_code == 400
    assert duplicate.json()["invalidParams"][0]["code"] == "unique"


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("https://elders.example.com/catalogi/api/v1/informatieobjecttypen/1", "bad-url"),
        ("http://localhost:8000/catalogi/api/v1/zaaktypen/9b5a0a9e-51a6-4e0c-9e0b-b1e5b0b8f0a1", "invalid-resource"),
        ("http://localhost:8000/catalogi/api/v1/informatieobjecttypen/9b5a0a9e-51a6-4e0c-9e0b-b1e5b0b8f0a1", "bad-url"),
    ],
)
def test_a_rule_with_a_type_the_catalogi_api_does_not_know_is_refused(beheerder, db, url, code):
    response = beheerder.post(
        api("publicatieregels"), {"informatieobjecttype": url, "informatiecategorie": categorie_url(16)}, format="json"
    )

    assert response.status_code == 400
    error = response.json()["invalidParams"][0]
    assert (error["name"], error["code"]) == ("informatieobjecttype", code)
    assert not Publicatie.objects.exists()


def test_a_definitive_public_document_becomes_a_concept_with_its_deadline(
    beheerder, documenten_api, informatieobjecttype, ontvang
):
    maak_regel(beheerder, informatieobjecttype, termijnDagen=10)
    document = documenten_api.create(informatieobjecttype=informatieobjecttype, titel="Besluit Dorpsstraat 1")
    ontvang(documenten_api.notificatie(document["url"], "create"))
    assert not Publicatie.objects.exists()

    definitief = documenten_api.update(document["url"], status="definitief")
    ontvang(documenten_api.notificatie(document["url"]))

    publicatie = Publicatie.objects.get()
    assert publicatie.status == PublicatieStatus.concept
    vastgesteld = dt.datetime.fromisoformat(definitief["beginRegistratie"].replace("Z", "+00:00"))
    assert publicatie.deadline == timezone.localtime(vastgesteld).date() + dt.timedelta(days=10)
    assert publicatie.officiele_titel == "Besluit Dorpsstraat 1"
    assert [c.nummer for c in publicatie.informatiecategorieen.all()] == [16]
    assert [d.document for d in publicatie.documenten.all()] == [document["url"]]


def test_an_automatic_rule_publishes_at_once_and_only_once(beheerder, documenten_api, informatieobjecttype, ontvang):
    maak_regel(beheerder, informatieobjecttype, automatischPubliceren=True)
    document = documenten_api.create(informatieobjecttype=informatieobjecttype, status="definitief")

    ontvang(documenten_api.notificatie(document["url"], "create"))
    ontvang(documenten_api.notificatie(document["url"]))

    publicatie = Publicatie.objects.get()
    assert publicatie.status == PublicatieStatus.gepubliceerd
    assert publicatie.datum_gepubliceerd is not None


@pytest.mark.parametrize("aanduiding", ["beperkt_openbaar", "intern", "zaakvertrouwelijk", "geheim"])
def test_a_document_that_is_not_public_is_never_published(
    beheerder, documenten_api, informatieobjecttype, ontvang, aanduiding
):
    maak_regel(beheerder, informatieobjecttype, automatischPubliceren=True)
    document = documenten_api.create(
        informatieobjecttype=informatieobjecttype, status="definitief", vertrouwelijkheidaanduiding=aanduiding
    )
    message = documenten_api.notificatie(document["url"], "create")
    # kenmerken that claim otherwise change nothing: the document itself is read
    message["kenmerken"]["vertrouwelijkheidaanduiding"] = "openbaar"

    ontvang(message)
    services.publicaties_reconcile()

    assert not Publicatie.objects.exists()


def test_a_document_of_a_type_without_rule_is_not_published(
    beheerder, documenten_api, make_informatieobjecttype, ontvang
):
    maak_regel(beheerder, make_informatieobjecttype("Besluit"), automatischPubliceren=True)
    anders = make_informatieobjecttype("Interne notitie")
    document = documenten_api.create(informatieobjecttype=anders, status="definitief")

    ontvang(documenten_api.notificatie(document["url"], "create"))

    assert not Publicatie.objects.exists()


def test_the_webhook_needs_the_notificaties_scope_and_a_valid_message(beheerder, notificaties_client, anonymous_client):
    message = {
        "kanaal": "zaken",
        "hoofdObject": "http://localhost:8000/zaken/api/v1/zaken/1",
        "resource": "zaak",
        "resourceUrl": "http://localhost:8000/zaken/api/v1/zaken/1",
        "actie": "create",
        "aanmaakdatum": "2026-11-29T10:00:00Z",
        "kenmerken": {},
    }
    assert anonymous_client.post(api("notificaties"), message, format="json").status_code == 401
    assert beheerder.post(api("notificaties"), message, format="json").status_code == 403
    assert notificaties_client.post(api("notificaties"), message, format="json").status_code == 204
    invalid = notificaties_client.post(api("notificaties"), {**message, "resourceUrl": "geen url"}, format="json")
    assert invalid.status_code == 400
    assert invalid.json()["invalidParams"][0]["name"] == "resourceUrl"


def test_reconciliation_catches_what_no_notification_announced(beheerder, documenten_api, make_informatieobjecttype):
    besluit = make_informatieobjecttype("Besluit")
    advies = make_informatieobjecttype("Advies")
    maak_regel(beheerder, besluit, automatischPubliceren=True)
    maak_regel(beheerder, advies, informatiecategorie=categorie_url(10))
    gemist = [documenten_api.create(informatieobjecttype=besluit, status="definitief") for _ in range(3)]
    gemist.append(documenten_api.create(informatieobjecttype=advies, status="definitief"))
    for _ in range(150):  # more than one page of the Documenten API list
        documenten_api.create(informatieobjecttype=besluit, status="in_bewerking")
    documenten_api.create(informatieobjecttype=besluit, status="definitief", vertrouwelijkheidaanduiding="intern")

    counts = services.publicaties_reconcile()
    again = services.publicaties_reconcile()

    assert counts == {
        "gelezen": 155,
        "aangemaakt": 4,
        "ingetrokken": 0,
        "ander_type": 0,
        "niet_definitief": 150,
        "niet_openbaar": 1,
        "al_een_publicatie": 0,
    }
    assert again == {**counts, "aangemaakt": 0, "al_een_publicatie": 4}
    assert sorted(Publicatie.objects.values_list("bron_document", flat=True)) == sorted(d["url"] for d in gemist)
    assert Publicatie.objects.filter(status=PublicatieStatus.gepubliceerd).count() == 3
    assert Publicatie.objects.get(informatiecategorieen__nummer=10).status == PublicatieStatus.concept


def test_the_webhook_subscribes_itself_with_a_token_that_works(anonymous_client, settings):
    first = services.abonnement_vernieuwen()
    abonnement = services.abonnement_vernieuwen()

    assert Abonnement.objects.get() == first == abonnement
    assert abonnement.callback_url == settings.OPENBAARMAKING_API_ROOT + "notificaties"
    url = "http://localhost:8000/documenten/api/v1/enkelvoudiginformatieobjecten/1"
    notificatie = notificatie_create(
        kanaal="documenten", hoofd_object=url, resource="enkelvoudiginformatieobject", resource_url=url, actie="create"
    )
    assert [a.abonnement for a in notificatie.afleveringen.all()] == [abonnement]
    anonymous_client.credentials(HTTP_AUTHORIZATION=abonnement.auth)
    response = anonymous_client.post(api("notificaties"), notificatie.message(), format="json")
    assert response.status_code == 204


@pytest.mark.parametrize("route", ["notificatie", "reconciliatie"])
def test_a_public_document_archived_before_it_was_published_is_as_publishable(
    beheerder, documenten_api, informatieobjecttype, ontvang, route
):
    """`gearchiveerd` follows `definitief`: the document becomes a publication, with the deadline
    and vaststelling of the version that made it definitief, not of the one that archived it."""
    maak_regel(beheerder, informatieobjecttype, termijnDagen=10)
    document = documenten_api.create(informatieobjecttype=informatieobjecttype, titel="Besluit gearchiveerd")
    documenten_api.update(document["url"], status="definitief", beginRegistratie="2026-10-01T09:00:00Z")
    documenten_api.update(document["url"], beschrijving="Bijlage toegevoegd", beginRegistratie="2026-10-03T09:00:00Z")
    documenten_api.update(document["url"], status="gearchiveerd", beginRegistratie="2026-11-20T09:00:00Z")

    if route == "notificatie":  # only the archiving was announced
        ontvang(documenten_api.notificatie(document["url"]))
    else:
        assert services.publicaties_reconcile()["aangemaakt"] == 1

    publicatie = Publicatie.objects.get()
    assert publicatie.bron_document == document["url"]
    assert publicatie.status == PublicatieStatus.concept
    assert publicatie.deadline == dt.date(2026, 10, 11)
    assert publicatie.documenten.get().vastgesteld_op == dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC)


def test_an_automatic_rule_publishes_an_archived_public_document(
    beheerder, documenten_api, informatieobjecttype, ontvang
):
    maak_regel(beheerder, informatieobjecttype, automatischPubliceren=True)
    document = documenten_api.create(informatieobjecttype=informatieobjecttype, status="gearchiveerd")

    ontvang(documenten_api.notificatie(document["url"], "create"))

    publicatie = Publicatie.objects.get()
    assert publicatie.status == PublicatieStatus.gepubliceerd
    # one version only: the provider knows no earlier moment, so the archived version's counts
    assert publicatie.documenten.get().vastgesteld_op.isoformat() == document["beginRegistratie"].replace("Z", "+00:00")


def test_the_reconciliation_command_says_what_it_did_and_why_not(
    beheerder, documenten_api, make_informatieobjecttype, settings
):
    from io import StringIO

    from django.core.management import CommandError, call_command

    def run() -> str:
        out = StringIO()
        call_command("openbaarmaking_reconciliatie", stdout=out)
        return out.getvalue()

    assert "Geen publicatieregels en geen gepubliceerde publicaties" in run() and not documenten_api.requests

    besluit = make_informatieobjecttype("Besluit")
    maak_regel(beheerder, besluit)
    gemist = documenten_api.create(informatieobjecttype=besluit, status="gearchiveerd")
    documenten_api.create(informatieobjecttype=besluit, status="in_bewerking")
    documenten_api.create(informatieobjecttype=besluit, status="definitief", vertrouwelijkheidaanduiding="intern")
    documenten_api.create(informatieobjecttype=make_informatieobjecttype("Notitie"), status="definitief")

    assert run() == (
        "4 documenten gelezen in de Documenten API, 1 publicaties aangemaakt, 0 ingetrokken (hun document bestaat "
        "niet meer).\n"
        "Niet aangemaakt:\n"
        "  1 van een informatieobjecttype zonder publicatieregel\n"
        "  1 niet definitief (of gearchiveerd)\n"
        "  1 niet openbaar\n"
    )
    assert Publicatie.objects.get().bron_document == gemist["url"]
    assert "1 hadden al een publicatie" in run()

    documenten_api.handle_request = lambda request: documenten_api._problem(request, 500, "error", "Storing.")
    with pytest.raises(CommandError, match="antwoordde niet zoals verwacht"):
        run()
