"""A whole catalogue built through the contract, as another app or an external client would.

Calls go through `common.clients.APIClient`, so every response, errors included, is
checked against the committed `zaken/openapi/catalogi.yaml` (root conftest).
"""

from __future__ import annotations

import pytest
from django.conf import settings

from common.clients import APIClient, ClientError
from zaken.models import Catalogus

from . import payloads, selectielijst

pytestmark = pytest.mark.django_db(transaction=True)  # providers answer on their own connection


@pytest.fixture
def catalogi():
    with APIClient(settings.CATALOGI_API_ROOT) as client:
        yield client


def test_design_a_zaaktype_and_publish_it(catalogi):
    catalogus = catalogi.create(
        "catalogussen", {"domein": "ZGWT", "rsin": "002220647", "contactpersoonBeheerNaam": "Ada Archivaris"}
    )
    opgeslagen = Catalogus.objects.get(uuid=catalogus["url"].rsplit("/", 1)[1])

    informatieobjecttype = catalogi.create(
        "informatieobjecttypen", payloads.informatieobjecttype(opgeslagen, omschrijving="Besluitbrief")
    )
    besluittype = catalogi.create(
        "besluittypen", payloads.besluittype(opgeslagen, informatieobjecttypen=["Besluitbrief"])
    )
    zaaktype = catalogi.create("zaaktypen", payloads.zaaktype(opgeslagen, besluittypen=[besluittype["url"]]))
    for volgnummer, omschrijving in ((1, "Ontvangen"), (2, "Afgehandeld")):
        catalogi.create(
            "statustypen", {"zaaktype": zaaktype["url"], "omschrijving": omschrijving, "volgnummer": volgnummer}
        )
    catalogi.create(
        "roltypen", {"zaaktype": zaaktype["url"], "omschrijving": "Melder", "omschrijvingGeneriek": "initiator"}
    )
    catalogi.create(
        "eigenschappen",
        {
            "zaaktype": zaaktype["url"],
            "naam": "locatie",
            "definitie": "Waar",
            "specificatie": {"formaat": "tekst", "lengte": "100", "kardinaliteit": "1"},
        },
    )
    catalogi.create(
        "zaakobjecttypen",
        {
            "zaaktype": zaaktype["url"],
            "anderObjecttype": False,
            "objecttype": "https://objecttypen.example.nl/api/v2/objecttypes/boom",
            "relatieOmschrijving": "Boom",
            "beginGeldigheid": "2020-01-01",
        },
    )
    catalogi.create(
        "zaaktype-informatieobjecttypen",
        {"zaaktype": zaaktype["url"], "informatieobjecttype": "Besluitbrief", "volgnummer": 1, "richting": "uitgaand"},
    )
    resultaattype = catalogi.create(
        "resultaattypen",
        {
            "zaaktype": zaaktype["url"],
            "omschrijving": "Geweigerd",
            "resultaattypeomschrijving": selectielijst.resultaattypeomschrijving(selectielijst.AFGEWEZEN),
            "selectielijstklasse": selectielijst.resultaat(selectielijst.NIHIL_P10Y),
            "brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld"},
        },
    )
    assert (resultaattype["archiefnominatie"], resultaattype["archiefactietermijn"]) == ("vernietigen", "P10Y")

    with pytest.raises(ClientError) as refused:
        catalogi.create(f"zaaktypen/{zaaktype['url'].rsplit('/', 1)[1]}/publish", {})
    assert refused.value.status == 400
    assert [p["code"] for p in refused.value.body["invalidParams"]] == ["concept-relation", "concept-relation"]

    for published in (informatieobjecttype, besluittype):
        response = catalogi.request("POST", published["url"] + "/publish")
        assert response.status_code == 200
    response = catalogi.request("POST", zaaktype["url"] + "/publish")
    assert response.status_code == 200, response.json()
    assert response.json()["concept"] is False

    zaaktypen = list(catalogi.list("zaaktypen", {"catalogus": catalogus["url"]}))
    assert [z["url"] for z in zaaktypen] == [zaaktype["url"]]
    for collection in ("statustypen", "roltypen", "eigenschappen", "resultaattypen", "zaaktype-informatieobjecttypen"):
        assert list(catalogi.list(collection, {"zaaktype": zaaktype["url"]}))
    assert list(catalogi.list("zaakobjecttypen", {"zaaktype": zaaktype["url"]}))
    assert catalogi.retrieve(catalogus["url"])["zaaktypen"] == [zaaktype["url"]]
    assert catalogi.request("HEAD", zaaktype["url"]).status_code == 200


def test_errors_follow_the_contract(catalogi):
    for method, path in (
        ("GET", "zaaktypen/00000000-0000-4000-8000-000000000000"),
        ("POST", "resultaattypen"),
        ("GET", "zaaktypen?status=weg"),
    ):
        response = catalogi.request(method, path, json={} if method == "POST" else None)
        assert response.status_code in (400, 404)
        assert response.headers["content-type"] == "application/problem+json"
