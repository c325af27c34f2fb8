"""Celery tasks of transfers: thin, by id, one checkpointed step per task.

A transfer in the worker's hands carries a lease (`common.werk`): each task carries the
lease's token, does a step only while the token is still the transfer's, extends the lease
with every step and gives it up when the worker has nothing more to do (a person decides,
or the transfer is done). When a worker dies, `overbrengingen_hervatten` (beat) takes the
expired lease over and queues the next step, once.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import shared_task
from django.db import transaction

from common.clients import ClientError
from common.werk import lease_geven, lease_verlengen, lease_vrijgeven, verlopen_leases_overnemen

from .models import Overbrenging, Status
from .services import overbrenging_stap
from .targets import DeliveryError

logger = logging.getLogger(__name__)

# The states in which the worker, not a person, moves a transfer on.
WERK = [
    Status.goedgekeurd,
    Status.verpakken,
    Status.afgeleverd,
    Status.geaccepteerd,
    Status.deels_geaccepteerd,
    Status.afgewezen,
]
RETRYABLE = (ClientError, DeliveryError, OSError)
MAX_RETRIES = 8
BUSY = None  # another transaction holds the transfer: try again shortly


def overbrenging_stap_vergrendeld(overbrenging_id: int, token: str | None = None, **kwargs) -> bool | None:
    """One step, for the holder of the transfer's lease only, so two workers never work on it
    at once.

    The lease is checked under a short row lock; the step itself runs outside any transaction
    of ours, because it calls other components (the Zaken and Documenten APIs: archiefstatus
    `overgedragen`, the verklaring), which are never written to from inside one (and which, on
    SQLite, could not write while we held the write lock). Each step checkpoints what it has
    done in its own small transactions, so when the worker dies half-way the one who resumes
    it continues from there. Without a token (a direct call, as in the tests) the step runs
    whatever lease there is. Returns True while there is more to do, False when this run
    stops, BUSY when another holds the row at this moment.
    """
    with transaction.atomic():
        row = (
            Overbrenging.objects.select_for_update(skip_locked=True)
            .filter(pk=overbrenging_id)
            .values_list("pk", "lease_token")
            .first()
        )
        if row is None:
            return BUSY if Overbrenging.objects.filter(pk=overbrenging_id).exists() else False
        if token is not None and str(row[1]) != str(token):
            logger.info("overbrenging_step_skipped_not_ours", extra={"overbrenging": overbrenging_id})
            return False
        if token is not None:
            lease_verlengen(Overbrenging, overbrenging_id, token)  # the step's time is covered
    more = overbrenging_stap(overbrenging_id, **kwargs)
    if token is not None:
        if more:
            lease_verlengen(Overbrenging, overbrenging_id, token)
        else:
            lease_vrijgeven(Overbrenging, overbrenging_id, token)
    return more


def overbrenging_starten(overbrenging_id: int) -> None:
    """Hand the transfer to the worker under a new lease, once the caller's transaction commits."""
    token = lease_geven(Overbrenging, overbrenging_id)
    transaction.on_commit(lambda: overbrenging_verwerken.delay(overbrenging_id, str(token)))


@shared_task(bind=True, max_retries=MAX_RETRIES)
def overbrenging_verwerken(self, overbrenging_id: int, token: str | None = None) -> None:
    """Do the next step of a transfer and queue the one after it."""
    try:
        more = overbrenging_stap_vergrendeld(overbrenging_id, token)
    except RETRYABLE as exc:
        Overbrenging.objects.filter(pk=overbrenging_id).update(fout=f"{type(exc).__name__}: {exc}")
        logger.warning("overbrenging_step_failed", extra={"overbrenging": overbrenging_id, "error": str(exc)})
        if self.request.retries >= MAX_RETRIES:
            lease_vrijgeven(Overbrenging, overbrenging_id, token)  # a person looks at `fout` and restarts it
            raise
        countdown = min(30 * 2**self.request.retries, 3600)
        # The lease covers the wait, so the beat does not resume what is only backing off.
        if token is not None and not lease_verlengen(
            Overbrenging, overbrenging_id, token, extra=timedelta(seconds=countdown)
        ):
            return
        raise self.retry(exc=exc, countdown=countdown) from exc
    except Exception as exc:
        Overbrenging.objects.filter(pk=overbrenging_id).update(fout=f"{type(exc).__name__}: {exc}")
        logger.warning("overbrenging_step_failed", extra={"overbrenging": overbrenging_id, "error": str(exc)})
        lease_vrijgeven(Overbrenging, overbrenging_id, token)  # not a passing fault: a person decides
        raise
    if more is BUSY:
        raise self.retry(countdown=10)
    if more:
        overbrenging_verwerken.delay(overbrenging_id, token)


@shared_task
def overbrengingen_hervatten() -> int:
    """Periodically: resume every transfer whose worker stopped giving signs of life."""
    claimed = verlopen_leases_overnemen(Overbrenging.objects.filter(status__in=WERK))
    for pk, token in claimed:
        logger.warning("overbrenging_resumed", extra={"overbrenging": pk})
        overbrenging_verwerken.delay(pk, str(token))
    return len(claimed)
