"""Reads of transfers, with their progress figures."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from common.constants import Archiefnominatie

from ..models import IndexZaak, ZGWArchiefstatus
from .models import (
    Archiefinstelling,
    ContainerStatus,
    ItemStatus,
    Overbrenging,
    OverbrengingItem,
    Overbrengingsafspraak,
    Status,
)

# A transfer in these states is over: its cases may be selected again (an archive's refusal).
AFGESLOTEN = (Status.afgerond, Status.afgewezen)


def archiefinstelling_list() -> QuerySet[Archiefinstelling]:
    return Archiefinstelling.objects.order_by("naam", "pk")


def overbrengingsafspraak_list() -> QuerySet[Overbrengingsafspraak]:
    return Overbrengingsafspraak.objects.select_related("archiefinstelling").order_by("naam", "pk")


def overbrenging_list() -> QuerySet[Overbrenging]:
    return Overbrenging.objects.select_related("afspraak__archiefinstelling").prefetch_related(
        "items", "gebeurtenissen", "containers"
    )


def zaken_in_open_overbrenging() -> QuerySet[OverbrengingItem]:
    """The cases of transfers that are not over yet (not refused by the archive)."""
    return OverbrengingItem.objects.exclude(overbrenging__status__in=AFGESLOTEN).exclude(status=ItemStatus.afgewezen)


def overdraagbare_zaken() -> QuerySet[IndexZaak]:
    """Candidates for a transfer from the archive's index: closed, `blijvend_bewaren`, not yet
    transferred and in no open transfer. Whether each may go now (the term, the agreement's
    early-transfer rule, its documents) is the service's to decide when the transfer is composed."""
    return (
        IndexZaak.objects.filter(archiefnominatie=Archiefnominatie.blijvend_bewaren, einddatum__isnull=False)
        .exclude(archiefstatus=ZGWArchiefstatus.overgedragen)
        .exclude(url__in=zaken_in_open_overbrenging().values("zaak"))
        .order_by("einddatum", "identificatie", "pk")
    )


@dataclass(frozen=True)
class Voortgang:
    """How far a transfer is: cases and content bytes handled (packaged or failed) of the total."""

    zaken_totaal: int
    zaken_klaar: int
    zaken_fout: int
    bytes_totaal: int
    bytes_klaar: int
    containers_totaal: int
    containers_geverifieerd: int

    @property
    def procent(self) -> int:
        if not self.bytes_totaal:
            return 100 if self.zaken_totaal and self.zaken_klaar + self.zaken_fout == self.zaken_totaal else 0
        return int(100 * self.bytes_klaar / self.bytes_totaal)


DONE = [ItemStatus.verpakt, ItemStatus.geaccepteerd, ItemStatus.afgewezen, ItemStatus.overgedragen]


def overbrenging_voortgang(overbrenging: Overbrenging) -> Voortgang:
    items = overbrenging.items.aggregate(
        totaal=Count("pk"),
        klaar=Count("pk", filter=Q(status__in=[*DONE, ItemStatus.fout])),
        fout=Count("pk", filter=Q(status=ItemStatus.fout)),
        bytes_totaal=Sum("omvang"),
        bytes_klaar=Sum("omvang", filter=Q(status__in=[*DONE, ItemStatus.fout])),
    )
    containers = overbrenging.containers.aggregate(
        totaal=Count("pk"), geverifieerd=Count("pk", filter=Q(status=ContainerStatus.geverifieerd))
    )
    return Voortgang(
        zaken_totaal=items["totaal"],
        zaken_klaar=items["klaar"],
        zaken_fout=items["fout"],
        bytes_totaal=items["bytes_totaal"] or 0,
        bytes_klaar=items["bytes_klaar"] or 0,
        containers_totaal=containers["totaal"],
        containers_geverifieerd=containers["geverifieerd"],
    )
