"""Celery tasks of the archive: thin wrappers that take ids and call a service.

Each service checks state first, so a task that runs twice (a redelivered message, a
retry) changes nothing the second time.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.db.models import F

from common.clients import ClientError, URLNotAllowedError

from . import archivering, index, vernietiging
from .models import IndexDocument, Vernietigingslijst

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(ClientError,), dont_autoretry_for=(URLNotAllowedError,), retry_backoff=30, max_retries=5)
def index_zaak_bijwerken(zaak_url: str) -> None:
    """Re-read one zaak after a notification on kanaal `zaken`."""
    index.index_zaak_bijwerken(zaak_url)


@shared_task
def index_resync() -> dict:
    """The periodic full resync, so that a missed notification heals."""
    result = index.index_resync()
    return {"zaken": result.zaken, "verwijderd": result.verwijderd, "fouten": len(result.fouten)}


@shared_task
def zaken_archiveren() -> dict:
    """The periodic archiving step."""
    ronde = archivering.zaken_archiveren()
    return {"gearchiveerd": len(ronde.gearchiveerd), "geblokkeerd": len(ronde.geblokkeerd)}


@shared_task
def integriteit_controleren(limit: int = 1000) -> int:
    """Fixity check of the documents checked longest ago (or never)."""
    from .clients import ZGW

    checked = 0
    # Every document: one without a provider's checksum gets the archive's own baseline.
    documents = IndexDocument.objects.order_by(F("integriteit_gecontroleerd_op").asc(nulls_first=True), "pk")[:limit]
    with ZGW() as zgw:
        for document in documents:
            try:
                index.document_integriteit_controleren(document, zgw=zgw)
                checked += 1
            except ClientError:
                continue
    return checked


@shared_task
def vernietigingslijst_uitvoeren(lijst_id: int, token: str | None = None) -> dict:
    lijst = Vernietigingslijst.objects.get(pk=lijst_id)
    result = vernietiging.vernietigingslijst_uitvoeren(lijst, token=token)
    return {"vernietigd": len(result.vernietigd), "mislukt": len(result.mislukt)}


@shared_task
def vernietigingslijsten_hervatten() -> int:
    """Periodically: resume every list whose run stopped giving signs of life (a killed worker)."""
    claimed = vernietiging.vernietigingslijsten_stilgevallen()
    for pk, token in claimed:
        logger.warning("vernietigingslijst_resumed", extra={"lijst": pk})
        vernietigingslijst_uitvoeren.delay(pk, str(token))
    return len(claimed)


@shared_task
def vernietigingslijsten_uitvoeren() -> int:
    """Periodically: carry out every approved list whose waiting period has passed."""
    due = vernietiging.vernietigingslijsten_due()
    for pk in due:
        vernietigingslijst_uitvoeren.delay(pk)
    return len(due)
