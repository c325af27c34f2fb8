"""Helpers of the Zaken and Besluiten API tests: URLs and requests as a client makes them."""

from __future__ import annotations

import datetime as dt

from zaken.services import catalogi_url

ZAKEN = "/zaken/api/v1/"
BESLUITEN = "/besluiten/api/v1/"
BRONORGANISATIE = "002220647"  # passes the elfproef
ANDERE_ORGANISATIE = "517439943"


def zaak_body(zaaktype, **extra) -> dict:
    return {
        "zaaktype": catalogi_url(zaaktype),
        "bronorganisatie": BRONORGANISATIE,
        "verantwoordelijkeOrganisatie": BRONORGANISATIE,
        "startdatum": "2024-01-15",
        **extra,
    }


def zaak_create(client, zaaktype, **extra) -> dict:
    response = client.post(f"{ZAKEN}zaken", zaak_body(zaaktype, **extra), format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def statustype(zaaktype, volgnummer: int):
    return zaaktype.statustypen.get(volgnummer=volgnummer)


def status_zetten(client, zaak: dict, zaaktype, *, eind: bool, datum: dt.datetime | str = "2024-03-01T12:00:00Z"):
    nummer = zaaktype.statustypen.order_by("-volgnummer").first().volgnummer if eind else 1
    body = {
        "zaak": zaak["url"],
        "statustype": catalogi_url(statustype(zaaktype, nummer)),
        "datumStatusGezet": datum if isinstance(datum, str) else datum.isoformat(),
    }
    return client.post(f"{ZAKEN}statussen", body, format="json")


def resultaat_zetten(client, zaak: dict, resultaattype):
    return client.post(
        f"{ZAKEN}resultaten", {"zaak": zaak["url"], "resultaattype": catalogi_url(resultaattype)}, format="json"
    )
