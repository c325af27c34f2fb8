"""The archivist's admin: compose, approve, follow progress and errors, upload the receipt."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from archief.models import IndexZaak
from archief.overbrenging.models import ItemStatus, Overbrenging, Status
from archief.overbrenging.tasks import overbrenging_stap_vergrendeld
from archief.tests.factories import IndexZaakFactory

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


def indexed(url: str, einddatum: str = "2004-06-30", **kwargs) -> IndexZaak:
    """The zaak as the archive's index knows it (the transfer form picks from the index)."""
    return IndexZaakFactory(
        url=url, archiefnominatie="blijvend_bewaren", einddatum=einddatum, archiefactiedatum=None, **kwargs
    )


@pytest.fixture
def concept(admin_client, afspraak, fake):
    zaken = [fake.add(sipdata.zaak(i, size=100_000)) for i in (1, 2, 3)]
    damaged = fake.zios[zaken[2]][0]
    fake.contents[damaged] = fake.contents[damaged][:-1] + b"!"
    response = admin_client.post(
        reverse("admin:overbrenging_overbrenging_add"),
        {"afspraak": afspraak.pk, "naam": "ob-admin", "zaken": [indexed(url).pk for url in zaken]},
    )
    assert response.status_code == 302
    return Overbrenging.objects.get(naam="ob-admin")


def test_composing_refuses_ineligible_cases_with_their_reasons(admin_client, afspraak, fake):
    young = indexed(fake.add(sipdata.zaak(1, einddatum="2025-01-01")), einddatum="2025-01-01")
    response = admin_client.post(
        reverse("admin:overbrenging_overbrenging_add"), {"afspraak": afspraak.pk, "zaken": [young.pk]}
    )
    assert response.status_code == 200
    assert "vervroegde overbrenging niet toe" in response.content.decode()
    assert not Overbrenging.objects.exists()
    assert re.search(rf'name="zaken" value="{young.pk}"[^>]*checked', response.content.decode())  # choice kept


def test_the_transfer_form_offers_the_zaken_of_the_index_that_may_go(admin_client, afspraak, fake):
    kandidaat = indexed(fake.add(sipdata.zaak(1)), identificatie="KANDIDAAT")
    indexed(f"{sipdata.ZAKEN}zaken/open", einddatum=None, identificatie="OPEN")
    indexed(f"{sipdata.ZAKEN}zaken/weg", identificatie="OVERGEDRAGEN", archiefstatus="overgedragen")
    IndexZaakFactory(identificatie="TE-VERNIETIGEN")
    bezet = indexed(fake.add(sipdata.zaak(2)), identificatie="BEZET")
    add = reverse("admin:overbrenging_overbrenging_add")
    assert admin_client.post(add, {"afspraak": afspraak.pk, "naam": "eerste", "zaken": [bezet.pk]}).status_code == 302

    page = admin_client.get(add)

    offered = [str(zaak) for zaak in page.context["form"].fields["zaken"].queryset]
    assert offered == ["KANDIDAAT"]
    assert f'value="{kandidaat.pk}"' in page.content.decode()
    assert "overbrenging-&lt;datum&gt;" in page.content.decode()  # the placeholder is shown, not swallowed


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


def test_the_receipt_form_shows_its_xml_example_whole(admin_client, concept):
    page = admin_client.get(reverse("admin:overbrenging_overbrenging_ontvangstbewijs", args=[concept.pk]))

    assert "&lt;ontvangstbewijs&gt;&lt;zaak identificatie=" in page.content.decode()


AFSPRAAK = {
    "archiefinstelling": None,
    "naam": "Afspraak",
    "contact": "archief@voorbeeld.nl",
    "archiefvormer_naam": "Gemeente Voorbeeld",
    "archiefvormer_bron": "Register van Overheidsorganisaties",
    "identificatiebron": "zaaksysteem",
    "doel_type": "lokaal",
    "doel_poort": 22,
    "container_vorm": "tar",
    "max_container_omvang": 1024**3,
    "checksum_algoritme": "sha256",
    "vervroegd_toegestaan": "on",
    "beperking_jaren": 0,
    "lokale_kopie": "bewaren",
}


def test_an_agreement_ticks_its_zaaktypen_in_the_catalogi_list(admin_client, afspraak, catalogus, edepot):
    add = reverse("admin:overbrenging_overbrengingsafspraak_add")
    data = {**AFSPRAAK, "archiefinstelling": afspraak.archiefinstelling.pk, "doel_locatie": str(edepot)}

    page = admin_client.get(add)
    labels = dict(page.context["adminform"].form.fields["vervroegd_zaaktypen"].choices)
    assert labels[catalogus["zaaktype"]].startswith("Omgevingsvergunning verlenen (OMGVERG")
    response = admin_client.post(add, {**data, "vervroegd_zaaktypen": [catalogus["zaaktype"]]})

    assert response.status_code == 302, response.context["adminform"].form.errors
    saved = afspraak.archiefinstelling.afspraken.get(naam="Afspraak")
    assert saved.vervroegd_zaaktypen == [catalogus["zaaktype"]]
    change = admin_client.get(reverse("admin:overbrenging_overbrengingsafspraak_change", args=[saved.pk]))
    assert re.search(rf'value="{catalogus["zaaktype"]}"[^>]*checked', change.content.decode())


