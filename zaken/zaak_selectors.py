"""Reads of the Zaken API that lists need to stay fast: a page of zaken with their related
rows, and the number of zaken a client may see.

A zaak in the API shows the URLs of its zaaktype, hoofdzaak and resultaat, of its
deelzaken, eigenschappen, rollen, zaakinformatieobjecten and zaakobjecten, and of its last
status. Only their uuids matter for that, so the query that fetches the page's zaken
selects them beside the zaak's own columns (a list per relation as a correlated
subquery): one query for the page whatever its size, and no model instance per related row.
"""

from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Sequence

from django.db import connection, models
from django.db.models import F, OuterRef, Q, QuerySet, Subquery, Sum

from .models import Rol, Status, Zaak, ZaakEigenschap, ZaakInformatieObject, ZaakObject, ZaakTelling


class _UuidsField(models.Field):
    """The result of `UuidLijst`: a list of UUIDs, from a PostgreSQL array or a JSON array."""

    def from_db_value(self, value, expression, connection) -> list[uuid.UUID]:
        if value is None:
            return []
        if isinstance(value, str):
            value = json.loads(value)
        return [item if isinstance(item, uuid.UUID) else uuid.UUID(item) for item in value]


class UuidLijst(Subquery):
    """The `uuid` column of a subquery as one list: `ARRAY(...)` in PostgreSQL,
    `json_group_array` in SQLite (which aggregates in the order of the subquery)."""

    template = "(SELECT json_group_array(lijst.uuid) FROM (%(subquery)s) lijst)"
    output_field = _UuidsField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="ARRAY(%(subquery)s)", **extra_context)


def _uuids(model, fk: str) -> UuidLijst:
    return UuidLijst(model.objects.filter(**{fk: OuterRef("pk")}).order_by("pk").values("uuid"))


@functools.cache
def _relaties() -> dict:
    """annotation -> expression; `relatie_<name>` for the lists, oldest first. Made once:
    `annotate` resolves a copy of each expression for its query."""
    laatste_status = Status.objects.filter(zaak=OuterRef("pk")).order_by("-datum_status_gezet", "-pk")
    return {
        "relatie_zaaktype": F("zaaktype__uuid"),
        "relatie_hoofdzaak": F("hoofdzaak__uuid"),
        "relatie_resultaat": F("resultaat__uuid"),
        "relatie_status": Subquery(laatste_status.values("uuid")[:1]),
        "relatie_deelzaken": _uuids(Zaak, "hoofdzaak"),
        "relatie_zaakeigenschappen": _uuids(ZaakEigenschap, "zaak"),
        "relatie_rollen": _uuids(Rol, "zaak"),
        "relatie_zaakinformatieobjecten": _uuids(ZaakInformatieObject, "zaak"),
        "relatie_zaakobjecten": _uuids(ZaakObject, "zaak"),
    }


def _zet(zaak: Zaak, values: dict) -> None:
    zaak.relatie_uuids = {name.removeprefix("relatie_"): value for name, value in values.items()}
    zaak.laatste_status_uuid = zaak.relatie_uuids.pop("status")


def zaken_pagina(*, ids: QuerySet) -> list[Zaak]:
    """The zaken whose primary keys `ids` selects (a page of them: a sliced queryset), in its
    order, each with `relatie_uuids` (name -> uuid, or list of uuids oldest first) and
    `laatste_status_uuid`, in one query: `ids` is its subquery, as in the raw SQL, not a query
    of its own."""
    relaties = _relaties()
    # ties of the list's ordering newest first within the page
    page = list(Zaak.objects.filter(pk__in=ids).annotate(**relaties).order_by(*ids.query.order_by, "-pk"))
    for zaak in page:
        _zet(zaak, {name: zaak.__dict__.pop(name) for name in relaties})
    return page


class ZakenLijst:
    """A list of zaken as Django's paginator reads it: `count()` is `aantal` when the caller
    knows it (`zaken_aantal`), else a count of `ids` (a queryset of their primary keys, in
    list order); a slice is `zaken_pagina` of that slice of ids. OFFSET on the query with the
    related rows would make PostgreSQL join every row it skips; in the subquery it reads the
    ids alone (from an index)."""

    def __init__(self, ids: QuerySet, *, aantal: int | None = None) -> None:
        self.ids = ids
        self.aantal = aantal

    def count(self) -> int:
        return self.ids.count() if self.aantal is None else self.aantal

    def __getitem__(self, page: slice) -> list[Zaak]:
        return zaken_pagina(ids=self.ids[page])


def zaken_relaties_laden(zaken: Sequence[Zaak]) -> None:
    """Set `relatie_uuids` and `laatste_status_uuid`, as `zaken_pagina` does, on zaken already loaded."""
    relaties = _relaties()
    rows = Zaak.objects.filter(pk__in=[zaak.pk for zaak in zaken]).annotate(**relaties).values("pk", *relaties)
    per_pk = {row.pop("pk"): row for row in rows}
    for zaak in zaken:
        _zet(zaak, per_pk[zaak.pk])


def zaken_aantal(*, zichtbaar: Q | None) -> int:
    """How many zaken there are of the zaaktypen and vertrouwelijkheidaanduidingen in
    `zichtbaar` (a condition on a zaak's `zaaktype_id` and `vertrouwelijkheidaanduiding`, as
    `access.zaken_zichtbaar_conditie` makes it; None: all zaken). Exact, as `COUNT(*)` of
    those zaken, from the `ZaakTelling` rows of those pairs instead of every zaak."""
    tellingen = ZaakTelling.objects.all() if zichtbaar is None else ZaakTelling.objects.filter(zichtbaar)
    return tellingen.aggregate(aantal=Sum("aantal", default=0))["aantal"]


def zaaktellingen_verschillen() -> dict[tuple[int, str], tuple[int, int]]:
    """(zaaktype id, vertrouwelijkheidaanduiding) -> (the zaaktellingen' sum, the zaken
    counted) for each pair where they differ; empty when the zaaktellingen are exact. One
    statement, so one snapshot: writers meanwhile cause no false differences."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT zaaktype_id, vertrouwelijkheidaanduiding, sum(geteld), sum(zaken) FROM ("
            " SELECT zaaktype_id, vertrouwelijkheidaanduiding, aantal AS geteld, 0 AS zaken FROM zaken_zaaktelling"
            " UNION ALL"
            " SELECT zaaktype_id, vertrouwelijkheidaanduiding, 0, 1 FROM zaken_zaak"
            ") paren GROUP BY zaaktype_id, vertrouwelijkheidaanduiding HAVING sum(geteld) <> sum(zaken)"
        )
        return {(zaaktype_id, level): (int(geteld), int(zaken)) for zaaktype_id, level, geteld, zaken in cursor}
