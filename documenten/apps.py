from django.apps import AppConfig


class DocumentenConfig(AppConfig):
    name = "documenten"
    verbose_name = "Documenten"
    default_auto_field = "django.db.models.BigAutoField"
