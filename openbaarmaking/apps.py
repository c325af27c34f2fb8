from django.apps import AppConfig


class OpenbaarmakingConfig(AppConfig):
    name = "openbaarmaking"
    verbose_name = "Openbaarmaking (Woo)"
    default_auto_field = "django.db.models.BigAutoField"
