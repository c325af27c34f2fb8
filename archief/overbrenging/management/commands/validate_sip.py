"""Pre-ingest validation of a SIP folder, container or delivery folder.

    python manage.py validate_sip PATH

Prints a report (every violation with its rule and path, then the totals) and exits
non-zero when anything is wrong. Works on packages from elsewhere too; their XML is
parsed without entities, DTDs or network access.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from archief.overbrenging.validation import RULES, validate_package


class Command(BaseCommand):
    help = "Controleert een SIP (map, .tar/.zip met pakbon, of een map met containers) vóór ingest."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", help="Het pakket, de container of de map met containers.")

    def handle(self, *args, path: str, **options) -> None:
        report = validate_package(path)
        for violation in report.violations:
            self.stdout.write(str(violation))
        self.stdout.write(
            f"{report.pakketten} pakket(ten), {report.informatieobjecten} informatieobjecten, "
            f"{report.bestanden} bestanden, {report.bytes} bytes inhoud."
        )
        if not report.ok:
            per_rule = ", ".join(
                f"{rule}: {sum(1 for v in report.violations if v.regel == rule)}"
                for rule in RULES
                if rule in report.rules_violated()
            )
            raise CommandError(f"{len(report.violations)} overtreding(en) ({per_rule}).")
        self.stdout.write(self.style.SUCCESS("Het pakket voldoet."))
