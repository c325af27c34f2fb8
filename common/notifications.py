"""The notifications outbox.

`notificatie_create` writes the message and one delivery per matching subscriber in the
caller's transaction; only after commit is Celery asked to relay it. If the broker is
down at that moment the deliveries stay pending and the periodic relay picks them up, so
an outage delays delivery and loses nothing.
"""

from __future__ import annotations

import logging
from datetime import timedelta

import httpx
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Abonnement, Aflevering, Notificatie

logger = logging.getLogger(__name__)


def notificatie_create(
    *,
    kanaal: str,
    hoofd_object: str,
    resource: str,
    resource_url: str,
    actie: str,
    kenmerken: dict | None = None,
) -> Notificatie:
    """Record a notification in the outbox, in the current transaction."""
    notificatie = Notificatie.objects.create(
        kanaal=kanaal,
        hoofd_object=hoofd_object,
        resource=resource,
        resource_url=resource_url,
        actie=actie,
        kenmerken={key: value for key, value in (kenmerken or {}).items() if value is not None},
    )
    afleveringen = [
        Aflevering(notificatie=notificatie, abonnement=abonnement)
        for abonnement in Abonnement.objects.filter(actief=True)
        if abonnement.wants(kanaal, notificatie.kenmerken)
    ]
    Aflevering.objects.bulk_create(afleveringen)
    if afleveringen:
        transaction.on_commit(lambda: _queue_relay(notificatie.pk))
    return notificatie


def _queue_relay(notificatie_id: int) -> None:
    from .tasks import relay_notification

    try:
        relay_notification.delay(notificatie_id)
    except Exception:  # the broker is unreachable: the periodic relay will pick it up
        logger.warning("notification_queue_failed", extra={"notificatie_id": notificatie_id}, exc_info=True)


def aflevering_deliver(aflevering: Aflevering, *, client: httpx.Client | None = None) -> bool:
    """Try to deliver one notification to one subscriber; schedule a retry on failure."""
    if aflevering.status != Aflevering.Status.pending:
        return aflevering.status == Aflevering.Status.delivered
    abonnement = aflevering.abonnement
    headers = {"Content-Type": "application/json"}
    if abonnement.auth:
        headers["Authorization"] = abonnement.auth
    from .clients import http_client

    error = ""
    try:
        with client or http_client(abonnement.callback_url) as http:
            response = http.post(abonnement.callback_url, json=aflevering.notificatie.message(), headers=headers)
        if response.status_code < 300:
            aflevering.status = Aflevering.Status.delivered
            aflevering.afgeleverd_op = timezone.now()
        else:
            error = f"HTTP {response.status_code}: {response.text[:500]}"
    except httpx.HTTPError as exc:
        error = f"{type(exc).__name__}: {exc}"
    aflevering.pogingen += 1
    if error:
        aflevering.laatste_fout = error
        if aflevering.pogingen >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
            aflevering.status = Aflevering.Status.failed
        else:
            delay = settings.NOTIFICATIONS_BACKOFF_BASE * 2 ** (aflevering.pogingen - 1)
            aflevering.volgende_poging = timezone.now() + timedelta(seconds=delay)
        logger.warning(
            "notification_delivery_failed",
            extra={"aflevering_id": aflevering.pk, "pogingen": aflevering.pogingen, "error": error},
        )
    aflevering.save()
    return aflevering.status == Aflevering.Status.delivered


def afleveringen_due():
    return Aflevering.objects.filter(
        status=Aflevering.Status.pending, volgende_poging__lte=timezone.now()
    ).select_related("notificatie", "abonnement")
