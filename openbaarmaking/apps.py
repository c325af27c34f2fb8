from django.apps import AppConfig


class OpenbaarmakingConfig(AppConfig):
    name = "openbaarmaking"
    verbose_name = "Openbaarmaking (Woo)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        post_migrate.connect(_roles_ensure, sender=self, dispatch_uid="openbaarmaking_roles_ensure")


def _roles_ensure(sender, **kwargs) -> None:
    """After this app's permissions were (re)created: the publication officer's group."""
    from .roles import roles_ensure

    roles_ensure(**kwargs)
