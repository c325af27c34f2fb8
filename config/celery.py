import os

from celery import Celery
from celery.signals import beat_init, setup_logging, worker_init

from common import metrics, requestid

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("levensloop")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The request id travels with each task; each task's outcome and duration is measured.
requestid.connect_celery_signals()
metrics.connect_celery_signals()


@setup_logging.connect
def _keep_django_logging(**kwargs) -> None:
    """Django has configured logging already (config/logs.py: JSON lines with the task's
    request_id); a receiver here keeps Celery from adding handlers of its own."""


@worker_init.connect
@beat_init.connect
def _refuse_weak_secrets(**kwargs) -> None:
    # A worker signs API calls with API_CLIENT_SECRET: none from the repository (common/checks.py).
    from common.checks import refuse_weak_secrets

    refuse_weak_secrets()


@worker_init.connect
def _serve_metrics(**kwargs) -> None:
    # The worker's main process serves what its pool processes measured (CELERY_METRICS_PORT).
    from django.conf import settings

    if settings.CELERY_METRICS_PORT:
        metrics.serve_worker_metrics(settings.CELERY_METRICS_PORT)
