"""`manage.py demo`: the whole life of two records on demo data, against the configured database.

A published catalogue; a melding (vernietigen after 5 years, closed in 2010) and an
omgevingsvergunning (blijvend bewaren, closed last month), each with definitive public
documents that a publicatieregel publishes at once into the DiWoo sitemap; the archive
indexes and archives both; a vernietigingslijst reviewed by the four roles (record manager,
reviewer, co-reviewer, archivist) destroys the melding and leaves its verklaring; an early
transfer delivers the omgevingsvergunning to a local e-Depot folder, is validated, accepted,
and leaves its verklaring. Then it prints where to look.

Everything outside the archive goes through the APIs (Catalogi, Zaken, Documenten,
Publicaties), as any client would. Celery tasks run in this process, whatever the broker,
so the demo does not wait for a worker. The waiting period before destruction is set to
zero for the demo's own list, and said so.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test import override_settings
from django.utils import timezone

from common.clients import APIClient, http_client

from ... import archivering, index, services, vernietiging
from ...overbrenging import services as overbrenging_services
from ...overbrenging.models import Archiefinstelling, Overbrengingsafspraak
from ...overbrenging.tasks import overbrenging_stap_vergrendeld
from ...overbrenging.validation import validate_package

RSIN = "002220647"
DOMEIN = "LEVEN"
PROCESTYPE_15 = "procestypen/388645ae-bb7f-4b2b-ba70-94b70f713d45"  # Onderhouden en repareren
VERNIETIGEN_P5Y = "resultaten/d8b21822-3ff1-4414-b17b-cbfd662b40d8"  # 15.1, vernietigen na 5 jaar
BLIJVEND = "resultaten/a2807664-dd89-48cd-b3ae-b3b67246900c"  # 15.1.2, blijvend bewaren
ROLLEN = {
    "recordmanager": "Recordmanager",
    "beoordelaar": "Beoordelaar",
    "medebeoordelaar": "Medebeoordelaar",
    "archivaris": "Archivaris",
}


class Command(BaseCommand):
    help = "Run the life of two records on demo data (publish, close, destroy, transfer early) and say where to look."

    def handle(self, *args, **options):
        from config.celery import app as celery_app

        # What bin/run sets up, in case the demo runs first: idempotent, their output not this one's.
        for command in (("load_demo_data",), ("openbaarmaking_abonneren",), ("archief", "inrichten")):
            call_command(*command, stdout=io.StringIO())
        eager = celery_app.conf.task_always_eager
        celery_app.conf.task_always_eager = True
        try:
            self.stappen = 0
            self._leven()
        finally:
            celery_app.conf.task_always_eager = eager

    def stap(self, tekst: str) -> None:
        self.stappen += 1
        self.stdout.write(f"{self.stappen:>2}. {tekst}")

    def _leven(self) -> None:
        self.catalogi = APIClient(settings.CATALOGI_API_ROOT)
        self.zaken = APIClient(settings.ZAKEN_API_ROOT)
        self.documenten = APIClient(settings.DOCUMENTEN_API_ROOT)
        self.publicaties = APIClient(settings.OPENBAARMAKING_API_ROOT)
        mensen = self._mensen()
        catalogus = self._catalogus()
        besluit = self._informatieobjecttype(catalogus, "Besluit")
        melding = self._zaaktype(catalogus, besluit, "DEMO-MELDING", "Melding openbare ruimte", VERNIETIGEN_P5Y)
        vergunning = self._zaaktype(catalogus, besluit, "DEMO-VERGUNNING", "Omgevingsvergunning monument", BLIJVEND)
        self.stap(f"catalogus gepubliceerd: zaaktypen {melding['omschrijving']!r} en {vergunning['omschrijving']!r}")
        self._publicatieregel(besluit)
        self.stap("publicatieregel: definitieve openbare besluiten worden meteen gepubliceerd (categorie 16)")

        vandaag = timezone.localdate()
        a = self._zaak(melding, besluit, "Losse stoeptegel Kerkstraat", dt.date(2010, 1, 4), dt.date(2010, 3, 1))
        b = self._zaak(
            vergunning, besluit, "Verbouwing monument Dorpsstraat 1", vandaag - dt.timedelta(days=70), vandaag
        )
        for zaak in (a, b):
            self.stap(
                f"zaak {zaak['identificatie']} afgesloten op {zaak['einddatum']}: {zaak['archiefnominatie']}, "
                f"archiefactiedatum {zaak['archiefactiedatum']}"
            )

        gepubliceerd = [
            p for p in self.publicaties.list("publicaties", {"status": "gepubliceerd"}) if p["bronDocument"]
        ]
        with http_client(settings.SITE_URL) as web:
            robots = web.get(f"{settings.SITE_URL}/robots.txt").text
        sitemaps = [line.split(" ", 1)[1] for line in robots.splitlines() if line.startswith("Sitemap:")]
        if not sitemaps:
            raise CommandError("De publicaties staan niet in de sitemap: /robots.txt noemt geen sitemap.")
        self.stap(f"{len(gepubliceerd)} documenten gepubliceerd, in de DiWoo-sitemap {sitemaps[0]}")

        index.index_resync()
        ronde = archivering.zaken_archiveren()
        niet = {url: reden for url, reden in ronde.geblokkeerd.items() if url in (a["url"], b["url"])}
        if niet:
            raise CommandError(f"Niet gearchiveerd: {niet}")
        self.stap("het archief indexeerde en archiveerde beide zaken (archiefstatus gearchiveerd)")

        lijst = self._vernietigen(a, mensen)
        self.stap(
            f"vernietigingslijst {lijst.naam!r} beoordeeld door recordmanager, beoordelaar, medebeoordelaar en "
            f"archivaris, uitgevoerd: {lijst.get_status_display()}, verklaring {lijst.verklaring}"
        )
        ingetrokken = list(self.publicaties.list("publicaties", {"status": "ingetrokken"}))
        self.stap(f"{len(ingetrokken)} publicaties van de vernietigde documenten ingetrokken (uit de sitemap)")
        overbrenging, map_ = self._overbrengen(b, vergunning, mensen)
        self.stap(
            f"vervroegde overbrenging {overbrenging.naam!r} afgeleverd in {map_}, gevalideerd, geaccepteerd: "
            f"{overbrenging.get_status_display()}, verklaring {overbrenging.verklaring}"
        )
        self._waar_te_kijken(lijst, overbrenging, map_, sitemaps[0], mensen)

    # --- people and catalogue --------------------------------------------------------------

    def _mensen(self) -> dict[str, tuple[User, str]]:
        """One user per role, member of its group, with a password generated once and kept under
        VAR_DIR (no password from the repository grants access), printed each run."""
        pad = Path(settings.VAR_DIR) / "demo-wachtwoorden.json"
        wachtwoorden = json.loads(pad.read_text()) if pad.exists() else {}
        mensen = {}
        for username, groep in ROLLEN.items():
            wachtwoord = wachtwoorden.setdefault(username, secrets.token_urlsafe(12))
            user, _ = User.objects.get_or_create(username=username, defaults={"is_staff": True})
            user.is_staff = True
            user.set_password(wachtwoord)
            user.save()
            user.groups.add(Group.objects.get(name=groep))
            mensen[username] = (user, wachtwoord)
        pad.write_text(json.dumps(wachtwoorden))
        pad.chmod(0o600)
        return mensen

    def _catalogus(self) -> str:
        found = next(iter(self.catalogi.list("catalogussen", {"domein": DOMEIN, "rsin": RSIN})), None)
        if found:
            return found["url"]
        return self.catalogi.create(
            "catalogussen",
            {
                "domein": DOMEIN,
                "rsin": RSIN,
                "naam": "Demo: de levensloop",
                "versie": "1",
                "begindatumVersie": "2000-01-01",
                "contactpersoonBeheerNaam": "Team Informatiebeheer",
            },
        )["url"]

    def _informatieobjecttype(self, catalogus: str, omschrijving: str) -> str:
        params = {"catalogus": catalogus, "omschrijving": omschrijving, "status": "alles"}
        found = next(iter(self.catalogi.list("informatieobjecttypen", params)), None)
        if found is None:
            found = self.catalogi.create(
                "informatieobjecttypen",
                {
                    "catalogus": catalogus,
                    "omschrijving": omschrijving,
                    "vertrouwelijkheidaanduiding": "openbaar",
                    "informatieobjectcategorie": omschrijving,
                    "beginGeldigheid": "2000-01-01",
                },
            )
        if found["concept"]:
            self.catalogi.request("POST", found["url"] + "/publish").raise_for_status()
        return found["url"]

    def _zaaktype(self, catalogus: str, iotype: str, identificatie: str, omschrijving: str, resultaat: str) -> dict:
        params = {"catalogus": catalogus, "identificatie": identificatie}
        found = next(iter(self.catalogi.list("zaaktypen", params)), None)
        if found:
            return found
        for half in self.catalogi.list("zaaktypen", {**params, "status": "concept"}):
            self.catalogi.delete(half["url"])
        selectielijst = settings.SELECTIELIJST_API_ROOT
        zaaktype = self.catalogi.create(
            "zaaktypen",
            {
                "identificatie": identificatie,
                "omschrijving": omschrijving,
                "vertrouwelijkheidaanduiding": "openbaar",
                "doel": omschrijving,
                "aanleiding": "Een melding of aanvraag.",
                "indicatieInternOfExtern": "extern",
                "handelingInitiator": "Aanvragen",
                "onderwerp": omschrijving,
                "handelingBehandelaar": "Behandelen",
                "doorlooptijd": "P56D",
                "opschortingEnAanhoudingMogelijk": False,
                "verlengingMogelijk": False,
                "publicatieIndicatie": False,
                "productenOfDiensten": [],
                "selectielijstProcestype": selectielijst + PROCESTYPE_15,
                "referentieproces": {"naam": omschrijving},
                "verantwoordelijke": "Team Openbare Ruimte",
                "catalogus": catalogus,
                "besluittypen": [],
                "gerelateerdeZaaktypen": [],
                "beginGeldigheid": "2000-01-01",
                "versiedatum": "2000-01-01",
            },
        )
        for volgnummer, naam in ((1, "Ontvangen"), (2, "Afgerond")):
            self.catalogi.create(
                "statustypen", {"zaaktype": zaaktype["url"], "omschrijving": naam, "volgnummer": volgnummer}
            )
        self.catalogi.create(
            "roltypen",
            {"zaaktype": zaaktype["url"], "omschrijving": "Behandelaar", "omschrijvingGeneriek": "behandelaar"},
        )
        with APIClient(selectielijst) as client:
            omschrijvingen = {o["omschrijving"]: o["url"] for o in client.list("resultaattypeomschrijvingen")}
        self.catalogi.create(
            "resultaattypen",
            {
                "zaaktype": zaaktype["url"],
                "omschrijving": "Afgehandeld",
                "resultaattypeomschrijving": omschrijvingen["Toegekend"],
                "selectielijstklasse": selectielijst + resultaat,
                "brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld"},
                # the Selectielijst gives blijvend bewaren no term; to be archived the zaak needs
                # an archiefactiedatum, so the catalogue sets the legal transfer term
                **(
                    {"archiefactietermijn": f"P{settings.ARCHIEF_OVERBRENGINGSTERMIJN}Y"}
                    if resultaat == BLIJVEND
                    else {}
                ),
            },
        )
        self.catalogi.create(
            "zaaktype-informatieobjecttypen",
            {"zaaktype": zaaktype["url"], "informatieobjecttype": iotype, "volgnummer": 1, "richting": "uitgaand"},
        )
        self.catalogi.request("POST", zaaktype["url"] + "/publish").raise_for_status()
        return self.catalogi.retrieve(zaaktype["url"])

    def _publicatieregel(self, iotype: str) -> None:
        if any(r["informatieobjecttype"] == iotype for r in self.publicaties.list("publicatieregels")):
            return
        categorie = next(c for c in self.publicaties.list("informatiecategorieen") if c["nummer"] == 16)
        self.publicaties.create(
            "publicatieregels",
            {"informatieobjecttype": iotype, "informatiecategorie": categorie["url"], "automatischPubliceren": True},
        )

    # --- the records -----------------------------------------------------------------------

    def _zaak(self, zaaktype: dict, iotype: str, omschrijving: str, start: dt.date, eind: dt.date) -> dict:
        zaak = self.zaken.create(
            "zaken",
            {
                "zaaktype": zaaktype["url"],
                "bronorganisatie": RSIN,
                "verantwoordelijkeOrganisatie": RSIN,
                "omschrijving": omschrijving,
                "startdatum": start.isoformat(),
            },
        )
        for titel in ("Aanvraag", "Besluit"):
            tekst = f"{titel}: {omschrijving}\n".encode()
            document = self.documenten.create(
                "enkelvoudiginformatieobjecten",
                {
                    "bronorganisatie": RSIN,
                    "creatiedatum": (start + dt.timedelta(days=1)).isoformat(),
                    "titel": f"{titel} {omschrijving}",
                    "auteur": "Team Openbare Ruimte",
                    "taal": "dut",
                    "status": "definitief",
                    "indicatieGebruiksrecht": False,
                    "vertrouwelijkheidaanduiding": "openbaar",
                    "formaat": "text/plain",
                    "bestandsnaam": f"{titel.lower()}.txt",
                    "inhoud": base64.b64encode(tekst).decode(),
                    "informatieobjecttype": iotype,
                },
            )
            self.zaken.create("zaakinformatieobjecten", {"zaak": zaak["url"], "informatieobject": document["url"]})
        resultaattype = next(self.catalogi.list("resultaattypen", {"zaaktype": zaaktype["url"]}))
        self.zaken.create("resultaten", {"zaak": zaak["url"], "resultaattype": resultaattype["url"]})
        statustypen = list(self.catalogi.list("statustypen", {"zaaktype": zaaktype["url"]}))
        eindstatus = max(statustypen, key=lambda s: s["volgnummer"])
        self.zaken.create(
            "statussen",
            {"zaak": zaak["url"], "statustype": eindstatus["url"], "datumStatusGezet": f"{eind}T10:00:00Z"},
        )
        return self.zaken.retrieve(zaak["url"])

    def _vernietigen(self, zaak: dict, mensen: dict):
        rm, beoordelaar, mede, archivaris = (mensen[n][0] for n in ROLLEN)
        lijst = services.vernietigingslijst_create(
            naam=f"Demo: meldingen 2010 ({zaak['identificatie']})",
            zaken=[zaak["url"]],
            auteur=rm,
            beoordelaar=beoordelaar,
            archivaris=archivaris,
            medebeoordelaars=[mede],
        )
        services.vernietigingslijst_indienen(lijst, gebruiker=rm)
        services.vernietigingslijst_beoordelen(lijst, gebruiker=beoordelaar, akkoord=True)
        services.vernietigingslijst_beoordelen(lijst, gebruiker=mede, akkoord=True)
        services.vernietigingslijst_aanbieden(lijst, gebruiker=rm)
        with override_settings(ARCHIEF_VERNIETIGING_WACHTTIJD=0):
            services.vernietigingslijst_vaststellen(
                lijst, gebruiker=archivaris, akkoord=True, toelichting="Demo: zonder wachttijd."
            )
        vernietiging.vernietigingslijst_uitvoeren(lijst)
        lijst.refresh_from_db()
        if lijst.status != "vernietigd":
            raise CommandError(
                f"De vernietigingslijst is niet uitgevoerd: {vernietiging.waarom_niet_uitgevoerd(lijst)}"
            )
        return lijst

    def _overbrengen(self, zaak: dict, zaaktype: dict, mensen: dict):
        rm, archivaris = mensen["recordmanager"][0], mensen["archivaris"][0]
        map_ = Path(settings.OVERBRENGING_LOCAL_ROOT) / f"demo-{timezone.now():%Y%m%d-%H%M%S}"
        instelling, _ = Archiefinstelling.objects.get_or_create(
            naam="Regionaal Archief (demo)", defaults={"contact": "edepot@archief.example"}
        )
        afspraak = Overbrengingsafspraak.objects.create(
            archiefinstelling=instelling,
            naam=f"Demo: vervroegde overbrenging {zaak['identificatie']}",
            archiefvormer_naam="Gemeente Voorbeeld",
            archiefvormer_identificatie="https://organisaties.overheid.nl/00000/Gemeente_Voorbeeld",
            identificatiebron="Levensloop",
            contact="archief@voorbeeld.example",
            doel_locatie=str(map_),
            container_vorm="tar",
            vervroegd_toegestaan=True,
            vervroegd_zaaktypen=[zaaktype["url"]],
            beperking_grond="Eerbiediging persoonlijke levenssfeer (art. 15 lid 1 sub a Archiefwet 1995)",
            beperking_code="AW1995-15-1a",
            beperking_jaren=75,
        )
        overbrenging = overbrenging_services.overbrenging_create(afspraak=afspraak, zaken=[zaak["url"]], door=rm)
        overbrenging_services.overbrenging_approve(overbrenging=overbrenging, door=archivaris)
        while overbrenging_stap_vergrendeld(overbrenging.pk):
            pass
        report = validate_package(map_)
        if not report.ok:
            raise CommandError("Het SIP is niet geldig:\n" + "\n".join(str(v) for v in report.violations))
        overbrenging_services.overbrenging_beoordelen(
            overbrenging=overbrenging, uitslagen=[{"zaak": zaak["url"], "geaccepteerd": True}], door=archivaris
        )
        while overbrenging_stap_vergrendeld(overbrenging.pk):
            pass
        overbrenging.refresh_from_db()
        if overbrenging.status != "afgerond":
            raise CommandError(f"De overbrenging is niet afgerond: {overbrenging.status} {overbrenging.fout}")
        return overbrenging, map_

    def _waar_te_kijken(self, lijst, overbrenging, map_: Path, sitemap: str, mensen: dict) -> None:
        site = settings.SITE_URL
        regels = [
            "",
            "Waar te kijken:",
            f"  Admin:                 {site}/admin/  (beheerder: zie de uitvoer van bin/run of load_demo_data)",
            *(f"    als {naam:<16} wachtwoord {wachtwoord}" for naam, (_, wachtwoord) in mensen.items()),
            f"  Archiefindex:          {site}/admin/archief/indexzaak/",
            f"  Vernietigingslijst:    {site}/admin/archief/vernietigingslijst/{lijst.pk}/change/",
            f"  Overbrenging:          {site}/admin/overbrenging/overbrenging/{overbrenging.pk}/change/",
            f"  Publicaties:           {site}/admin/openbaarmaking/publicatie/",
            f"  robots.txt en sitemap: {settings.PUBLIC_BASE_URL}/robots.txt  ->  {sitemap}",
            f"  Het SIP (e-Depot):     {map_}",
            f"  Dashboard en grafiek:  {site}/admin/archief/indexzaak/dashboard/",
        ]
        self.stdout.write("\n".join(regels))
