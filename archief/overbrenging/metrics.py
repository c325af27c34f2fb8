"""Transfer metrics, counted at every scrape (registered with common.metrics)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count
from prometheus_client.core import Metric

from common.metrics import gauge, register_collector

from .models import Overbrenging, Status


def overbrenging_metrics() -> Iterable[Metric]:
    per_status = dict(Overbrenging.objects.values_list("status").annotate(n=Count("pk")).order_by())
    overbrengingen = gauge("levensloop_overbrengingen", "Transfers to the e-Depot per status.", ["status"])
    for status in Status.values:
        overbrengingen.add_metric([status], per_status.get(status, 0))
    yield overbrengingen


register_collector("overbrenging", overbrenging_metrics)
