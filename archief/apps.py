from django.apps import AppConfig


class ArchiefConfig(AppConfig):
    name = "archief"
    verbose_name = "Archiefbeheer"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        post_migrate.connect(_roles_ensure, dispatch_uid="archief_roles_ensure")


def _roles_ensure(sender, **kwargs) -> None:
    """After the permissions of `archief` or `overbrenging` were (re)created: the groups that hold them."""
    if sender.label not in ("archief", "overbrenging"):
        return
    from .roles import roles_ensure

    roles_ensure(**kwargs)
