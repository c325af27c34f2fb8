"""The whole life of a case, in-process, through the contracts only:
catalogue → case with documents → close → archive → destruction list → destroyed → verklaring stored.

Every call between the apps goes through their HTTP contracts (and every response is checked
against the provider's committed schema by the root conftest). It runs once the Zaken and
Documenten APIs are mounted beside the archive.
"""

from __future__ import annotations

import base64
import csv
import io

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.test import TestCase

from archief import archivering, index, services, vernietiging
from archief.inrichting import index_abonneren
from archief.models import IndexZaak
from common.clients import APIClient, ClientError

pytestmark = [
    pytest.mark.django_db(transaction=True),  # providers answer on their own connection
]

RSIN = "002220647"
SELECTIELIJST = "http://localhost:8000/selectielijst/api/v1/"
PROCESTYPE_15 = f"{SELECTIELIJST}procestypen/388645ae-bb7f-4b2b-ba70-94b70f713d45"
VERNIETIGEN_P5Y = f"{SELECTIELIJST}resultaten/d8b21822-3ff1-4414-b17b-cbfd662b40d8"  # 15.1, vernietigen, P5Y
BLIJVEND = f"{SELECTIELIJST}resultaten/a2807664-dd89-48cd-b3ae-b3b67246900c"  # 15.1.2, blijvend bewaren


def _zaaktype(catalogi: APIClient, catalogus: dict, iotype: dict, *, identificatie, omschrijving, resultaat) -> dict:
    zaaktype = catalogi.create(
        "zaaktypen",
        {
            "identificatie": identificatie,
            "omschrijving": omschrijving,
            "vertrouwelijkheidaanduiding": "openbaar",
            "doel": "Testen",
            "aanleiding": "Test",
            "indicatieInternOfExtern": "intern",
            "handelingInitiator": "melden",
            "onderwerp": "Test",
            "handelingBehandelaar": "behandelen",
            "doorlooptijd": "P30D",
            "opschortingEnAanhoudingMogelijk": False,
            "verlengingMogelijk": False,
            "publicatieIndicatie": False,
            "productenOfDiensten": [],
            "selectielijstProcestype": PROCESTYPE_15,
            "referentieproces": {"naam": "Test"},
            "verantwoordelijke": "Team Informatiebeheer",
            "catalogus": catalogus["url"],
            "besluittypen": [],
            "gerelateerdeZaaktypen": [],
            "beginGeldigheid": "2000-01-01",
            "versiedatum": "2000-01-01",
        },
    )
    for volgnummer, naam in ((1, "Ontvangen"), (2, "Afgerond")):
        catalogi.create("statustypen", {"zaaktype": zaaktype["url"], "omschrijving": naam, "volgnummer": volgnummer})
    catalogi.create(
        "roltypen",
        {"zaaktype": zaaktype["url"], "omschrijving": "Behandelaar", "omschrijvingGeneriek": "behandelaar"},
    )
    omschrijvingen = {o["omschrijving"]: o["url"] for o in APIClient(SELECTIELIJST).list("resultaattypeomschrijvingen")}
    catalogi.create(
        "resultaattypen",
        {
            "zaaktype": zaaktype["url"],
            "omschrijving": "Uitgevoerd",
            "resultaattypeomschrijving": omschrijvingen["Toegekend"],
            "selectielijstklasse": resultaat,
            "brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld"},
        },
    )
    catalogi.create(
        "zaaktype-informatieobjecttypen",
        {
            "zaaktype": zaaktype["url"],
            "informatieobjecttype": iotype["url"],
            "volgnummer": 1,
            "richting": "inkomend",
        },
    )
    published = catalogi.request("POST", zaaktype["url"] + "/publish")
    assert published.status_code == 200, published.json().get("invalidParams")
    return catalogi.retrieve(zaaktype["url"])


@pytest.fixture
def catalogue():
    with APIClient(settings.CATALOGI_API_ROOT) as catalogi:
        catalogus = catalogi.create(
            "catalogussen",
            {
                "domein": "ARCH",
                "rsin": RSIN,
                "contactpersoonBeheerNaam": "Ada Archivaris",
                "naam": "Archief",
                "versie": "1",
                "begindatumVersie": "2000-01-01",
            },
        )
        iotype = catalogi.create(
            "informatieobjecttypen",
            {
                "catalogus": catalogus["url"],
                "omschrijving": "Brief",
                "vertrouwelijkheidaanduiding": "openbaar",
                "informatieobjectcategorie": "Brief",
                "beginGeldigheid": "2000-01-01",
            },
        )
        published = catalogi.request("POST", iotype["url"] + "/publish")
        assert published.status_code == 200, published.json().get("invalidParams")
        melding = _zaaktype(
            catalogi, catalogus, iotype, identificatie="MELD", omschrijving="Melding", resultaat=VERNIETIGEN_P5Y
        )
        verklaringen = _zaaktype(
            catalogi, catalogus, iotype, identificatie="VVV", omschrijving="Verklaringen", resultaat=BLIJVEND
        )
    assert not melding["concept"] and not verklaringen["concept"]
    return {"melding": melding, "verklaringen": verklaringen, "iotype": iotype}


def _roles():
    def user(name, group):
        person = User.objects.create(username=name)
        person.groups.add(Group.objects.get(name=group))
        return person

    return {
        "auteur": user("rm", "Recordmanager"),
        "beoordelaar": user("beoordelaar", "Beoordelaar"),
        "archivaris": user("archivaris", "Archivaris"),
    }


