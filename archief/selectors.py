"""Reads: the Selectielijst in the order the published list uses; the archive's index and lists."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce

from common import tijd
from common.constants import Archiefnominatie

from .index import HASHES
from .models import (
    IndexDocument,
    IndexZaak,
    ItemStatus,
    ProcesType,
    Resultaat,
    ResultaatTypeOmschrijvingGeneriek,
    Vernietigingslijst,
    VernietigingslijstItem,
    ZGWArchiefstatus,
)
from .services import ACTIEVE_STATUSSEN


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


# --- the archive's index and lists ----------------------------------------------------------


def indexzaak_list() -> QuerySet[IndexZaak]:
    """Indexed zaken with their document counts per status."""
    return IndexZaak.objects.annotate(
        documenten_totaal=Count("documenten"),
        **{
            f"documenten_{status}": Count("documenten", filter=Q(documenten__status=status))
            for status in ("in_bewerking", "ter_vaststelling", "definitief", "gearchiveerd")
        },
        documenten_integriteit_mislukt=Count("documenten", filter=Q(documenten__integriteit_in_orde=False)),
    ).order_by("archiefactiedatum", "identificatie", "pk")


def indexdocumenten_niet_te_controleren() -> QuerySet[IndexDocument]:
    """Documents whose fixity cannot be checked (yet).

    Their provider stores no `integriteit` in an algorithm the archive computes, and the
    archive has recorded no baseline of its own (for the version the index knows): nothing
    to compare a download with. The next fixity check records a baseline for each.
    """
    met_controlesom = Q(integriteit_algoritme__in=list(HASHES)) & ~Q(integriteit_waarde="")
    zelfde_versie = Q(basis_versie=F("versie")) | Q(basis_versie__isnull=True, versie__isnull=True)
    met_basis = ~Q(basis_sha256="") & zelfde_versie
    return IndexDocument.objects.exclude(met_controlesom).exclude(met_basis)


def indexdocumenten_niet_te_controleren_aantal() -> int:
    """How many documents cannot be checked for fixity: the figure for metrics and the report."""
    return indexdocumenten_niet_te_controleren().count()


def vernietigbare_zaken(vandaag: dt.date | None = None) -> QuerySet[IndexZaak]:
    """Candidates for a vernietigingslijst: `vernietigen`, closed, archiefactiedatum reached."""
    vandaag = vandaag or tijd.vandaag()
    return (
        indexzaak_list()
        .filter(
            archiefnominatie=Archiefnominatie.vernietigen,
            einddatum__isnull=False,
            archiefactiedatum__lte=vandaag,
        )
        .exclude(archiefstatus=ZGWArchiefstatus.overgedragen)
    )


def zaken_op_open_lijst() -> QuerySet[VernietigingslijstItem]:
    """The zaken proposed on a list that is still open: a zaak can be on only one of those."""
    return VernietigingslijstItem.objects.filter(lijst__status__in=ACTIEVE_STATUSSEN, status=ItemStatus.voorgesteld)


def vrije_vernietigbare_zaken(vandaag: dt.date | None = None) -> QuerySet[IndexZaak]:
    """Candidates for a new vernietigingslijst: destroyable and on no other open list."""
    return vernietigbare_zaken(vandaag).exclude(url__in=zaken_op_open_lijst().values("zaak"))


def vernietigingslijst_list() -> QuerySet[Vernietigingslijst]:
    return Vernietigingslijst.objects.select_related("auteur", "beoordelaar", "archivaris").prefetch_related(
        "medebeoordelaars", "items", "beoordelingen__gebruiker", "overgangen__gebruiker"
    )
