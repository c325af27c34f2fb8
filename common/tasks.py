"""Celery tasks of the shared plumbing: relaying the notifications outbox."""

from __future__ import annotations

from celery import shared_task
from django.db import transaction

from .models import Aflevering
from .notifications import aflevering_deliver, afleveringen_due


@shared_task
def relay_notification(notificatie_id: int) -> int:
    """Deliver one notification to its subscribers; failures wait for the periodic relay."""
    delivered = 0
    for aflevering in afleveringen_due().filter(notificatie_id=notificatie_id):
        delivered += _deliver_locked(aflevering.pk)
    return delivered


@shared_task
def relay_pending_notifications() -> int:
    """Deliver every pending notification whose next attempt is due (runs periodically)."""
    delivered = 0
    for pk in list(afleveringen_due().values_list("pk", flat=True)[:1000]):
        delivered += _deliver_locked(pk)
    return delivered


def _deliver_locked(pk: int) -> int:
    with transaction.atomic():
        aflevering = (
            Aflevering.objects.select_for_update(skip_locked=True)
            .select_related("notificatie", "abonnement")
            .filter(pk=pk, status=Aflevering.Status.pending)
            .first()
        )
        if aflevering is None:
            return 0
        return int(aflevering_deliver(aflevering))
