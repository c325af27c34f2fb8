"""The archiving step: closed zaken become `gearchiveerd`, their definitive documents first.

ZGW Zaken API 1.5: a zaak may get `archiefstatus=gearchiveerd` only when archiefnominatie
and archiefactiedatum are set and all its informatieobjecten are `gearchiveerd`. So the
step sets each `definitief` document to `gearchiveerd` through the Documenten API, then
the zaak through the Zaken API. A zaak it cannot archive (parameters missing, a document
still being worked on) keeps its reason in the index, where the admin and API list it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from common.clients import ClientError

from .clients import ZGW, zgw_session
from .index import index_zaak_bijwerken, index_zaak_schrijven
from .models import DocumentStatus, IndexZaak, ZGWArchiefstatus
from .rules import archiveringsbezwaar

logger = logging.getLogger(__name__)


@dataclass
class Archiveringsronde:
    gearchiveerd: list[str] = field(default_factory=list)
    geblokkeerd: dict[str, str] = field(default_factory=dict)


def zaak_archiveren(index: IndexZaak, *, zgw: ZGW) -> str | None:
    """Archive one zaak; the reason it could not be archived, or None."""
    zaak = zgw.get_or_none(index.url)
    if zaak is None:
        index_zaak_bijwerken(index.url, zgw=zgw)
        return None
    index = index_zaak_schrijven(zgw, zaak)  # decide on the provider's current state
    if index.archiefstatus != ZGWArchiefstatus.nog_te_archiveren:
        IndexZaak.objects.filter(pk=index.pk).update(archiveringsblokkade="")
        return None
    reason = archiveringsbezwaar(index)
    if reason is None:
        reason = _documenten_archiveren(zaak["url"], zgw)
    if reason is None:
        try:
            zaak = zgw.zaak_update(zaak["url"], {"archiefstatus": ZGWArchiefstatus.gearchiveerd})
        except ClientError as exc:
            reason = f"de Zaken API weigerde de archiefstatus: {exc.body or exc}"
        else:
            index = index_zaak_schrijven(zgw, zaak)
    IndexZaak.objects.filter(pk=index.pk).update(archiveringsblokkade=reason or "")
    logger.info("zaak_archived" if reason is None else "zaak_not_archived", extra={"zaak": index.url, "reden": reason})
    return reason


def _documenten_archiveren(zaak_url: str, zgw: ZGW) -> str | None:
    """Set every definitive document of the zaak to `gearchiveerd`; the reason if one cannot be."""
    blocking = []
    for zio in zgw.zaakinformatieobjecten(zaak=zaak_url):
        document = zgw.get(zio["informatieobject"])
        status = document.get("status") or ""
        if status == DocumentStatus.gearchiveerd:
            continue
        if status != DocumentStatus.definitief:
            blocking.append(f"{document.get('identificatie') or document['url']} heeft status `{status or 'leeg'}`")
            continue
        try:
            zgw.informatieobject_status_zetten(document["url"], DocumentStatus.gearchiveerd)
        except ClientError as exc:
            blocking.append(f"{document.get('identificatie') or document['url']}: {exc}")
    if blocking:
        return "niet elk document is definitief: " + "; ".join(blocking)
    return None


def zaken_archiveren(*, zgw: ZGW | None = None) -> Archiveringsronde:
    """Archive every closed zaak of the index that is still `nog_te_archiveren`."""
    ronde = Archiveringsronde()
    with zgw_session(zgw) as client:
        kandidaten = IndexZaak.objects.filter(
            einddatum__isnull=False, archiefstatus=ZGWArchiefstatus.nog_te_archiveren
        ).order_by("pk")
        for index in kandidaten.iterator():
            try:
                reason = zaak_archiveren(index, zgw=client)
            except ClientError as exc:  # one unreachable zaak does not stop the others
                reason = f"niet bereikbaar: {exc}"
                IndexZaak.objects.filter(pk=index.pk).update(archiveringsblokkade=reason)
            if reason is None:
                ronde.gearchiveerd.append(index.url)
            else:
                ronde.geblokkeerd[index.url] = reason
    return ronde