def test_an_agreement_takes_zaaktype_urls_one_per_line_when_the_catalogi_api_is_down(
    admin_client, afspraak, edepot, settings
):
    settings.CATALOGI_API_ROOT = "http://127.0.0.1:9/catalogi/api/v1/"
    add = reverse("admin:overbrenging_overbrengingsafspraak_add")
    data = {**AFSPRAAK, "archiefinstelling": afspraak.archiefinstelling.pk, "doel_locatie": str(edepot)}
    eerste = "http://localhost:8000/catalogi/api/v1/zaaktypen/1"
    tweede = "http://localhost:8000/catalogi/api/v1/zaaktypen/2"

    refused = admin_client.post(add, {**data, "vervroegd_zaaktypen": f"{eerste}\ngeen url"})
    accepted = admin_client.post(add, {**data, "vervroegd_zaaktypen": f"{eerste}\n\n{tweede}\n"})

    errors = refused.context["adminform"].form.errors["vervroegd_zaaktypen"]
    assert "regel 2 (geen url)" in str(errors) and "Voer een geldige JSON in" not in str(errors)
    assert f"{eerste}\ngeen url" in refused.content.decode()  # what was typed stays
    assert accepted.status_code == 302
    assert afspraak.archiefinstelling.afspraken.get(naam="Afspraak").vervroegd_zaaktypen == [eerste, tweede]


def test_selected_zaken_of_the_index_go_into_a_new_transfer(client, afspraak, fake):
    recordmanager = persoon("Recordmanager")
    recordmanager.is_staff = True
    recordmanager.save()
    gekozen = [indexed(fake.add(sipdata.zaak(i))) for i in (1, 2)]
    jong = indexed(fake.add(sipdata.zaak(3, einddatum="2025-01-01")), einddatum="2025-01-01")
    client.force_login(recordmanager)
    changelist = reverse("admin:archief_indexzaak_changelist")
    data = {"action": "in_nieuwe_overbrenging", "bevestigd": "ja", "afspraak": afspraak.pk, "naam": "uit-index"}

    refused = client.post(changelist, {**data, "_selected_action": [z.pk for z in [*gekozen, jong]]})
    accepted = client.post(changelist, {**data, "_selected_action": [z.pk for z in gekozen]})

    assert refused.status_code == 200
    assert "vervroegde overbrenging niet toe" in refused.content.decode()
    overbrenging = Overbrenging.objects.get()
    assert accepted.status_code == 302
    assert accepted["Location"] == reverse("admin:overbrenging_overbrenging_change", args=[overbrenging.pk])
    assert sorted(overbrenging.items.values_list("zaak", flat=True)) == sorted(z.url for z in gekozen)
    assert overbrenging.status == Status.concept and overbrenging.naam == "uit-index"


def test_a_transfers_page_shows_the_placeholder_in_a_help_text(admin_client, concept):
    page = admin_client.get(reverse("admin:overbrenging_overbrenging_change", args=[concept.pk])).content.decode()

    assert "elke container heet `&lt;naam&gt;-NNN`" in page


def test_only_an_archivist_is_offered_the_approval_of_a_transfer(client, concept):
    changelist = reverse("admin:overbrenging_overbrenging_changelist")

    def acties(groep: str) -> set[str]:
        user = persoon(groep)
        user.is_staff = True
        user.save()
        client.force_login(user)
        return set(re.findall(r'<option value="(\w+)"', client.get(changelist).content.decode()))

    assert {"goedkeuren", "hervatten"} <= acties("Archivaris")
    recordmanager = acties("Recordmanager")
    assert "goedkeuren" not in recordmanager and "hervatten" in recordmanager
    client.post(changelist, {"action": "goedkeuren", "_selected_action": [concept.pk]})
    concept.refresh_from_db()
    assert concept.status == Status.concept


def test_only_an_archivist_is_offered_the_upload_of_the_archives_receipt(client, concept):
    concept.status = Status.geverifieerd
    concept.save(update_fields=["status"])
    change = reverse("admin:overbrenging_overbrenging_change", args=[concept.pk])
    upload = reverse("admin:overbrenging_overbrenging_ontvangstbewijs", args=[concept.pk])

    def pagina(groep: str) -> str:
        user = persoon(groep)
        user.is_staff = True
        user.save()
        client.force_login(user)
        response = client.get(change)
        assert response.status_code == 200
        return response.content.decode()

    assert upload in pagina("Archivaris")
    recordmanager = pagina("Recordmanager")
    assert upload not in recordmanager
    assert "Wacht op het ontvangstbewijs van het archief" in recordmanager
