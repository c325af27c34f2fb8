"""Reads of the catalogue: versions, references by name, and what a zaaktype consists of."""

from __future__ import annotations

import datetime as dt

from django.db import models

from .models import BesluitType, InformatieObjectType, ZaakType


def object_dates(obj: models.Model) -> dict[str, dt.date | None]:
    """`begin`/`einde` of the whole object: its first version's begin, its last version's end.

    Parts of a zaaktype (statustypen, roltypen, …) share the dates of their zaaktype.
    """
    versioned = obj if hasattr(obj, "version_key") else obj.zaaktype
    key = versioned.version_key
    versions = type(versioned).objects.filter(catalogus_id=versioned.catalogus_id, **{key: getattr(versioned, key)})
    first = versions.order_by("begin_geldigheid").first()
    last = versions.order_by("-begin_geldigheid").first()
    return {"begin": first.begin_geldigheid if first else None, "einde": last.einde_geldigheid if last else None}


def versions_overlapping(
    *,
    model: type[ZaakType] | type[InformatieObjectType] | type[BesluitType],
    catalogus_id: int,
    omschrijving: str,
    begin: dt.date,
    einde: dt.date | None,
    exclude_pk: int | None = None,
) -> models.QuerySet:
    """Other objects (same catalogus and omschrijving) whose geldigheid meets [begin, einde].

    Both ends are inclusive; an empty einde is open-ended.
    """
    queryset = model.objects.filter(catalogus_id=catalogus_id, omschrijving=omschrijving)
    queryset = queryset.filter(models.Q(einde_geldigheid__isnull=True) | models.Q(einde_geldigheid__gte=begin))
    if einde is not None:
        queryset = queryset.filter(begin_geldigheid__lte=einde)
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    return queryset


def versions_named(
    *,
    model: type[ZaakType] | type[InformatieObjectType] | type[BesluitType],
    catalogus_id: int,
    naam: str,
) -> models.QuerySet:
    """All versions in a catalogus with this identificatie (zaaktype) or omschrijving."""
    return model.objects.filter(catalogus_id=catalogus_id, **{model.version_key: naam}).order_by("begin_geldigheid")


def version_for(*, model, catalogus_id: int, naam: str, datum: dt.date | None) -> models.Model | None:
    """The version valid on `datum`, else the most recent one."""
    versions = versions_named(model=model, catalogus_id=catalogus_id, naam=naam)
    if datum is not None:
        valid = versions.geldig_op(datum).last()
        if valid is not None:
            return valid
    return versions.last()


def zaaktype_is_deelzaaktype(zaaktype: ZaakType) -> bool:
    return zaaktype.hoofdzaaktypen.exists()
