"""A permanent case's whole path to the e-Depot, in-process, through the real providers:
catalogue → case with documents → close → archive → early transfer to a local directory →
the package passes validate_sip → the archive accepts it through the Archiefbeheer API →
the case is `overgedragen` and the verklaring van overbrenging is a document.

Every call between the apps goes through their HTTP contracts (the root conftest checks every
response against the provider's committed schema); no stand-in provider is used here.
"""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import TestCase
from lxml import etree

from archief import archivering, index
from archief.overbrenging import services
from archief.overbrenging.models import Archiefinstelling, ItemStatus, Overbrengingsafspraak, Status
from archief.overbrenging.tasks import overbrenging_stap_vergrendeld
from archief.overbrenging.tests.rollen import persoon
from archief.overbrenging.validation import validate_package
from common.auth import jwt_encode
from common.clients import APIClient

pytestmark = [
    pytest.mark.django_db(transaction=True),  # providers answer on their own connection
]

RSIN = "002220647"
SELECTIELIJST = "http://localhost:8000/selectielijst/api/v1/"
# Procestype 15 of the VNG Selectielijst 2020 and its resultaat 15.1.2, kept permanently.
PROCESTYPE_15 = f"{SELECTIELIJST}procestypen/388645ae-bb7f-4b2b-ba70-94b70f713d45"
BLIJVEND = f"{SELECTIELIJST}resultaten/a2807664-dd89-48cd-b3ae-b3b67246900c"
# Closed two years ago: younger than the 20-year term, so only an early transfer may take it.
AFGEHANDELD = dt.date.today().replace(month=1, day=15) - dt.timedelta(days=730)


def _publish(catalogi: APIClient, url: str) -> dict:
    published = catalogi.request("POST", url + "/publish")
    assert published.status_code == 200, published.json().get("invalidParams")
    return catalogi.retrieve(url)


def _iotype(catalogi: APIClient, catalogus: dict, omschrijving: str) -> dict:
    iotype = catalogi.create(
        "informatieobjecttypen",
        {
            "catalogus": catalogus["url"],
            "omschrijving": omschrijving,
            "vertrouwelijkheidaanduiding": "openbaar",
            "informatieobjectcategorie": omschrijving,
            "beginGeldigheid": "2000-01-01",
        },
    )
    return _publish(catalogi, iotype["url"])


@pytest.fixture
def catalogue() -> dict:
    """A published zaaktype whose one resultaattype is blijvend bewaren (Selectielijst 2020, 15.1.2)."""
    with APIClient(settings.CATALOGI_API_ROOT) as catalogi:
        catalogus = catalogi.create(
            "catalogussen",
            {
                "domein": "OVERB",
                "rsin": RSIN,
                "contactpersoonBeheerNaam": "Ada Archivaris",
                "naam": "Vergunningen",
                "versie": "1",
                "begindatumVersie": "2000-01-01",
            },
        )
        besluit = _iotype(catalogi, catalogus, "Besluit")
        verklaring = _iotype(catalogi, catalogus, "Verklaring van overbrenging")
        zaaktype = catalogi.create(
            "zaaktypen",
            {
                "identificatie": "OMGVERG",
                "omschrijving": "Omgevingsvergunning verlenen",
                "vertrouwelijkheidaanduiding": "openbaar",
                "doel": "Omgevingsvergunningen verlenen.",
                "aanleiding": "Een aanvraag.",
                "indicatieInternOfExtern": "extern",
                "handelingInitiator": "aanvragen",
                "onderwerp": "Omgevingsvergunning",
                "handelingBehandelaar": "behandelen",
                "doorlooptijd": "P8W",
                "opschortingEnAanhoudingMogelijk": False,
                "verlengingMogelijk": False,
                "publicatieIndicatie": False,
                "productenOfDiensten": [],
                "selectielijstProcestype": PROCESTYPE_15,
                "referentieproces": {"naam": "Vergunning verlenen"},
                "verantwoordelijke": "Team Vergunningen",
                "catalogus": catalogus["url"],
                "besluittypen": [],
                "gerelateerdeZaaktypen": [],
                "beginGeldigheid": "2000-01-01",
                "versiedatum": "2000-01-01",
            },
        )
        for volgnummer, naam in ((1, "Ontvangen"), (2, "Afgerond")):
            catalogi.create(
                "statustypen", {"zaaktype": zaaktype["url"], "omschrijving": naam, "volgnummer": volgnummer}
            )
        catalogi.create(
            "roltypen",
            {"zaaktype": zaaktype["url"], "omschrijving": "Behandelaar", "omschrijvingGeneriek": "behandelaar"},
        )
        omschrijvingen = {
            o["omschrijving"]: o["url"] for o in APIClient(SELECTIELIJST).list("resultaattypeomschrijvingen")
        }
        catalogi.create(
            "resultaattypen",
            {
                "zaaktype": zaaktype["url"],
                "omschrijving": "Verleend",
                "resultaattypeomschrijving": omschrijvingen["Toegekend"],
                "selectielijstklasse": BLIJVEND,
                # the Selectielijst gives blijvend bewaren no term; the Zaken API needs an
                # archiefactiedatum to archive, so the catalogue sets the transfer term
                "archiefactietermijn": "P20Y",
                "brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld"},
            },
        )
        catalogi.create(
            "zaaktype-informatieobjecttypen",
            {
                "zaaktype": zaaktype["url"],
                "informatieobjecttype": besluit["url"],
                "volgnummer": 1,
                "richting": "uitgaand",
            },
        )
        zaaktype = _publish(catalogi, zaaktype["url"])
    assert not zaaktype["concept"]
    return {"zaaktype": zaaktype, "besluit": besluit, "verklaring": verklaring}


