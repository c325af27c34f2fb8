"""Celery tasks of openbaarmaking: thin, they take URLs or nothing and call a service.

Every service checks state first, so a task that runs twice (a retry, a duplicate
notification, the periodic reconciliation after a notification) changes nothing the
second time.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import transaction

from . import services, sitemaps
from .clients import ProviderUnavailableError
from .models import SitemapGeneratie

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=8)
def document_verwerken(self, document_url: str) -> str | None:
    """A document changed in the Documenten API: publish it if it is due."""
    try:
        publicatie = services.document_verwerken(document_url=document_url)
    except ProviderUnavailableError as exc:
        raise self.retry(exc=exc, countdown=30 * 2**self.request.retries) from exc
    return str(publicatie.uuid) if publicatie else None


@shared_task(bind=True, max_retries=8)
def document_vernietigd(self, document_url: str) -> list[str]:
    """A document was destroyed in the Documenten API: withdraw its publications."""
    try:
        publicaties = services.document_vernietigd(document_url=document_url)
    except ProviderUnavailableError as exc:
        raise self.retry(exc=exc, countdown=30 * 2**self.request.retries) from exc
    return [str(publicatie.uuid) for publicatie in publicaties]


@shared_task
def publicaties_reconcile() -> dict[str, int]:
    """Periodically: catch up on any notification that never arrived."""
    return services.publicaties_reconcile()


@shared_task
def sitemaps_bijwerken() -> str | None:
    """Generate the sitemaps again when a publicatie changed since the last generation."""
    generatie = sitemaps.sitemaps_bijwerken()
    return generatie.map if generatie else None


@shared_task
def sitemaps_schrijven(generatie_id: int, token: str) -> str | None:
    """Write a generation that a stalled run left half done, again from the start."""
    generatie = SitemapGeneratie.objects.filter(pk=generatie_id, lease_token=token).first()
    if generatie is None:
        return None  # taken over again, or finished after all
    klaar = sitemaps.sitemaps_schrijven(generatie, token)
    return klaar.map if klaar else None


@shared_task
def sitemaps_hervatten() -> int:
    """Periodically: resume the generation whose run stopped giving signs of life (a killed worker)."""
    claimed = sitemaps.sitemaps_stilgevallen()
    for pk, token in claimed:
        logger.warning("woo_sitemaps_resumed", extra={"generatie": pk})
        sitemaps_schrijven.delay(pk, str(token))
    return len(claimed)


@shared_task
def abonnement_vernieuwen() -> str:
    """Periodically: keep the webhook's subscription on kanaal `documenten` with a valid token."""
    return services.abonnement_vernieuwen().callback_url


@shared_task
def deadline_overzicht_mailen() -> int:
    """Daily: tell the publication officers which concepts near or passed their deadline."""
    return services.deadline_overzicht_mailen()


def queue_document_verwerken(document_url: str) -> None:
    transaction.on_commit(lambda: _delay(document_verwerken, document_url))


def queue_document_vernietigd(document_url: str) -> None:
    transaction.on_commit(lambda: _delay(document_vernietigd, document_url))


def queue_sitemaps_bijwerken() -> None:
    transaction.on_commit(lambda: _delay(sitemaps_bijwerken))


def _delay(task, *args) -> None:
    try:
        task.delay(*args)
    except Exception:  # the broker is unreachable: the periodic tasks catch up
        logger.warning("openbaarmaking_queue_failed", extra={"task": task.name}, exc_info=True)
