"""The destruction workflow: every transition, the four-eyes rule, exclusions, refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from common.constants import Archiefnominatie
from common.exceptions import DomainError

from .. import services
from ..models import Beoordeling, ItemStatus, Overgang, Vernietigingslijst
from ..models import VernietigingslijstStatus as Status
from .factories import IndexZaakFactory, UserFactory

pytestmark = pytest.mark.django_db


def make_list(people, zaken=None, **kwargs) -> Vernietigingslijst:
    zaken = zaken if zaken is not None else [IndexZaakFactory().url, IndexZaakFactory().url]
    return services.vernietigingslijst_create(naam="Meldingen 2010", zaken=zaken, **people, **kwargs)


def error_of(call, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as info:
        call(*args, **kwargs)
    return info.value


# --- proposing -------------------------------------------------------------------------------


def test_a_record_manager_proposes_a_list_with_a_snapshot_of_each_zaak(people):
    zaak = IndexZaakFactory(identificatie="ZAAK-1", selectielijstklasse_nummer="11.1.2")

    lijst = make_list(people, zaken=[zaak.url])

    assert lijst.status == Status.nieuw
    item = lijst.items.get()
    assert (item.zaak, item.identificatie, item.selectielijstklasse_nummer) == (zaak.url, "ZAAK-1", "11.1.2")
    overgang = lijst.overgangen.get()
    assert (overgang.van, overgang.naar, overgang.gebruiker) == ("", Status.nieuw, people["auteur"])


def test_only_a_record_manager_proposes(people, beoordelaar):
    error = error_of(make_list, {**people, "auteur": UserFactory()})

    assert error.status_code == 403
    assert Vernietigingslijst.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"archiefactiedatum": None}, "geen archiefactiedatum"),
        ({"archiefactiedatum": dt.date.today() + dt.timedelta(days=1)}, "in de toekomst"),
        ({"archiefnominatie": Archiefnominatie.blijvend_bewaren}, "niet `vernietigen`"),
        ({"archiefnominatie": ""}, "niet `vernietigen`"),
        ({"einddatum": None}, "niet afgesloten"),
        ({"archiefstatus": "overgedragen"}, "overgedragen"),
    ],
)
def test_a_list_with_an_ineligible_zaak_is_refused(people, changes, reason):
    good = IndexZaakFactory()
    bad = IndexZaakFactory(**changes)

    error = error_of(make_list, people, zaken=[good.url, bad.url])

    assert error.error_code == "zaak-niet-vernietigbaar"
    assert [p["name"] for p in error.invalid_params] == ["zaken.1"]
    assert reason in error.invalid_params[0]["reason"]
    assert Vernietigingslijst.objects.count() == 0


def test_a_zaak_due_today_is_eligible(people):
    lijst = make_list(people, zaken=[IndexZaakFactory(archiefactiedatum=timezone.localdate()).url])

    assert lijst.items.count() == 1


def test_a_zaak_unknown_to_the_index_or_already_on_a_list_is_refused(people):
    zaak = IndexZaakFactory()
    make_list(people, zaken=[zaak.url])

    error = error_of(make_list, people, zaken=[zaak.url, "http://localhost:8000/zaken/api/v1/zaken/onbekend"])

    assert [p["reason"] for p in error.invalid_params] == [
        f"{zaak.identificatie} staat al op vernietigingslijst `Meldingen 2010`.",
        "http://localhost:8000/zaken/api/v1/zaken/onbekend staat niet in de archiefindex.",
    ]


@pytest.mark.parametrize("role", ["beoordelaar", "archivaris"])
def test_the_author_cannot_be_reviewer_or_archivist(people, role):
    auteur = people["auteur"]
    auteur.groups.add(*UserFactory(groups=["Beoordelaar", "Archivaris"]).groups.all())

    error = error_of(make_list, {**people, role: auteur})

    assert error.error_code == "vier-ogen"


def test_reviewer_and_archivist_need_their_roles(people):
    error = error_of(make_list, {**people, "archivaris": UserFactory()})

    assert error.error_code == "rol-ontbreekt"


# --- review ----------------------------------------------------------------------------------


def test_the_whole_path_to_ready_to_destroy_records_who_when_and_why(people, settings):
    settings.ARCHIEF_VERNIETIGING_WACHTTIJD = 48
    lijst = make_list(people)

    services.vernietigingslijst_indienen(lijst, gebruiker=people["auteur"], toelichting="graag")
    services.vernietigingslijst_beoordelen(lijst, gebruiker=people["beoordelaar"], akkoord=True, toelichting="ok")
    services.vernietigingslijst_aanbieden(lijst, gebruiker=people["auteur"])
    before = timezone.now()
    services.vernietigingslijst_vaststellen(lijst, gebruiker=people["archivaris"], akkoord=True, toelichting="akkoord")

    lijst.refresh_from_db()
    assert lijst.status == Status.klaar_voor_vernietiging
    assert before + dt.timedelta(hours=47) < lijst.vernietigen_vanaf < timezone.now() + dt.timedelta(hours=49)
    assert [(o.van, o.naar, o.gebruiker.username, o.toelichting) for o in lijst.overgangen.all()] == [
        ("", "nieuw", "recordmanager", ""),
        ("nieuw", "klaar_voor_beoordeling", "recordmanager", "graag"),
        ("klaar_voor_beoordeling", "beoordeeld", "beoordelaar", "ok"),
        ("beoordeeld", "klaar_voor_archivaris", "recordmanager", ""),
        ("klaar_voor_archivaris", "klaar_voor_vernietiging", "archivaris", "akkoord"),
    ]
    assert all(o.datum is not None for o in lijst.overgangen.all())
    assert [(b.rol, b.oordeel) for b in lijst.beoordelingen.all()] == [
        ("beoordelaar", "akkoord"),
        ("archivaris", "akkoord"),
    ]


def test_changes_requested_go_back_to_the_author_who_resubmits(people):
    lijst = make_list(people)
    services.vernietigingslijst_indienen(lijst, gebruiker=people["auteur"])

    services.vernietigingslijst_beoordelen(
        lijst, gebruiker=people["beoordelaar"], akkoord=False, toelichting="ZAAK-1 is nog nodig"
    )
    assert Vernietigingslijst.objects.get().status == Status.wijzigingen_gevraagd

    services.vernietigingslijst_indienen(lijst, gebruiker=people["auteur"], toelichting="aangepast")
    assert Vernietigingslijst.objects.get().status == Status.klaar_voor_beoordeling
    assert services.ronde(lijst) == 2


def test_asking_for_changes_needs_a_comment(people):
    lijst = make_list(people)
    services.vernietigingslijst_indienen(lijst, gebruiker=people["auteur"])

    error = error_of(services.vernietigingslijst_beoordelen, lijst, gebruiker=people["beoordelaar"], akkoord=False)

    assert error.invalid_params[0]["name"] == "toelichting"
    assert Vernietigingslijst.objects.get().status == Status.klaar_voor_beoordeling


def test_the_archivist_can_send_the_list_back(people):
    lijst = make_list(people)
    services.vernietigingslijst_indienen(lijst, gebruiker=people["auteur"])
    services.vernietigingslijst_beoordelen(lijst, gebruiker=people["beoordelaar"], akkoord=True)
    services.vernietigingslijst_aanbieden(lijst, gebruiker=people["beoordelaar"])

    services.vernietigingslijst_vaststellen(lijst, gebruiker=people["archivaris"], akkoord=False, toelichting="nee")

    lijst.refresh_from_db()
    assert lijst.status == Status.wijzigingen_gevraagd
    assert lijst.vernietigen_vanaf is None


def test_co_reviewers_must_all_agree(people, medebeoordelaar):
    lijst = make_list(people, medebeoordelaars=[medebeoordelaar])
    services.vernietigingslijst_indienen(lijst, gebruiker=people["auteur"])

    services.vernietigingslijst_beoordelen(lijst, gebruiker=people["beoordelaar"], akkoord=True)
    assert Vernietigingslijst.objects.get().status == Status.klaar_voor_beoordeling

    services.vernietigingslijst_beoordelen(lijst, gebruiker=medebeoordelaar, akkoord=True)
    assert Vernietigingslijst.objects.get().status == Status.beoordeeld


def test_approvals_of_an_earlier_round_do_not_count(people, medebeoordelaar):
    lijst = make_list(people, medebeoordelaars=[medebeoordelaar])
    services.vernietigingslijst_indienen(lijst, gebruiker=people["auteur"])
    services.vernietigingslijst_beoordelen(lijst, gebruiker=people["beoordelaar"], akkoord=True)
    services.vernietigingslijst_beoordelen(lijst, gebruiker=medebeoordelaar, akkoord=False, toelichting="nee")
    services.vernietigingslijst_indienen(lijst, gebruiker=people["auteur"])

    services.vernietigingslijst_beoordelen(lijst, gebruiker=medebeoordelaar, akkoord=True)

    assert Vernietigingslijst.objects.get().status == Status.klaar_voor_beoordeling


# --- four eyes and roles ---------------------------------------------------------------------


def test_the_author_cannot_review_their_own_list_even_with_the_role(people):
    lijst = make_list(people)
    services.vernietigingslijst_indienen(lijst, gebruiker=people["auteur"])
    people["auteur"].groups.add(people["beoordelaar"].groups.get())

    error = error_of(services.vernietigingslijst_beoordelen, lijst, gebruiker=people["auteur"], akkoord=True)

    assert (error.status_code, error.error_code) == (403, "vier-ogen")
    assert Beoordeling.objects.count() == 0


def test_a_reviewer_not_assigned_to_the_list_cannot_review(people):
    lijst = make_list(people)
    services.vernietigingslijst_indienen(lijst, gebruiker=people["auteur"])
    other = UserFactory(groups=["Beoordelaar"])

    error = error_of(services.vernietigingslijst_beoordelen, lijst, gebruiker=other, akkoord=True)

    assert error.status_code == 403


def test_the_assigned_reviewer_who_lost_the_role_cannot_review(people):
    lijst = make_list(people)
    services.vernietigingslijst_indienen(lijst, gebruiker=people["auteur"])
    people["beoordelaar"].groups.clear()
    beoordelaar = type(people["beoordelaar"]).objects.get(pk=people["beoordelaar"].pk)  # fresh permission cache

    error = error_of(services.vernietigingslijst_beoordelen, lijst, gebruiker=beoordelaar, akkoord=True)

    assert error.error_code == "rol-ontbreekt"


def test_only_the_author_submits_and_only_the_archivist_approves(people):
    lijst = make_list(people)
    assert error_of(services.vernietigingslijst_indienen, lijst, gebruiker=people["beoordelaar"]).status_code == 403
    services.vernietigingslijst_indienen(lijst, gebruiker=people["auteur"])
    services.vernietigingslijst_beoordelen(lijst, gebruiker=people["beoordelaar"], akkoord=True)
    assert error_of(services.vernietigingslijst_aanbieden, lijst, gebruiker=people["archivaris"]).status_code == 403
    services.vernietigingslijst_aanbieden(lijst, gebruiker=people["auteur"])

    other_archivist = UserFactory(groups=["Archivaris"])
    error = error_of(services.vernietigingslijst_vaststellen, lijst, gebruiker=other_archivist, akkoord=True)

    assert error.error_code == "geen-archivaris"
    assert Vernietigingslijst.objects.get().status == Status.klaar_voor_archivaris


@pytest.mark.parametrize(
    "step",
    ["beoordelen", "aanbieden", "vaststellen"],
)
def test_transitions_out_of_order_are_refused(people, step):
    lijst = make_list(people)
    call = {
        "beoordelen": lambda: services.vernietigingslijst_beoordelen(
            lijst, gebruiker=people["beoordelaar"], akkoord=True
        ),
        "aanbieden": lambda: services.vernietigingslijst_aanbieden(lijst, gebruiker=people["auteur"]),
        "vaststellen": lambda: services.vernietigingslijst_vaststellen(
            lijst, gebruiker=people["archivaris"], akkoord=True
        ),
    }[step]

    error = error_of(call)

    assert error.error_code == "ongeldige-status"
    assert Vernietigingslijst.objects.get().status == Status.nieuw
    assert Overgang.objects.count() == 1


# --- exclusions --------------------------------------------------------------------------------


def test_a_reviewer_excludes_a_zaak_with_a_reason(people):
    lijst = make_list(people)
    services.vernietigingslijst_indienen(lijst, gebruiker=people["auteur"])
    item = lijst.items.first()

    services.item_uitzonderen(item, gebruiker=people["beoordelaar"], reden="bezwaarprocedure loopt")

    item.refresh_from_db()
    assert (item.status, item.uitzonderingsreden, item.uitgezonderd_door) == (
        ItemStatus.uitgezonderd,
        "bezwaarprocedure loopt",
        people["beoordelaar"],
    )


def test_an_exclusion_needs_a_reason_and_a_role_on_the_list(people):
    lijst = make_list(people)
    item = lijst.items.first()

    assert error_of(services.item_uitzonderen, item, gebruiker=people["auteur"], reden=" ").error_code == "required"
    assert error_of(services.item_uitzonderen, item, gebruiker=UserFactory(), reden="x").status_code == 403
    item.refresh_from_db()
    assert item.status == ItemStatus.voorgesteld


def test_an_excluded_zaak_may_go_on_another_list(people):
    zaak = IndexZaakFactory()
    lijst = make_list(people, zaken=[zaak.url, IndexZaakFactory().url])
    services.item_uitzonderen(lijst.items.get(zaak=zaak.url), gebruiker=people["auteur"], reden="later")

    other = make_list(people, zaken=[zaak.url])

    assert other.items.count() == 1


def test_no_exclusion_after_the_archivists_approval(people):
    lijst = make_list(people)
    services.vernietigingslijst_indienen(lijst, gebruiker=people["auteur"])
    services.vernietigingslijst_beoordelen(lijst, gebruiker=people["beoordelaar"], akkoord=True)
    services.vernietigingslijst_aanbieden(lijst, gebruiker=people["auteur"])
    services.vernietigingslijst_vaststellen(lijst, gebruiker=people["archivaris"], akkoord=True)

    error = error_of(services.item_uitzonderen, lijst.items.first(), gebruiker=people["archivaris"], reden="x")

    assert error.error_code == "ongeldige-status"


def test_resubmitting_rechecks_eligibility(people):
    zaak = IndexZaakFactory()
    lijst = make_list(people, zaken=[zaak.url])
    zaak.archiefactiedatum = timezone.localdate() + dt.timedelta(days=30)  # moved by a later change
    zaak.save()

    error = error_of(services.vernietigingslijst_indienen, lijst, gebruiker=people["auteur"])

    assert error.error_code == "zaak-niet-vernietigbaar"
    assert Vernietigingslijst.objects.get().status == Status.nieuw


# --- adding zaken to a list --------------------------------------------------------------------


def test_the_author_adds_zaken_to_a_list_not_yet_submitted(people):
    lijst = make_list(people)
    extra = IndexZaakFactory(identificatie="ERBIJ")
    elders = make_list(people, zaken=[IndexZaakFactory(identificatie="ELDERS").url])

    assert error_of(
        services.vernietigingslijst_zaken_toevoegen, lijst, gebruiker=people["beoordelaar"], zaken=[extra.url]
    ).error_code == ("geen-auteur")
    dubbel = error_of(
        services.vernietigingslijst_zaken_toevoegen,
        lijst,
        gebruiker=people["auteur"],
        zaken=[lijst.items.first().zaak, elders.items.get().zaak],
    )
    assert [p["code"] for p in dubbel.invalid_params] == ["zaak-niet-vernietigbaar", "zaak-niet-vernietigbaar"]
    assert "ELDERS staat al op vernietigingslijst" in dubbel.invalid_params[1]["reason"]

    assert services.vernietigingslijst_zaken_toevoegen(lijst, gebruiker=people["auteur"], zaken=[extra.url]) == 1
    assert lijst.items.get(zaak=extra.url).identificatie == "ERBIJ"

    services.vernietigingslijst_indienen(lijst, gebruiker=people["auteur"])
    te_laat = error_of(
        services.vernietigingslijst_zaken_toevoegen, lijst, gebruiker=people["auteur"], zaken=[IndexZaakFactory().url]
    )
    assert te_laat.error_code == "ongeldige-status" and lijst.items.count() == 3


def test_a_zaak_taken_off_the_list_is_not_added_back_silently(people):
    lijst = make_list(people)
    item = lijst.items.first()
    services.item_uitzonderen(item, gebruiker=people["auteur"], reden="nog nodig")

    fout = error_of(services.vernietigingslijst_zaken_toevoegen, lijst, gebruiker=people["auteur"], zaken=[item.zaak])

    assert fout.invalid_params[0]["code"] == "al-op-lijst"


# --- the waiting period ------------------------------------------------------------------------


def test_a_waiting_period_is_changed_by_a_group_the_settings_name_never_before_the_approval(people, settings):
    settings.ARCHIEF_WACHTTIJD_WIJZIGERS = ["groep:Archivaris"]
    lijst = make_list(people)
    services.vernietigingslijst_indienen(lijst, gebruiker=people["auteur"])
    services.vernietigingslijst_beoordelen(lijst, gebruiker=people["beoordelaar"], akkoord=True)
    services.vernietigingslijst_aanbieden(lijst, gebruiker=people["auteur"])
    services.vernietigingslijst_vaststellen(lijst, gebruiker=people["archivaris"], akkoord=True)
    lijst.refresh_from_db()
    vastgesteld = lijst.overgangen.get(naar=Status.klaar_voor_vernietiging).datum

    te_vroeg = error_of(
        services.vernietigingslijst_wachttijd_wijzigen,
        lijst,
        gebruiker=people["archivaris"],
        vernietigen_vanaf=vastgesteld - dt.timedelta(minutes=1),
        reden="x",
    )
    geen_rol = error_of(
        services.vernietigingslijst_wachttijd_wijzigen,
        lijst,
        gebruiker=people["auteur"],
        vernietigen_vanaf=vastgesteld,
        reden="x",
    )
    services.vernietigingslijst_wachttijd_wijzigen(
        lijst, gebruiker=people["archivaris"], vernietigen_vanaf=vastgesteld, reden="spoed"
    )

    assert te_vroeg.error_code == "ongeldige-datum" and geen_rol.status_code == 403
    lijst.refresh_from_db()
    assert lijst.vernietigen_vanaf == vastgesteld
    assert lijst.wachttijdwijzigingen.count() == 1
