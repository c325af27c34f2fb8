"""Preview of a transfer package: `build_sip --zaak URL [--zaak URL ...] --out DIR`.

Builds the SIP for these cases into a folder, so an archivist can inspect it, without
delivering it or changing anything. Takes any case that is or will become transferable
(kept permanently, archived, all documents archived) whatever its age, and refuses
others, saying why. The package is checked with the pre-ingest validation at the end.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from archief.overbrenging.builder import SipBuilder
from archief.overbrenging.clients import ZGWBron
from archief.overbrenging.eligibility import archival_refusals
from archief.overbrenging.models import Overbrengingsafspraak
from archief.overbrenging.validation import validate_package
from common.clients import ClientError


class Command(BaseCommand):
    help = "Bouwt een voorbeeld-SIP van de gegeven zaken in een map, zonder af te leveren of iets te wijzigen."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--zaak", action="append", required=True, help="URL van een zaak (Zaken API); herhaalbaar.")
        parser.add_argument("--out", required=True, help="De map waarin het pakket komt.")
        parser.add_argument("--afspraak", help="UUID van de overbrengingsafspraak; nodig als er meer dan één is.")
        parser.add_argument("--vorm", choices=["map", "tar", "zip"], default="map", help="Standaard: een map.")
        parser.add_argument("--naam", default="voorbeeld", help="Naam van het pakket.")
        parser.add_argument(
            "--peilmoment", help="ISO-tijdstip dat op het pakket komt (standaard nu); vast geeft hetzelfde pakket."
        )

    def _afspraak(self, uuid: str | None) -> Overbrengingsafspraak:
        afspraken = Overbrengingsafspraak.objects.select_related("archiefinstelling")
        if uuid:
            afspraak = afspraken.filter(uuid=uuid).first()
            if afspraak is None:
                raise CommandError(f"Geen overbrengingsafspraak met uuid {uuid}.")
            return afspraak
        if afspraken.count() != 1:
            raise CommandError("Geef met --afspraak aan welke overbrengingsafspraak geldt.")
        return afspraken.get()

    def handle(self, *args, zaak: list[str], out: str, afspraak: str | None, vorm: str, naam: str, **options) -> None:
        overeenkomst = self._afspraak(afspraak)
        peilmoment = dt.datetime.fromisoformat(options["peilmoment"]) if options.get("peilmoment") else timezone.now()
        gegevens, weigeringen = [], []
        with ZGWBron() as bron:
            for url in zaak:
                try:
                    zaak_data = bron.zaak(url)
                    documenten = bron.informatieobjecten(url)
                except ClientError as exc:
                    weigeringen.append(f"{url}: niet op te halen ({exc})")
                    continue
                redenen = archival_refusals(zaak_data, documenten)
                if redenen:
                    weigeringen.append(f"{url}: {'; '.join(redenen)}")
                    continue
                gegevens.append(bron.zaak_gegevens(url, zaak=zaak_data, documenten=documenten))
            if weigeringen:
                raise CommandError("Deze zaken kunnen niet worden overgebracht:\n" + "\n".join(weigeringen))
            builder = SipBuilder(overeenkomst.sip_afspraak(), naam=naam, clock=peilmoment, out_dir=Path(out), vorm=vorm)
            containers = builder.build(gegevens)
        for container in containers:
            for item in container.items:
                if not item.ok:
                    self.stderr.write(f"{item.identificatie}: {item.fout}")
            self.stdout.write(f"{container.pad} ({container.omvang} bytes, {builder.algoritme} {container.checksum})")
        report = validate_package(Path(out))
        for violation in report.violations:
            self.stderr.write(str(violation))
        if not report.ok:
            raise CommandError("Het pakket voldoet niet aan de pre-ingestcontrole.")
        failed = sum(1 for c in containers for i in c.items if not i.ok)
        if failed:
            raise CommandError(f"{failed} zaak/zaken konden niet in het pakket; zie hierboven waarom.")
        self.stdout.write(self.style.SUCCESS(f"{len(gegevens)} zaak/zaken verpakt; het pakket voldoet."))
