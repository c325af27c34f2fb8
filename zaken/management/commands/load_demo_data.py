"""Demo data for the embedded system: an admin, an API client, and a published zaaktype.

The catalogue is created through the Catalogi API contract, like any client would, so
its archiving rules apply: each resultaattype is tied to a resultaat of the Selectielijst
2020 (procestype 1, "Instellen en inrichten organisatie") and the zaaktype is published.
Running it again changes nothing and prints the same credentials.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from common.clients import APIClient
from common.services import api_client_create_or_update

DEMO_DOMEIN = "DEMO"
RSIN = "002220647"
PROCESTYPE = "b594c8d1-ea6a-4bcd-a6aa-2c7a8ad3fe5b"
# (omschrijving, selectielijst resultaat uuid, generic resultaattypeomschrijving)
RESULTAATTYPEN = [
    ("Ingericht", "6711baff-798b-4c7f-9133-8ad02c8b7c6f", "Toegekend"),
    ("Ingesteld", "37cf8679-7fe1-4cd1-87e9-c6891cef1e32", "Toegekend"),
    ("Niet doorgegaan", "dd0d2c5c-3e09-4426-8516-4d848a069dd0", "Ingetrokken"),
    ("Afgebroken", "cd66cac1-3a44-4d96-a07e-27181ca8f4ca", "Afgewezen"),
]


def _remembered_secret(name: str, environment_variable: str) -> str:
    """A secret from the environment, or one generated once and kept under VAR_DIR."""
    import os

    if os.environ.get(environment_variable):
        return os.environ[environment_variable]
    path = Path(settings.VAR_DIR) / name
    if not path.exists():
        path.write_text(secrets.token_urlsafe(32))
        path.chmod(0o600)
    return path.read_text().strip()


class Command(BaseCommand):
    help = "Load the demo data (admin, API client, a published zaaktype) and print how to log in."

    def handle(self, *args, **options):
        password = _remembered_secret("admin-password", "ADMIN_PASSWORD")
        user_model = get_user_model()
        admin = user_model.objects.filter(username="admin").first()
        if admin is None:
            user_model.objects.create_superuser("admin", "admin@example.org", password)
        client_secret = _remembered_secret("demo-client-secret", "DEMO_CLIENT_SECRET")
        api_client_create_or_update(client_id="demo", secret=client_secret, alle_autorisaties=True, label="Demo")

        with APIClient(settings.CATALOGI_API_ROOT) as catalogi:
            zaaktype = self._catalogue(catalogi)

        site = settings.SITE_URL
        self.stdout.write(
            "\n".join(
                [
                    "",
                    "Levensloop is ready.",
                    f"  Admin:        {site}/admin/  (user admin, password {password})",
                    f"  API client:   client_id demo, secret {client_secret} (JWT-ZGW, HS256)",
                    f"  Demo zaaktype: {zaaktype}",
                    "  API docs:",
                    *[
                        f"    {name:<14} {getattr(settings, setting)}schema/"
                        for name, setting in (
                            ("Catalogi", "CATALOGI_API_ROOT"),
                            ("Zaken", "ZAKEN_API_ROOT"),
                            ("Besluiten", "BESLUITEN_API_ROOT"),
                            ("Documenten", "DOCUMENTEN_API_ROOT"),
                            ("Archiefbeheer", "ARCHIEF_API_ROOT"),
                            ("Publicaties", "OPENBAARMAKING_API_ROOT"),
                            ("Selectielijst", "SELECTIELIJST_API_ROOT"),
                            ("Autorisaties", "AUTORISATIES_API_ROOT"),
                        )
                    ],
                    "",
                ]
            )
        )

    def _catalogue(self, catalogi: APIClient) -> str:
        existing = list(catalogi.list("catalogussen", {"domein": DEMO_DOMEIN, "rsin": RSIN}))
        if existing and existing[0]["zaaktypen"]:
            return existing[0]["zaaktypen"][0]
        catalogus = (
            existing[0]
            if existing
            else catalogi.create(
                "catalogussen",
                {
                    "domein": DEMO_DOMEIN,
                    "rsin": RSIN,
                    "contactpersoonBeheerNaam": "Team Informatiebeheer",
                    "contactpersoonBeheerEmailadres": "informatiebeheer@example.org",
                    "naam": "Demo-catalogus",
                    "versie": "1",
                    "begindatumVersie": "2026-01-01",
                },
            )
        )
        selectielijst = settings.SELECTIELIJST_API_ROOT
        zaaktype = catalogi.create(
            "zaaktypen",
            {
                "identificatie": "DEMO-ORG-001",
                "omschrijving": "Instellen organisatieonderdeel",
                "vertrouwelijkheidaanduiding": "openbaar",
                "doel": "Een nieuw organisatieonderdeel instellen en inrichten.",
                "aanleiding": "Besluit tot reorganisatie.",
                "indicatieInternOfExtern": "intern",
                "handelingInitiator": "Voorstellen",
                "onderwerp": "Organisatieonderdeel",
                "handelingBehandelaar": "Inrichten",
                "doorlooptijd": "P90D",
                "opschortingEnAanhoudingMogelijk": False,
                "verlengingMogelijk": False,
                "publicatieIndicatie": False,
                "productenOfDiensten": [],
                "selectielijstProcestype": f"{selectielijst}procestypen/{PROCESTYPE}",
                "referentieproces": {"naam": "Instellen en inrichten organisatie"},
                "verantwoordelijke": "Gemeentesecretaris",
                "catalogus": catalogus["url"],
                "besluittypen": [],
                "gerelateerdeZaaktypen": [],
                "beginGeldigheid": "2026-01-01",
                "versiedatum": "2026-01-01",
            },
        )
        for volgnummer, omschrijving in ((1, "Ontvangen"), (2, "In behandeling"), (3, "Afgerond")):
            catalogi.create(
                "statustypen",
                {"zaaktype": zaaktype["url"], "omschrijving": omschrijving, "volgnummer": volgnummer},
            )
        catalogi.create(
            "roltypen",
            {"zaaktype": zaaktype["url"], "omschrijving": "Behandelaar", "omschrijvingGeneriek": "behandelaar"},
        )
        omschrijvingen = {
            o["omschrijving"]: o["url"] for o in APIClient(selectielijst).list("resultaattypeomschrijvingen")
        }
        for omschrijving, resultaat, generiek in RESULTAATTYPEN:
            catalogi.create(
                "resultaattypen",
                {
                    "zaaktype": zaaktype["url"],
                    "omschrijving": omschrijving,
                    "resultaattypeomschrijving": omschrijvingen[generiek],
                    "selectielijstklasse": f"{selectielijst}resultaten/{resultaat}",
                    "brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld"},
                },
            )
        catalogi.request("POST", f"{zaaktype['url']}/publish").raise_for_status()
        return zaaktype["url"]
