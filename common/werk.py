"""Long-running work that resumes by itself after a crash, exactly once: leases.

A piece of work (a transfer, a vernietigingslijst, a sitemap generation, ...) carries a
lease: a token naming the one run that may work on it now, and the moment until which that
run counts as alive (`lease_tot`). The run extends the lease while it makes progress (its
heartbeat) and gives it up when it stops, done or waiting for a person. A run that dies
(its worker killed, its machine gone) stops extending it.

A periodic task per app (`<app>.tasks.*_hervatten`, in the beat schedule) takes over every
piece whose lease ran out: in one transaction it claims each with a new token (PostgreSQL:
`SELECT ... FOR UPDATE SKIP LOCKED`, then a conditional `UPDATE ... WHERE lease_token = old`,
so two beats at once never claim the same piece; SQLite runs one writer at a time) and
queues the next step with that token once the claim is committed. The step checks its
token first: a message of the dead run that Celery delivers again later (acks_late) carries
the old token and does nothing, so exactly one run goes on. The steps themselves are
idempotent (they start from what the database says is done), so a step the dead run had
half done is simply done again.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone


class Lease(models.Model):
    """Which run works on this, and until when it counts as alive (`common.werk`)."""

    lease_token = models.UUIDField(
        null=True, blank=True, editable=False, help_text="The run that may work on this now; empty when none."
    )
    lease_tot = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text="Until when that run counts as alive; after this the work is taken over and resumed.",
    )

    class Meta:
        abstract = True


def lease_duur() -> timedelta:
    """How long a run counts as alive after its last sign of life (WERK_LEASE_SECONDS)."""
    return timedelta(seconds=settings.WERK_LEASE_SECONDS)


def lease_geven(model: type[Lease], pk: int, *, extra: timedelta = timedelta(0)) -> uuid.UUID:
    """A new run takes the work, whoever had it (a person started or restarted it)."""
    token = uuid.uuid4()
    model.objects.filter(pk=pk).update(lease_token=token, lease_tot=timezone.now() + lease_duur() + extra)
    return token


def lease_verlengen(model: type[Lease], pk: int, token: uuid.UUID | str, *, extra: timedelta = timedelta(0)) -> bool:
    """The run's heartbeat; False when another run has taken the work over."""
    until = timezone.now() + lease_duur() + extra
    return bool(model.objects.filter(pk=pk, lease_token=token).update(lease_tot=until))


def lease_vrijgeven(model: type[Lease], pk: int, token: uuid.UUID | str | None) -> None:
    """The run stops: done, or waiting for a person; nothing is resumed until it starts again."""
    work = model.objects.filter(pk=pk)
    if token is not None:
        work = work.filter(lease_token=token)
    work.update(lease_token=None, lease_tot=None)


def verlopen_leases_overnemen(queryset: models.QuerySet) -> list[tuple[int, uuid.UUID]]:
    """Claim every piece of `queryset` whose run stopped giving signs of life; each is claimed
    by exactly one caller, also when several run at once. Returns (pk, new token) pairs; queue
    their next step with `transaction.on_commit`, or after this returns."""
    now = timezone.now()
    claimed: list[tuple[int, uuid.UUID]] = []
    with transaction.atomic():
        # SKIP LOCKED: a row another transaction holds (a step running right now, or another
        # beat claiming it) is not ours to take.
        stalled = queryset.filter(lease_tot__lt=now).select_for_update(skip_locked=True)
        for pk, old in stalled.values_list("pk", "lease_token"):
            token = uuid.uuid4()
            taken = queryset.model.objects.filter(pk=pk, lease_token=old, lease_tot__lt=now).update(
                lease_token=token, lease_tot=now + lease_duur()
            )
            if taken:
                claimed.append((pk, token))
    return claimed
