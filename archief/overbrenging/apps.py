from django.apps import AppConfig


class OverbrengingConfig(AppConfig):
    name = "archief.overbrenging"
    label = "overbrenging"
    verbose_name = "Overbrenging naar het e-Depot"
    default_auto_field = "django.db.models.BigAutoField"
