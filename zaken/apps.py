from django.apps import AppConfig


class ZakenConfig(AppConfig):
    name = "zaken"
    verbose_name = "Zaken, zaaktypen en besluiten"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        post_migrate.connect(_zaaktellingen_herstellen, sender=self)


def _zaaktellingen_herstellen(using: str, **kwargs) -> None:
    """SQLite drops the triggers of `zaken_zaak` when a migration rebuilds the table, and a
    flush may empty the zaaktellingen before the zaken."""
    from django.db import connections, transaction

    from .zaaktellingen import sqlite_herstellen

    with transaction.atomic(using=using):
        sqlite_herstellen(connections[using])
