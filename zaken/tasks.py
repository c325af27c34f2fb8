"""Celery tasks of the zaken app."""

from __future__ import annotations

from celery import shared_task

from . import zaak_services


@shared_task
def zaaktellingen_samenvoegen() -> int:
    """Periodic: one row per zaaktype and vertrouwelijkheidaanduiding again (`ZaakTelling`)."""
    return zaak_services.zaaktellingen_samenvoegen()


@shared_task
def spiegels_verwijderen() -> int:
    """Periodic: the removals of mirrored relations that waited for the Documenten API."""
    return zaak_services.spiegels_verwijderen()
