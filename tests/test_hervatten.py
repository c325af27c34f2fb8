"""Stalled work is taken over by exactly one of several beats running at the same moment
(PostgreSQL: each beat in a thread with its own connection, all let go at once).

Per kind, the apps' tests show the rest: a killed worker's work resumes and completes once
(archief/tests/test_vernietiging.py, archief/overbrenging/tests/test_workflow.py,
openbaarmaking/tests/test_sitemaps.py, common/tests/test_notifications.py).
"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from archief import vernietiging
from archief.models import Vernietigingslijst, VernietigingslijstStatus
from openbaarmaking import sitemaps
from openbaarmaking.models import SitemapGeneratie

pytestmark = [pytest.mark.django_db(transaction=True)]
BEATS = 4


@pytest.fixture(autouse=True)
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writer at a time, so beats cannot race there; CI runs PostgreSQL")


def _vernietigingslijst() -> tuple[type, int]:
    user = get_user_model().objects.create(username="archivaris")
    lijst = Vernietigingslijst.objects.create(
        naam="Meldingen",
        auteur=user,
        beoordelaar=user,
        archivaris=user,
        status=VernietigingslijstStatus.klaar_voor_vernietiging,
    )
    return Vernietigingslijst, lijst.pk


def _sitemapgeneratie() -> tuple[type, int]:
    return SitemapGeneratie, SitemapGeneratie.objects.create(map="half").pk


KINDS = {
    "vernietigingslijst": (_vernietigingslijst, vernietiging.vernietigingslijsten_stilgevallen),
    "sitemapgeneratie": (_sitemapgeneratie, sitemaps.sitemaps_stilgevallen),
}


@pytest.mark.parametrize("kind", KINDS)
def test_beats_at_the_same_moment_take_stalled_work_over_exactly_once(kind):
    make, claim = KINDS[kind]
    model, pk = make()
    model.objects.filter(pk=pk).update(lease_tot=timezone.now() - timedelta(seconds=1))
    start = threading.Barrier(BEATS)
    claims: list[list] = []

    def beat() -> None:
        start.wait()
        try:
            claims.append(claim())
        finally:
            connection.close()

    threads = [threading.Thread(target=beat) for _ in range(BEATS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    taken = [c for result in claims for c in result]
    assert len(claims) == BEATS
    assert [pk for pk, _ in taken] == [pk]
    row = model.objects.get(pk=pk)
    assert row.lease_token == taken[0][1] and row.lease_tot > timezone.now()
