"""Reads of the shared plumbing."""

from __future__ import annotations

from collections.abc import Collection

from django.db import connections
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from .models import Applicatie


def applicaties_met_client_ids(
    *, client_ids: Collection[str], queryset: QuerySet[Applicatie] | None = None
) -> QuerySet[Applicatie]:
    """The applicaties (of `queryset`, all by default) that have one of `client_ids`.

    Every request looks its client up, so the database selects them: reading every
    applicatie into Python would grow with each one registered.
    """
    queryset = Applicatie.objects.all() if queryset is None else queryset
    wanted = sorted(set(client_ids))
    if not wanted:
        return queryset.none()
    if connections[queryset.db].vendor != "sqlite":
        condition = Q()
        for client_id in wanted:
            condition |= Q(client_ids__contains=[client_id])
        return queryset.filter(condition)
    # Django has no JSON containment on SQLite; its json_each reads the array.
    placeholders = ", ".join(["%s"] * len(wanted))
    matching = RawSQL(
        f"SELECT a.id FROM {Applicatie._meta.db_table} a, json_each(a.client_ids) e "
        f"WHERE e.type = 'text' AND e.value IN ({placeholders})",
        wanted,
    )
    return queryset.filter(pk__in=matching)
