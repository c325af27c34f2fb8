"""The groups of the destruction and transfer workflows: complete, kept after a flush, and
enough for each role to open what it needs in the admin (and no more)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse

from archief.overbrenging.models import Archiefinstelling, Overbrenging, Overbrengingsafspraak

from .. import roles, services
from .factories import IndexZaakFactory, UserFactory

pytestmark = pytest.mark.django_db


def _codenames(group: Group) -> dict[str, set[str]]:
    result: dict[str, set[str]] = {}
    for app_label, codename in group.permissions.values_list("content_type__app_label", "codename"):
        result.setdefault(app_label, set()).add(codename)
    return result


def _complete() -> None:
    for name, per_app in roles.GROUPS.items():
        held = _codenames(Group.objects.get(name=name))
        for app_label, codenames in per_app.items():
            assert set(codenames) <= held.get(app_label, set()), (name, app_label)
            assert Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames).count() == len(
                set(codenames)
            ), (name, app_label)  # each permission named exists


def test_every_group_holds_the_permissions_its_role_needs():
    _complete()


@pytest.mark.django_db(transaction=True)
def test_the_groups_come_back_after_a_flush():
    call_command("flush", interactive=False, verbosity=0)

    _complete()


@pytest.fixture
def dingen(db):
    """One of everything the roles look at: an indexed zaak, a list, an agreement, a transfer."""
    mensen = {
        groep: UserFactory(username=groep.lower(), groups=[groep], is_staff=True)
        for groep in ("Recordmanager", "Beoordelaar", "Medebeoordelaar", "Archivaris")
    }
    zaak = IndexZaakFactory()
    lijst = services.vernietigingslijst_create(
        naam="L",
        zaken=[zaak.url],
        auteur=mensen["Recordmanager"],
        beoordelaar=mensen["Beoordelaar"],
        archivaris=mensen["Archivaris"],
        medebeoordelaars=[mensen["Medebeoordelaar"]],
    )
    instelling = Archiefinstelling.objects.create(naam="RA")
    afspraak = Overbrengingsafspraak.objects.create(
        archiefinstelling=instelling,
        naam="A",
        archiefvormer_naam="G",
        identificatiebron="Z",
        contact="c",
        doel_locatie="x",
    )
    overbrenging = Overbrenging.objects.create(afspraak=afspraak, naam="ob")
    return {
        "mensen": mensen,
        "zaak": zaak,
        "lijst": lijst,
        "afspraak": afspraak,
        "instelling": instelling,
        "overbrenging": overbrenging,
    }


INDEX_EN_LIJSTEN = [
    ("admin:index", None),
    ("admin:archief_indexzaak_changelist", None),
    ("admin:archief_indexzaak_change", "zaak"),
    ("admin:archief_dashboard", None),
    ("admin:archief_vernietigingslijst_changelist", None),
    ("admin:archief_vernietigingslijst_change", "lijst"),
]
OVERBRENGINGEN = [
    ("admin:overbrenging_overbrenging_changelist", None),
    ("admin:overbrenging_overbrenging_change", "overbrenging"),
    ("admin:overbrenging_overbrenging_add", None),
    ("admin:overbrenging_overbrengingsafspraak_changelist", None),
    ("admin:overbrenging_overbrengingsafspraak_change", "afspraak"),
    ("admin:overbrenging_archiefinstelling_changelist", None),
]
NODIG = {
    "Recordmanager": [*INDEX_EN_LIJSTEN, ("admin:archief_vernietigingslijst_add", None), *OVERBRENGINGEN],
    "Beoordelaar": INDEX_EN_LIJSTEN,
    "Medebeoordelaar": INDEX_EN_LIJSTEN,
    "Archivaris": [
        *INDEX_EN_LIJSTEN,
        *OVERBRENGINGEN,
        ("admin:overbrenging_overbrengingsafspraak_add", None),
        ("admin:overbrenging_overbrenging_ontvangstbewijs", "overbrenging"),
        ("admin:overbrenging_archiefinstelling_add", None),
        ("admin:overbrenging_archiefinstelling_change", "instelling"),
    ],
}
NIET = {
    "Recordmanager": [("admin:overbrenging_overbrengingsafspraak_add", None)],
    "Beoordelaar": [
        ("admin:overbrenging_overbrenging_changelist", None),
        ("admin:archief_vernietigingslijst_add", None),
    ],
    "Medebeoordelaar": [("admin:overbrenging_overbrengingsafspraak_changelist", None)],
    "Archivaris": [("admin:archief_vernietigingslijst_add", None)],
}


@pytest.mark.parametrize("groep", list(NODIG))
def test_each_role_opens_what_it_needs(client, dingen, groep):
    client.force_login(dingen["mensen"][groep])

    def status(name, arg) -> int:
        return client.get(reverse(name, args=[dingen[arg].pk] if arg else [])).status_code

    assert {name: status(name, arg) for name, arg in NODIG[groep]} == {name: 200 for name, _ in NODIG[groep]}
    assert {name: status(name, arg) for name, arg in NIET[groep]} == {name: 403 for name, _ in NIET[groep]}


def test_an_archivist_sees_a_transfers_containers_and_history(client, dingen):
    client.force_login(dingen["mensen"]["Archivaris"])

    page = client.get(reverse("admin:overbrenging_overbrenging_change", args=[dingen["overbrenging"].pk]))

    prefixes = {formset.formset.prefix for formset in page.context["inline_admin_formsets"]}
    assert {"items", "containers", "gebeurtenissen"} <= prefixes


@pytest.mark.parametrize("groep", list(NODIG))
def test_each_role_sees_a_lists_zaken_judgements_and_history(client, dingen, groep):
    client.force_login(dingen["mensen"][groep])

    page = client.get(reverse("admin:archief_vernietigingslijst_change", args=[dingen["lijst"].pk]))
    zaak = client.get(reverse("admin:archief_indexzaak_change", args=[dingen["zaak"].pk]))

    prefixes = {formset.formset.prefix for formset in page.context["inline_admin_formsets"]}
    assert {"items", "beoordelingen", "overgangen", "wachttijdwijzigingen"} <= prefixes
    assert "documenten" in {formset.formset.prefix for formset in zaak.context["inline_admin_formsets"]}
