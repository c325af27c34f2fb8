from django.apps import AppConfig


class ZakenConfig(AppConfig):
    name = "zaken"
    verbose_name = "Zaken, zaaktypen en besluiten"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        post_migrate.connect(_zaaktellingen_triggers_herstellen, sender=self)


def _zaaktellingen_triggers_herstellen(using: str, **kwargs) -> None:
    """SQLite drops the triggers of `zaken_zaak` when a migration rebuilds the table."""
    from django.db import connections, transaction

    from .zaaktellingen import triggers_herstellen

    with transaction.atomic(using=using):
        triggers_herstellen(connections[using])
