"""/metrics: request latency per API and route, Celery task outcomes, the outbox backlog, and
the token that may guard it; every figure read from the parsed exposition."""

from __future__ import annotations

from datetime import timedelta
from uuid import uuid4

import pytest
from django.test import Client
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from common import metrics
from common.models import Abonnement, Aflevering, Notificatie
from config.celery import app as celery_app

POD = {"HTTP_HOST": "10.42.0.17:8000"}


def scrape(client: Client | None = None, **headers: str) -> dict[tuple[str, frozenset], float]:
    """Every sample of /metrics: (sample name, its labels) -> value."""
    response = (client or Client()).get("/metrics", **POD, **headers)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/plain; version=")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def value(samples: dict, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


@celery_app.task(name="common.tests.test_metrics.mislukt")
def mislukt() -> None:
    raise RuntimeError("this task fails on purpose")


@celery_app.task(name="common.tests.test_metrics.gelukt")
def gelukt() -> int:
    return 1


@pytest.mark.django_db
def test_request_latency_is_labelled_by_api_route_and_method_never_the_path(api_client):
    labels = {"api": "zaken", "route": "zaak-detail", "method": "GET"}
    before = scrape()
    asked = [str(uuid4()) for _ in range(3)]
    for identifier in asked:
        assert api_client.get(f"/zaken/api/v1/zaken/{identifier}").status_code == 404
    after = scrape()

    assert value(after, "levensloop_http_requests_total", **labels, status="404") - value(
        before, "levensloop_http_requests_total", **labels, status="404"
    ) == pytest.approx(3)
    count = "levensloop_http_request_duration_seconds_count"
    assert value(after, count, **labels) - value(before, count, **labels) == pytest.approx(3)
    assert value(after, "levensloop_http_request_duration_seconds_sum", **labels) > value(
        before, "levensloop_http_request_duration_seconds_sum", **labels
    )
    # No label carries a path or an identifier: the values stay few whatever is asked.
    label_values = {v for (name, labels_) in after if name.startswith("levensloop_http_") for _, v in labels_}
    assert not any("/" in v or any(identifier in v for identifier in asked) for v in label_values)


@pytest.mark.django_db
def test_a_path_no_route_matches_is_counted_as_unresolved(api_client):
    before = scrape()
    assert api_client.get(f"/zaken/api/v1/nergens/{uuid4()}").status_code == 404
    after = scrape()
    labels = {"api": "", "route": "unresolved", "method": "GET", "status": "404"}
    name = "levensloop_http_requests_total"
    assert value(after, name, **labels) - value(before, name, **labels) == pytest.approx(1)


@pytest.mark.django_db
def test_celery_tasks_are_counted_per_outcome_with_their_duration():
    name = {"task": "common.tests.test_metrics.mislukt"}
    ok = {"task": "common.tests.test_metrics.gelukt"}
    before = scrape()
    mislukt.delay()
    gelukt.delay()
    gelukt.delay()
    after = scrape()

    def delta(sample: str, **labels: str) -> float:
        return value(after, sample, **labels) - value(before, sample, **labels)

    assert delta("levensloop_celery_tasks_total", **name, state="FAILURE") == pytest.approx(1)
    assert delta("levensloop_celery_tasks_total", **ok, state="SUCCESS") == pytest.approx(2)
    assert delta("levensloop_celery_task_duration_seconds_count", **ok) == pytest.approx(2)


@pytest.mark.django_db
def test_outbox_backlog_and_its_oldest_age_follow_the_data():
    empty = scrape()
    assert value(empty, "levensloop_notificaties_afleveringen", status="pending") == 0
    assert value(empty, "levensloop_notificaties_oudste_wachtend_seconden") == 0

    abonnement = Abonnement.objects.create(label="zaaksysteem", callback_url="http://127.0.0.1:1/callback")
    for minutes, status in ((30, Aflevering.Status.pending), (5, Aflevering.Status.pending), (90, "delivered")):
        notificatie = Notificatie.objects.create(
            kanaal="zaken",
            hoofd_object="http://localhost:8000/zaken/api/v1/zaken/1",
            resource="zaak",
            resource_url="http://localhost:8000/zaken/api/v1/zaken/1",
            actie="create",
            aanmaakdatum=timezone.now() - timedelta(minutes=minutes),
        )
        Aflevering.objects.create(notificatie=notificatie, abonnement=abonnement, status=status)

    samples = scrape()
    assert value(samples, "levensloop_notificaties_afleveringen", status="pending") == 2
    assert value(samples, "levensloop_notificaties_afleveringen", status="delivered") == 1
    # the oldest *waiting* one, not the older delivered one
    assert 30 * 60 <= value(samples, "levensloop_notificaties_oudste_wachtend_seconden") < 31 * 60

    Aflevering.objects.filter(status=Aflevering.Status.pending).update(status=Aflevering.Status.delivered)
    drained = scrape()
    assert value(drained, "levensloop_notificaties_afleveringen", status="pending") == 0
    assert value(drained, "levensloop_notificaties_oudste_wachtend_seconden") == 0


@pytest.mark.django_db
def test_a_failing_collector_is_reported_and_the_rest_still_served():
    def broken():
        raise RuntimeError("the table is gone")

    metrics.register_collector("kapot", broken)
    try:
        samples = scrape()
    finally:
        metrics._collectors.pop("kapot")
    assert value(samples, "levensloop_metrics_collector_up", collector="kapot") == 0
    assert value(samples, "levensloop_metrics_collector_up", collector="notificaties") == 1
    assert ("levensloop_notificaties_oudste_wachtend_seconden", frozenset()) in samples


@pytest.mark.django_db
def test_metrics_token_is_asked_only_when_set(settings):
    settings.METRICS_TOKEN = "een-lang-geheim-voor-prometheus"
    client = Client()
    assert client.get("/metrics", **POD).status_code == 401
    assert client.get("/metrics", **POD, HTTP_AUTHORIZATION="Bearer iets-anders").status_code == 401
    samples = scrape(client, HTTP_AUTHORIZATION="Bearer een-lang-geheim-voor-prometheus")
    assert value(samples, "levensloop_metrics_collector_up", collector="notificaties") == 1
    # the probes stay open: a kubelet sends no token
    assert client.get("/healthz", **POD).status_code == 200