def test_catalogue_case_close_archive_destroy_verklaring(catalogue, settings):
    settings.ARCHIEF_NOTIFICATIES_AUTH = "Token archief"
    index_abonneren()
    settings.ARCHIEF_VERNIETIGING_WACHTTIJD = 0
    # No ARCHIEF_BRONORGANISATIE and no verklaring types: the archive provisions its own.
    zaken = APIClient(settings.ZAKEN_API_ROOT)
    documenten = APIClient(settings.DOCUMENTEN_API_ROOT)
    catalogi = APIClient(settings.CATALOGI_API_ROOT)
    melding = catalogue["melding"]

    # a case with two documents
    zaak = zaken.create(
        "zaken",
        {
            "zaaktype": melding["url"],
            "bronorganisatie": RSIN,
            "verantwoordelijkeOrganisatie": RSIN,
            "startdatum": "2010-01-04",
        },
    )
    documents = []
    for titel in ("Melding", "Antwoord"):
        document = documenten.create(
            "enkelvoudiginformatieobjecten",
            {
                "bronorganisatie": RSIN,
                "creatiedatum": "2010-01-05",
                "titel": titel,
                "auteur": "Ada",
                "taal": "dut",
                "status": "definitief",
                "indicatieGebruiksrecht": False,  # closing a zaak needs it set
                "vertrouwelijkheidaanduiding": "openbaar",
                "formaat": "text/plain",
                "bestandsnaam": f"{titel}.txt",
                "inhoud": base64.b64encode(titel.encode()).decode(),
                "informatieobjecttype": catalogue["iotype"]["url"],
            },
        )
        zaken.create("zaakinformatieobjecten", {"zaak": zaak["url"], "informatieobject": document["url"]})
        documents.append(document)

    # closing derives the archiving parameters: afgehandeld 2010-03-01 + P5Y
    resultaattype = next(catalogi.list("resultaattypen", {"zaaktype": melding["url"]}))
    zaken.create("resultaten", {"zaak": zaak["url"], "resultaattype": resultaattype["url"]})
    eind = max(catalogi.list("statustypen", {"zaaktype": melding["url"]}), key=lambda s: s["volgnummer"])
    # the Zaken API's notification of the closing reaches the archive's index through the outbox
    with TestCase.captureOnCommitCallbacks(execute=True):
        zaken.create(
            "statussen", {"zaak": zaak["url"], "statustype": eind["url"], "datumStatusGezet": "2010-03-01T10:00:00Z"}
        )
    closed = zaken.retrieve(zaak["url"])
    assert (closed["einddatum"], closed["archiefnominatie"], closed["archiefactiedatum"]) == (
        "2010-03-01",
        "vernietigen",
        "2015-03-01",
    )

    indexed = IndexZaak.objects.get(url=zaak["url"])
    assert (str(indexed.archiefactiedatum), indexed.selectielijstklasse_nummer) == ("2015-03-01", "15.1")
    assert indexed.documenten.count() == 2

    # the archive resyncs and archives it
    index.index_resync()
    ronde = archivering.zaken_archiveren()
    assert ronde.gearchiveerd == [zaak["url"]], ronde.geblokkeerd
    assert zaken.retrieve(zaak["url"])["archiefstatus"] == "gearchiveerd"
    assert {documenten.retrieve(d["url"])["status"] for d in documents} == {"gearchiveerd"}

    # the destruction list, reviewed and approved
    people = _roles()
    lijst = services.vernietigingslijst_create(naam="Meldingen 2010", zaken=[zaak["url"]], **people)
    services.vernietigingslijst_indienen(lijst, gebruiker=people["auteur"])
    services.vernietigingslijst_beoordelen(lijst, gebruiker=people["beoordelaar"], akkoord=True)
    services.vernietigingslijst_aanbieden(lijst, gebruiker=people["auteur"])
    services.vernietigingslijst_vaststellen(lijst, gebruiker=people["archivaris"], akkoord=True)

    result = vernietiging.vernietigingslijst_uitvoeren(lijst)

    lijst.refresh_from_db()
    assert (result.vernietigd, result.mislukt, lijst.status) == ([zaak["url"]], {}, "vernietigd")
    for url in [zaak["url"], *(d["url"] for d in documents)]:
        with pytest.raises(ClientError) as gone:
            APIClient(url.split("/api/v1/")[0] + "/api/v1/").retrieve(url)
        assert gone.value.status == 404

    # the verklaring is archived as documents of a zaak of the archive's own zaaktype, with
    # the organisation's bronorganisatie (that of its zaken)
    verklaring_zaak = zaken.retrieve(lijst.verklaring_zaak)
    assert verklaring_zaak["bronorganisatie"] == RSIN
    eigen = catalogi.retrieve(verklaring_zaak["zaaktype"])
    assert (eigen["identificatie"], eigen["concept"]) == ("ARCHIEFBEHEER-VERKLARINGEN", False)
    assert catalogi.retrieve(eigen["catalogus"])["domein"] == "ARCHB"
    verklaring_document = documenten.retrieve(lijst.verklaring)
    assert catalogi.retrieve(verklaring_document["informatieobjecttype"])["omschrijving"] == (
        "Verklaring van vernietiging"
    )
    assert verklaring_document["bronorganisatie"] == RSIN
    related = {z["informatieobject"] for z in zaken.list("zaakinformatieobjecten", {"zaak": lijst.verklaring_zaak})}
    assert related == {lijst.verklaring, lijst.verklaring_csv}
    content = documenten.request("GET", lijst.verklaring_csv + "/download", headers={"Accept": "*/*"}).content
    rows = list(csv.DictReader(io.StringIO(content.decode())))
    assert [(r["identificatie"], r["zaaktype"], r["selectielijst_versie"]) for r in rows] == [
        (closed["identificatie"], "Melding", "2020")
    ]
