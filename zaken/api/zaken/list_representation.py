"""The zaken of a list page as `ZaakSerializer` shows them, made from `zaken_pagina_rijen` rows.

A page of 100 zaken has some 4,500 values. Through the serializer each one took a field
lookup, a `get_attribute` and a `to_representation` on a model instance, and the renderer then
walked every key to camelCase it. Here each zaak is one dict, built with its camelCase keys,
each value converted as its serializer field converts it: text as it is, a date by
`isoformat`, a reference as its URL, a gegevensgroep as `null` when all its fields are empty.
The values with a shape of their own (a geometry, kenmerken, relevante andere zaken, producten
of diensten, a datetime) go through the serializer's own field. A test renders zaken with
every field filled both ways and compares the bytes; a field added to `ZaakSerializer` makes
that test fail until it is added here.
"""

from __future__ import annotations

import datetime as dt
import functools

from ...models import Resultaat, Rol, Status, Zaak, ZaakEigenschap, ZaakInformatieObject, ZaakObject, ZaakType
from ...models.zaken import Betalingsindicatie
from .fields import url_for, url_maker
from .renderers import CamelCaseList, camelize
from .serializers import ZaakSerializer

# two of the gegevensgroepen: their field -> column, in the serializers' order
OPSCHORTING = {"indicatie": "opschorting_indicatie", "reden": "opschorting_reden"}
PROCESSOBJECT = {
    "datumkenmerk": "processobject_datumkenmerk",
    "identificatie": "processobject_identificatie",
    "objecttype": "processobject_objecttype",
    "registratie": "processobject_registratie",
}


@functools.cache
def _serializer_fields() -> dict:
    """ZaakSerializer's fields, for the values that go through them (none reads the request)."""
    return ZaakSerializer().fields


def _date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _gegevensgroep(values: dict) -> dict | None:
    """`GegevensgroepSerializer`: `null` when every field is empty."""
    for value in values.values():
        if value not in (None, "", False, []):
            return values
    return None


class _Urls:
    """The URL makers of one request."""

    def __init__(self, request) -> None:
        self.request = request
        self.zaak = url_maker(Zaak, request)
        self.zaaktype = url_maker(ZaakType, request)
        self.status = url_maker(Status, request)
        self.resultaat = url_maker(Resultaat, request)
        self.rol = url_maker(Rol, request)
        self.zaakinformatieobject = url_maker(ZaakInformatieObject, request)
        self.zaakobject = url_maker(ZaakObject, request)

    def zaakeigenschap(self, uuid, zaak_uuid) -> str:
        return url_for(ZaakEigenschap, uuid, self.request, zaak_uuid=zaak_uuid)


def zaken_representations(rows: list[dict], *, request) -> CamelCaseList:
    """The representations of these rows, in camelCase, as the list renders them."""
    urls = _Urls(request)
    fields = _serializer_fields()
    return CamelCaseList(_zaak(row, urls, fields) for row in rows)


def _zaak(row: dict, urls: _Urls, fields: dict) -> dict:
    def via_field(name: str):
        value = row[name]
        if value is None or value == []:  # what each of these fields makes of them, and most zaken have
            return value
        return camelize(fields[name].to_representation(value))

    uuid = str(row["uuid"])
    hoofdzaak, resultaat, status = row["relatie_hoofdzaak"], row["relatie_resultaat"], row["relatie_status"]
    betalingsindicatie = row["betalingsindicatie"]
    return {
        "url": urls.zaak(uuid),
        "uuid": uuid,
        "identificatie": row["identificatie"],
        "bronorganisatie": row["bronorganisatie"],
        "omschrijving": row["omschrijving"],
        "toelichting": row["toelichting"],
        "zaaktype": urls.zaaktype(row["relatie_zaaktype"]),
        "registratiedatum": _date(row["registratiedatum"]),
        "verantwoordelijkeOrganisatie": row["verantwoordelijke_organisatie"],
        "startdatum": _date(row["startdatum"]),
        "einddatum": _date(row["einddatum"]),
        "einddatumGepland": _date(row["einddatum_gepland"]),
        "uiterlijkeEinddatumAfdoening": _date(row["uiterlijke_einddatum_afdoening"]),
        "publicatiedatum": _date(row["publicatiedatum"]),
        "communicatiekanaal": row["communicatiekanaal"] or None,
        "productenOfDiensten": via_field("producten_of_diensten"),
        "vertrouwelijkheidaanduiding": row["vertrouwelijkheidaanduiding"],
        "betalingsindicatie": betalingsindicatie,
        "betalingsindicatieWeergave": Betalingsindicatie(betalingsindicatie).label if betalingsindicatie else "",
        "laatsteBetaaldatum": via_field("laatste_betaaldatum"),
        "zaakgeometrie": via_field("zaakgeometrie"),
        "verlenging": _gegevensgroep({"reden": row["verlenging_reden"], "duur": row["verlenging_duur"] or None}),
        "opschorting": _gegevensgroep({name: row[column] for name, column in OPSCHORTING.items()}),
        "selectielijstklasse": row["selectielijstklasse"] or None,
        "hoofdzaak": None if hoofdzaak is None else urls.zaak(hoofdzaak),
        "deelzaken": [urls.zaak(u) for u in row["relatie_deelzaken"]],
        "relevanteAndereZaken": via_field("relevante_andere_zaken"),
        "eigenschappen": [urls.zaakeigenschap(u, uuid) for u in row["relatie_zaakeigenschappen"]],
        "rollen": [urls.rol(u) for u in row["relatie_rollen"]],
        "status": None if status is None else urls.status(status),
        "zaakinformatieobjecten": [urls.zaakinformatieobject(u) for u in row["relatie_zaakinformatieobjecten"]],
        "zaakobjecten": [urls.zaakobject(u) for u in row["relatie_zaakobjecten"]],
        "kenmerken": via_field("kenmerken"),
        "archiefnominatie": row["archiefnominatie"] or None,
        "archiefstatus": row["archiefstatus"],
        "archiefactiedatum": _date(row["archiefactiedatum"]),
        "resultaat": None if resultaat is None else urls.resultaat(resultaat),
        "opdrachtgevendeOrganisatie": row["opdrachtgevende_organisatie"],
        "processobjectaard": row["processobjectaard"],
        "startdatumBewaartermijn": _date(row["startdatum_bewaartermijn"]),
        "processobject": _gegevensgroep({name: row[column] for name, column in PROCESSOBJECT.items()}),
    }
