"""What a client may see and do in the Zaken and Besluiten APIs, per type and confidentiality.

Rule (ZGW Autorisaties): an autorisatie in component `zrc` grants scopes for one zaaktype
up to a maximum vertrouwelijkheidaanduiding; in `brc` for one besluittype. Lists hold only
what the client may see; reading anything else is a 403, so nothing leaks about objects
the client may not see.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from rest_framework import exceptions

from common.auth import ClientAuth
from common.constants import VertrouwelijkheidsAanduiding

from ...models import BesluitType, Zaak, ZaakType
from ...services import catalogi_url
from .fields import uuid_in_url


def _levels_up_to(level: str) -> list[str]:
    return VertrouwelijkheidsAanduiding.values[: VertrouwelijkheidsAanduiding.rank(level) + 1]


def zaken_zichtbaar(queryset: QuerySet, auth: ClientAuth, scopes: set[str], prefix: str = "") -> QuerySet:
    """Narrow `queryset` to the zaken (or their parts, with `prefix` `zaak__`) the client may see."""
    condition = zaken_zichtbaar_conditie(auth, scopes, prefix)
    return queryset if condition is None else queryset.filter(condition)


def zaken_zichtbaar_conditie(auth: ClientAuth, scopes: set[str], prefix: str = "") -> Q | None:
    """The zaken (or their parts, with `prefix` `zaak__`) the client may see, as a condition
    on `zaaktype_id` and `vertrouwelijkheidaanduiding`; None when it may see every zaak."""
    if auth.heeft_alle_autorisaties:
        return None
    condition = Q(pk__in=[])
    grants = auth.type_grants("zrc", scopes, "zaaktype")
    by_uuid = {uuid_in_url(url, ZaakType): level for url, level in grants.items()}
    pks = dict(ZaakType.objects.filter(uuid__in=[u for u in by_uuid if u]).values_list("uuid", "pk"))
    for uuid, level in by_uuid.items():
        if uuid not in pks:
            continue
        grant = Q(**{f"{prefix}zaaktype_id": pks[uuid]})
        levels = _levels_up_to(level)
        # Up to the highest level is every level a zaak can have (a database constraint
        # holds it to them): no filter, so the count and the page read the zaaktype index alone.
        if len(levels) < len(VertrouwelijkheidsAanduiding.values):
            grant &= Q(**{f"{prefix}vertrouwelijkheidaanduiding__in": levels})
        condition |= grant
    return condition


def zaak_toegestaan(auth: ClientAuth, zaak: Zaak, scopes: set[str]) -> bool:
    return auth.may_see("zrc", scopes, "zaaktype", catalogi_url(zaak.zaaktype), zaak.vertrouwelijkheidaanduiding)


def ensure_zaak_toegestaan(auth: ClientAuth, zaak: Zaak, scopes: set[str]) -> None:
    if not zaak_toegestaan(auth, zaak, scopes):
        raise exceptions.PermissionDenied(
            f"Deze client heeft geen van de scopes {sorted(scopes)} voor het zaaktype en de vertrouwelijkheid "
            "van deze zaak."
        )


def besluiten_zichtbaar(queryset: QuerySet, auth: ClientAuth, scopes: set[str], prefix: str = "") -> QuerySet:
    if auth.heeft_alle_autorisaties:
        return queryset
    grants = auth.type_grants("brc", scopes, "besluittype")
    uuids = [uuid for uuid in (uuid_in_url(url, BesluitType) for url in grants) if uuid]
    return queryset.filter(**{f"{prefix}besluittype__uuid__in": uuids})


def ensure_besluit_toegestaan(auth: ClientAuth, besluittype: BesluitType, scopes: set[str]) -> None:
    if not auth.may_see("brc", scopes, "besluittype", catalogi_url(besluittype), None):
        raise exceptions.PermissionDenied(
            f"Deze client heeft geen van de scopes {sorted(scopes)} voor het besluittype van dit besluit."
        )


# --- what a write may refer to (ReferenceField's `zichtbaar` and `eigenaar`) -------------------

ZAKEN_LEZEN = {"zaken.lezen"}
BESLUITEN_LEZEN = {"besluiten.lezen"}
DOCUMENTEN_LEZEN = {"documenten.lezen"}


def zaak_zichtbaar(auth: ClientAuth, zaak: Zaak) -> bool:
    return zaak_toegestaan(auth, zaak, ZAKEN_LEZEN)


def zaak_eigenaar(auth: ClientAuth, zaak: Zaak, scopes: set[str]) -> None:
    ensure_zaak_toegestaan(auth, zaak, scopes)


def besluit_zichtbaar(auth: ClientAuth, besluit) -> bool:
    return auth.may_see("brc", BESLUITEN_LEZEN, "besluittype", catalogi_url(besluit.besluittype), None)


def besluit_eigenaar(auth: ClientAuth, besluit, scopes: set[str]) -> None:
    ensure_besluit_toegestaan(auth, besluit.besluittype, scopes)


def document_zichtbaar(auth: ClientAuth | None):
    """Whether the client may refer to a document, as the Documenten API describes it; every
    document for a write of our own (no client)."""

    def zichtbaar(document: dict) -> bool:
        if auth is None:
            return True
        return auth.may_see(
            "drc",
            DOCUMENTEN_LEZEN,
            "informatieobjecttype",
            str(document.get("informatieobjecttype") or ""),
            str(document.get("vertrouwelijkheidaanduiding") or "") or None,
        )

    return zichtbaar
