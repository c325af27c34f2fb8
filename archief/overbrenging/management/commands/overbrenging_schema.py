"""Write (or with --check, compare) the committed schema of the transfer resources.

Until they are mounted into the Archiefbeheer API (and its committed archief.yaml), the
transfer resources keep a contract of their own: archief/overbrenging/openapi/overbrenging.yaml.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.test import override_settings

from common.contracts import contract_generate

SCHEMA = Path(__file__).resolve().parents[2] / "openapi" / "overbrenging.yaml"


def generate() -> str:
    with override_settings(ROOT_URLCONF="archief.overbrenging.tests.urls"):
        return contract_generate("/archief/api/v1/schema/openapi.yaml")


class Command(BaseCommand):
    help = "Schrijft het contract van de overbrengingsresources (--check: vergelijkt alleen)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--check", action="store_true")

    def handle(self, *args, check: bool = False, **options) -> None:
        schema = generate()
        if check:
            if not SCHEMA.exists() or SCHEMA.read_text() != schema:
                raise CommandError(f"{SCHEMA} is verouderd: draai `manage.py overbrenging_schema`.")
            return
        SCHEMA.write_text(schema)
        self.stdout.write(f"wrote {SCHEMA}")
