"""Benchmark: clients writing at once over real HTTP, beside bare INSERTs of the same rows.

    python manage.py bench_concurrency                       # 1 and 8 clients, 10 s each
    python manage.py bench_concurrency --clients 1,8 --seconds 3   # CI size

Makes a fresh database beside the configured one (PostgreSQL: `<name>_bench_concurrency`,
dropped afterwards; SQLite: a file in a folder of its own), migrates it and starts gunicorn
on it as `bin/run` does (`config/gunicorn.py`). Through the Catalogi API it makes a
published zaaktype, a besluittype and an informatieobjecttype; then, per number of clients,
each client registers zaken without identificatie, sets their first status, takes besluiten
and registers small documents for `--seconds` (`_concurrency_load`). Per resource it prints
what was created (201), refused (4xx), failed (5xx) and created per second, and checks that
the database holds exactly the rows answered 201.

Beside each figure, the reference measured in the same run on the same database: bare
INSERTs of the same rows (a copy of a row the API made, with a new uuid and identificatie;
one transaction per object, from as many threads as there were clients), per second. The
ratio is what the API's rules, serialization, audit trail, outbox and HTTP cost per object.
The check and the reference read the tables directly: this is a tool beside the components,
not one of them.
"""

from __future__ import annotations

import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.db.utils import load_backend

from common.auth import jwt_encode
from common.server import database_url, gunicorn_server, server_environment

from ._concurrency_load import RESOURCES, belasten, catalogus_aanmaken

ALIAS = "bench_concurrency"
CLIENT_ID = "bench-concurrency"
# Per resource: its table, and for documents the table of the document each version belongs to.
TABLES = {
    "zaken": "zaken_zaak",
    "statussen": "zaken_status",
    "besluiten": "zaken_besluit",
    "enkelvoudiginformatieobjecten": "documenten_informatieobject",
}
DOCUMENT_VERSIONS = "documenten_enkelvoudiginformatieobject"


