"""Fixity: the SHA-256 recorded at write time is checked against the stored file, later.

Each run rechecks the files that were checked longest ago (never-checked first), so a run
may stop at any moment and the next one carries on where it left off. A file that no
longer matches, or that is gone, is recorded as an `IntegriteitsAfwijking`; the
information-management report reads those through `GET /integriteitsafwijkingen`.
"""

from __future__ import annotations

import logging

from django.db.models import F
from django.utils import timezone

from . import storage
from .models import ChecksumAlgoritme, EnkelvoudigInformatieObject, IntegriteitsAfwijking

logger = logging.getLogger(__name__)


def versies_due(limit: int):
    """Versions with a file and our SHA-256, least recently checked first."""
    return (
        EnkelvoudigInformatieObject.objects.exclude(inhoud="")
        .filter(integriteit_algoritme=ChecksumAlgoritme.sha_256)
        .order_by(F("integriteit_gecontroleerd_op").asc(nulls_first=True), "pk")[:limit]
    )


def versie_check(versie: EnkelvoudigInformatieObject) -> IntegriteitsAfwijking | None:
    """Recompute one file's SHA-256; record and return a mismatch, if any."""
    name = versie.inhoud.name
    if not storage.exists(name):
        soort, gevonden = IntegriteitsAfwijking.Soort.ontbreekt, ""
    else:
        gevonden = storage.sha256_of(name)
        soort = None if gevonden == versie.integriteit_waarde else IntegriteitsAfwijking.Soort.afwijkend
    versie.integriteit_gecontroleerd_op = timezone.now()
    versie.save(update_fields=["integriteit_gecontroleerd_op"])
    if soort is None:
        return None
    afwijking = IntegriteitsAfwijking.objects.create(
        versie=versie,
        informatieobject_uuid=versie.informatieobject.uuid,
        versienummer=versie.versie,
        bestand=name,
        soort=soort,
        verwacht=versie.integriteit_waarde,
        gevonden=gevonden,
    )
    logger.warning(
        "integriteitsafwijking_found",
        extra={"uuid": str(versie.informatieobject.uuid), "versie": versie.versie, "soort": soort},
    )
    return afwijking


def fixity_check(*, limit: int) -> tuple[int, int]:
    """Check up to `limit` files; returns (checked, mismatches).

    Versions share a file when only metadata changed; each is checked on its own turn,
    which costs a reread but keeps every version's record plain.
    """
    checked = mismatches = 0
    for versie in versies_due(limit).select_related("informatieobject"):
        checked += 1
        mismatches += versie_check(versie) is not None
    return checked, mismatches
