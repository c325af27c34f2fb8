"""The archive in the admin: the index, the dashboard, and lists reviewed through the services."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from common.exceptions import DomainError
from common.tests.test_downloads import assert_safe_header

from ..models import IndexZaak, ItemStatus, Vernietigingslijst
from ..models import VernietigingslijstStatus as Status
from .factories import IndexZaakFactory, IndexZaakTypeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(recordmanager, beoordelaar, archivaris):
    for user in (recordmanager, beoordelaar, archivaris):
        user.is_staff = True
        user.set_password("pw")
        user.save()
    return {"auteur": recordmanager, "beoordelaar": beoordelaar, "archivaris": archivaris}


def test_the_index_is_listed_and_filtered(admin_client):
    IndexZaakFactory(identificatie="KANDIDAAT")
    IndexZaakFactory(identificatie="LATER", archiefactiedatum=None)
    IndexZaakFactory(identificatie="GEBLOKKEERD", archiveringsblokkade="document in bewerking")
    url = reverse("admin:archief_indexzaak_changelist")

    def shown(params):
        return sorted(str(z) for z in admin_client.get(url, params).context["cl"].result_list)

    assert shown({}) == ["GEBLOKKEERD", "KANDIDAAT", "LATER"]
    assert shown({"vernietigbaar": "ja"}) == ["GEBLOKKEERD", "KANDIDAAT"]
    assert shown({"geblokkeerd": "ja"}) == ["GEBLOKKEERD"]
    IndexZaakFactory(identificatie="BLIJVEND", archiefnominatie="blijvend_bewaren", archiefactiedatum=None)
    assert shown({"overdraagbaar": "ja"}) == ["BLIJVEND"]
    detail = reverse("admin:archief_indexzaak_change", args=[IndexZaak.objects.first().pk])
    assert admin_client.get(detail).status_code == 200


def test_the_dashboard_shows_each_norm_with_a_chart_and_the_zaken_behind_it(admin_client):
    zaak = IndexZaakFactory(identificatie="ZONDER", archiefnominatie="", archiefactiedatum=None)
    IndexZaakTypeFactory(omschrijving="Klacht", archiveringsgebreken=["x"])

    response = admin_client.get(reverse("admin:archief_dashboard"))

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<svg") >= 2
    assert "Afgesloten zaken zonder archiefnominatie of archiefactiedatum" in html
    assert reverse("admin:archief_indexzaak_change", args=[zaak.pk]) in html
    assert "http" not in html.split("<svg", 1)[1].split("</svg>")[0].replace("http://www.w3.org/2000/svg", "")

    export = admin_client.get(reverse("admin:archief_dashboard_csv"))
    assert_safe_header(export["Content-Disposition"], "informatiehuishouding.csv")
    rows = list(csv.DictReader(io.StringIO(export.content.decode())))
    assert {r["norm"]: r["aantal"] for r in rows if not r["zaaktype"]}["zaken_zonder_archiefparameters"] == "1"


def test_chart_labels_are_escaped(admin_client):
    IndexZaakFactory(archiefnominatie="", archiefactiedatum=None, zaaktype_omschrijving="<script>x</script>")

    html = admin_client.get(reverse("admin:archief_dashboard")).content.decode()

    assert "<script>x</script>" not in html and "&lt;script&gt;" in html


def test_a_list_is_proposed_reviewed_and_approved_in_the_admin(client, staff):
    zaken = [IndexZaakFactory(), IndexZaakFactory()]
    client.force_login(staff["auteur"])
    response = client.post(
        reverse("admin:archief_vernietigingslijst_add"),
        {
            "naam": "Admin-lijst",
            "toelichting": "",
            "beoordelaar": staff["beoordelaar"].pk,
            "archivaris": staff["archivaris"].pk,
            "zaken": [z.pk for z in zaken],
        },
    )
    assert response.status_code == 302, response.content
    lijst = Vernietigingslijst.objects.get()
    assert lijst.auteur == staff["auteur"] and lijst.items.count() == 2

    def step(user, name, toelichting=""):
        client.force_login(user)
        return client.post(
            reverse("admin:archief_vernietigingslijst_transitie", args=[lijst.pk, name]), {"toelichting": toelichting}
        )

    step(staff["auteur"], "indienen")
    step(staff["auteur"], "goedkeuren")  # refused: four eyes
    assert Vernietigingslijst.objects.get().status == Status.klaar_voor_beoordeling
    client.force_login(staff["beoordelaar"])
    item = lijst.items.first()
    client.post(reverse("admin:archief_vernietigingslijst_uitzonderen", args=[lijst.pk, item.pk]), {"reden": "nodig"})
    step(staff["beoordelaar"], "goedkeuren")
    step(staff["beoordelaar"], "aanbieden")
    step(staff["archivaris"], "vaststellen", "akkoord")

    lijst.refresh_from_db()
    assert lijst.status == Status.klaar_voor_vernietiging
    item.refresh_from_db()
    assert item.status == ItemStatus.uitgezonderd
    page = client.get(reverse("admin:archief_vernietigingslijst_change", args=[lijst.pk]))
    assert page.status_code == 200 and b"Nu uitvoeren" not in page.content  # the waiting period runs
    assert "wacht tot" in page.content.decode()
    assert b'<progress value="0" max="1"></progress> 1 voorgesteld, 1 uitgezonderd' in page.content
    Vernietigingslijst.objects.filter(pk=lijst.pk).update(vernietigen_vanaf=timezone.now())
    assert b"Nu uitvoeren" in client.get(reverse("admin:archief_vernietigingslijst_change", args=[lijst.pk])).content


def test_the_admin_shows_the_services_refusal(client, staff):
    zaak = IndexZaakFactory()
    staff["auteur"].groups.add(*staff["beoordelaar"].groups.all())
    client.force_login(staff["auteur"])
    data = {"naam": "L", "beoordelaar": staff["auteur"].pk, "archivaris": staff["archivaris"].pk, "zaken": [zaak.pk]}

    response = client.post(reverse("admin:archief_vernietigingslijst_add"), data, follow=True)

    assert Vernietigingslijst.objects.count() == 0
    assert response.status_code == 200
    assert "De auteur van een lijst mag haar niet beoordelen of vaststellen." in response.content.decode()


def test_the_verklaring_downloads(admin_client, people):
    from .. import services

    lijst = services.vernietigingslijst_create(naam="L", zaken=[IndexZaakFactory().url], **people)

    response = admin_client.get(reverse("admin:archief_vernietigingslijst_verklaring", args=[lijst.pk, "xlsx"]))

    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert_safe_header(response["Content-Disposition"], f"verklaring-van-vernietiging-{lijst.pk}.xlsx")


def test_the_list_form_offers_no_zaak_that_is_on_another_open_list(client, staff, people):
    from .. import services

    bezet, vrij = IndexZaakFactory(identificatie="BEZET"), IndexZaakFactory(identificatie="VRIJ")
    services.vernietigingslijst_create(naam="Eerste", zaken=[bezet.url], **people)
    client.force_login(staff["auteur"])

    page = client.get(reverse("admin:archief_vernietigingslijst_add"))

    offered = [str(zaak) for zaak in page.context["adminform"].form.fields["zaken"].queryset]
    assert offered == ["VRIJ"]
    assert f'value="{vrij.pk}"' in page.content.decode() and f'value="{bezet.pk}"' not in page.content.decode()


CHANGELIST = "admin:archief_indexzaak_changelist"


def test_selected_zaken_go_on_a_new_list_from_the_index(client, staff):
    gekozen = [IndexZaakFactory(identificatie="EEN"), IndexZaakFactory(identificatie="TWEE")]
    IndexZaakFactory(identificatie="NIET")
    client.force_login(staff["auteur"])
    selectie = {"action": "op_nieuwe_lijst", "_selected_action": [z.pk for z in gekozen]}

    vraag = client.post(reverse(CHANGELIST), selectie)
    assert vraag.status_code == 200 and "EEN" in vraag.content.decode() and "NIET" not in vraag.content.decode()
    assert not Vernietigingslijst.objects.exists()
    data = {
        **selectie,
        "bevestigd": "ja",
        "naam": "Uit de index",
        "beoordelaar": staff["beoordelaar"].pk,
        "archivaris": staff["archivaris"].pk,
    }
    response = client.post(reverse(CHANGELIST), data)

    lijst = Vernietigingslijst.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:archief_vernietigingslijst_change", args=[lijst.pk])
    assert sorted(lijst.items.values_list("identificatie", flat=True)) == ["EEN", "TWEE"]
    assert lijst.auteur == staff["auteur"] and lijst.naam == "Uit de index"


def test_a_refused_selection_says_why_and_keeps_what_was_typed(client, staff, people):
    from .. import services

    bezet = IndexZaakFactory(identificatie="BEZET")
    services.vernietigingslijst_create(naam="Eerste", zaken=[bezet.url], **people)
    client.force_login(staff["auteur"])
    data = {
        "action": "op_nieuwe_lijst",
        "_selected_action": [bezet.pk, IndexZaakFactory().pk],
        "bevestigd": "ja",
        "naam": "Tweede",
        "toelichting": "mijn toelichting",
        "beoordelaar": staff["beoordelaar"].pk,
        "archivaris": staff["archivaris"].pk,
    }

    response = client.post(reverse(CHANGELIST), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "BEZET staat al op vernietigingslijst `Eerste`." in html
    assert 'value="Tweede"' in html and "mijn toelichting" in html
    assert Vernietigingslijst.objects.count() == 1


def test_selected_zaken_join_an_existing_list_of_their_author(client, staff, people):
    from .. import services

    lijst = services.vernietigingslijst_create(naam="Lopend", zaken=[IndexZaakFactory().url], **people)
    extra = IndexZaakFactory(identificatie="ERBIJ")
    client.force_login(staff["auteur"])
    selectie = {"action": "op_bestaande_lijst", "_selected_action": [extra.pk]}

    vraag = client.post(reverse(CHANGELIST), selectie)
    assert list(vraag.context["form"].fields["lijst"].queryset) == [lijst]
    response = client.post(reverse(CHANGELIST), {**selectie, "bevestigd": "ja", "lijst": lijst.pk})

    assert response.status_code == 302
    assert "ERBIJ" in lijst.items.values_list("identificatie", flat=True)
    assert lijst.items.count() == 2


def test_only_a_record_manager_is_offered_the_list_actions(client, staff):
    IndexZaakFactory()

    def acties(user) -> set[str]:
        client.force_login(user)
        return set(re.findall(r'<option value="(\w+)"', client.get(reverse(CHANGELIST)).content.decode()))

    assert {"op_nieuwe_lijst", "op_bestaande_lijst", "in_nieuwe_overbrenging"} <= acties(staff["auteur"])
    assert "op_nieuwe_lijst" not in acties(staff["beoordelaar"])
    assert "in_nieuwe_overbrenging" not in acties(staff["beoordelaar"])
    archivaris = acties(staff["archivaris"])
    assert "in_nieuwe_overbrenging" in archivaris and "op_nieuwe_lijst" not in archivaris


def _aangeboden(client, user, lijst) -> set[str]:
    """The steps the change page offers `user`: transition buttons, exclusion and execution."""
    client.force_login(user)
    html = client.get(reverse("admin:archief_vernietigingslijst_change", args=[lijst.pk])).content.decode()
    stappen = set(re.findall(r'name="transitie-(\w+)"', html))
    if 'name="uitzonderen-' in html:
        stappen.add("uitzonderen")
    if 'name="uitvoeren"' in html:
        stappen.add("uitvoeren")
    return stappen


def test_each_person_is_offered_only_the_steps_their_role_allows_now(client, staff, medebeoordelaar):
    from .. import services

    medebeoordelaar.is_staff = True
    medebeoordelaar.save()
    buitenstaander = UserFactory(username="buitenstaander", groups=["Beoordelaar"], is_staff=True)
    auteur, beoordelaar, archivaris = staff["auteur"], staff["beoordelaar"], staff["archivaris"]
    lijst = services.vernietigingslijst_create(
        naam="L",
        zaken=[IndexZaakFactory().url],
        auteur=auteur,
        beoordelaar=beoordelaar,
        archivaris=archivaris,
        medebeoordelaars=[medebeoordelaar],
    )
    iedereen = (auteur, beoordelaar, medebeoordelaar, archivaris, buitenstaander)

    def overzicht():
        return {user.username: _aangeboden(client, user, lijst) for user in iedereen}

    assert overzicht() == {
        "recordmanager": {"indienen", "uitzonderen"},
        "beoordelaar": {"uitzonderen"},
        "medebeoordelaar": {"uitzonderen"},
        "archivaris": {"uitzonderen"},
        "buitenstaander": set(),
    }
    services.vernietigingslijst_indienen(lijst, gebruiker=auteur)
    beoordelen = {"goedkeuren", "afkeuren", "uitzonderen"}
    assert overzicht() == {
        "recordmanager": {"uitzonderen"},
        "beoordelaar": beoordelen,
        "medebeoordelaar": beoordelen,
        "archivaris": {"uitzonderen"},
        "buitenstaander": set(),
    }
    services.vernietigingslijst_beoordelen(lijst, gebruiker=beoordelaar, akkoord=True)
    services.vernietigingslijst_beoordelen(lijst, gebruiker=medebeoordelaar, akkoord=True)
    assert overzicht()["recordmanager"] == {"aanbieden", "uitzonderen"}
    assert overzicht()["beoordelaar"] == {"aanbieden", "uitzonderen"}
    services.vernietigingslijst_aanbieden(lijst, gebruiker=auteur)
    assert overzicht()["archivaris"] == {"vaststellen", "terugsturen", "uitzonderen"}
    assert overzicht()["recordmanager"] == {"uitzonderen"}
    services.vernietigingslijst_vaststellen(lijst, gebruiker=archivaris, akkoord=True)
    assert all(stappen == set() for stappen in overzicht().values())  # the waiting period runs
    Vernietigingslijst.objects.filter(pk=lijst.pk).update(vernietigen_vanaf=timezone.now())
    assert overzicht() == {name: ({"uitvoeren"} if name == "archivaris" else set()) for name in overzicht()}
    client.force_login(auteur)
    page = client.get(reverse("admin:archief_vernietigingslijst_change", args=[lijst.pk])).content.decode()
    assert "U kunt in deze status geen stap zetten." in page


def test_what_is_offered_is_what_the_services_accept(client, staff, medebeoordelaar):
    """Every step offered succeeds and every step withheld is refused, for each person in each state."""
    from django.db import transaction

    from .. import services
    from ..admin import TRANSITIES

    lijst = services.vernietigingslijst_create(
        naam="L",
        zaken=[IndexZaakFactory().url],
        **{k: staff[k] for k in ("beoordelaar", "archivaris")},
        auteur=staff["auteur"],
        medebeoordelaars=[medebeoordelaar],
    )
    iedereen = [staff["auteur"], staff["beoordelaar"], medebeoordelaar, staff["archivaris"]]
    volgorde = [
        ("indienen", staff["auteur"]),
        ("goedkeuren", staff["beoordelaar"]),
        ("goedkeuren", medebeoordelaar),
        ("aanbieden", staff["auteur"]),
        ("vaststellen", staff["archivaris"]),
    ]
    for stap_verder, door in [*volgorde, (None, None)]:
        for user in iedereen:
            aangeboden = set(services.vernietigingslijst_stappen(lijst, user)) & set(TRANSITIES)
            for name, (_, call, akkoord) in TRANSITIES.items():
                kwargs = {"gebruiker": user, "toelichting": "waarom"}
                if akkoord is not None:
                    kwargs["akkoord"] = akkoord
                try:
                    with transaction.atomic():
                        call(Vernietigingslijst.objects.get(pk=lijst.pk), **kwargs)
                        transaction.set_rollback(True)
                except DomainError:
                    assert name not in aangeboden, (lijst.status, user.username, name)
                else:
                    assert name in aangeboden, (lijst.status, user.username, name)
        if stap_verder is not None:
            _, call, akkoord = TRANSITIES[stap_verder]
            call(lijst, gebruiker=door, **({"akkoord": akkoord} if akkoord is not None else {}))
            lijst.refresh_from_db()


def test_links_to_a_zaak_open_its_page_in_the_index_not_the_apis_json(admin_client, people):
    from .. import services

    zonder = IndexZaakFactory(identificatie="ZONDER-PARAMETERS", archiefnominatie="", archiefactiedatum=None)
    op_lijst = IndexZaakFactory(identificatie="OP-LIJST")
    lijst = services.vernietigingslijst_create(naam="Lijst", zaken=[op_lijst.url], **people)
    verklaring = "http://localhost:8000/documenten/api/v1/enkelvoudiginformatieobjecten/1"
    Vernietigingslijst.objects.filter(pk=lijst.pk).update(verklaring=verklaring)

    dashboard = admin_client.get(reverse("admin:archief_dashboard")).content.decode()
    index_page = admin_client.get(reverse("admin:archief_indexzaak_change", args=[op_lijst.pk])).content.decode()
    lijst_page = admin_client.get(reverse("admin:archief_vernietigingslijst_change", args=[lijst.pk])).content.decode()

    assert f'<a href="{reverse("admin:archief_indexzaak_change", args=[zonder.pk])}">ZONDER-PARAMETERS</a>' in dashboard
    for html in (dashboard, index_page, lijst_page):
        assert not re.search(r'href="https?://[^"]*/api/', html)
    assert op_lijst.url in index_page and verklaring in lijst_page  # shown, as text
    assert reverse("admin:archief_vernietigingslijst_change", args=[lijst.pk]) in index_page
    assert f'<a href="{reverse("admin:archief_indexzaak_change", args=[op_lijst.pk])}">OP-LIJST</a>' in lijst_page


def test_a_publication_in_the_report_links_to_its_admin_page_not_the_api():
    from ..admin import _publicatie_admin_url

    uuid = "5b4c3f56-56a0-4d4c-9d5e-2f6e3e0f3a11"
    api_url = f"http://localhost:8000/openbaarmaking/api/v1/publicaties/{uuid}"

    assert _publicatie_admin_url(api_url) == f"/admin/openbaarmaking/publicatie/op-uuid/{uuid}/"


@pytest.fixture
def vastgesteld(people):
    from .. import services

    lijst = services.vernietigingslijst_create(naam="Wachtend", zaken=[IndexZaakFactory().url], **people)
    services.vernietigingslijst_indienen(lijst, gebruiker=people["auteur"])
    services.vernietigingslijst_beoordelen(lijst, gebruiker=people["beoordelaar"], akkoord=True)
    services.vernietigingslijst_aanbieden(lijst, gebruiker=people["auteur"])
    services.vernietigingslijst_vaststellen(lijst, gebruiker=people["archivaris"], akkoord=True)
    lijst.refresh_from_db()
    return lijst


def test_the_waiting_period_and_its_end_are_on_the_list_page(admin_client, vastgesteld):
    einde = timezone.localtime(vastgesteld.vernietigen_vanaf)

    page = admin_client.get(reverse("admin:archief_vernietigingslijst_changelist")).content.decode()

    assert f"tot {einde:%d-%m-%Y %H:%M} (nog 6 dagen en 23 uur)" in page


def test_only_whom_the_settings_name_changes_the_waiting_period_and_each_change_is_recorded(
    client, staff, vastgesteld, settings
):
    settings.ARCHIEF_WACHTTIJD_WIJZIGERS = ["gebruiker:archivaris"]
    change = reverse("admin:archief_vernietigingslijst_change", args=[vastgesteld.pk])
    wachttijd = reverse("admin:archief_vernietigingslijst_wachttijd", args=[vastgesteld.pk])
    oud = vastgesteld.vernietigen_vanaf
    nieuw = timezone.localtime(oud - dt.timedelta(days=5)).replace(second=0, microsecond=0)
    invoer = {"vernietigen_vanaf": f"{nieuw:%Y-%m-%dT%H:%M}", "reden": "Afgestemd met de afdeling"}

    client.force_login(staff["auteur"])
    assert 'name="wachttijd"' not in client.get(change).content.decode()
    geweigerd = client.post(wachttijd, invoer, follow=True).content.decode()
    assert "Alleen gebruiker archivaris mag de wachttijd wijzigen." in geweigerd

    client.force_login(staff["archivaris"])
    pagina = client.get(change).content.decode()
    assert 'name="wachttijd"' in pagina and "Korter of langer maken mag gebruiker archivaris" in pagina
    zonder_reden = client.post(wachttijd, {**invoer, "reden": ""}, follow=True).content.decode()
    assert "Wachttijd niet gewijzigd: reden: Dit veld is vereist." in zonder_reden
    assert f'value="{nieuw:%Y-%m-%dT%H:%M}"' in zonder_reden  # the date typed is still there
    vastgesteld.refresh_from_db()
    assert vastgesteld.vernietigen_vanaf == oud

    gelukt = client.post(wachttijd, invoer, follow=True).content.decode()

    vastgesteld.refresh_from_db()
    assert vastgesteld.vernietigen_vanaf == nieuw
    wijziging = vastgesteld.wachttijdwijzigingen.get()
    assert (wijziging.gebruiker, wijziging.oud, wijziging.nieuw, wijziging.reden) == (
        staff["archivaris"],
        oud,
        nieuw,
        "Afgestemd met de afdeling",
    )
    assert f"De wachttijd loopt nu tot {nieuw:%d-%m-%Y %H:%M}" in gelukt
    assert "Afgestemd met de afdeling" in gelukt and "Wijzigingen van de wachttijd" in gelukt


def test_nobody_changes_the_waiting_period_when_the_settings_name_nobody(client, staff, vastgesteld, settings):
    settings.ARCHIEF_WACHTTIJD_WIJZIGERS = []
    client.force_login(staff["archivaris"])

    pagina = client.get(reverse("admin:archief_vernietigingslijst_change", args=[vastgesteld.pk])).content.decode()

    assert 'name="wachttijd"' not in pagina
    assert "niemand (ARCHIEF_WACHTTIJD_WIJZIGERS is leeg)" in pagina


def test_the_help_texts_of_a_list_and_a_zaak_are_in_dutch(admin_client, vastgesteld):
    lijst = admin_client.get(reverse("admin:archief_vernietigingslijst_change", args=[vastgesteld.pk]))
    nieuw = admin_client.get(reverse("admin:archief_vernietigingslijst_add"))
    zaak = admin_client.get(reverse("admin:archief_indexzaak_change", args=[IndexZaak.objects.first().pk]))

    assert "De naam van de lijst." in lijst.content.decode() and "Name of the list." not in lijst.content.decode()
    assert "het einde van de wachttijd" in lijst.content.decode()
    assert "Waarom deze zaken samen worden voorgesteld." in nieuw.content.decode()
    assert "Blijvend bewaren of vernietigen." in zaak.content.decode()
    assert "`archiefnominatie`" not in zaak.content.decode()
