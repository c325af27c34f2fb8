"""The publication officer's group: every permission of openbaarmaking and nothing else, enough
to do the work in the admin, and provisioned again after a flush."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.urls import reverse

from openbaarmaking.models import PublicatieStatus

from ..roles import PUBLICATIEMEDEWERKER
from .factories import PublicatieFactory

pytestmark = pytest.mark.django_db


def _permissies(group: Group) -> set[tuple[str, str]]:
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def test_the_group_holds_exactly_the_permissions_of_openbaarmaking():
    group = Group.objects.get(name=PUBLICATIEMEDEWERKER)

    alle = set(
        Permission.objects.filter(content_type__app_label="openbaarmaking").values_list(
            "content_type__app_label", "codename"
        )
    )
    assert _permissies(group) == alle
    assert ("openbaarmaking", "change_publicatie") in alle and ("openbaarmaking", "add_publicatieregel") in alle


@pytest.mark.django_db(transaction=True)
def test_the_group_comes_back_after_a_flush():
    call_command("flush", interactive=False, verbosity=0)

    assert ("openbaarmaking", "change_publicatie") in _permissies(Group.objects.get(name=PUBLICATIEMEDEWERKER))


def test_a_publication_officer_does_the_work_and_nothing_of_the_archive(client):
    medewerker = User.objects.create_user("woo", is_staff=True)
    medewerker.groups.add(Group.objects.get(name=PUBLICATIEMEDEWERKER))
    publicatie = PublicatieFactory(status=PublicatieStatus.concept)
    client.force_login(medewerker)

    for name, args in [
        ("admin:openbaarmaking_publicatie_changelist", []),
        ("admin:openbaarmaking_publicatie_change", [publicatie.pk]),
        ("admin:openbaarmaking_publicatie_grafiek", []),
        ("admin:openbaarmaking_publicatieregel_changelist", []),
        ("admin:openbaarmaking_organisatie_add", []),
        ("admin:openbaarmaking_sitemapgeneratie_changelist", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 200, name
    for name in ("admin:archief_vernietigingslijst_changelist", "admin:overbrenging_overbrenging_changelist"):
        assert client.get(reverse(name)).status_code == 403, name
    acties = client.get(reverse("admin:openbaarmaking_publicatie_changelist")).content.decode()
    assert 'value="publiceren"' in acties and 'value="intrekken"' in acties
