from django.core.management.base import BaseCommand, CommandError

from common.contracts import contract_files, contract_generate


class Command(BaseCommand):
    help = "Generate every API's OpenAPI schema into its app's openapi/ folder (--check: only compare)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Fail when a committed schema is outdated.")

    def handle(self, *args, **options):
        outdated = []
        for url_path, target in contract_files():
            schema = contract_generate(url_path)
            current = target.read_text() if target.exists() else None
            if current == schema:
                continue
            if options["check"]:
                outdated.append(str(target))
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(schema)
            self.stdout.write(f"wrote {target}")
        if outdated:
            raise CommandError("Outdated schemas (run `manage.py generate_schemas`): " + ", ".join(outdated))
