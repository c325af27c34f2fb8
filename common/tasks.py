"""Celery tasks of the shared plumbing: relaying the notifications outbox.

A relay takes a delivery before it POSTs: one conditional UPDATE moves its next attempt
past the POST's longest duration (NOTIFICATIONS_RELAY_LEASE), so no other relay takes it
meanwhile, and no database transaction stays open during the POST. A relay whose worker is
killed half-way leaves the delivery pending with that moment as its next attempt; the
periodic relay (beat, every NOTIFICATIONS_RELAY_INTERVAL) takes it again after it, exactly
one of them. A subscriber may get a message twice when the worker died after the POST
arrived and before its outcome was written: deliveries are at least once, as the
Notificaties API's are.
"""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

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
    now = timezone.now()
    taken = Aflevering.objects.filter(pk=pk, status=Aflevering.Status.pending, volgende_poging__lte=now).update(
        volgende_poging=now + timedelta(seconds=settings.NOTIFICATIONS_RELAY_LEASE)
    )
    if not taken:
        return 0  # another relay has it, or it is done
    aflevering = Aflevering.objects.select_related("notificatie", "abonnement").get(pk=pk)
    return int(aflevering_deliver(aflevering))
