import os

from celery import Celery
from celery.signals import beat_init, worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("levensloop")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
@beat_init.connect
def _refuse_weak_secrets(**kwargs) -> None:
    # A worker signs API calls with API_CLIENT_SECRET: none from the repository (common/checks.py).
    from common.checks import refuse_weak_secrets

    refuse_weak_secrets()
