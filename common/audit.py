"""Audit trail: who did what to which resource, with the old and new representation."""

from __future__ import annotations

import logging

from .auth import ClientAuth
from .constants import Actie
from .models import AuditTrail

logger = logging.getLogger(__name__)


def audittrail_record(
    *,
    bron: str,
    auth: ClientAuth | None,
    actie: str,
    resultaat: int,
    hoofd_object: str,
    resource: str,
    resource_url: str,
    resource_weergave: str = "",
    toelichting: str = "",
    oud: dict | None = None,
    nieuw: dict | None = None,
) -> AuditTrail:
    """Write one audit trail entry. Call it inside the transaction of the change."""
    applicatie = auth.applicaties[0] if auth and auth.applicaties else None
    entry = AuditTrail.objects.create(
        bron=bron,
        applicatie_id=str(applicatie.uuid) if applicatie else "",
        applicatie_weergave=applicatie.label if applicatie else (auth.client_id if auth else ""),
        gebruikers_id=auth.user_id if auth else "",
        gebruikers_weergave=auth.user_representation if auth else "",
        actie=actie,
        actie_weergave=Actie(actie).label if actie in Actie.values else actie,
        resultaat=resultaat,
        hoofd_object=hoofd_object,
        resource=resource,
        resource_url=resource_url,
        resource_weergave=resource_weergave[:200],
        toelichting=toelichting,
        oud=oud,
        nieuw=nieuw,
    )
    logger.info("audittrail_recorded", extra={"actie": actie, "resource_url": resource_url})
    return entry


def audittrail_for(hoofd_object: str):
    """The audit trail of one main object, oldest first."""
    return AuditTrail.objects.filter(hoofd_object=hoofd_object).order_by("aanmaakdatum", "pk")
