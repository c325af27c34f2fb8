"""The version of the autorisaties: a value the database changes with every change to a client
credential, an applicatie or an autorisatie, in the transaction of that change.

Authentication keeps what a client ID resolves to (its secret, applicaties and autorisaties)
per process, with the version it was read at, and reads the version on every request: one
primary-key read instead of the two to four queries of the client itself. A change is seen by
the first request that starts after it is committed, as without the cache; no request uses
autorisaties older than the last committed change.

Triggers set the version, so a change through the ORM, `update()`, a bulk operation, the admin
or plain SQL all count. The version is a random value, not a counter: a counter rolled back with
its transaction would be handed out again for other autorisaties (a test's transaction, or a
failed change), and a cache entry made inside the rolled-back transaction would match it.
"""

from __future__ import annotations

from django.db import connections

TABLE = "common_autorisatieversie"
WATCHED_TABLES = ("common_clientcredential", "common_applicatie", "common_autorisatie")

_POSTGRESQL = [
    f"CREATE TABLE IF NOT EXISTS {TABLE} (id integer PRIMARY KEY CHECK (id = 1), versie text NOT NULL)",
    f"INSERT INTO {TABLE} (id, versie) VALUES (1, gen_random_uuid()::text) ON CONFLICT (id) DO NOTHING",
    f"""CREATE OR REPLACE FUNCTION {TABLE}_bump() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE {TABLE} SET versie = gen_random_uuid()::text WHERE id = 1;
        RETURN NULL;
    END $$""",
    *(
        f"CREATE OR REPLACE TRIGGER {table}_versie AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_bump()"
        for table in WATCHED_TABLES
    ),
]
_SQLITE = [
    f"CREATE TABLE IF NOT EXISTS {TABLE} (id integer PRIMARY KEY CHECK (id = 1), versie text NOT NULL)",
    f"INSERT OR IGNORE INTO {TABLE} (id, versie) VALUES (1, lower(hex(randomblob(16))))",
    *(
        f"CREATE TRIGGER IF NOT EXISTS {table}_versie_{operation.lower()} AFTER {operation} ON {table} "
        f"BEGIN UPDATE {TABLE} SET versie = lower(hex(randomblob(16))) WHERE id = 1; END"
        for table in WATCHED_TABLES
        for operation in ("INSERT", "UPDATE", "DELETE")
    ),
]


def autorisatieversie_install(*, using: str = "default") -> None:
    """Create the version table and its triggers where they are missing.

    Run after every `migrate` (`post_migrate`), not once in a migration: SQLite drops a
    table's triggers when a migration rebuilds the table to alter it.
    """
    connection = connections[using]
    statements = _POSTGRESQL if connection.vendor == "postgresql" else _SQLITE
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def autorisatieversie(*, using: str = "default") -> str | None:
    """The current version of the autorisaties; None if the row is gone (nothing may be kept then)."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT versie FROM {TABLE} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else None
