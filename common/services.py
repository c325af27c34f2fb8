"""Writes of the shared plumbing."""

from __future__ import annotations

from django.db import transaction

from .models import Applicatie, ClientCredential
from .selectors import applicaties_met_client_ids


@transaction.atomic
def api_client_create_or_update(*, client_id: str, secret: str, alle_autorisaties: bool, label: str = "") -> Applicatie:
    """Make `client_id` a working API client: its secret and an applicatie.

    With `alle_autorisaties` the applicatie may do everything; without it, nothing until
    autorisaties are added (in the admin or the Autorisaties API).
    """
    ClientCredential.objects.update_or_create(client_id=client_id, defaults={"secret": secret})
    applicatie = applicaties_met_client_ids(client_ids=[client_id]).first()
    if applicatie is None:
        applicatie = Applicatie(client_ids=[client_id], label=label or client_id)
    applicatie.heeft_alle_autorisaties = alle_autorisaties
    if label:
        applicatie.label = label
    applicatie.save()
    return applicatie
