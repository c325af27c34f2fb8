"""Reads of the Documenten API: latest versions, a version by number or moment, authorised sets."""

from __future__ import annotations

from datetime import datetime

from django.db.models import OuterRef, Q, QuerySet, Subquery

from common.auth import ClientAuth
from common.constants import VertrouwelijkheidsAanduiding

from .models import EnkelvoudigInformatieObject, InformatieObject

COMPONENT = "drc"


def versies_latest() -> QuerySet[EnkelvoudigInformatieObject]:
    """The latest version of every document."""
    latest = (
        EnkelvoudigInformatieObject.objects.filter(informatieobject=OuterRef("informatieobject"))
        .order_by("-versie")
        .values("versie")[:1]
    )
    return EnkelvoudigInformatieObject.objects.filter(versie=Subquery(latest)).select_related("informatieobject")


def versie_get(
    *, informatieobject: InformatieObject, versie: int | None = None, registratie_op: datetime | None = None
) -> EnkelvoudigInformatieObject | None:
    """A version by number, or the one registered last at or before a moment; default the latest."""
    versies = informatieobject.versies.select_related("informatieobject")
    if versie is not None:
        versies = versies.filter(versie=versie)
    if registratie_op is not None:
        versies = versies.filter(begin_registratie__lte=registratie_op)
    return versies.order_by("-versie").first()


def levels_up_to(level: str) -> list[str]:
    """The confidentiality levels a client with maximum `level` may see (and blank)."""
    return ["", *VertrouwelijkheidsAanduiding.values[: VertrouwelijkheidsAanduiding.rank(level) + 1]]


def authorised(versies: QuerySet, auth: ClientAuth | None, scopes: set[str]) -> QuerySet:
    """Only the versions whose informatieobjecttype and confidentiality the client is granted."""
    if auth is None or auth.heeft_alle_autorisaties:
        return versies
    condition = Q(pk__in=[])
    for type_url, level in auth.type_grants(COMPONENT, scopes, "informatieobjecttype").items():
        condition |= Q(informatieobjecttype=type_url, vertrouwelijkheidaanduiding__in=levels_up_to(level))
    return versies.filter(condition)


def informatieobjecten_authorised(auth: ClientAuth | None, scopes: set[str]) -> QuerySet[InformatieObject]:
    """Documents whose latest version the client may see."""
    versies = authorised(versies_latest(), auth, scopes)
    return InformatieObject.objects.filter(pk__in=versies.values("informatieobject_id"))
