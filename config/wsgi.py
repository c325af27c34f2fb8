import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# gunicorn runs no system checks: refuse to serve with a secret from the repository here.
from common.checks import refuse_weak_secrets  # noqa: E402

refuse_weak_secrets()
