"""The notifications outbox: written with the change, relayed with retries, never lost."""

from __future__ import annotations

import os
import time
from datetime import timedelta

import pytest
import redis
from django.db import transaction
from django.utils import timezone

from common.models import Abonnement, Aflevering, Notificatie
from common.notifications import notificatie_create
from common.tasks import relay_pending_notifications

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")


def notify(**overrides) -> Notificatie:
    values = {
        "kanaal": "zaken",
        "hoofd_object": "http://localhost:8000/zaken/api/v1/zaken/1",
        "resource": "status",
        "resource_url": "http://localhost:8000/zaken/api/v1/statussen/2",
        "actie": "create",
        "kenmerken": {"bronorganisatie": "002220647", "zaaktype": "http://localhost:8000/zt/1"},
    }
    values.update(overrides)
    return notificatie_create(**values)


@pytest.fixture
def subscriber(transactional_db, receiver):
    return Abonnement.objects.create(
        label="zaaksysteem", callback_url=receiver.url, auth="Bearer abc", kanalen=["zaken"]
    )


@pytest.mark.django_db(transaction=True)
def test_rolled_back_change_leaves_no_notification(subscriber, receiver, celery_eager):
    with pytest.raises(RuntimeError), transaction.atomic():
        notify()
        raise RuntimeError("the change fails")
    assert Notificatie.objects.count() == 0
    assert receiver.messages == []


@pytest.mark.django_db(transaction=True)
def test_committed_change_is_delivered_in_zgw_format(subscriber, receiver, celery_eager):
    with transaction.atomic():
        notify()
    assert len(receiver.messages) == 1
    message = receiver.messages[0]
    assert set(message) == {"kanaal", "hoofdObject", "resource", "resourceUrl", "actie", "aanmaakdatum", "kenmerken"}
    assert message["kanaal"] == "zaken"
    assert message["resource"] == "status"
    assert message["kenmerken"]["bronorganisatie"] == "002220647"
    assert receiver.headers[0]["Authorization"] == "Bearer abc"
    assert Aflevering.objects.get().status == Aflevering.Status.delivered


@pytest.mark.django_db(transaction=True)
def test_kanalen_and_filters_select_subscribers(receiver, celery_eager):
    Abonnement.objects.create(label="docs", callback_url=receiver.url, kanalen=["documenten"])
    Abonnement.objects.create(
        label="other org", callback_url=receiver.url, kanalen=["zaken"], filters={"bronorganisatie": "999999999"}
    )
    match = Abonnement.objects.create(
        label="our org", callback_url=receiver.url, kanalen=["zaken"], filters={"bronorganisatie": "002220647"}
    )
    with transaction.atomic():
        notify()
    assert [a.abonnement for a in Aflevering.objects.all()] == [match]
    assert len(receiver.messages) == 1


@pytest.mark.django_db(transaction=True)
def test_failing_subscriber_is_retried_with_backoff_then_given_up(subscriber, receiver, celery_eager, settings):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
    settings.NOTIFICATIONS_BACKOFF_BASE = 30
    receiver.status = 503
    with transaction.atomic():
        notify()
    aflevering = Aflevering.objects.get()
    assert aflevering.status == Aflevering.Status.pending
    assert aflevering.pogingen == 1
    assert "HTTP 503" in aflevering.laatste_fout
    assert aflevering.volgende_poging > timezone.now() + timedelta(seconds=25)

    assert relay_pending_notifications() == 0  # not due yet: nothing is tried
    assert Aflevering.objects.get().pogingen == 1

    Aflevering.objects.update(volgende_poging=timezone.now())
    relay_pending_notifications()
    aflevering.refresh_from_db()
    assert aflevering.pogingen == 2
    assert aflevering.volgende_poging > timezone.now() + timedelta(seconds=55)  # doubled

    receiver.status = 204
    Aflevering.objects.update(volgende_poging=timezone.now())
    assert relay_pending_notifications() == 1
    assert Aflevering.objects.get().status == Aflevering.Status.delivered
    assert len(receiver.messages) == 3


@pytest.mark.django_db(transaction=True)
def test_subscriber_that_never_answers_is_given_up(subscriber, receiver, celery_eager, settings):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 2
    receiver.status = 500
    with transaction.atomic():
        notify()
    Aflevering.objects.update(volgende_poging=timezone.now())
    relay_pending_notifications()
    assert Aflevering.objects.get().status == Aflevering.Status.failed


@pytest.mark.django_db(transaction=True)
def test_broker_outage_delays_delivery_and_loses_nothing(subscriber, receiver, broker):
    broker("redis://127.0.0.1:1/0")  # nothing listens there
    started = time.monotonic()
    with transaction.atomic():
        notify()
    assert time.monotonic() - started < 30
    assert receiver.messages == []
    assert Aflevering.objects.get().status == Aflevering.Status.pending

    # The periodic relay (celery beat) runs once the broker is back.
    assert relay_pending_notifications() == 1
    assert len(receiver.messages) == 1
    assert Aflevering.objects.get().status == Aflevering.Status.delivered


@pytest.mark.django_db(transaction=True)
def test_relay_is_queued_on_a_real_redis_broker(subscriber, receiver, broker):
    connection = redis.Redis.from_url(REDIS_URL)
    connection.delete("celery")
    broker(REDIS_URL)
    with transaction.atomic():
        notificatie = notify()
    queued = connection.lrange("celery", 0, -1)
    assert len(queued) == 1
    assert b"common.tasks.relay_notification" in queued[0]
    connection.delete("celery")
    # what a worker does with that message
    from common.tasks import relay_notification

    assert relay_notification(notificatie.pk) == 1
    assert receiver.messages[0]["resourceUrl"] == notificatie.resource_url


@pytest.mark.django_db(transaction=True)
def test_a_delivery_whose_relay_was_killed_is_delivered_again_by_itself_exactly_once(subscriber, receiver):
    """Two periodic relays at once (threads, each with its own database connection) after a
    relay that took the delivery died before it knew whether its POST arrived."""
    import threading

    Notificatie.objects.create(
        kanaal="zaken",
        hoofd_object="http://localhost:8000/z/1",
        resource="zaak",
        resource_url="http://x/1",
        actie="create",
    )
    notificatie = Notificatie.objects.get()
    # What a killed relay leaves: the delivery still pending, taken until a moment not yet passed.
    aflevering = Aflevering.objects.create(
        notificatie=notificatie, abonnement=subscriber, volgende_poging=timezone.now() + timedelta(seconds=60)
    )
    assert relay_pending_notifications() == 0, "a delivery another relay holds is left alone"
    Aflevering.objects.filter(pk=aflevering.pk).update(volgende_poging=timezone.now() - timedelta(seconds=1))

    start = threading.Barrier(2)
    results: list[int] = []

    def beat() -> None:
        from django.db import connection

        start.wait()
        results.append(relay_pending_notifications())
        connection.close()

    threads = [threading.Thread(target=beat) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == [0, 1]
    assert len(receiver.messages) == 1
    aflevering.refresh_from_db()
    assert aflevering.status == Aflevering.Status.delivered and aflevering.pogingen == 1