class Command(BaseCommand):
    help = "Created, refused, 5xx and per second for clients writing at once, beside bare INSERTs of the same rows."

    def add_arguments(self, parser):
        parser.add_argument("--clients", default="1,8", help="Numbers of clients, comma-separated (default 1,8).")
        parser.add_argument("--seconds", type=float, default=10.0, help="How long each number of clients writes.")
        parser.add_argument("--keep", action="store_true", help="Keep the benchmark's database and folder.")

    def handle(self, *args, **options):
        try:
            counts = [int(n) for n in options["clients"].split(",") if n.strip()]
        except ValueError as exc:
            raise CommandError("--clients: numbers separated by commas, e.g. 1,8.") from exc
        workdir = Path(tempfile.mkdtemp(prefix="bench-concurrency-", dir=settings.VAR_DIR))
        url = self._database_create(workdir)
        try:
            self._run(url, workdir, counts, options["seconds"])
        finally:
            if not options["keep"]:
                self._database_drop()
                shutil.rmtree(workdir, ignore_errors=True)
            else:
                self.stdout.write(f"Kept: {url} and {workdir}")

    # --- the database ------------------------------------------------------------------------

    def _database_create(self, workdir: Path) -> str:
        default = connections["default"].settings_dict
        bench = {**default, "NAME": str(workdir / "bench.sqlite3")}
        if connections["default"].vendor == "postgresql":
            bench["NAME"] = f"{default['NAME']}_bench_concurrency"[:63]
            self._database_drop_named(bench["NAME"])
            with connections["default"].cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{bench["NAME"]}"')
        self._bench = bench
        return database_url(bench)

    def _connect(self):
        """A connection of its own to the benchmark's database (one per thread; not registered
        as an alias, so nothing else of this process ever uses it)."""
        return load_backend(self._bench["ENGINE"]).DatabaseWrapper(self._bench, ALIAS)

    def _database_drop(self) -> None:
        if connections["default"].vendor == "postgresql":
            self._database_drop_named(self._bench["NAME"])

    def _database_drop_named(self, name: str) -> None:
        with connections["default"].cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    # --- the run -----------------------------------------------------------------------------

    def _run(self, url: str, workdir: Path, counts: list[int], seconds: float) -> None:
        secret = secrets.token_urlsafe(24)
        env = server_environment(url, MEDIA_ROOT=str(workdir / "media"), DOCUMENTEN_STORAGE_OPTIONS="")
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        self.stdout.write(f"Migrating a fresh {connections['default'].vendor} database ...")
        subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], env=env, check=True, cwd=settings.BASE_DIR)
        subprocess.run(
            [*manage, "create_api_client", "--all", "--", CLIENT_ID, secret],
            env=env,
            check=True,
            cwd=settings.BASE_DIR,
            stdout=subprocess.DEVNULL,
        )
        with gunicorn_server(env, workdir / "server.log") as base:
            token = jwt_encode(CLIENT_ID, secret, user_id="bench")
            headers = {"Authorization": f"Bearer {token}", "Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}
            with httpx.Client(headers=headers, timeout=60) as http:
                catalogus = catalogus_aanmaken(http, base)
            self.stdout.write(
                f"gunicorn (config/gunicorn.py) on {base}; each client writes for {seconds:g} s: a zaak, its "
                "status, a besluit and a document, over and over."
            )
            verwacht = {resource: set() for resource in RESOURCES}
            extra = dict.fromkeys(RESOURCES, 0)
            for clients in counts:
                uitkomst = belasten(base, headers, catalogus, clients=clients, seconds=seconds)
                if uitkomst.fouten and not any(uitkomst.statussen[r] for r in RESOURCES):
                    raise CommandError("No request was answered: " + "; ".join(uitkomst.fouten[:3]))
                for resource in RESOURCES:
                    verwacht[resource] |= uitkomst.aangemaakt[resource]
                self._check(verwacht, extra)
                referentie = {
                    resource: self._bare_inserts(resource, uitkomst.aangemaakt[resource], clients)
                    for resource in RESOURCES
                }
                for resource, (rows, _) in referentie.items():
                    extra[resource] += rows
                self._report(clients, uitkomst, referentie)

    def _check(self, verwacht: dict[str, set[str]], extra: dict[str, int]) -> None:
        """The database holds exactly the rows answered 201 (and the reference's own copies)."""
        db = self._connect()
        with db.cursor() as cursor:
            for resource, table in TABLES.items():
                cursor.execute(f"SELECT uuid FROM {table}")
                stored = {str(row[0]).replace("-", "") for row in cursor.fetchall()}
                answered = {url.rstrip("/").rsplit("/", 1)[-1].replace("-", "") for url in verwacht[resource]}
                if not answered <= stored or len(stored) != len(answered) + extra[resource]:
                    raise CommandError(
                        f"{resource}: answered 201 {len(answered)}, in the database {len(stored)} "
                        f"({len(answered - stored)} answered but missing)."
                    )
        db.close()
        self.stdout.write("The database holds exactly what was answered 201.")

    # --- the reference: bare INSERTs of the same rows -------------------------------------------

    def _copy_sql(self, db, cursor, table: str, parameters: set[str]) -> tuple[str, list[str]]:
        """`INSERT ... SELECT` a copy of one row, with the columns in `parameters` given; the
        statement and the order its parameters go in (the row's id last)."""
        cursor.execute(f"SELECT * FROM {table} WHERE 1 = 0")
        columns = [column[0] for column in cursor.description if column[0] != "id"]
        values = ", ".join("%s" if column in parameters else column for column in columns)
        sql = f"INSERT INTO {table} ({', '.join(columns)}) SELECT {values} FROM {table} WHERE id = %s"
        return sql, [column for column in columns if column in parameters]

    def _bare_inserts(self, resource: str, urls: set[str], clients: int) -> tuple[int, float]:
        """As many objects as the API created (at least 50), one transaction each, from `clients` threads."""
        rows = max(len(urls), 50)
        table = TABLES[resource]
        db = self._connect()
        with db.cursor() as cursor:
            cursor.execute(f"SELECT min(id) FROM {table}")
            template = cursor.fetchone()[0]
            names = {"uuid", "identificatie"} if resource in ("zaken", "besluiten") else {"uuid"}
            first, first_order = self._copy_sql(db, cursor, table, names)
            if resource == "enkelvoudiginformatieobjecten":
                first += " RETURNING id"
                cursor.execute(f"SELECT id FROM {DOCUMENT_VERSIONS} WHERE informatieobject_id = %s", [template])
                version = cursor.fetchone()[0]
                second, second_order = self._copy_sql(
                    db, cursor, DOCUMENT_VERSIONS, {"uuid", "informatieobject_id", "identificatie"}
                )
        sqlite = db.vendor == "sqlite"
        db.close()
        numbers = iter(range(rows))
        lock = threading.Lock()

        def params(order: list[str], template_id: int, **values) -> list:
            new = {"uuid": uuid.uuid4().hex if sqlite else uuid.uuid4(), **values}
            return [new[name] for name in order] + [template_id]

        def insert_one(db, cursor) -> None:
            identificatie = f"BARE-{uuid.uuid4().hex[:16]}"
            if resource != "enkelvoudiginformatieobjecten":
                cursor.execute(first, params(first_order, template, identificatie=identificatie))
                return
            db.set_autocommit(False)  # the document and its first version in one transaction
            cursor.execute(first, params(first_order, template))
            new_id = cursor.fetchone()[0]
            cursor.execute(
                second, params(second_order, version, informatieobject_id=new_id, identificatie=identificatie)
            )
            db.commit()
            db.set_autocommit(True)

        failures: list[BaseException] = []

        def worker() -> None:
            db = self._connect()
            try:
                with db.cursor() as cursor:
                    while True:
                        with lock:
                            if next(numbers, None) is None:
                                return
                        insert_one(db, cursor)
            except BaseException as exc:
                failures.append(exc)
            finally:
                db.close()

        threads = [threading.Thread(target=worker) for _ in range(clients)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if failures:
            raise CommandError(f"The bare INSERTs of {resource} failed: {failures[0]}")
        return rows, rows / (time.perf_counter() - started)

    # --- the report ------------------------------------------------------------------------------

    def _report(self, clients: int, uitkomst, referentie: dict[str, tuple[int, float]]) -> None:
        self.stdout.write(f"\n{clients} client(s), {uitkomst.seconden:.1f} s")
        self.stdout.write(
            f"{'resource':<32}{'created':>9}{'refused':>9}{'5xx':>6}{'per s':>9}{'bare INSERT per s':>19}{'ratio':>8}"
        )
        for resource in RESOURCES:
            created = uitkomst.aantal(resource, "201")
            per_second = created / uitkomst.seconden if uitkomst.seconden else 0.0
            bare = referentie[resource][1]
            self.stdout.write(
                f"{resource:<32}{created:>9}{uitkomst.aantal(resource, '4xx'):>9}{uitkomst.aantal(resource, '5xx'):>6}"
                f"{per_second:>9.1f}{bare:>19.1f}{(bare / per_second if per_second else 0):>7.1f}x"
            )
        for (resource, status, code), n in sorted(uitkomst.codes.items(), key=str):
            self.stdout.write(f"  {resource} {status} {code}: {n}")
        for fout in uitkomst.fouten[:5]:
            self.stdout.write(f"  {fout}")
