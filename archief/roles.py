"""The roles of the destruction and transfer workflows, as Django groups with permissions.

Data migrations created the groups; `roles_ensure` keeps them complete after every migrate
and flush. An administrator puts people in them. The services check the permissions, never
the group names, so a site may compose its own groups. A transition is made by a person:
through the API, the active user named by the token's `user_id` (`acting_user`); in the
admin, the user logged in. Who may change a waiting period is named in a setting
(`ARCHIEF_WACHTTIJD_WIJZIGERS`).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser

from common.auth import ClientAuth
from common.exceptions import DomainError

APP = "archief"
TRANSFER_APP = "overbrenging"

PROPOSE = "propose_vernietigingslijst"
REVIEW = "review_vernietigingslijst"
COREVIEW = "coreview_vernietigingslijst"
APPROVE = "approve_vernietigingslijst"

# the transfer workflow (permissions of the model Overbrenging, app `overbrenging`): the record
# manager composes a transfer, the archivist approves it and records the archive's verdict
PROPOSE_TRANSFER = "propose_overbrenging"
APPROVE_TRANSFER = "approve_overbrenging"
VERDICT_TRANSFER = "record_verdict_overbrenging"

# what both see of a transfer: the transfer with its cases, containers and history, the agreements
TRANSFER_VIEW = (
    "view_overbrenging",
    "view_overbrengingitem",
    "view_overbrengingcontainer",
    "view_overbrenginggebeurtenis",
    "view_overbrengingsafspraak",
    "view_archiefinstelling",
)

# what every role sees of a list (its zaken, judgements, transitions and waiting-period
# changes) and of a zaak in the index (its documents)
LIST_VIEW = (
    "view_vernietigingslijst",
    "view_vernietigingslijstitem",
    "view_beoordeling",
    "view_overgang",
    "view_wachttijdwijziging",
    "view_indexzaak",
    "view_indexdocument",
)

# group name -> app label -> codenames of the permissions it carries
GROUPS: dict[str, dict[str, tuple[str, ...]]] = {
    "Recordmanager": {
        APP: (PROPOSE, *LIST_VIEW, "view_indexzaaktype"),
        TRANSFER_APP: (PROPOSE_TRANSFER, *TRANSFER_VIEW),
    },
    "Beoordelaar": {APP: (REVIEW, *LIST_VIEW)},
    "Medebeoordelaar": {APP: (COREVIEW, *LIST_VIEW)},
    "Archivaris": {
        APP: (APPROVE, *LIST_VIEW, "view_indexzaaktype"),
        TRANSFER_APP: (
            PROPOSE_TRANSFER,
            APPROVE_TRANSFER,
            VERDICT_TRANSFER,
            "add_overbrengingsafspraak",
            "change_overbrengingsafspraak",
            "add_archiefinstelling",
            "change_archiefinstelling",
            *TRANSFER_VIEW,
        ),
    },
}


def roles_ensure(**kwargs) -> None:
    """Make the groups of `GROUPS` and give each the permissions listed there.

    Connected to `post_migrate`, so it runs after every `migrate` and every `flush` (which
    empties the tables the data migrations filled) once the permissions of `archief` and
    `overbrenging` exist. It only adds: a permission an administrator gave a group stays.
    """
    from django.contrib.auth.models import Group, Permission

    for name, per_app in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codenames in per_app.items():
            group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))


def perm(codename: str) -> str:
    app = TRANSFER_APP if codename.endswith("_overbrenging") else APP
    return f"{app}.{codename}"


def require_perm(user: AbstractBaseUser, codename: str, role: str) -> None:
    """Refuse (403 `rol-ontbreekt`) unless `user` holds the permission `codename` of `role`."""
    if not user.is_active or not user.has_perm(perm(codename)):
        raise DomainError(f"Alleen een {role} mag dit doen.", "rol-ontbreekt", status_code=403)


def wachttijd_wijzigers() -> tuple[set[str], set[str]]:
    """The groups and usernames `ARCHIEF_WACHTTIJD_WIJZIGERS` names (`groep:…`, `gebruiker:…`, a bare name a group)."""
    from django.conf import settings

    groepen, gebruikers = set(), set()
    for entry in settings.ARCHIEF_WACHTTIJD_WIJZIGERS:
        soort, _, naam = entry.partition(":") if ":" in entry else ("groep", ":", entry)
        (gebruikers if soort.strip().lower() == "gebruiker" else groepen).add(naam.strip())
    return groepen, gebruikers


def wachttijd_wijzigers_beschrijving() -> str:
    """Who may change a waiting period, in words for the admin page."""
    groepen, gebruikers = wachttijd_wijzigers()
    delen = [f"de groep {naam}" for naam in sorted(groepen)] + [f"gebruiker {naam}" for naam in sorted(gebruikers)]
    return " en ".join(delen) if delen else "niemand (ARCHIEF_WACHTTIJD_WIJZIGERS is leeg)"


def mag_wachttijd_wijzigen(user: AbstractBaseUser) -> bool:
    """Whether `user` is named by `ARCHIEF_WACHTTIJD_WIJZIGERS`, by username or through a group."""
    if not user.is_active:
        return False
    groepen, gebruikers = wachttijd_wijzigers()
    return user.get_username() in gebruikers or user.groups.filter(name__in=groepen).exists()


def acting_user(request) -> AbstractBaseUser:
    """The person behind an API request: the active user named by the token's `user_id`."""
    user_id = request.auth.user_id if isinstance(request.auth, ClientAuth) else ""
    user = get_user_model().objects.filter(username=user_id, is_active=True).first() if user_id else None
    if user is None:
        raise DomainError(
            "The token's `user_id` names no active user of the archive; transitions are made by people.",
            "onbekende-gebruiker",
            status_code=403,
        )
    return user
