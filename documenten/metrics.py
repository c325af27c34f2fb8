"""Document metrics, counted at every scrape (registered with common.metrics).

A fixity failure is a stored file whose SHA-256 no longer matches the one taken when it was
written, or that is gone: found by the periodic fixity task, it needs a person.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count
from prometheus_client.core import Metric

from common.metrics import gauge, register_collector

from .models import IntegriteitsAfwijking


def integriteit_metrics() -> Iterable[Metric]:
    per_soort = dict(IntegriteitsAfwijking.objects.values_list("soort").annotate(n=Count("pk")).order_by())
    afwijkingen = gauge(
        "levensloop_integriteitsafwijkingen",
        "Fixity failures recorded by the fixity task, per kind (afwijkend: checksum differs; ontbreekt: file gone).",
        ["soort"],
    )
    for soort in IntegriteitsAfwijking.Soort.values:
        afwijkingen.add_metric([soort], per_soort.get(soort, 0))
    yield afwijkingen


register_collector("documenten", integriteit_metrics)
