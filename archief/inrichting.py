"""What the archive sets up for itself at deploy time (`manage.py archief inrichten`).

`bin/run` and the image's `migrate` role run it after the migrations; it is idempotent, so
every start may run it again.
"""

from __future__ import annotations

from django.conf import settings

from common.models import Abonnement


def index_abonneren() -> Abonnement:
    """Subscribe the archive's index to kanaal `zaken` of this deployment's notifications.

    The callback accepts only ARCHIEF_NOTIFICATIES_AUTH, which defaults to a value derived
    from SECRET_KEY, so this works with no setting. With an external Notificaties API,
    subscribe ARCHIEF_API_ROOT + `notificaties` there with that value instead.
    """
    abonnement, _ = Abonnement.objects.update_or_create(
        callback_url=settings.ARCHIEF_API_ROOT + "notificaties",
        defaults={
            "label": "Archiefindex",
            "auth": settings.ARCHIEF_NOTIFICATIES_AUTH,
            "kanalen": ["zaken"],
            "actief": True,
        },
    )
    return abonnement
