"""Reads of the Selectielijst, in the order the published list uses."""

from __future__ import annotations

from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce

from .models import ProcesType, Resultaat, ResultaatTypeOmschrijvingGeneriek


def procestype_list() -> QuerySet[ProcesType]:
    return ProcesType.objects.order_by("jaar", "nummer")


def resultaat_list() -> QuerySet[Resultaat]:
    """Results in the order of their full number: `1.1`, `1.1.1`, `1.1.2`, `1.2`, …"""
    return Resultaat.objects.select_related("proces_type", "generiek_resultaat").order_by(
        "proces_type__jaar",
        "proces_type__nummer",
        Coalesce("generiek_resultaat__nummer", "nummer"),
        F("generiek_resultaat").asc(nulls_first=True),
        "nummer",
    )


def resultaattypeomschrijving_list() -> QuerySet[ResultaatTypeOmschrijvingGeneriek]:
    return ResultaatTypeOmschrijvingGeneriek.objects.order_by("omschrijving")
