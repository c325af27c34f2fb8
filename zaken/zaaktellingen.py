"""The database triggers that keep `ZaakTelling`: the number of zaken per zaaktype and
vertrouwelijkheidaanduiding, exact after every insert, delete and update of `zaken_zaak`,
whoever makes it (the API, `bulk_create`, a queryset delete, raw SQL).

PostgreSQL: one statement that inserts or deletes zaken adds one row per pair it touched,
with the change (+n, -n), from its transition table; an update that moves a zaak to another
zaaktype or level adds -1 and +1. Rows are only ever added, never updated, so writers in
concurrent transactions take no lock on a shared counter row. `zaaktellingen_samenvoegen`
sums them back to one row per pair.

SQLite, where one connection writes at a time, keeps one row per pair and updates it (SQLite
has no statement triggers with transition tables). It drops a table's triggers when a
migration rebuilds the table, and `flush` may empty the zaaktellingen before the zaken, so
`sqlite_herstellen` puts the triggers back and counts again after either.
"""

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

TABEL = "zaken_zaaktelling"
TRIGGERS = ("zaken_zaak_telling_insert", "zaken_zaak_telling_delete", "zaken_zaak_telling_update")

_POSTGRESQL = [
    f"""
CREATE OR REPLACE FUNCTION zaken_zaaktelling_bijwerken() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO {TABEL} (zaaktype_id, vertrouwelijkheidaanduiding, aantal)
        SELECT zaaktype_id, vertrouwelijkheidaanduiding, count(*) FROM nieuw GROUP BY 1, 2;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO {TABEL} (zaaktype_id, vertrouwelijkheidaanduiding, aantal)
        SELECT zaaktype_id, vertrouwelijkheidaanduiding, -count(*) FROM oud GROUP BY 1, 2;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO {TABEL} (zaaktype_id, vertrouwelijkheidaanduiding, aantal)
        VALUES (OLD.zaaktype_id, OLD.vertrouwelijkheidaanduiding, -1),
               (NEW.zaaktype_id, NEW.vertrouwelijkheidaanduiding, 1);
    ELSE
        DELETE FROM {TABEL};
    END IF;
    RETURN NULL;
END
$$
""",
    # per statement, so that a bulk insert or delete adds a row per pair, not per zaak
    "CREATE TRIGGER zaken_zaak_telling_insert AFTER INSERT ON zaken_zaak REFERENCING NEW TABLE AS nieuw"
    " FOR EACH STATEMENT EXECUTE FUNCTION zaken_zaaktelling_bijwerken()",
    "CREATE TRIGGER zaken_zaak_telling_delete AFTER DELETE ON zaken_zaak REFERENCING OLD TABLE AS oud"
    " FOR EACH STATEMENT EXECUTE FUNCTION zaken_zaaktelling_bijwerken()",
    # per row, and only for the rare update that moves a zaak to another pair: a statement
    # trigger with transition tables would run for every update of a zaak
    "CREATE TRIGGER zaken_zaak_telling_update AFTER UPDATE OF zaaktype_id, vertrouwelijkheidaanduiding ON zaken_zaak"
    " FOR EACH ROW WHEN (OLD.zaaktype_id IS DISTINCT FROM NEW.zaaktype_id"
    " OR OLD.vertrouwelijkheidaanduiding IS DISTINCT FROM NEW.vertrouwelijkheidaanduiding)"
    " EXECUTE FUNCTION zaken_zaaktelling_bijwerken()",
    "CREATE TRIGGER zaken_zaak_telling_truncate AFTER TRUNCATE ON zaken_zaak"
    " FOR EACH STATEMENT EXECUTE FUNCTION zaken_zaaktelling_bijwerken()",
]
_POSTGRESQL_WEG = [
    *(f"DROP TRIGGER IF EXISTS {name} ON zaken_zaak" for name in (*TRIGGERS, "zaken_zaak_telling_truncate")),
    "DROP FUNCTION IF EXISTS zaken_zaaktelling_bijwerken()",
]


def _sqlite_tel(rij: str, verschil: int) -> str:
    """Add `verschil` to the row of the pair of `rij` (NEW or OLD), made first if there is none."""
    paar = f"zaaktype_id = {rij}.zaaktype_id AND vertrouwelijkheidaanduiding = {rij}.vertrouwelijkheidaanduiding"
    return (
        f"INSERT INTO {TABEL} (zaaktype_id, vertrouwelijkheidaanduiding, aantal)"
        f" SELECT {rij}.zaaktype_id, {rij}.vertrouwelijkheidaanduiding, 0"
        f" WHERE NOT EXISTS (SELECT 1 FROM {TABEL} WHERE {paar});"
        f" UPDATE {TABEL} SET aantal = aantal + ({verschil}) WHERE id = (SELECT min(id) FROM {TABEL} WHERE {paar});"
    )


_SQLITE = [
    f"CREATE TRIGGER IF NOT EXISTS zaken_zaak_telling_insert AFTER INSERT ON zaken_zaak"
    f" BEGIN {_sqlite_tel('NEW', 1)} END",
    f"CREATE TRIGGER IF NOT EXISTS zaken_zaak_telling_delete AFTER DELETE ON zaken_zaak"
    f" BEGIN {_sqlite_tel('OLD', -1)} END",
    "CREATE TRIGGER IF NOT EXISTS zaken_zaak_telling_update"
    " AFTER UPDATE OF zaaktype_id, vertrouwelijkheidaanduiding ON zaken_zaak"
    " WHEN OLD.zaaktype_id IS NOT NEW.zaaktype_id"
    " OR OLD.vertrouwelijkheidaanduiding IS NOT NEW.vertrouwelijkheidaanduiding"
    f" BEGIN {_sqlite_tel('OLD', -1)} {_sqlite_tel('NEW', 1)} END",
]
_SQLITE_WEG = [f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS]

# The zaken there are, counted: what the triggers keep from then on.
HERTELLEN = [
    f"DELETE FROM {TABEL}",
    f"INSERT INTO {TABEL} (zaaktype_id, vertrouwelijkheidaanduiding, aantal)"
    " SELECT zaaktype_id, vertrouwelijkheidaanduiding, count(*) FROM zaken_zaak GROUP BY 1, 2",
]


def _statements(connection: BaseDatabaseWrapper, *, weg: bool = False) -> list[str]:
    if connection.vendor == "postgresql":
        return _POSTGRESQL_WEG if weg else _POSTGRESQL
    if connection.vendor == "sqlite":
        return _SQLITE_WEG if weg else _SQLITE
    raise NotImplementedError(f"zaaktellingen need triggers for {connection.vendor}")


def triggers_aanmaken(connection: BaseDatabaseWrapper) -> None:
    """Create the triggers and count the zaken there are, in the caller's transaction. In
    PostgreSQL creating a trigger locks `zaken_zaak` against writes until that transaction
    ends, so no zaak is missed or counted twice between the two."""
    with connection.cursor() as cursor:
        for statement in [*_statements(connection), *HERTELLEN]:
            cursor.execute(statement)


def triggers_verwijderen(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection, weg=True):
            cursor.execute(statement)


def sqlite_herstellen(connection: BaseDatabaseWrapper) -> None:
    """SQLite, after `migrate` and `flush` (both send post_migrate): put back the triggers a
    rebuild of `zaken_zaak` dropped, and count again, since zaken written without them, or a
    flush that emptied the zaaktellingen before the zaken, left the count off."""
    if connection.vendor == "sqlite" and TABEL in connection.introspection.table_names():
        triggers_aanmaken(connection)
