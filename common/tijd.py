"""The municipality's calendar: dates and times in the configured TIME_ZONE.

The APIs render and read datetimes in UTC (`common.middleware` overrides the current time zone
to UTC for every API request), so `timezone.localdate()` inside an API request gives the UTC
date: between 23:00 and 00:00 UTC in winter (22:00 in summer) that is yesterday in the
Netherlands. A deadline, a waiting period's end, a verklaring's date or a report's "today" is
a date of the municipality, whichever request or task asks: these functions always use
TIME_ZONE, never the current time zone.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def lokaal(moment: dt.datetime | None = None) -> dt.datetime:
    """`moment` (default: now) in the configured TIME_ZONE."""
    return timezone.localtime(moment, timezone.get_default_timezone())


def vandaag() -> dt.date:
    """Today in the configured TIME_ZONE."""
    return lokaal().date()