@pytest.fixture
def afspraak(tmp_path, catalogue, settings) -> Overbrengingsafspraak:
    """An agreement that allows early transfer of this zaaktype, delivering to a local directory."""
    settings.OVERBRENGING_LOCAL_ROOT = tmp_path
    instelling = Archiefinstelling.objects.create(naam="Regionaal Archief Voorbeeld", contact="edepot@ra.example")
    return Overbrengingsafspraak.objects.create(
        archiefinstelling=instelling,
        naam="Overbrenging Gemeente Voorbeeld",
        archiefvormer_naam="Gemeente Voorbeeld",
        archiefvormer_identificatie="https://organisaties.overheid.nl/00000/Gemeente_Voorbeeld",
        identificatiebron="Gemeente Voorbeeld zaaksysteem",
        contact="archief@voorbeeld.nl",
        doel_locatie=str(tmp_path / "edepot"),
        container_vorm="tar",
        vervroegd_toegestaan=True,
        vervroegd_zaaktypen=[catalogue["zaaktype"]["url"]],
        beperking_grond="Eerbiediging persoonlijke levenssfeer (art. 15 lid 1 sub a Archiefwet 1995)",
        beperking_code="AW1995-15-1a",
        beperking_jaren=75,
    )


def test_catalogue_case_close_archive_transfer_accept(catalogue, afspraak, tmp_path, settings):
    settings.TRANSFER_WORK_DIR = tmp_path / "werk"
    # The verklaring's type is one the operator names (an existing type of the organisation's
    # catalogue); the bronorganisatie is that of the zaken, unset.
    settings.TRANSFER_VERKLARING_INFORMATIEOBJECTTYPE = catalogue["verklaring"]["url"]
    zaken = APIClient(settings.ZAKEN_API_ROOT)
    documenten = APIClient(settings.DOCUMENTEN_API_ROOT)
    catalogi = APIClient(settings.CATALOGI_API_ROOT)
    archief = APIClient(settings.ARCHIEF_API_ROOT)
    zaaktype = catalogue["zaaktype"]

    # a case with two documents
    zaak = zaken.create(
        "zaken",
        {
            "zaaktype": zaaktype["url"],
            "bronorganisatie": RSIN,
            "verantwoordelijkeOrganisatie": RSIN,
            "omschrijving": "Verbouwing Dorpsstraat 1",
            "startdatum": (AFGEHANDELD - dt.timedelta(days=40)).isoformat(),
        },
    )
    documents = {}
    for titel in ("Aanvraag", "Besluit"):
        inhoud = f"{titel} omgevingsvergunning Dorpsstraat 1\n".encode() * 50
        document = documenten.create(
            "enkelvoudiginformatieobjecten",
            {
                "bronorganisatie": RSIN,
                "creatiedatum": (AFGEHANDELD - dt.timedelta(days=30)).isoformat(),
                "titel": titel,
                "auteur": "Ada",
                "taal": "dut",
                "status": "definitief",
                "indicatieGebruiksrecht": False,
                "vertrouwelijkheidaanduiding": "openbaar",
                "formaat": "text/plain",
                "bestandsnaam": f"{titel}.txt",
                "inhoud": base64.b64encode(inhoud).decode(),
                "informatieobjecttype": catalogue["besluit"]["url"],
            },
        )
        zaken.create("zaakinformatieobjecten", {"zaak": zaak["url"], "informatieobject": document["url"]})
        documents[document["url"]] = inhoud

    # closing derives the archiving parameters from the resultaattype (blijvend bewaren)
    resultaattype = next(catalogi.list("resultaattypen", {"zaaktype": zaaktype["url"]}))
    zaken.create("resultaten", {"zaak": zaak["url"], "resultaattype": resultaattype["url"]})
    eind = max(catalogi.list("statustypen", {"zaaktype": zaaktype["url"]}), key=lambda s: s["volgnummer"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        zaken.create(
            "statussen",
            {"zaak": zaak["url"], "statustype": eind["url"], "datumStatusGezet": f"{AFGEHANDELD}T10:00:00Z"},
        )
    closed = zaken.retrieve(zaak["url"])
    assert (closed["einddatum"], closed["archiefnominatie"], closed["archiefactiedatum"]) == (
        AFGEHANDELD.isoformat(),
        "blijvend_bewaren",
        AFGEHANDELD.replace(year=AFGEHANDELD.year + 20).isoformat(),
    )

    # the archive archives it: documents gearchiveerd first, then the zaak
    index.index_resync()
    ronde = archivering.zaken_archiveren()
    assert ronde.gearchiveerd == [zaak["url"]], ronde.geblokkeerd
    assert zaken.retrieve(zaak["url"])["archiefstatus"] == "gearchiveerd"
    assert {documenten.retrieve(url)["status"] for url in documents} == {"gearchiveerd"}

    # an early transfer under the agreement, packaged and delivered to the local directory
    overbrenging = services.overbrenging_create(afspraak=afspraak, zaken=[zaak["url"]], door=persoon("Recordmanager"))
    assert overbrenging.vervroegd and overbrenging.items.get().vervroegd
    services.overbrenging_approve(overbrenging=overbrenging, door=persoon("Archivaris"))
    while overbrenging_stap_vergrendeld(overbrenging.pk):
        pass
    overbrenging.refresh_from_db()
    assert overbrenging.status == Status.geverifieerd, overbrenging.fout
    assert zaken.retrieve(zaak["url"])["archiefstatus"] == "gearchiveerd"  # not before the archive accepts

    edepot = Path(afspraak.doel_locatie)
    report = validate_package(edepot)
    assert report.ok, "\n".join(str(v) for v in report.violations)
    call_command("validate_sip", str(edepot), stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(p.suffix for p in edepot.iterdir()) == [".sha256", ".tar", ".xml"]

    # the archive accepts through the Archiefbeheer API
    url = f"{settings.ARCHIEF_API_ROOT}overbrengingen/{overbrenging.uuid}/uitslag"
    namens_archivaris = {
        "Authorization": f"Bearer {jwt_encode(archief.client_id, archief.secret, user_id='archivaris')}"
    }
    response = archief.request(
        "POST", url, json={"uitslagen": [{"zaak": zaak["url"], "geaccepteerd": True}]}, headers=namens_archivaris
    )
    assert response.status_code == 200, response.text
    while overbrenging_stap_vergrendeld(overbrenging.pk):
        pass
    overbrenging.refresh_from_db()
    assert overbrenging.status == Status.afgerond, overbrenging.fout
    assert [g.naar for g in overbrenging.gebeurtenissen.all()][-2:] == ["geaccepteerd", "afgerond"]
    assert overbrenging.items.get().status == ItemStatus.overgedragen

    # the case is overgedragen in the Zaken API, the verklaring a document in the Documenten API
    assert zaken.retrieve(zaak["url"])["archiefstatus"] == "overgedragen"
    verklaring = documenten.retrieve(overbrenging.verklaring)
    assert verklaring["informatieobjecttype"] == catalogue["verklaring"]["url"]
    assert verklaring["bronorganisatie"] == RSIN
    assert verklaring["titel"] == f"Verklaring van overbrenging {overbrenging.naam}"
    content = documenten.request("GET", verklaring["inhoud"], headers={"Accept": "*/*"}).content
    listed = etree.fromstring(content).findall("overgebrachteStukken/zaak")
    assert [z.get("identificatie") for z in listed] == [closed["identificatie"]]
