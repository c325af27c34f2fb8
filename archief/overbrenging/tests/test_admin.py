"""The archivist's admin: compose, approve, follow progress and errors, upload the receipt."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from archief.overbrenging.models import ItemStatus, Overbrenging, Status
from archief.overbrenging.tasks import overbrenging_stap_vergrendeld

from . import sipdata
from .rollen import persoon

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def run(overbrenging):
    while overbrenging_stap_vergrendeld(overbrenging.pk):
        pass
    overbrenging.refresh_from_db()
    return overbrenging


@pytest.fixture
def concept(admin_client, afspraak, fake):
    zaken = [fake.add(sipdata.zaak(i, size=100_000)) for i in (1, 2, 3)]
    damaged = fake.zios[zaken[2]][0]
    fake.contents[damaged] = fake.contents[damaged][:-1] + b"!"
    response = admin_client.post(
        reverse("admin:overbrenging_overbrenging_add"),
        {"afspraak": afspraak.pk, "naam": "ob-admin", "zaken": "\n".join(zaken)},
    )
    assert response.status_code == 302
    return Overbrenging.objects.get(naam="ob-admin")


def test_composing_refuses_ineligible_cases_with_their_reasons(admin_client, afspraak, fake):
    young = fake.add(sipdata.zaak(1, einddatum="2025-01-01"))
    response = admin_client.post(
        reverse("admin:overbrenging_overbrenging_add"), {"afspraak": afspraak.pk, "zaken": young}
    )
    assert response.status_code == 200
    assert "vervroegde overbrenging niet toe" in response.content.decode()
    assert not Overbrenging.objects.exists()


def test_approve_then_follow_progress_and_errors(admin_client, concept):
    assert concept.status == Status.concept
    changelist = reverse("admin:overbrenging_overbrenging_changelist")
    response = admin_client.post(changelist, {"action": "goedkeuren", "_selected_action": [concept.pk]})
    assert response.status_code == 302
    concept.refresh_from_db()
    assert concept.status == Status.goedgekeurd
    assert concept.gebeurtenissen.last().door == "admin"
    run(concept)
    page = admin_client.get(changelist).content.decode()
    assert '<progress max="100" value="100"' in page
    assert "3 van 3 zaken, 585.9 KiB van 585.9 KiB, 1 met fout" in page
    detail = admin_client.get(reverse("admin:overbrenging_overbrenging_change", args=[concept.pk])).content.decode()
    assert "komt niet overeen met de integriteit" in detail
    assert "Ontvangstbewijs van het archief uploaden" in detail


def receipt(body: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("ontvangst.xml", body.encode(), content_type="application/xml")


def test_the_archives_receipt_decides_per_case(admin_client, concept, fake):
    admin_client.post(
        reverse("admin:overbrenging_overbrenging_changelist"),
        {"action": "goedkeuren", "_selected_action": [concept.pk]},
    )
    run(concept)
    url = reverse("admin:overbrenging_overbrenging_ontvangstbewijs", args=[concept.pk])
    response = admin_client.post(
        url,
        {
            "ontvangstbewijs": receipt(
                "<ontvangstbewijs>"
                '<zaak identificatie="ZAAK-2003-0001" status="geaccepteerd"/>'
                '<zaak identificatie="ZAAK-2003-0002" status="afgewezen">Onleesbaar bestand</zaak>'
                "</ontvangstbewijs>"
            )
        },
    )
    assert response.status_code == 302
    concept = run(concept)
    assert concept.status == Status.afgerond
    assert concept.ontvangstbewijs.name
    states = dict(concept.items.values_list("identificatie", "status"))
    assert states == {
        "ZAAK-2003-0001": ItemStatus.overgedragen,
        "ZAAK-2003-0002": ItemStatus.afgewezen,
        "ZAAK-2003-0003": ItemStatus.fout,
    }
    assert concept.items.get(identificatie="ZAAK-2003-0002").reden == "Onleesbaar bestand"


def test_a_receipt_with_entities_is_refused_unread(admin_client, concept, tmp_path):
    admin_client.post(
        reverse("admin:overbrenging_overbrenging_changelist"),
        {"action": "goedkeuren", "_selected_action": [concept.pk]},
    )
    run(concept)
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIM")
    hostile = (
        f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file://{secret}">]>'
        '<ontvangstbewijs><zaak identificatie="ZAAK-2003-0001" status="geaccepteerd">&e;</zaak></ontvangstbewijs>'
    )
    url = reverse("admin:overbrenging_overbrenging_ontvangstbewijs", args=[concept.pk])
    response = admin_client.post(url, {"ontvangstbewijs": receipt(hostile)})
    assert response.status_code == 200
    assert "DOCTYPE" in response.content.decode()
    assert "GEHEIM" not in response.content.decode()
    concept.refresh_from_db()
    assert concept.status == Status.geverifieerd


def test_stalled_work_can_be_resumed_from_the_admin(admin_client, concept, celery_eager, worker_by_hand):
    from archief.overbrenging import services

    services.overbrenging_approve(overbrenging=concept, door=persoon("Archivaris"))  # its task never ran
    concept.refresh_from_db()
    assert concept.status == Status.goedgekeurd
    worker_by_hand()  # the chain approval queued never ran; what follows runs as queued
    response = admin_client.post(
        reverse("admin:overbrenging_overbrenging_changelist"), {"action": "hervatten", "_selected_action": [concept.pk]}
    )
    assert response.status_code == 302
    concept.refresh_from_db()
    assert concept.status == Status.geverifieerd
