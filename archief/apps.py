from django.apps import AppConfig


class ArchiefConfig(AppConfig):
    name = "archief"
    verbose_name = "Archiefbeheer"
    default_auto_field = "django.db.models.BigAutoField"
