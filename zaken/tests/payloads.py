"""Request bodies for the Catalogi API, as a client would send them."""

from __future__ import annotations

from ..services import catalogi_url
from . import selectielijst


def zaaktype(catalogus, **overrides) -> dict:
    body = {
        "identificatie": "MOR-001",
        "omschrijving": "Melding openbare ruimte",
        "vertrouwelijkheidaanduiding": "openbaar",
        "doel": "Meldingen over de openbare ruimte afhandelen.",
        "aanleiding": "Een melding van een bewoner.",
        "indicatieInternOfExtern": "extern",
        "handelingInitiator": "melden",
        "onderwerp": "Openbare ruimte",
        "handelingBehandelaar": "behandelen",
        "doorlooptijd": "P10D",
        "opschortingEnAanhoudingMogelijk": False,
        "verlengingMogelijk": False,
        "publicatieIndicatie": False,
        "productenOfDiensten": ["https://pdc.example.nl/producten/melding"],
        "selectielijstProcestype": selectielijst.procestype(selectielijst.PROCESTYPE_15),
        "referentieproces": {"naam": "Melding afhandelen"},
        "verantwoordelijke": "Team Buitenruimte",
        "catalogus": catalogi_url(catalogus),
        "besluittypen": [],
        "gerelateerdeZaaktypen": [],
        "beginGeldigheid": "2020-01-01",
        "versiedatum": "2020-01-01",
    }
    body.update(overrides)
    return body


def resultaattype(zaaktype, **overrides) -> dict:
    body = {
        "zaaktype": catalogi_url(zaaktype),
        "omschrijving": "Afgehandeld",
        "resultaattypeomschrijving": selectielijst.resultaattypeomschrijving(selectielijst.AFGEWEZEN),
        "selectielijstklasse": selectielijst.resultaat(selectielijst.NIHIL_P5Y),
        "brondatumArchiefprocedure": {
            "afleidingswijze": "afgehandeld",
            "datumkenmerk": "",
            "einddatumBekend": False,
            "objecttype": "",
            "registratie": "",
            "procestermijn": None,
        },
    }
    body.update(overrides)
    return body


def informatieobjecttype(catalogus, **overrides) -> dict:
    body = {
        "catalogus": catalogi_url(catalogus),
        "omschrijving": "Melding",
        "vertrouwelijkheidaanduiding": "openbaar",
        "informatieobjectcategorie": "Melding",
        "beginGeldigheid": "2020-01-01",
    }
    body.update(overrides)
    return body


def besluittype(catalogus, **overrides) -> dict:
    body = {
        "catalogus": catalogi_url(catalogus),
        "omschrijving": "Vergunning",
        "publicatieIndicatie": False,
        "informatieobjecttypen": [],
        "beginGeldigheid": "2020-01-01",
    }
    body.update(overrides)
    return body
