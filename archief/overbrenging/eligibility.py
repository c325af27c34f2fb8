"""Which cases may be transferred, normally or early (vervroegde overbrenging).

Archiefwet 1995, art. 12: records to be kept permanently are transferred to the archive
once they are older than the transfer term (20 years; the new Archiefwet makes it 10,
hence the setting ARCHIEF_OVERBRENGINGSTERMIJN). Earlier transfer needs the archive's consent,
which the agreement records per zaaktype and period of einddatum.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .mdto import add_years


@dataclass(frozen=True)
class VervroegdRegel:
    """The early-transfer part of an agreement."""

    toegestaan: bool = False
    zaaktypen: tuple[str, ...] = ()  # empty: every zaaktype
    einddatum_vanaf: dt.date | None = None
    einddatum_tot: dt.date | None = None


@dataclass
class Beoordeling:
    """The verdict on one case: `redenen` empty means it may go; `vervroegd` says how."""

    redenen: list[str] = field(default_factory=list)
    vervroegd: bool = False

    @property
    def toegestaan(self) -> bool:
        return not self.redenen


def archival_refusals(zaak: dict, documenten: list[dict]) -> list[str]:
    """What keeps a case from ever being transferred: it must be kept permanently,
    be archived, and so must all of its documents."""
    redenen = []
    if zaak.get("archiefnominatie") != "blijvend_bewaren":
        redenen.append(f"archiefnominatie is {zaak.get('archiefnominatie') or 'leeg'}, niet blijvend_bewaren")
    if zaak.get("archiefstatus") != "gearchiveerd":
        redenen.append(f"archiefstatus is {zaak.get('archiefstatus') or 'leeg'}, niet gearchiveerd")
    if not zaak.get("einddatum"):
        redenen.append("de zaak heeft geen einddatum")
    open_documenten = [
        d.get("identificatie") or d.get("url", "") for d in documenten if d.get("status") != "gearchiveerd"
    ]
    if open_documenten:
        redenen.append("niet alle documenten zijn gearchiveerd: " + ", ".join(sorted(open_documenten)))
    return redenen


def beoordeel(
    zaak: dict, documenten: list[dict], *, vandaag: dt.date, termijn_jaren: int, vervroegd: VervroegdRegel
) -> Beoordeling:
    """Whether a case may be transferred today under the agreement."""
    beoordeling = Beoordeling(archival_refusals(zaak, documenten))
    if not zaak.get("einddatum"):
        return beoordeling
    einddatum = dt.date.fromisoformat(zaak["einddatum"])
    if add_years(einddatum, termijn_jaren) <= vandaag:
        return beoordeling
    # Younger than the legal term: only under the agreement.
    beoordeling.vervroegd = True
    jonger = f"de einddatum {einddatum} ligt minder dan {termijn_jaren} jaar terug"
    if not vervroegd.toegestaan:
        beoordeling.redenen.append(f"{jonger} en de afspraak staat vervroegde overbrenging niet toe")
    elif vervroegd.zaaktypen and zaak.get("zaaktype") not in vervroegd.zaaktypen:
        beoordeling.redenen.append(f"{jonger} en de afspraak staat vervroegde overbrenging niet toe voor dit zaaktype")
    elif (vervroegd.einddatum_vanaf and einddatum < vervroegd.einddatum_vanaf) or (
        vervroegd.einddatum_tot and einddatum > vervroegd.einddatum_tot
    ):
        beoordeling.redenen.append(f"{jonger} en valt buiten de periode die de afspraak vervroegd toestaat")
    return beoordeling
