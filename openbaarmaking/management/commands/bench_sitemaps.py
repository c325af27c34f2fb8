"""Benchmark: full DiWoo sitemap generation for many published documents, beside a raw scan.

Loads N published documents (default 200,000) into the configured database inside a
transaction that is rolled back at the end, so nothing stays behind. Then it measures:
- the raw scan: the same rows and columns the sitemaps are made of, one SELECT read
  through a server-side cursor in chunks, no Python objects beyond the row tuples;
- the generation: `sitemaps_genereren()`, streaming every entry to files (into a
  temporary folder), with the file count and sizes;
- peak memory: the process's peak resident set (ru_maxrss) before and after generating
  (with `--tracemalloc` also the peak of Python allocations during a second, traced run).
Targets: generation within 3x the raw scan, peak memory under 200 MB. Use PostgreSQL.
"""

from __future__ import annotations

import resource
import tempfile
import time
import tracemalloc

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from openbaarmaking import selectors, sitemaps
from openbaarmaking.benchmark import gepubliceerde_documenten
from openbaarmaking.models import Informatiecategorie, Publicatie, SitemapGeneratie

CATEGORIE = 16


class RollbackError(Exception):
    """Raised to roll the loaded documents back."""


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Command(BaseCommand):
    help = "Time full sitemap generation for N published documents beside the raw scan of the same rows."

    def add_arguments(self, parser):
        parser.add_argument("--documenten", type=int, default=200_000, help="How many (default 200,000).")
        parser.add_argument("--reduced", action="store_true", help="A quick run with 20,000 documents.")
        parser.add_argument(
            "--tracemalloc",
            action="store_true",
            help="Also generate once more under tracemalloc for the peak of Python allocations (slow).",
        )

    def handle(self, *args, **options):
        aantal = 20_000 if options["reduced"] else options["documenten"]
        if connection.vendor != "postgresql":
            self.stderr.write(f"Warning: the database is {connection.vendor}; the targets are meant for PostgreSQL.")
        if Publicatie.objects.exists() or SitemapGeneratie.objects.exists():
            raise CommandError("Run the benchmark on an empty openbaarmaking database (it rolls back what it adds).")
        try:
            with transaction.atomic(), tempfile.TemporaryDirectory() as folder:
                settings.OPENBAARMAKING_SITEMAP_ROOT = folder
                self._run(aantal, traced=options["tracemalloc"])
                raise RollbackError
        except RollbackError:
            pass

    def _run(self, aantal: int, *, traced: bool) -> None:
        start = time.perf_counter()
        gepubliceerde_documenten(aantal, categorie_nummer=CATEGORIE)
        with connection.cursor() as cursor:
            for table in ("publicatie", "publicatiedocument", "publicatie_informatiecategorieen"):
                cursor.execute(f"ANALYZE openbaarmaking_{table}")
        self.stdout.write(f"Loaded {aantal:,} published documents in {time.perf_counter() - start:.1f} s")

        categorie = Informatiecategorie.objects.get(nummer=CATEGORIE)
        raw_seconds, raw_rows = self._raw_scan(categorie)
        raw_seconds = min(raw_seconds, self._raw_scan(categorie)[0])  # warm cache, best of two

        rss_before = _rss_mb()
        start = time.perf_counter()
        generatie = sitemaps.sitemaps_genereren()
        gen_seconds = time.perf_counter() - start
        rss_after = _rss_mb()
        bestanden = list(generatie.bestanden.order_by("volgnummer"))

        traced_peak = None
        if traced:
            tracemalloc.start()
            sitemaps.sitemaps_genereren()
            traced_peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()

        ratio = gen_seconds / raw_seconds
        self.stdout.write(f"raw scan of the same rows:  {raw_seconds:7.2f} s  ({raw_rows:,} rows)")
        self.stdout.write(
            f"sitemap generation:         {gen_seconds:7.2f} s  ({generatie.aantal_urls:,} URLs in {len(bestanden)} "
            f"sitemaps, {sum(b.grootte for b in bestanden) / 1024 / 1024:.1f} MB)"
        )
        for bestand in bestanden:
            self.stdout.write(f"  {bestand.naam}: {bestand.aantal_urls:,} URLs, {bestand.grootte / 1024 / 1024:.1f} MB")
        self.stdout.write(f"ratio generation / raw scan: {ratio:.2f}x (target ≤ 3x)")
        self.stdout.write(
            f"peak RSS of the process: {rss_before:.0f} MB before generating, {rss_after:.0f} MB after "
            "(target < 200 MB)"
        )
        if traced_peak is not None:
            self.stdout.write(f"peak Python allocations while generating: {traced_peak / 1024 / 1024:.1f} MB")

    def _raw_scan(self, categorie: Informatiecategorie) -> tuple[float, int]:
        sql, params = (
            selectors.sitemap_queryset(categorie).values_list(*selectors.SITEMAP_COLUMNS).query.sql_with_params()
        )
        rows = 0
        start = time.perf_counter()
        with connection.chunked_cursor() as cursor:  # server-side on PostgreSQL, as the generation reads
            cursor.execute(sql, params)
            while batch := cursor.fetchmany(5000):
                rows += len(batch)
        return time.perf_counter() - start, rows
