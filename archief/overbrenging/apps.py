import importlib

from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate

# The migrations that made the groups of the destruction and transfer workflows, and the app
# whose permissions each names.
ROLE_MIGRATIONS = (
    ("archief.migrations.0004_rollen", "archief"),
    ("archief.overbrenging.migrations.0004_rollen", "overbrenging"),
)


def _ensure_roles(sender, using="default", **kwargs) -> None:
    """The groups of the workflows (Recordmanager, Beoordelaar, Medebeoordelaar, Archivaris)
    come with migrations. A flush (`manage.py flush`, the end of every transactional test)
    removes them and migrates nothing: make them again then, with their permissions (which
    Django's own post_migrate has made again before this runs)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    if Group.objects.using(using).filter(name="Recordmanager").exists():
        return
    for module, app_label in ROLE_MIGRATIONS:
        for name, codenames in importlib.import_module(module).GROUPS.items():
            group, _ = Group.objects.using(using).get_or_create(name=name)
            group.permissions.add(
                *Permission.objects.using(using).filter(content_type__app_label=app_label, codename__in=codenames)
            )


class OverbrengingConfig(AppConfig):
    name = "archief.overbrenging"
    label = "overbrenging"
    verbose_name = "Overbrenging naar het e-Depot"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        post_migrate.connect(_ensure_roles, sender=self, dispatch_uid="overbrenging_rollen")
