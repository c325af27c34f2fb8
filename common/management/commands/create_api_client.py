from django.core.management.base import BaseCommand

from common.services import api_client_create_or_update


class Command(BaseCommand):
    help = "Create or update an API client with this secret; --all grants every autorisatie."

    def add_arguments(self, parser):
        parser.add_argument("client_id")
        parser.add_argument("secret")
        parser.add_argument("--all", action="store_true", help="Grant all autorisaties.")
        parser.add_argument("--label", default="", help="Readable name of the applicatie.")

    def handle(self, *args, **options):
        applicatie = api_client_create_or_update(
            client_id=options["client_id"],
            secret=options["secret"],
            alle_autorisaties=options["all"],
            label=options["label"],
        )
        scope = "all autorisaties" if applicatie.heeft_alle_autorisaties else "no autorisaties yet"
        self.stdout.write(f"API client {options['client_id']} ready ({scope}).")
