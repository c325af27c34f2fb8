"""Reads of the Zaken API that lists need to stay fast: a page of zaken with their related
rows, and the number of zaken a client may see.

A zaak in the API shows the URLs of its zaaktype, hoofdzaak and resultaat, of its
deelzaken, eigenschappen, rollen, zaakinformatieobjecten and zaakobjecten, and of its last
status. Only their uuids matter for that, so the query that fetches the page's zaken
selects them beside the zaak's own columns (a list per relation as a correlated
subquery): one query for the page whatever its size, and no model instance per related row.
The list itself (`zaken_pagina_rijen`) takes rows rather than model instances, from SQL that
Django compiles once per connection (and page size, in SQLite).
"""

from __future__ import annotations

import functools
import json
import uuid
import weakref
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection, connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import F, Lookup, OuterRef, Q, QuerySet, Subquery, Sum

from .models import Rol, Status, Zaak, ZaakEigenschap, ZaakInformatieObject, ZaakObject, ZaakTelling


class _UuidsField(models.Field):
    """The result of `UuidLijst`: a list of UUIDs, from a PostgreSQL array or a JSON array."""

    def from_db_value(self, value, expression, connection) -> list[uuid.UUID]:
        if value is None:
            return []
        if isinstance(value, list):  # a PostgreSQL array: psycopg made the UUIDs
            return value
        return [uuid.UUID(item) for item in json.loads(value)]


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


def zaken_pagina(*, ids: Sequence[int]) -> list[Zaak]:
    """The zaken with these primary keys, in this order, each with `relatie_uuids` (name ->
    uuid, or list of uuids oldest first) and `laatste_status_uuid`, in one query."""
    relaties = _relaties()
    rows = {zaak.pk: zaak for zaak in Zaak.objects.filter(pk__in=ids).annotate(**relaties)}
    page = [rows[pk] for pk in ids if pk in rows]  # one deleted since its id was read is left out
    for zaak in page:
        _zet(zaak, {name: zaak.__dict__.pop(name) for name in relaties})
    return page


class ZakenLijst:
    """The ids of a list of zaken as Django's paginator reads them: `count()` is `aantal` when
    the caller knows it (`zaken_aantal`), else a count of `ids` (a queryset of their primary
    keys, in list order); a slice is that slice of the ids, as a list."""

    def __init__(self, ids: QuerySet, *, aantal: int | None = None) -> None:
        self.ids = ids
        self.aantal = aantal

    def count(self) -> int:
        return self.ids.count() if self.aantal is None else self.aantal

    def __getitem__(self, page: slice) -> list[int]:
        return list(self.ids[page])


def zaken_relaties_laden(zaken: Sequence[Zaak]) -> None:
    """Set `relatie_uuids` and `laatste_status_uuid`, as `zaken_pagina` does, on zaken already loaded."""
    relaties = _relaties()
    rows = Zaak.objects.filter(pk__in=[zaak.pk for zaak in zaken]).annotate(**relaties).values("pk", *relaties)
    per_pk = {row.pop("pk"): row for row in rows}
    for zaak in zaken:
        _zet(zaak, per_pk[zaak.pk])


class _AnyOf(Lookup):
    """`lhs = ANY(%s)`: the ids as one array parameter, in PostgreSQL. The SQL is then the same
    whatever the number of ids, and psycopg keeps its parsing of it (it keeps none for a query
    with more than 50 parameters, as `IN` with a page of ids would have)."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", [*lhs_params, list(self.rhs)]


@dataclass(frozen=True)
class _PageSql:
    """The page query, compiled by Django: its SQL (the ids its only parameters, as one array
    or one each), the names of its columns, and the converters Django applies to them."""

    sql: str
    ids_as_array: bool
    names: tuple[str, ...]
    converters: tuple[tuple[int, tuple, object], ...]

    def params(self, ids: list[int]) -> list:
        return [ids] if self.ids_as_array else ids


# connection -> number of ids (None for any number) -> compiled query. Per connection (each
# thread has its own) since a backend's converters are bound to the connection that compiled it.
_page_sqls: weakref.WeakKeyDictionary[BaseDatabaseWrapper, dict[int | None, _PageSql]] = weakref.WeakKeyDictionary()


def _page_sql(connection: BaseDatabaseWrapper, ids: list[int]) -> _PageSql:
    per_size = _page_sqls.setdefault(connection, {})
    as_array = connection.vendor == "postgresql"
    key = None if as_array else len(ids)
    compiled = per_size.get(key)
    if compiled is not None:
        return compiled
    relaties = _relaties()
    columns = [f.attname for f in Zaak._meta.concrete_fields if not f.is_relation]
    zaken = Zaak.objects.filter(_AnyOf(F("pk"), ids) if as_array else Q(pk__in=ids))
    query = zaken.annotate(**relaties).values(*columns, *relaties).query
    compiler = query.get_compiler(connection=connection)
    sql, params = compiler.as_sql()
    compiled = _PageSql(
        sql=sql,
        ids_as_array=as_array,
        names=(*query.extra_select, *query.values_select, *query.annotation_select),
        converters=tuple(
            (pos, tuple(convs), expression)
            for pos, (convs, expression) in compiler.get_converters([e for e, _, _ in compiler.select]).items()
        ),
    )
    if list(params) != compiled.params(ids):  # the SQL is reused with other ids
        raise RuntimeError("The page query has parameters besides the ids.")
    if len(per_size) < 100:  # SQLite, pages of 1 to 500: the usual few sizes stay, an odd one is compiled again
        per_size[key] = compiled
    return compiled


def zaken_pagina_rijen(*, ids: Sequence[int], using: str = "default") -> list[dict]:
    """The zaken with these primary keys, in this order, as rows: every column of the zaak by
    its attribute name (the values Django gives a model instance), and the related uuids as
    `zaken_pagina` sets them in `relatie_uuids` (`relatie_<name>`; `relatie_status` the last).

    For the list: building a model instance per row and compiling the query with its six
    subqueries on every request cost more than the query itself.
    """
    ids = list(dict.fromkeys(ids))
    if not ids:
        return []
    connection = connections[using]
    compiled = _page_sql(connection, ids)
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, compiled.params(ids))
        rows = cursor.fetchall()
    names = compiled.names
    per_pk: dict[int, dict] = {}
    for values in rows:
        row = dict(zip(names, values, strict=True))
        for pos, convs, expression in compiled.converters:
            value = values[pos]
            for converter in convs:
                value = converter(value, expression, connection)
            row[names[pos]] = value
        per_pk[row["id"]] = row
    return [per_pk[pk] for pk in ids if pk in per_pk]  # one deleted since its id was read is left out


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
