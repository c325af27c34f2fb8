from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = "Gedeelde voorzieningen (autorisaties, audit trail, notificaties)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import checks  # noqa: F401  (registers the system checks)
        from .metrics import discover_collectors

        discover_collectors()

        post_migrate.connect(_ensure_autorisatieversie, sender=self)
        post_migrate.connect(_ensure_internal_client, sender=self)


def _ensure_autorisatieversie(using: str = "default", **kwargs) -> None:
    from .autorisatieversie import autorisatieversie_install

    autorisatieversie_install(using=using)


def _ensure_internal_client(**kwargs) -> None:
    """The apps call each other with this deployment's own credentials (API_CLIENT_ID)."""
    from django.conf import settings

    from .services import api_client_create_or_update

    api_client_create_or_update(
        client_id=settings.API_CLIENT_ID,
        secret=settings.API_CLIENT_SECRET,
        alle_autorisaties=True,
        label="Levensloop (intern)",
    )
