"""Filling the retention index through the ZGW APIs.

`index_zaak_bijwerken` reads one zaak (with its resultaat, resultaattype,
selectielijstklasse and documents) and writes its row; a zaak that no longer exists
leaves the index. `index_resync` does that for every zaak and zaaktype and removes rows
of zaken that are gone, so a missed notification heals at the next periodic run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from common.clients import ClientError

from .clients import ZGW, zgw_session
from .models import IndexDocument, IndexZaak, IndexZaakType

logger = logging.getLogger(__name__)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _selectielijst(zgw: ZGW, url: str) -> tuple[str, int | None]:
    """Full number and version (year) of a selectielijstklasse."""
    if not url:
        return "", None
    try:
        resultaat = zgw.get_cached(url)
        jaar = zgw.get_cached(resultaat["procesType"]).get("jaar") if resultaat.get("procesType") else None
    except ClientError:
        logger.warning("selectielijstklasse_unreadable", extra={"url": url})
        return "", None
    return resultaat.get("volledigNummer") or "", jaar


@transaction.atomic
def index_zaak_schrijven(zgw: ZGW, zaak: dict) -> IndexZaak:
    """Write the index row of a zaak as the Zaken API returned it."""
    zaaktype = zgw.get_cached(zaak["zaaktype"])
    values: dict = {
        "identificatie": zaak.get("identificatie") or "",
        "bronorganisatie": zaak.get("bronorganisatie") or "",
        "omschrijving": (zaak.get("omschrijving") or "")[:80],
        "zaaktype": zaak["zaaktype"],
        "zaaktype_omschrijving": zaaktype.get("omschrijving") or "",
        "startdatum": _date(zaak.get("startdatum")),
        "einddatum": _date(zaak.get("einddatum")),
        "resultaat": zaak.get("resultaat") or "",
        "resultaattype": "",
        "resultaat_omschrijving": "",
        "selectielijstklasse": "",
        "selectielijstklasse_nummer": "",
        "selectielijst_jaar": None,
        "archiefnominatie": zaak.get("archiefnominatie") or "",
        "archiefactiedatum": _date(zaak.get("archiefactiedatum")),
        "archiefstatus": zaak.get("archiefstatus") or "nog_te_archiveren",
        "gesynchroniseerd_op": timezone.now(),
    }
    if values["resultaat"]:
        resultaat = zgw.get(values["resultaat"])
        resultaattype = zgw.get_cached(resultaat["resultaattype"])
        nummer, jaar = _selectielijst(zgw, resultaattype.get("selectielijstklasse") or "")
        values |= {
            "resultaattype": resultaat["resultaattype"],
            "resultaat_omschrijving": (resultaattype.get("omschrijving") or "")[:30],
            "selectielijstklasse": resultaattype.get("selectielijstklasse") or "",
            "selectielijstklasse_nummer": nummer,
            "selectielijst_jaar": jaar,
        }
    index, _ = IndexZaak.objects.update_or_create(url=zaak["url"], defaults=values)
    seen = []
    for zio in zgw.zaakinformatieobjecten(zaak=zaak["url"]):
        document = zgw.get(zio["informatieobject"])
        integriteit = document.get("integriteit") or {}
        versie = document.get("versie") if isinstance(document.get("versie"), int) else None
        row, _ = IndexDocument.objects.update_or_create(
            zaak=index,
            url=zio["informatieobject"],
            defaults={
                "identificatie": document.get("identificatie") or "",
                "titel": (document.get("titel") or "")[:200],
                "status": document.get("status") or "",
                "integriteit_algoritme": integriteit.get("algoritme") or "",
                "integriteit_waarde": integriteit.get("waarde") or "",
                "versie": versie,
            },
        )
        if row.basis_sha256 and row.basis_versie != versie:
            # A new version has new content: its baseline is taken at the next read.
            IndexDocument.objects.filter(pk=row.pk).update(basis_sha256="", basis_versie=None)
        seen.append(row.pk)
    index.documenten.exclude(pk__in=seen).delete()
    return index


def index_zaak_bijwerken(url: str, *, zgw: ZGW | None = None) -> IndexZaak | None:
    """Re-read one zaak; None (and no row) when it no longer exists."""
    with zgw_session(zgw) as client:
        zaak = client.get_or_none(url)
        if zaak is None:
            IndexZaak.objects.filter(url=url).delete()
            logger.info("index_zaak_removed", extra={"zaak": url})
            return None
        return index_zaak_schrijven(client, zaak)


def zaaktype_gebreken(zaaktype: dict, resultaattypen: list[dict]) -> list[str]:
    """What a zaaktype lacks to be archivable (DESIGN step 1; Catalogi API 1.3 ResultaatType)."""
    gebreken = []
    if not zaaktype.get("selectielijstProcestype"):
        gebreken.append("geen selectielijstProcestype")
    if not resultaattypen:
        gebreken.append("geen resultaattypen")
    for resultaattype in resultaattypen:
        naam = resultaattype.get("omschrijving") or resultaattype.get("url")
        brondatum = resultaattype.get("brondatumArchiefprocedure") or {}
        for veld, waarde in (
            ("archiefnominatie", resultaattype.get("archiefnominatie")),
            ("archiefactietermijn", resultaattype.get("archiefactietermijn")),
            ("selectielijstklasse", resultaattype.get("selectielijstklasse")),
            ("brondatumArchiefprocedure.afleidingswijze", brondatum.get("afleidingswijze")),
        ):
            if not waarde:
                gebreken.append(f"resultaattype `{naam}`: geen {veld}")
    return gebreken


@dataclass
class Resync:
    zaken: int = 0
    verwijderd: int = 0
    zaaktypen: int = 0
    fouten: list[str] = field(default_factory=list)


def index_resync(*, zgw: ZGW | None = None) -> Resync:
    """Read every zaaktype and zaak again; remove rows of what no longer exists."""
    result = Resync()
    started = timezone.now()
    with zgw_session(zgw) as client:
        for zaaktype in client.zaaktypen():
            gebreken = zaaktype_gebreken(zaaktype, client.resultaattypen(zaaktype["url"]))
            IndexZaakType.objects.update_or_create(
                url=zaaktype["url"],
                defaults={
                    "identificatie": zaaktype.get("identificatie") or "",
                    "omschrijving": zaaktype.get("omschrijving") or "",
                    "concept": bool(zaaktype.get("concept")),
                    "archiveringsgebreken": gebreken,
                    "gesynchroniseerd_op": timezone.now(),
                },
            )
            result.zaaktypen += 1
        for zaak in client.zaken():
            try:
                index_zaak_schrijven(client, zaak)
                result.zaken += 1
            except ClientError as exc:  # one unreadable zaak must not stop the resync
                result.fouten.append(f"{zaak.get('url')}: {exc}")
                IndexZaak.objects.filter(url=zaak.get("url")).update(gesynchroniseerd_op=timezone.now())
    stale_zaken = IndexZaak.objects.filter(gesynchroniseerd_op__lt=started)
    result.verwijderd = stale_zaken.count()
    stale_zaken.delete()
    IndexZaakType.objects.filter(gesynchroniseerd_op__lt=started).delete()
    logger.info("index_resynced", extra={"zaken": result.zaken, "verwijderd": result.verwijderd})
    return result


HASHES = {"sha_1": "sha1", "sha_256": "sha256", "sha_512": "sha512", "md5": "md5", "sha_3": "sha3_256"}


def heeft_controlesom(document: IndexDocument) -> bool:
    """The provider stores a checksum (`integriteit`) of the document in an algorithm we can compute."""
    return document.integriteit_algoritme in HASHES and bool(document.integriteit_waarde)


def document_integriteit_controleren(document: IndexDocument, *, zgw: ZGW) -> bool | None:
    """Download the content and compare it with its checksum; None when there was nothing to compare with.

    The checksum is the provider's `integriteit`. A provider that stores none (Open Zaak,
    unless the client sent one) gets a baseline instead: the SHA-256 of the content at the
    archive's first read, kept in the index, and every later read is compared with that.
    The first read records it and returns None: it proves nothing yet.
    """
    now = timezone.now()
    if heeft_controlesom(document):
        algorithm, expected = HASHES[document.integriteit_algoritme], document.integriteit_waarde
    elif document.basis_sha256 and document.basis_versie == document.versie:
        algorithm, expected = "sha256", document.basis_sha256
    else:
        document.basis_sha256 = hashlib.sha256(zgw.download(document.url)).hexdigest()
        document.basis_versie = document.versie
        document.integriteit_in_orde = None
        document.integriteit_gecontroleerd_op = now
        document.save(
            update_fields=["basis_sha256", "basis_versie", "integriteit_in_orde", "integriteit_gecontroleerd_op"]
        )
        logger.info("document_fixity_baseline_recorded", extra={"document": document.url})
        return None
    digest = hashlib.new(algorithm, zgw.download(document.url)).hexdigest()
    document.integriteit_in_orde = digest.lower() == expected.lower()
    document.integriteit_gecontroleerd_op = now
    document.save(update_fields=["integriteit_in_orde", "integriteit_gecontroleerd_op"])
    if not document.integriteit_in_orde:
        logger.warning("document_fixity_failed", extra={"document": document.url})
    return document.integriteit_in_orde
