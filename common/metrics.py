"""Prometheus metrics: what the processes measure, and what each app counts at scrape time.

Two kinds:
- Measured as work happens: request latency per API, route and method (the resolver's names,
  never the raw path, so the label values stay few), and Celery task counts, durations and
  outcomes. Under gunicorn or a prefork Celery worker several processes measure; with
  PROMETHEUS_MULTIPROC_DIR set (the image's entry point sets it and empties it at start),
  each writes its values there and a scrape adds them up (prometheus_client's
  multiprocess mode).
- Counted when scraped: each app registers a collector in its own `metrics.py` (discovered
  when `common` is ready, so no app imports another and `common` imports none) that reads
  its tables: the notifications outbox (common), publications past their deadline
  (openbaarmaking), destruction lists and transfers per state (archief), fixity failures
  (documenten). A collector that fails leaves its metrics out and reports
  `levensloop_metrics_collector_up{collector=...} 0`; the rest of the scrape is served.

`/metrics` (answered by common.health.ProbeMiddleware) is open unless METRICS_TOKEN is set;
then it asks `Authorization: Bearer <METRICS_TOKEN>`.
"""

from __future__ import annotations

import hmac
import logging
import os
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_LATEST

logger = logging.getLogger(__name__)

# Latency buckets from a fast read (a few ms) to a large bestandsdeel (two minutes).
_REQUEST_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)
_TASK_BUCKETS = (0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600)
_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}

REQUEST_DURATION = Histogram(
    "levensloop_http_request_duration_seconds",
    "Time to answer a request (until the response starts), per API, route and method.",
    ["api", "route", "method"],
    buckets=_REQUEST_BUCKETS,
)
REQUESTS = Counter(
    "levensloop_http_requests",
    "Requests answered, per API, route, method and status code.",
    ["api", "route", "method", "status"],
)
TASKS = Counter(
    "levensloop_celery_tasks",
    "Celery tasks that ended, per task and state (SUCCESS, FAILURE, RETRY, ...).",
    ["task", "state"],
)
TASK_DURATION = Histogram(
    "levensloop_celery_task_duration_seconds",
    "Time a Celery task ran, per task.",
    ["task"],
    buckets=_TASK_BUCKETS,
)

# --- Counted at scrape time ---------------------------------------------------------------

MetricsFunction = Callable[[], Iterable[Metric]]
_collectors: dict[str, MetricsFunction] = {}


def register_collector(name: str, collect: MetricsFunction) -> None:
    """Have `collect()` called on every scrape; it yields metric families (e.g. `gauge(...)`).

    Registering a name again replaces the earlier function (a module imported twice)."""
    _collectors[name] = collect


def gauge(name: str, documentation: str, labels: Iterable[str] = ()) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, labels=list(labels))


class _ScrapeTimeCollector:
    def collect(self) -> Iterable[Metric]:
        up = gauge(
            "levensloop_metrics_collector_up",
            "1 when the app's collector answered at this scrape, 0 when it failed (see the log).",
            ["collector"],
        )
        for name, collect in sorted(_collectors.items()):
            try:
                families = list(collect())
            except Exception:  # one app's failure (say its database) must not hide the others
                logger.exception("metrics_collector_failed", extra={"collector": name})
                up.add_metric([name], 0)
                continue
            up.add_metric([name], 1)
            yield from families
        yield up


class _Forward:
    """Another registry's metrics inside the scrape's registry."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.registry = registry

    def collect(self) -> Iterable[Metric]:
        return self.registry.collect()


def process_registry() -> CollectorRegistry:
    """What this process (or, in multiprocess mode, every process of the pod) measured."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry(auto_describe=False)
        multiprocess.MultiProcessCollector(registry)
        return registry
    return REGISTRY


def exposition() -> bytes:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_Forward(process_registry()))
    registry.register(_ScrapeTimeCollector())
    return generate_latest(registry)


def metrics_view(request: HttpRequest) -> HttpResponse:
    token = settings.METRICS_TOKEN
    if token:
        given = request.headers.get("Authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            response = HttpResponse("A bearer token is required for /metrics.\n", status=401, content_type="text/plain")
            response["WWW-Authenticate"] = 'Bearer realm="metrics"'
            return response
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)


# --- Measured as it happens ------------------------------------------------------------------


def route_labels(request: HttpRequest) -> tuple[str, str]:
    """(api, route) from the URL resolver: the API's namespace and the route's name."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "", "unresolved"
    return match.namespace or "", match.url_name or "unnamed"


class RequestMetricsMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        elapsed = time.perf_counter() - started
        api, route = route_labels(request)
        method = request.method if request.method in _METHODS else "other"
        REQUEST_DURATION.labels(api, route, method).observe(elapsed)
        REQUESTS.labels(api, route, method, str(response.status_code)).inc()
        return response


_task_started: dict[str, float] = {}


def task_started(task_id: str | None = None, **kwargs: Any) -> None:
    if task_id:
        _task_started[task_id] = time.perf_counter()


def task_ended(task_id: str | None = None, task: Any = None, state: str | None = None, **kwargs: Any) -> None:
    started = _task_started.pop(task_id, None) if task_id else None
    name = getattr(task, "name", None) or "unknown"
    TASKS.labels(name, state or "UNKNOWN").inc()
    if started is not None:
        TASK_DURATION.labels(name).observe(time.perf_counter() - started)


def connect_celery_signals() -> None:
    from celery.signals import task_postrun, task_prerun

    task_prerun.connect(task_started, weak=False)
    task_postrun.connect(task_ended, weak=False)


def serve_worker_metrics(port: int) -> None:
    """A Celery worker has no web server: it serves its task metrics on a port of its own."""
    from prometheus_client import start_http_server

    start_http_server(port, registry=process_registry())
    logger.info("worker_metrics_serving", extra={"port": port})


def discover_collectors() -> None:
    """Import every installed app's `metrics` module, which registers its collector."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("metrics")


# --- The notifications outbox (common's own) -------------------------------------------------


def outbox_metrics() -> Iterable[Metric]:
    from django.db.models import Count, Min
    from django.utils import timezone

    from .models import Aflevering

    per_status = dict(Aflevering.objects.values_list("status").annotate(n=Count("pk")).order_by())
    afleveringen = gauge(
        "levensloop_notificaties_afleveringen",
        "Deliveries of notifications to subscribers in the outbox, per status "
        "(pending: waiting or retrying; failed: given up after NOTIFICATIONS_MAX_ATTEMPTS).",
        ["status"],
    )
    for status in Aflevering.Status.values:
        afleveringen.add_metric([status], per_status.get(status, 0))
    yield afleveringen

    oldest = Aflevering.objects.filter(status=Aflevering.Status.pending).aggregate(
        oldest=Min("notificatie__aanmaakdatum")
    )["oldest"]
    age = gauge(
        "levensloop_notificaties_oudste_wachtend_seconden",
        "Age of the oldest notification still waiting for a delivery (0 when none waits).",
    )
    age.add_metric([], max(0.0, (timezone.now() - oldest).total_seconds()) if oldest else 0.0)
    yield age


register_collector("notificaties", outbox_metrics)
