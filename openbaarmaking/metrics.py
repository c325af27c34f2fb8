"""Woo publication metrics, counted at every scrape (registered with common.metrics).

A concept past its deadline is a publication the law says should be public by now: the
first thing a publication officer's alert should show.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Min
from prometheus_client.core import Metric

from common import tijd
from common.metrics import gauge, register_collector

from .models import Publicatie, PublicatieStatus


def publicatie_metrics() -> Iterable[Metric]:
    per_status = dict(Publicatie.objects.values_list("status").annotate(n=Count("pk")).order_by())
    publicaties = gauge("levensloop_publicaties", "Woo publications per status.", ["status"])
    for status in PublicatieStatus.values:
        publicaties.add_metric([status], per_status.get(status, 0))
    yield publicaties

    vandaag = tijd.vandaag()
    verlopen = Publicatie.objects.filter(status=PublicatieStatus.concept, deadline__lt=vandaag).aggregate(
        aantal=Count("pk"), oudste=Min("deadline")
    )
    over_deadline = gauge(
        "levensloop_publicaties_over_deadline",
        "Concept publications whose deadline has passed (the day after the deadline onwards).",
    )
    over_deadline.add_metric([], verlopen["aantal"])
    yield over_deadline
    dagen = gauge(
        "levensloop_publicaties_over_deadline_dagen",
        "Days the longest-overdue concept publication is past its deadline (0 when none is).",
    )
    dagen.add_metric([], (vandaag - verlopen["oudste"]).days if verlopen["oudste"] else 0)
    yield dagen


register_collector("openbaarmaking", publicatie_metrics)
