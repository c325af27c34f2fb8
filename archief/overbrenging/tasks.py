"""Celery tasks of transfers: thin, by id, one checkpointed step per task."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import transaction

from common.clients import ClientError

from .models import Overbrenging
from .services import overbrenging_stap
from .targets import DeliveryError

logger = logging.getLogger(__name__)


def overbrenging_stap_vergrendeld(overbrenging_id: int, **kwargs) -> bool:
    """One step, holding the transfer's row lock so two workers never work on it at once.

    The step's database changes commit together; when the worker dies half-way, none of
    them count and the next run does the step again.
    """
    with transaction.atomic():
        locked = Overbrenging.objects.select_for_update(skip_locked=True).filter(pk=overbrenging_id).exists()
        if not locked:
            return False
        return overbrenging_stap(overbrenging_id, **kwargs)


@shared_task(
    bind=True,
    autoretry_for=(ClientError, DeliveryError, OSError),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=8,
)
def overbrenging_verwerken(self, overbrenging_id: int) -> None:
    """Do the next step of a transfer and queue the one after it."""
    try:
        more = overbrenging_stap_vergrendeld(overbrenging_id)
    except Exception as exc:
        Overbrenging.objects.filter(pk=overbrenging_id).update(fout=f"{type(exc).__name__}: {exc}")
        logger.warning("overbrenging_step_failed", extra={"overbrenging": overbrenging_id, "error": str(exc)})
        raise
    if more:
        overbrenging_verwerken.delay(overbrenging_id)
