"""The roles of the destruction workflow, as Django groups with permissions.

A data migration creates the groups; an administrator puts people in them. The services
check the permissions, never the group names, so a site may compose its own groups.
"""

from __future__ import annotations

APP = "archief"

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


def perm(codename: str) -> str:
    return f"{APP}.{codename}"
