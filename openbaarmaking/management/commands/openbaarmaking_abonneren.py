from django.core.management.base import BaseCommand

from openbaarmaking.services import abonnement_vernieuwen


class Command(BaseCommand):
    help = (
        "Subscribe openbaarmaking's webhook to kanaal `documenten` of this deployment's notifications "
        "(run at deploy; Celery beat renews its token)."
    )

    def handle(self, *args, **options):
        abonnement = abonnement_vernieuwen()
        self.stdout.write(f"abonnement {abonnement.label}: {abonnement.callback_url} (kanaal documenten)")
