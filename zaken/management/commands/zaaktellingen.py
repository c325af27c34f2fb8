"""Keep the zaaktellingen (the list's `count`) small, or count every zaak again.

python manage.py zaaktellingen              # sum the rows of each pair into one
python manage.py zaaktellingen --hertellen  # after writes past the triggers
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from zaken.zaak_selectors import zaaktellingen_verschillen
from zaken.zaak_services import zaaktellingen_hertellen, zaaktellingen_samenvoegen


class Command(BaseCommand):
    help = "Merge the zaaktellingen into one row per zaaktype and vertrouwelijkheidaanduiding, or count again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--controleren",
            action="store_true",
            help="Compare the zaaktellingen with the zaken counted; fail if any pair differs.",
        )
        parser.add_argument(
            "--hertellen",
            action="store_true",
            help="Count every zaak again (writers of zaken wait meanwhile), for rows written with the triggers off.",
        )

    def handle(self, *args, **options):
        if options["controleren"]:
            verschillen = zaaktellingen_verschillen()
            for (zaaktype_id, level), (geteld, zaken) in sorted(verschillen.items()):
                self.stdout.write(f"zaaktype {zaaktype_id}, {level}: zaaktellingen {geteld}, zaken {zaken}")
            if verschillen:
                raise CommandError("de zaaktellingen wijken af: python manage.py zaaktellingen --hertellen")
            self.stdout.write("zaaktellingen kloppen")
        elif options["hertellen"]:
            zaaktellingen_hertellen()
            self.stdout.write("zaaktellingen herteld")
        else:
            self.stdout.write(f"zaaktellingen samengevoegd: {zaaktellingen_samenvoegen()} rijen minder")
