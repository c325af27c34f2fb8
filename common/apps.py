from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = "Gedeelde voorzieningen (autorisaties, audit trail, notificaties)"
    default_auto_field = "django.db.models.BigAutoField"
