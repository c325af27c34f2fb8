"""Run the Woo reconciliation by hand: `manage.py openbaarmaking_reconciliatie`.

The same catch-up Celery beat runs periodically (`openbaarmaking.tasks.publicaties_reconcile`):
every definitive or archived, public document of a type with a publicatieregel that has no
publicatie yet gets one, and a published document that no longer exists has its publicatie
withdrawn. It prints what it read, made and withdrew, and why the rest was not made.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from openbaarmaking.clients import ProviderUnavailableError
from openbaarmaking.models import Publicatie, Publicatieregel
from openbaarmaking.services import RECONCILIATIE_INGETROKKEN, RECONCILIATIE_REDENEN, publicaties_reconcile


class Command(BaseCommand):
    help = (
        "Catch up on missed notifications: make the publicaties that definitive (or archived), public "
        "documents of a type with a publicatieregel are due, reading every document of the Documenten API."
    )

    def handle(self, *args, **options):
        if not Publicatieregel.objects.exists() and not Publicatie.objects.filter(status="gepubliceerd").exists():
            self.stdout.write(
                "Geen publicatieregels en geen gepubliceerde publicaties: de Documenten API is niet gelezen en er is "
                "niets aangemaakt of ingetrokken."
            )
            return
        try:
            counts = publicaties_reconcile()
        except ProviderUnavailableError as exc:
            raise CommandError(
                f"De Documenten API ({settings.DOCUMENTEN_API_ROOT}) antwoordde niet zoals verwacht: {exc}. Wat al "
                "aangemaakt was blijft; een nieuwe run gaat verder."
            ) from exc
        self.stdout.write(
            f"{counts['gelezen']} documenten gelezen in de Documenten API, {counts['aangemaakt']} publicaties "
            f"aangemaakt, {counts[RECONCILIATIE_INGETROKKEN]} ingetrokken (hun document bestaat niet meer)."
        )
        niet = {reden: counts[reden] for reden in RECONCILIATIE_REDENEN if counts[reden]}
        if niet:
            self.stdout.write("Niet aangemaakt:")
            for reden, aantal in niet.items():
                self.stdout.write(f"  {aantal} {RECONCILIATIE_REDENEN[reden]}")
