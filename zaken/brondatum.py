"""The brondatum calculator: archiving parameters of a zaak when it closes.

Rule (Zaken API 1.5, `Zaak.archiefactiedatum` and `Zaak.startdatumBewaartermijn`; Catalogi
API 1.3, `BrondatumArchiefprocedure`): when the eindstatus is set, the zaak takes the
archiefnominatie of its resultaattype, the brondatum (startdatumBewaartermijn) that the
resultaattype's afleidingswijze names, and archiefactiedatum = brondatum +
archiefactietermijn.

This module works on plain values, so every afleidingswijze can be tested with concrete
dates; `zaken.zaak_services` gathers the inputs from the database.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from common.constants import Archiefnominatie

from .models.choices import Afleidingswijze

_DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T.*)?$")


def add_duration(datum: dt.date, duur: str) -> dt.date:
    """`datum` plus an ISO 8601 duration in whole years, months, weeks and days.

    Years and months move along the calendar (as dateutil's relativedelta does): the day
    stays the same, or becomes the last day of the month when the target month is shorter
    (29 February + P1Y = 28 February; 31 January + P1M = 28/29 February). Time parts of a
    duration do not change a date.
    """
    match = _DURATION.match(duur or "")
    if match is None:
        raise ValueError(f"`{duur}` is geen ISO 8601-duur in jaren, maanden, weken of dagen.")
    years, months, weeks, days = (int(part or 0) for part in match.groups())
    month_index = datum.month - 1 + months + 12 * years
    year, month = datum.year + month_index // 12, month_index % 12 + 1
    day = min(datum.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day) + dt.timedelta(weeks=weeks, days=days)


def parse_datum(waarde: object) -> dt.date | None:
    """A date as the ZGW APIs write one: `YYYY-MM-DD`, `YYYYMMDD`, or the date of a date-time."""
    if isinstance(waarde, dt.datetime):
        return waarde.date()
    if isinstance(waarde, dt.date):
        return waarde
    if not isinstance(waarde, str) or not waarde.strip():
        return None
    text = waarde.strip()
    for candidate in (text[:10], text[:8]):
        for pattern in ("%Y-%m-%d", "%Y%m%d"):
            try:
                return dt.datetime.strptime(candidate, pattern).date()
            except ValueError:
                continue
    return None


class BrondatumError(Exception):
    """The brondatum cannot be derived and the standard does not let it follow later."""

    def __init__(self, message: str, code: str = "archiefactiedatum-error") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class BrondatumInput:
    """Everything a brondatum may be derived from, gathered for one zaak."""

    einddatum: dt.date
    archiefnominatie: str
    archiefactietermijn: str
    afleidingswijze: str
    procestermijn: str = ""
    datumkenmerk: str = ""
    objecttype: str = ""
    # `naam` -> waarde of the zaak's zaakeigenschappen
    eigenschappen: Mapping[str, str] = field(default_factory=dict)
    # (objectType, objectIdentificatie) of the zaak's zaakobjecten
    zaakobjecten: Iterable[tuple[str, Mapping]] = ()
    # (ingangsdatum, vervaldatum) of the zaak's besluiten
    besluiten: Iterable[tuple[dt.date, dt.date | None]] = ()
    # einddatum of each relevante andere zaak (None: still open)
    gerelateerde_einddatums: Iterable[dt.date | None] = ()
    heeft_hoofdzaak: bool = False
    hoofdzaak_einddatum: dt.date | None = None
    # a startdatumBewaartermijn the client set itself (afleidingswijze ander_datumkenmerk)
    opgegeven_brondatum: dt.date | None = None


@dataclass(frozen=True)
class Archiefparameters:
    archiefnominatie: str
    startdatum_bewaartermijn: dt.date | None
    archiefactiedatum: dt.date | None


def _latest(dates: Iterable[dt.date | None]) -> dt.date | None:
    known = [d for d in dates if d is not None]
    return max(known) if known else None


def brondatum(invoer: BrondatumInput) -> dt.date | None:
    """The brondatum for the afleidingswijze, None when it follows later; BrondatumError when it cannot."""
    wijze = invoer.afleidingswijze
    if wijze == Afleidingswijze.afgehandeld:
        return invoer.einddatum
    if wijze == Afleidingswijze.termijn:
        # "De termijn start een vast aantal jaren na de datum waarop de zaak is afgehandeld."
        if not invoer.procestermijn:
            raise BrondatumError("Het resultaattype heeft geen procestermijn (afleidingswijze `termijn`).")
        return add_duration(invoer.einddatum, invoer.procestermijn)
    if wijze == Afleidingswijze.hoofdzaak:
        # A deelzaak closes before its hoofdzaak (a hoofdzaak with open deelzaken cannot
        # close), so its brondatum follows when the hoofdzaak closes.
        if not invoer.heeft_hoofdzaak:
            raise BrondatumError("De zaak heeft geen hoofdzaak (afleidingswijze `hoofdzaak`).")
        return invoer.hoofdzaak_einddatum
    if wijze == Afleidingswijze.eigenschap:
        # The zaakeigenschap may be given after closing: the date follows then.
        waarde = invoer.eigenschappen.get(invoer.datumkenmerk)
        if waarde in (None, ""):
            return None
        datum = parse_datum(waarde)
        if datum is None:
            raise BrondatumError(
                f"De zaakeigenschap `{invoer.datumkenmerk}` bevat geen datum: `{waarde}` (afleidingswijze "
                "`eigenschap`)."
            )
        return datum
    if wijze == Afleidingswijze.ander_datumkenmerk:
        # Not derivable: the client sets startdatumBewaartermijn from the registration.
        return invoer.opgegeven_brondatum
    if wijze == Afleidingswijze.zaakobject:
        datums = []
        for object_type, identificatie in invoer.zaakobjecten:
            if object_type != invoer.objecttype:
                continue
            datums.append(parse_datum((identificatie or {}).get(invoer.datumkenmerk)))
        datum = _latest(datums)
        if datum is None:
            raise BrondatumError(
                f"Geen zaakobject van objecttype `{invoer.objecttype}` met een datum in `{invoer.datumkenmerk}` "
                "(afleidingswijze `zaakobject`)."
            )
        return datum
    if wijze == Afleidingswijze.ingangsdatum_besluit:
        datum = _latest(ingang for ingang, _ in invoer.besluiten)
        if datum is None:
            raise BrondatumError("De zaak heeft geen besluit (afleidingswijze `ingangsdatum_besluit`).")
        return datum
    if wijze == Afleidingswijze.vervaldatum_besluit:
        # A besluit may get its vervaldatum later; the brondatum follows then.
        return _latest(verval for _, verval in invoer.besluiten)
    if wijze == Afleidingswijze.gerelateerde_zaak:
        datum = _latest(invoer.gerelateerde_einddatums)
        if datum is None:
            raise BrondatumError(
                "Geen afgesloten relevante andere zaak om de brondatum van af te leiden (afleidingswijze "
                "`gerelateerde_zaak`)."
            )
        return datum
    raise BrondatumError(f"Onbekende afleidingswijze `{wijze}`.")


def archiefparameters(invoer: BrondatumInput) -> Archiefparameters:
    """archiefnominatie, startdatumBewaartermijn and archiefactiedatum of a closing zaak.

    Rule: archiefactiedatum = brondatum + archiefactietermijn. Without brondatum (it
    follows later) or without archiefactietermijn (allowed for `blijvend_bewaren`: those
    records are transferred, not destroyed) it stays empty.
    """
    if not invoer.archiefnominatie:
        raise BrondatumError("Het resultaattype heeft geen archiefnominatie.", "archiefnominatie-not-set")
    if not invoer.archiefactietermijn and invoer.archiefnominatie != Archiefnominatie.blijvend_bewaren:
        raise BrondatumError("Het resultaattype heeft geen archiefactietermijn.", "archiefactiedatum-error")
    datum = brondatum(invoer)
    actiedatum = add_duration(datum, invoer.archiefactietermijn) if datum and invoer.archiefactietermijn else None
    return Archiefparameters(invoer.archiefnominatie, datum, actiedatum)
