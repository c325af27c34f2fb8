from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_selectielijst(sender, using="default", **kwargs) -> None:
    """The Selectielijst API never stands empty, also not after a flush."""
    from common.referentiedata import opnieuw_laden

    opnieuw_laden("archief.ProcesType", "archief.migrations.0002_selectielijst_2020", using)


def _roles_ensure(sender, **kwargs) -> None:
    """After the permissions of `archief` or `overbrenging` were (re)created: the groups that hold them."""
    if sender.label not in ("archief", "overbrenging"):
        return
    from .roles import roles_ensure

    roles_ensure(**kwargs)


class ArchiefConfig(AppConfig):
    name = "archief"
    verbose_name = "Archiefbeheer"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        post_migrate.connect(_ensure_selectielijst, sender=self, dispatch_uid="archief_selectielijst")
        post_migrate.connect(_roles_ensure, dispatch_uid="archief_roles_ensure")
