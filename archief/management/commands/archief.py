"""Run the archive's periodic work by hand: `manage.py archief inrichten|resync|archiveren|integriteit|vernietigen`."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from common.clients import ClientError

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
            try:
                typen = inrichting.verklaringtypen()
            except inrichting.InrichtingError as exc:
                self.stdout.write(f"eigen catalogus nog niet gemaakt: {exc}")
            except ClientError as exc:
                self.stdout.write(
                    f"eigen catalogus nog niet gemaakt: de Catalogi API antwoordde niet zoals verwacht: {exc}"
                )
            else:
                self.stdout.write(f"verklaringen: zaaktype {typen.zaaktype}")
                self.stdout.write(f"  verklaring van vernietiging: informatieobjecttype {typen.vernietiging}")
                self.stdout.write(f"  verklaring van overbrenging: informatieobjecttype {typen.overbrenging}")
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
            self._vernietigen()

    def _vernietigen(self) -> None:
        due = vernietiging.vernietigingslijsten_due()
        due += list(Vernietigingslijst.objects.filter(status="mislukt").values_list("pk", flat=True))
        for number, pk in enumerate(due, 1):
            lijst = Vernietigingslijst.objects.get(pk=pk)
            vorige_run = lijst.uitgevoerd_op
            result = vernietiging.vernietigingslijst_uitvoeren(lijst)
            lijst.refresh_from_db()
            if lijst.uitgevoerd_op == vorige_run:
                self.stdout.write(
                    f"[{number}/{len(due)}] lijst {lijst.naam}: {vernietiging.waarom_niet_uitgevoerd(lijst)}"
                )
                continue
            self.stdout.write(
                f"[{number}/{len(due)}] lijst {lijst.naam}: {len(result.vernietigd)} vernietigd, "
                f"{len(result.mislukt)} mislukt, {len(result.overgeslagen)} overgeslagen, "
                f"{len(result.verdwenen)} verdwenen; status {lijst.get_status_display()}"
            )
            if lijst.status == "mislukt":
                self.stdout.write(f"  {lijst.overgangen.last().toelichting}")
            for url, reden in result.verdwenen.items():
                self.stdout.write(f"  verdwenen {url}: {reden}")
            for url, fout in result.mislukt.items():
                self.stderr.write(f"  {url}: {fout}")
        wachtend = Vernietigingslijst.objects.exclude(pk__in=due).exclude(status="vernietigd").order_by("pk")
        if not due:
            self.stdout.write("Geen vernietigingslijst is nu uit te voeren.")
        for lijst in wachtend:
            self.stdout.write(f"  lijst {lijst.naam}: {vernietiging.waarom_niet_uitgevoerd(lijst)}")
