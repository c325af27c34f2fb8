"""The roles of the destruction and transfer workflows, as Django groups with permissions.

Data migrations create the groups; an administrator puts people in them. The services
check the permissions, never the group names, so a site may compose its own groups. A
transition is made by a person: through the API, the active user named by the token's
`user_id` (`acting_user`); in the admin, the user logged in.
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

# group name -> codenames of the permissions it carries
GROUPS: dict[str, tuple[str, ...]] = {
    "Recordmanager": (PROPOSE, "view_vernietigingslijst", "view_indexzaak", "view_indexzaaktype"),
    "Beoordelaar": (REVIEW, "view_vernietigingslijst", "view_indexzaak"),
    "Medebeoordelaar": (COREVIEW, "view_vernietigingslijst", "view_indexzaak"),
    "Archivaris": (APPROVE, "view_vernietigingslijst", "view_indexzaak", "view_indexzaaktype"),
}


# the transfer workflow (permissions of the model Overbrenging, app `overbrenging`): the record
# manager composes a transfer, the archivist approves it and records the archive's verdict
PROPOSE_TRANSFER = "propose_overbrenging"
APPROVE_TRANSFER = "approve_overbrenging"
VERDICT_TRANSFER = "record_verdict_overbrenging"


def perm(codename: str) -> str:
    app = TRANSFER_APP if codename.endswith("_overbrenging") else APP
    return f"{app}.{codename}"


def require_perm(user: AbstractBaseUser, codename: str, role: str) -> None:
    """Refuse (403 `rol-ontbreekt`) unless `user` holds the permission `codename` of `role`."""
    if not user.is_active or not user.has_perm(perm(codename)):
        raise DomainError(f"Alleen een {role} mag dit doen.", "rol-ontbreekt", status_code=403)


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
