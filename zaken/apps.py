from django.apps import AppConfig


class ZakenConfig(AppConfig):
    name = "zaken"
    verbose_name = "Zaken, zaaktypen en besluiten"
    default_auto_field = "django.db.models.BigAutoField"
