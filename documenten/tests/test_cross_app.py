"""Across the apps, over the real contracts in-process: a zaakinformatieobject created in the
Zaken API shows up here as an objectinformatieobject, and keeps the document from deletion.

Against another provider's Zaken API (a faithful fake): test_objectinformatieobjecten.py.
"""

from __future__ import annotations

import pytest
from django.conf import settings

from common.clients import APIClient

from .conftest import DOCUMENTEN, eio_body

pytestmark = pytest.mark.django_db

PROCESTYPE = "388645ae-bb7f-4b2b-ba70-94b70f713d45"  # Selectielijst 2020, procestype 15
RESULTAAT = "d8b21822-3ff1-4414-b17b-cbfd662b40d8"  # 15.1 Uitgevoerd, vernietigen, P5Y
AFGEWEZEN = "e6a0c939-3404-45b0-88e3-76c94fb80ea7"  # resultaattypeomschrijving


@pytest.fixture
def zaaktype_with_document_type(catalogi, iotype) -> str:
    selectielijst = settings.SELECTIELIJST_API_ROOT
    catalogus = catalogi.retrieve(iotype)["catalogus"]
    zaaktype = catalogi.create(
        "zaaktypen",
        {
            "identificatie": "DOC-ZAAK",
            "omschrijving": "Zaak met documenten",
            "vertrouwelijkheidaanduiding": "openbaar",
            "doel": "Documenten bij een zaak.",
            "aanleiding": "Een aanvraag.",
            "indicatieInternOfExtern": "extern",
            "handelingInitiator": "aanvragen",
            "onderwerp": "Aanvraag",
            "handelingBehandelaar": "behandelen",
            "doorlooptijd": "P10D",
            "opschortingEnAanhoudingMogelijk": False,
            "verlengingMogelijk": False,
            "publicatieIndicatie": False,
            "productenOfDiensten": ["https://pdc.example.nl/producten/aanvraag"],
            "selectielijstProcestype": f"{selectielijst}procestypen/{PROCESTYPE}",
            "referentieproces": {"naam": "Aanvraag behandelen"},
            "verantwoordelijke": "Team Documenten",
            "catalogus": catalogus,
            "besluittypen": [],
            "gerelateerdeZaaktypen": [],
            "beginGeldigheid": "2020-01-01",
            "versiedatum": "2020-01-01",
        },
    )
    for volgnummer, omschrijving in ((1, "Ontvangen"), (2, "Afgehandeld")):
        catalogi.create(
            "statustypen", {"zaaktype": zaaktype["url"], "omschrijving": omschrijving, "volgnummer": volgnummer}
        )
    catalogi.create(
        "roltypen", {"zaaktype": zaaktype["url"], "omschrijving": "Aanvrager", "omschrijvingGeneriek": "initiator"}
    )
    catalogi.create(
        "resultaattypen",
        {
            "zaaktype": zaaktype["url"],
            "omschrijving": "Afgewezen",
            "resultaattypeomschrijving": f"{selectielijst}resultaattypeomschrijvingen/{AFGEWEZEN}",
            "selectielijstklasse": f"{selectielijst}resultaten/{RESULTAAT}",
            "brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld"},
        },
    )
    catalogi.create(
        "zaaktype-informatieobjecttypen",
        {"zaaktype": zaaktype["url"], "informatieobjecttype": iotype, "volgnummer": 1, "richting": "inkomend"},
    )
    response = catalogi.request("POST", zaaktype["url"] + "/publish")
    assert response.status_code == 200, response.json()
    return zaaktype["url"]


def test_a_zaakinformatieobject_becomes_an_objectinformatieobject(client, iotype, zaaktype_with_document_type):
    document = client.post(DOCUMENTEN + "enkelvoudiginformatieobjecten", eio_body(iotype), format="json").json()
    with APIClient(settings.ZAKEN_API_ROOT) as zaken:
        zaak = zaken.create(
            "zaken",
            {
                "zaaktype": zaaktype_with_document_type,
                "bronorganisatie": "002220647",
                "verantwoordelijkeOrganisatie": "002220647",
                "startdatum": "2024-05-01",
            },
        )

        relatie = zaken.create("zaakinformatieobjecten", {"zaak": zaak["url"], "informatieobject": document["url"]})

        mirrored = client.get(DOCUMENTEN + "objectinformatieobjecten", {"informatieobject": document["url"]}).json()
        assert [(r["object"], r["objectType"]) for r in mirrored] == [(zaak["url"], "zaak")]
        refused = client.delete(document["url"])
        assert refused.status_code == 400
        assert refused.json()["invalidParams"][0]["code"] == "pending-relations"

        zaken.delete(relatie["url"])

    assert client.get(DOCUMENTEN + "objectinformatieobjecten", {"informatieobject": document["url"]}).json() == []
    assert client.delete(document["url"]).status_code == 204
