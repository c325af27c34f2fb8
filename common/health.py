"""The probes a platform asks: `/healthz` (the process lives) and `/readyz` (it can serve).

`/healthz` touches nothing outside the process, so a database outage never makes Kubernetes
restart every pod at once; `/readyz` asks the database, the Celery broker and the file
storage (django-health-check's checks, and one of ours for the broker) and answers 503 with
the failing check named when one of them is down, so the pod leaves the Service until it
can serve again.

`ProbeMiddleware` stands first in MIDDLEWARE and answers these paths and `/metrics` itself:
a kubelet or Prometheus asks by the pod's IP address, which ALLOWED_HOSTS rightly does not
list, and should not pass through https redirects, sessions or the request log.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime

from asgiref.sync import async_to_sync
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from health_check.base import HealthCheck
from health_check.checks import Database, Storage
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView


@dataclasses.dataclass
class Broker(HealthCheck):
    """The Celery broker accepts a connection (a worker need not be running: a web pod that
    can queue tasks can serve; the queue waits for the workers).

    Without a broker (the embedded default: tasks run in-process) there is nothing to ask.
    """

    timeout = datetime.timedelta(seconds=3)

    def run(self) -> None:
        from celery import current_app

        if not current_app.conf.broker_url or current_app.conf.task_always_eager:
            return
        try:
            with current_app.connection_for_write() as connection:
                connection.ensure_connection(max_retries=1, interval_start=0, timeout=2)
        except Exception as exc:  # kombu raises the transport's own errors, whatever they are
            raise ServiceUnavailable(f"broker unreachable ({type(exc).__name__})") from exc


def readiness_checks() -> list[HealthCheck]:
    return [
        Database(alias="default"),
        Broker(),
        *(Storage(alias=alias) for alias in settings.HEALTH_CHECK_STORAGES),
    ]


class ReadinessView(HealthCheckView):
    """Every check at once; 200 with each one's `OK`, or 503 with what failed."""

    async def get(self, request, *args, **kwargs):
        with self.get_executor() as executor:
            self.results = await asyncio.gather(*(check.get_result(executor) for check in self.get_checks()))
        failed = any(result.error for result in self.results)
        return self.render_to_response_json(503 if failed else 200)

    def get_checks(self):
        yield from readiness_checks()


_readiness = async_to_sync(ReadinessView.as_view())


def liveness(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"status": "ok"})


def readiness(request: HttpRequest) -> HttpResponse:
    return _readiness(request)


class ProbeMiddleware:
    """Answers GET/HEAD on the probe and metrics paths before any other middleware."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        view = self._views().get(request.path)
        if view is None or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        response = view(request)
        response["Cache-Control"] = "no-store"
        return response

    @staticmethod
    def _views() -> dict:
        from .metrics import metrics_view

        return {"/healthz": liveness, "/readyz": readiness, "/metrics": metrics_view}
