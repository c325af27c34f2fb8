"""The publication officer's admin: overdue first, bulk publish and revoke after confirmation,
the chart per category per month."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from openbaarmaking.models import Informatiecategorie, Publicatieregel, PublicatieStatus

from .conftest import REDEN
from .factories import PublicatieDocumentFactory, PublicatieFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:openbaarmaking_publicatie_changelist"


def test_overdue_concepts_come_first(admin_client):
    vandaag = timezone.localdate()
    PublicatieFactory(officiele_titel="Gepubliceerd", status=PublicatieStatus.gepubliceerd)
    PublicatieFactory(officiele_titel="Later", deadline=vandaag + dt.timedelta(days=9))
    PublicatieFactory(officiele_titel="Te laat", deadline=vandaag - dt.timedelta(days=1))
    PublicatieFactory(officiele_titel="Zonder deadline")

    response = admin_client.get(reverse(CHANGELIST))

    assert response.status_code == 200
    titels = [p.officiele_titel for p in response.context["cl"].result_list]
    assert titels == ["Te laat", "Later", "Zonder deadline", "Gepubliceerd"]
    assert "(verlopen)" in response.content.decode()
    verlopen = admin_client.get(reverse(CHANGELIST), {"deadline": "verlopen"})
    assert [p.officiele_titel for p in verlopen.context["cl"].result_list] == ["Te laat"]


def test_bulk_publish_asks_for_confirmation_first(admin_client, documenten_api, informatieobjecttype):
    items = []
    for _ in range(2):
        document = documenten_api.create(informatieobjecttype=informatieobjecttype, status="definitief")
        items.append(PublicatieDocumentFactory(document=document["url"]))
    niet_openbaar = documenten_api.create(
        informatieobjecttype=informatieobjecttype, status="definitief", vertrouwelijkheidaanduiding="intern"
    )
    geweigerd = PublicatieDocumentFactory(document=niet_openbaar["url"])
    selected = [str(i.publicatie.pk) for i in [*items, geweigerd]]

    confirm = admin_client.post(reverse(CHANGELIST), {"action": "publiceren", "_selected_action": selected})

    assert confirm.status_code == 200
    assert "Ja, publiceren" in confirm.content.decode()
    for item in [*items, geweigerd]:
        item.publicatie.refresh_from_db()
        assert item.publicatie.status == PublicatieStatus.concept

    done = admin_client.post(
        reverse(CHANGELIST), {"action": "publiceren", "_selected_action": selected, "bevestigd": "ja"}, follow=True
    )

    assert done.status_code == 200
    for item in items:
        item.publicatie.refresh_from_db()
        assert item.publicatie.status == PublicatieStatus.gepubliceerd
    geweigerd.publicatie.refresh_from_db()
    assert geweigerd.publicatie.status == PublicatieStatus.concept
    assert "niet openbaar" in done.content.decode()


def test_bulk_revoke_needs_a_reason(admin_client):
    publicaties = [PublicatieFactory(status=PublicatieStatus.gepubliceerd) for _ in range(2)]
    selected = [str(p.pk) for p in publicaties]

    without = admin_client.post(
        reverse(CHANGELIST), {"action": "intrekken", "_selected_action": selected, "bevestigd": "ja"}
    )
    assert without.status_code == 200
    assert "Reden van intrekking" in without.content.decode()

    admin_client.post(
        reverse(CHANGELIST),
        {"action": "intrekken", "_selected_action": selected, "bevestigd": "ja", "reden": REDEN},
    )

    for publicatie in publicaties:
        publicatie.refresh_from_db()
        assert (publicatie.status, publicatie.reden_intrekking) == (PublicatieStatus.ingetrokken, REDEN)


def test_chart_per_category_per_month(admin_client):
    besluiten = Informatiecategorie.objects.get(nummer=16)
    adviezen = Informatiecategorie.objects.get(nummer=10)
    oktober = dt.datetime(2026, 10, 15, 12, tzinfo=dt.UTC)
    november = dt.datetime(2026, 11, 3, 12, tzinfo=dt.UTC)
    for moment, categorie, aantal in ((oktober, besluiten, 3), (oktober, adviezen, 1), (november, besluiten, 2)):
        for _ in range(aantal):
            PublicatieFactory(
                status=PublicatieStatus.gepubliceerd, datum_gepubliceerd=moment, informatiecategorieen=[categorie]
            )
    PublicatieFactory()  # a concept is not counted

    response = admin_client.get(reverse("admin:openbaarmaking_publicatie_grafiek"))

    assert response.status_code == 200
    grafiek = response.context["grafiek"]
    assert [(m["maand"].month, m["totaal"]) for m in grafiek] == [(10, 4), (11, 2)]
    assert [(b["nummer"], b["aantal"], b["breedte"]) for b in grafiek[0]["balken"]] == [(10, 1, 33), (16, 3, 100)]


def test_the_deadline_filter_shows_what_comes_soon(admin_client, settings):
    settings.OPENBAARMAKING_DEADLINE_WAARSCHUWING_DAGEN = 3
    vandaag = timezone.localdate()
    PublicatieFactory(officiele_titel="Over twee dagen", deadline=vandaag + dt.timedelta(days=2))
    PublicatieFactory(officiele_titel="Over een week", deadline=vandaag + dt.timedelta(days=7))
    PublicatieFactory(officiele_titel="Gisteren", deadline=vandaag - dt.timedelta(days=1))

    response = admin_client.get(reverse(CHANGELIST), {"deadline": "binnenkort"})

    assert [p.officiele_titel for p in response.context["cl"].result_list] == ["Over twee dagen"]


def test_a_rule_in_the_admin_needs_a_type_the_catalogi_api_knows(admin_client, informatieobjecttype):
    add = reverse("admin:openbaarmaking_publicatieregel_add")
    categorie = Informatiecategorie.objects.get(nummer=16)
    body = {"informatiecategorie": categorie.pk, "termijn_dagen": 14}

    refused = admin_client.post(add, {**body, "informatieobjecttype": informatieobjecttype + "0"})
    accepted = admin_client.post(add, {**body, "informatieobjecttype": informatieobjecttype})

    assert refused.status_code == 200 and refused.context["adminform"].form.errors
    assert accepted.status_code == 302
    assert categorie.publicatieregels.get().informatieobjecttype == informatieobjecttype


def test_a_rule_picks_its_type_from_the_catalogi_api_list(admin_client, make_informatieobjecttype):
    besluit = make_informatieobjecttype("Besluit")
    advies = make_informatieobjecttype("Advies")
    add = reverse("admin:openbaarmaking_publicatieregel_add")

    page = admin_client.get(add)

    field = page.context["adminform"].form.fields["informatieobjecttype"]
    labels = dict(field.choices)
    assert labels[besluit].startswith("Besluit") and labels[advies].startswith("Advies")
    html = page.content.decode()
    assert f'<option value="{besluit}">' in html and "<select" in html.split('name="informatieobjecttype"')[0][-200:]

    categorie = Informatiecategorie.objects.get(nummer=16)
    refused = admin_client.post(
        add, {"informatiecategorie": categorie.pk, "termijn_dagen": 14, "informatieobjecttype": "https://elders/x"}
    )
    assert refused.status_code == 200
    assert "Selecteer een geldige keuze" in str(refused.context["adminform"].form.errors["informatieobjecttype"])
    assert refused.context["adminform"].form["termijn_dagen"].value() == "14"  # what was typed is kept


def test_a_rule_takes_a_typed_url_when_the_catalogi_api_is_down(admin_client, informatieobjecttype, settings):
    add = reverse("admin:openbaarmaking_publicatieregel_add")
    settings.CATALOGI_API_ROOT = "http://127.0.0.1:9/catalogi/api/v1/"

    page = admin_client.get(add)

    assert page.status_code == 200
    assert "De Catalogi API antwoordt nu niet" in page.content.decode()
    assert 'type="url" name="informatieobjecttype"' in page.content.decode()


def test_a_publication_is_found_in_the_admin_by_its_api_uuid(admin_client):
    publicatie = PublicatieFactory()

    response = admin_client.get(f"/admin/openbaarmaking/publicatie/op-uuid/{publicatie.uuid}/")
    onbekend = admin_client.get("/admin/openbaarmaking/publicatie/op-uuid/5b4c3f56-56a0-4d4c-9d5e-2f6e3e0f3a11/")

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:openbaarmaking_publicatie_change", args=[publicatie.pk])
    assert onbekend.status_code == 404


def test_the_rules_list_names_each_type_from_the_catalogi_api(admin_client, make_informatieobjecttype, settings):
    besluit = make_informatieobjecttype("Besluit")
    Publicatieregel.objects.create(
        informatieobjecttype=besluit, informatiecategorie=Informatiecategorie.objects.get(nummer=16)
    )
    changelist = reverse("admin:openbaarmaking_publicatieregel_changelist")

    assert f"Besluit ({besluit})" in admin_client.get(changelist).content.decode()

    settings.CATALOGI_API_ROOT = "http://127.0.0.1:9/catalogi/api/v1/"  # does not answer: the URL alone
    page = admin_client.get(changelist)
    assert page.status_code == 200
    assert besluit in page.content.decode() and "Besluit (" not in page.content.decode()
