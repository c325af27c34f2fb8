"""People in the roles of the transfer workflow, as the data migrations make the groups."""

from __future__ import annotations

from django.contrib.auth.models import Group, User


def persoon(groep: str) -> User:
    """The user named after `groep` (`Recordmanager`, `Archivaris`), a member of that group."""
    user, _ = User.objects.get_or_create(username=groep.lower())
    user.groups.add(Group.objects.get(name=groep))
    return user
