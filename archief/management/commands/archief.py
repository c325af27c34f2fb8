"""Run the archive's periodic work by hand: `manage.py archief inrichten|resync|archiveren|integriteit|vernietigen`."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from ... import archivering, index, inrichting, vernietiging
from ...clients import ZGW
from ...models import IndexDocument, Vernietigingslijst


class Command(BaseCommand):
    help = (
        "Set up what the archive needs (inrichten), resync the index, run the archiving step, check fixity, "
        "or carry out due vernietigingslijsten."
    )

    def add_arguments(self, parser):
        parser.add_argument("stap", choices=["inrichten", "resync", "archiveren", "integriteit", "vernietigen"])

    def handle(self, *args, stap: str, **options):
        if stap == "inrichten":
            abonnement = inrichting.index_abonneren()
            self.stdout.write(f"abonnement {abonnement.label}: {abonnement.callback_url} (kanaal zaken)")
        elif stap == "resync":
            result = index.index_resync()
            self.stdout.write(f"{result.zaaktypen} zaaktypen, {result.zaken} zaken gelezen, {result.verwijderd} weg")
            for fout in result.fouten:
                self.stderr.write(fout)
        elif stap == "archiveren":
            ronde = archivering.zaken_archiveren()
            self.stdout.write(f"{len(ronde.gearchiveerd)} gearchiveerd, {len(ronde.geblokkeerd)} niet:")
            for url, reden in ronde.geblokkeerd.items():
                self.stdout.write(f"  {url}: {reden}")
        elif stap == "integriteit":
            documents = list(IndexDocument.objects.order_by("pk"))
            failed = baselines = 0
            with ZGW() as zgw:
                for number, document in enumerate(documents, 1):
                    checked = index.document_integriteit_controleren(document, zgw=zgw)
                    failed += checked is False
                    baselines += checked is None
                    self.stdout.write(
                        f"\r{number}/{len(documents)} gelezen, {failed} fout, {baselines} eigen SHA-256 vastgelegd",
                        ending="",
                    )
            self.stdout.write("")
            if baselines:
                self.stdout.write(
                    f"{baselines} documenten hadden in de Documenten API geen controlesom (integriteit): het archief "
                    "legde bij deze eerste lezing een eigen SHA-256 vast en controleert latere lezingen daartegen."
                )
        else:
            due = vernietiging.vernietigingslijsten_due()
            due += list(Vernietigingslijst.objects.filter(status="mislukt").values_list("pk", flat=True))
            for number, pk in enumerate(due, 1):
                result = vernietiging.vernietigingslijst_uitvoeren(Vernietigingslijst.objects.get(pk=pk))
                self.stdout.write(
                    f"[{number}/{len(due)}] lijst {pk}: {len(result.vernietigd)} vernietigd, "
                    f"{len(result.mislukt)} mislukt, {len(result.overgeslagen)} overgeslagen, "
                    f"{len(result.verdwenen)} verdwenen"
                )
                for url, reden in result.verdwenen.items():
                    self.stdout.write(f"  verdwenen {url}: {reden}")
                if result.mislukt:
                    for url, fout in result.mislukt.items():
                        self.stderr.write(f"  {url}: {fout}")
