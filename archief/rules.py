"""The rules that decide whether a zaak may be destroyed or archived.

They work on the archive's index row and a date (no database writes, no HTTP), so the
list services, the destruction task (which re-checks right before it destroys) and the
admin all apply exactly the same rule.
"""

from __future__ import annotations

import datetime as dt

from common.constants import Archiefnominatie

from .models import IndexZaak, ZGWArchiefstatus


def vernietigingsbezwaar(zaak: IndexZaak, vandaag: dt.date) -> str | None:
    """Why `zaak` may not be destroyed on `vandaag`, or None when it may.

    Archiefwet 1995 art. 3 with the Selectielijst: a zaak is destroyed only when its
    archiefnominatie is `vernietigen` and its archiefactiedatum (the end of the
    bewaartermijn) has been reached. A zaak without archiefactiedatum has no known end of
    its bewaartermijn, so it is never a candidate; neither is one already transferred.
    """
    if zaak.einddatum is None:
        return "de zaak is nog niet afgesloten"
    if zaak.archiefnominatie != Archiefnominatie.vernietigen:
        return f"de archiefnominatie is `{zaak.archiefnominatie or 'leeg'}`, niet `vernietigen`"
    if zaak.archiefactiedatum is None:
        return "de zaak heeft geen archiefactiedatum"
    if zaak.archiefactiedatum > vandaag:
        return f"de archiefactiedatum {zaak.archiefactiedatum.isoformat()} ligt in de toekomst"
    if zaak.archiefstatus == ZGWArchiefstatus.overgedragen:
        return "de zaak is overgedragen aan een archiefbewaarplaats"
    return None


def archiveringsbezwaar(zaak: IndexZaak) -> str | None:
    """Why the archiving step cannot set `archiefstatus=gearchiveerd` on `zaak`, or None.

    ZGW Zaken API 1.5 (`archiefstatus`): a zaak can be archived only when it is closed and
    `archiefnominatie` and `archiefactiedatum` are set; its informatieobjecten must be
    `gearchiveerd` first (the step does that itself for definitive ones).
    """
    if zaak.einddatum is None:
        return "de zaak is nog niet afgesloten"
    if not zaak.archiefnominatie:
        return "de zaak heeft geen archiefnominatie"
    if zaak.archiefactiedatum is None:
        return "de zaak heeft geen archiefactiedatum"
    return None
