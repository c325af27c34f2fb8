"""Generated identificaties: one counter row per (soort, sleutel, jaar), taken in one statement.

A zaak, besluit, document or klantcontact registered without an identificatie gets the next
number of its counter (`ZAAK-2025-0000000042`). The counter is a row that only ever goes
up, so a number is never handed out twice, also not after the object that had it was
destroyed; taking one costs a single indexed statement however large the register is:

    INSERT INTO <app>_volgnummer (soort, sleutel, jaar, laatste) VALUES (..., 1)
    ON CONFLICT (soort, sleutel, jaar) DO UPDATE SET laatste = <app>_volgnummer.laatste + 1
    RETURNING laatste

PostgreSQL runs this atomically under the row's lock: a second writer of the same counter
waits until the first one's transaction ends and then reads its result, so many gunicorn
workers, threads and deployments on one database never get the same number. SQLite
(>= 3.35 has the upsert and RETURNING) lets one writer at a time in anyway. When the
transaction that took a number rolls back, the number goes with it or is skipped: gaps are
allowed, repeats are not.

Where the counters live. The numbers a component handed out are that component's own
state, so each app that generates identificaties has a concrete `Volgnummer` table of its
own (from the abstract model below), next to the objects it numbers, written by a migration
of its own that seeds it from those objects. In a split deployment the counter is then in
the component's database and in nobody else's; moving, restoring or copying the
component's database takes its counters along, consistent with its rows; and no component
ever writes to a table another component also writes. A single shared table in `common`
would have worked in the all-in-one process, but its rows would belong to several
components at once, and its seed migration would have to read every app's tables, which
the shared plumbing may not.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connections, models, router


class Volgnummer(models.Model):
    """The last number handed out for one kind of identificatie, per organisation and year."""

    soort = models.CharField(max_length=30, help_text="What is numbered, e.g. `zaak` or `besluit`.")
    sleutel = models.CharField(
        max_length=200, blank=True, help_text="Whose numbers these are, e.g. the bronorganisatie (RSIN)."
    )
    jaar = models.PositiveIntegerField(default=0, help_text="The year of the numbers; 0 when they run on.")
    laatste = models.PositiveBigIntegerField(default=0, help_text="The last number handed out.")

    class Meta:
        abstract = True
        verbose_name = "volgnummer"
        verbose_name_plural = "volgnummers"
        constraints = [
            models.UniqueConstraint(fields=["soort", "sleutel", "jaar"], name="%(app_label)s_volgnummer_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.soort} {self.sleutel} {self.jaar}: {self.laatste}"


def volgnummer_nemen(teller: type[Volgnummer], *, soort: str, sleutel: str = "", jaar: int = 0) -> int:
    """The next number of a counter (1 for a new one), taken in one atomic statement."""
    connection = connections[router.db_for_write(teller)]
    table = connection.ops.quote_name(teller._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (soort, sleutel, jaar, laatste) VALUES (%s, %s, %s, 1) "
            f"ON CONFLICT (soort, sleutel, jaar) DO UPDATE SET laatste = {table}.laatste + 1 "
            "RETURNING laatste",
            [soort, sleutel, jaar],
        )
        return int(cursor.fetchone()[0])


def identificatie_nemen(
    teller: type[Volgnummer],
    *,
    soort: str,
    sleutel: str = "",
    jaar: int = 0,
    vorm: Callable[[int], str],
    bezet: Callable[[str], bool],
) -> str:
    """The next identificatie in the format `vorm` gives a number, skipping any a client took.

    A client may give its own identificatie, also one in our format; the counter then
    passes it by. The check is one lookup in the unique index per number.
    """
    while True:
        kandidaat = vorm(volgnummer_nemen(teller, soort=soort, sleutel=sleutel, jaar=jaar))
        if not bezet(kandidaat):
            return kandidaat


def volgnummers_zaaien(
    teller: type[Volgnummer], hoogste: dict[tuple[str, str, int], int], *, using: str = "default"
) -> None:
    """Raise counters to at least the numbers already handed out (for the seed migrations)."""
    for (soort, sleutel, jaar), laatste in hoogste.items():
        rij, _ = teller.objects.using(using).get_or_create(soort=soort, sleutel=sleutel, jaar=jaar)
        if rij.laatste < laatste:
            rij.laatste = laatste
            rij.save(update_fields=["laatste"])
