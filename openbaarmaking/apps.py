from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_informatiecategorieen(sender, using="default", **kwargs) -> None:
    """The Woo information categories come back after a flush."""
    from common.referentiedata import opnieuw_laden

    opnieuw_laden("openbaarmaking.Informatiecategorie", "openbaarmaking.migrations.0002_informatiecategorieen", using)


def _roles_ensure(sender, **kwargs) -> None:
    """After this app's permissions were (re)created: the publication officer's group."""
    from .roles import roles_ensure

    roles_ensure(**kwargs)


class OpenbaarmakingConfig(AppConfig):
    name = "openbaarmaking"
    verbose_name = "Openbaarmaking (Woo)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        post_migrate.connect(_ensure_informatiecategorieen, sender=self, dispatch_uid="openbaarmaking_categorieen")
        post_migrate.connect(_roles_ensure, sender=self, dispatch_uid="openbaarmaking_roles_ensure")
