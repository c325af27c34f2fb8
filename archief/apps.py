from django.apps import AppConfig


class ArchiefConfig(AppConfig):
    name = "archief"
    verbose_name = "Archiefbeheer"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        post_migrate.connect(_ensure_subscription, sender=self)


def _ensure_subscription(**kwargs) -> None:
    """Subscribe the archive's index to kanaal `zaken` of this deployment's notifications.

    Only when ARCHIEF_NOTIFICATIES_AUTH is set (the callback refuses everything else); with
    an external Notificaties API, subscribe ARCHIEF_API_ROOT + `notificaties` there instead.
    """
    from django.conf import settings

    from common.models import Abonnement

    if not settings.ARCHIEF_NOTIFICATIES_AUTH:
        return
    Abonnement.objects.update_or_create(
        callback_url=settings.ARCHIEF_API_ROOT + "notificaties",
        defaults={
            "label": "Archiefindex",
            "auth": settings.ARCHIEF_NOTIFICATIES_AUTH,
            "kanalen": ["zaken"],
            "actief": True,
        },
    )
