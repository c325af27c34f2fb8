"""The publication officer's role (Publicatiemedewerker), as a Django group with permissions.

The group carries every permission of this app and nothing else: publications, their
rules, organisations and sitemaps are the publication officer's work. `roles_ensure` runs
after every `migrate` and `flush` (`post_migrate`), so the group and its permissions exist
on a fresh database and after a new model; it only adds, so what an administrator gave the
group stays. An administrator puts people in it.
"""

from __future__ import annotations

APP = "openbaarmaking"
PUBLICATIEMEDEWERKER = "Publicatiemedewerker"


def roles_ensure(**kwargs) -> None:
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name=PUBLICATIEMEDEWERKER)
    group.permissions.add(*Permission.objects.filter(content_type__app_label=APP))
