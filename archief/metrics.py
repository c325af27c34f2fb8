"""Destruction metrics, counted at every scrape (registered with common.metrics); transfers
have theirs in archief/overbrenging/metrics.py."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count
from prometheus_client.core import Metric

from common.metrics import gauge, register_collector

from .models import Vernietigingslijst, VernietigingslijstStatus


def vernietigingslijst_metrics() -> Iterable[Metric]:
    per_status = dict(Vernietigingslijst.objects.values_list("status").annotate(n=Count("pk")).order_by())
    lijsten = gauge(
        "levensloop_vernietigingslijsten",
        "Destruction lists per status (mislukt: carried out, but some zaken could not be destroyed).",
        ["status"],
    )
    for status in VernietigingslijstStatus.values:
        lijsten.add_metric([status], per_status.get(status, 0))
    yield lijsten


register_collector("archief", vernietigingslijst_metrics)
