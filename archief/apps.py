import importlib

from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


def _ensure_selectielijst(sender, using="default", **kwargs) -> None:
    """The Selectielijst 2020 is reference data, loaded by a migration. A flush (`manage.py
    flush`, and the end of every transactional test) empties every table but migrates nothing:
    load it again then, so the Selectielijst API never stands empty."""
    ProcesType = apps.get_model("archief", "ProcesType")
    if ProcesType.objects.using(using).exists():
        return
    importlib.import_module("archief.migrations.0002_selectielijst_2020").load(apps, None)


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
