"""Statussen, resultaten, rollen, zaakobjecten and zaakeigenschappen; constant queries for lists."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from djangorestframework_camel_case.util import camelize
from rest_framework.request import Request
from rest_framework.serializers import Serializer

from common.models import Notificatie
from zaken.api.zaken.renderers import ExpandRenderer
from zaken.api.zaken.serializers import ZaakSerializer
from zaken.models import Rol, Zaak, ZaakEigenschap, ZaakInformatieObject, ZaakObject
from zaken.services import catalogi_url
from zaken.zaak_selectors import zaken_pagina

from .factories import EigenschapFactory, gepubliceerd_zaaktype
from .zaken_api import ZAKEN, resultaat_zetten, status_zetten, zaak_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def zaaktype():
    return gepubliceerd_zaaktype()


@pytest.fixture
def zaak(api_client, zaaktype):
    return zaak_create(api_client, zaaktype)


def test_statussen_and_the_last_one(api_client, zaak, zaaktype):
    eerste = status_zetten(api_client, zaak, zaaktype, eind=False, datum="2024-01-01T10:00:00Z").json()
    tweede = status_zetten(api_client, zaak, zaaktype, eind=False, datum="2024-01-02T10:00:00Z").json()

    assert api_client.get(zaak["url"]).json()["status"] == tweede["url"]
    assert api_client.get(eerste["url"]).json()["indicatieLaatstGezetteStatus"] is False
    assert api_client.get(tweede["url"]).json()["indicatieLaatstGezetteStatus"] is True
    laatste = api_client.get(f"{ZAKEN}statussen?indicatieLaatstGezetteStatus=true").json()["results"]
    assert [s["url"] for s in laatste] == [tweede["url"]]
    assert api_client.get(f"{ZAKEN}statussen", {"zaak": zaak["url"]}).json()["count"] == 2
    assert list(Notificatie.objects.filter(resource="status").values_list("actie", flat=True)) == ["create"] * 2


def test_a_statustype_of_another_zaaktype_is_refused(api_client, zaak):
    ander = gepubliceerd_zaaktype()
    body = {
        "zaak": zaak["url"],
        "statustype": catalogi_url(ander.statustypen.first()),
        "datumStatusGezet": "2024-01-01T10:00:00Z",
    }

    response = api_client.post(f"{ZAKEN}statussen", body, format="json")

    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "zaaktype-mismatch"


def test_resultaat_one_per_zaak(api_client, zaak, zaaktype):
    resultaat = resultaat_zetten(api_client, zaak, zaaktype.resultaattypen.get())
    assert resultaat.status_code == 201
    assert api_client.get(zaak["url"]).json()["resultaat"] == resultaat.json()["url"]

    again = resultaat_zetten(api_client, zaak, zaaktype.resultaattypen.get())
    assert again.status_code == 400
    assert api_client.delete(resultaat.json()["url"]).status_code == 204
    assert api_client.get(zaak["url"]).json()["resultaat"] is None


def test_rollen(api_client, zaak, zaaktype):
    roltype = zaaktype.roltypen.get()
    body = {
        "zaak": zaak["url"],
        "betrokkeneType": "natuurlijk_persoon",
        "roltype": catalogi_url(roltype),
        "roltoelichting": "Melder",
        "betrokkeneIdentificatie": {"inpBsn": "111222333", "geslachtsnaam": "Jansen"},
    }
    response = api_client.post(f"{ZAKEN}rollen", body, format="json")

    assert response.status_code == 201, response.json()
    rol = response.json()
    assert rol["omschrijving"] == roltype.omschrijving
    assert rol["omschrijvingGeneriek"] == roltype.omschrijving_generiek
    assert rol["betrokkeneIdentificatie"] == {"inpBsn": "111222333", "geslachtsnaam": "Jansen"}
    found = api_client.get(f"{ZAKEN}rollen?betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=111222333").json()
    assert [r["url"] for r in found["results"]] == [rol["url"]]
    zaken = api_client.get(f"{ZAKEN}zaken?rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=111222333").json()
    assert [z["url"] for z in zaken["results"]] == [zaak["url"]]
    assert api_client.get(f"{ZAKEN}zaken?rol__betrokkeneType=medewerker").json()["count"] == 0
    assert api_client.delete(rol["url"]).status_code == 204

    no_betrokkene = {k: v for k, v in body.items() if k != "betrokkeneIdentificatie"}
    assert api_client.post(f"{ZAKEN}rollen", no_betrokkene, format="json").status_code == 400


def test_zaakobjecten(api_client, zaak):
    body = {"zaak": zaak["url"], "objectType": "adres", "object": "https://bag.example.nl/adressen/1"}
    response = api_client.post(f"{ZAKEN}zaakobjecten", body, format="json")

    assert response.status_code == 201, response.json()
    zaakobject = response.json()
    patched = api_client.patch(zaakobject["url"], {"relatieomschrijving": "Locatie"}, format="json")
    assert patched.json()["relatieomschrijving"] == "Locatie"
    assert api_client.get(f"{ZAKEN}zaakobjecten?objectType=adres").json()["count"] == 1
    overige = {"zaak": zaak["url"], "objectType": "overige", "object": "https://objecten.example.nl/1"}
    response = api_client.post(f"{ZAKEN}zaakobjecten", overige, format="json")
    assert response.status_code == 400
    assert api_client.delete(zaakobject["url"]).status_code == 204


def test_zaakeigenschappen(api_client, zaak, zaaktype):
    eigenschap = EigenschapFactory(zaaktype=zaaktype, naam="kleur")
    url = f"{zaak['url']}/zaakeigenschappen"

    response = api_client.post(url, {"eigenschap": catalogi_url(eigenschap), "waarde": "rood"}, format="json")

    assert response.status_code == 201, response.json()
    assert response.json()["naam"] == "kleur"
    assert response.json()["zaak"] == zaak["url"]
    assert [e["waarde"] for e in api_client.get(url).json()] == ["rood"]
    assert api_client.get(zaak["url"]).json()["eigenschappen"] == [response.json()["url"]]
    assert (
        api_client.put(
            response.json()["url"],
            {"zaak": zaak["url"], "eigenschap": catalogi_url(eigenschap), "waarde": "blauw"},
            format="json",
        ).json()["waarde"]
        == "blauw"
    )
    andere = EigenschapFactory(zaaktype=gepubliceerd_zaaktype(), naam="vreemd")
    refused = api_client.post(url, {"eigenschap": catalogi_url(andere), "waarde": "x"}, format="json")
    assert refused.json()["invalidParams"][0]["code"] == "zaaktype-mismatch"
    assert api_client.delete(response.json()["url"]).status_code == 204


def _vul(api_client, zaaktype, aantal: int) -> None:
    """Zaken with a status, resultaat, rol, zaakobject, zaakeigenschap and deelzaak each."""
    eigenschap = zaaktype.eigenschappen.first() or EigenschapFactory(zaaktype=zaaktype, naam="kleur")
    for _ in range(aantal):
        zaak = zaak_create(api_client, zaaktype)
        status_zetten(api_client, zaak, zaaktype, eind=False)
        resultaat_zetten(api_client, zaak, zaaktype.resultaattypen.get())
        instance = Zaak.objects.get(uuid=zaak["uuid"])
        Rol.objects.create(
            zaak=instance,
            betrokkene_type="medewerker",
            roltype=zaaktype.roltypen.get(),
            omschrijving="Melder",
            omschrijving_generiek="initiator",
            betrokkene_identificatie={},
        )
        ZaakObject.objects.create(zaak=instance, object_type="adres", object="https://bag.example.nl/1")
        ZaakEigenschap.objects.create(zaak=instance, eigenschap=eigenschap, naam=eigenschap.naam, waarde="rood")
        ZaakInformatieObject.objects.create(zaak=instance, informatieobject=f"https://drc.example.nl/{instance.pk}")


@pytest.mark.parametrize(
    ("path", "query", "queries"),
    [
        # the autorisatieversie, the count (from the zaaktellingen without a filter), the page's ids, the page
        ("zaken", "", 4),
        ("zaken", "?ordering=-startdatum", 4),
        ("zaken", "?archiefstatus=nog_te_archiveren&expand=", 4),
        ("statussen", "", 5),
        ("resultaten", "", 3),
        ("rollen", "", 4),
        ("zaakobjecten", "", 3),
        ("zaakinformatieobjecten", "", 2),
    ],
)
def test_a_list_makes_a_constant_number_of_queries(api_client, zaaktype, path, query, queries):
    _vul(api_client, zaaktype, 2)
    # Django keeps at most 9,000 queries in its log and `_vul` makes thousands: with a full log a
    # capture would see none, so the log is emptied before each one.
    reset_queries()
    with CaptureQueriesContext(connection) as klein:
        assert api_client.get(f"{ZAKEN}{path}{query}").status_code == 200
    _vul(api_client, zaaktype, 8)
    reset_queries()
    with CaptureQueriesContext(connection) as groot:
        response = api_client.get(f"{ZAKEN}{path}{query}")
    assert response.status_code == 200
    body = response.json()
    assert len(body["results"] if isinstance(body, dict) else body) == 10
    assert len(klein.captured_queries) == queries
    assert len(groot.captured_queries) == queries


def test_a_zaken_list_limited_by_the_authorisations_makes_a_constant_number_of_queries(
    api_client, make_api_client, zaaktype
):
    beperkt = make_api_client(
        autorisaties=[
            {
                "component": "zrc",
                "scopes": ["zaken.lezen"],
                "zaaktype": catalogi_url(zaaktype),
                "max_vertrouwelijkheidaanduiding": "zeer_geheim",
            }
        ]
    )
    _vul(api_client, zaaktype, 2)
    assert beperkt.get(f"{ZAKEN}zaken").status_code == 200  # its autorisaties are read once, then kept
    reset_queries()
    with CaptureQueriesContext(connection) as klein:
        assert beperkt.get(f"{ZAKEN}zaken").status_code == 200
    _vul(api_client, zaaktype, 8)
    reset_queries()
    with CaptureQueriesContext(connection) as groot:
        response = beperkt.get(f"{ZAKEN}zaken")
    assert response.status_code == 200
    assert response.json()["count"] == 10
    # the autorisatieversie, the zaaktypen of its autorisaties, the count, the page's ids, the page
    assert len(klein.captured_queries) == 5
    assert len(groot.captured_queries) == 5


def test_a_second_resultaat_is_refused_as_unique_even_on_a_closed_zaak(api_client, make_api_client, zaak, zaaktype):
    resultaat_zetten(api_client, zaak, zaaktype.resultaattypen.get())
    assert status_zetten(api_client, zaak, zaaktype, eind=True).status_code == 201
    zonder_geforceerd = make_api_client(
        autorisaties=[
            {
                "component": "zrc",
                "scopes": ["zaken.lezen", "zaken.bijwerken"],
                "zaaktype": catalogi_url(zaaktype),
                "max_vertrouwelijkheidaanduiding": "zeer_geheim",
            }
        ]
    )

    response = resultaat_zetten(zonder_geforceerd, zaak, zaaktype.resultaattypen.get())

    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "unique"


def test_klantcontacten(api_client, make_api_client, zaak, zaaktype):
    body = {"zaak": zaak["url"], "datumtijd": "2024-03-01T10:00:00Z", "kanaal": "telefoon"}

    response = api_client.post(f"{ZAKEN}klantcontacten", body, format="json")

    assert response.status_code == 201, response.json()
    assert response.json()["identificatie"].startswith("KC-")
    assert api_client.get(f"{ZAKEN}klantcontacten", {"zaak": zaak["url"]}).json()["count"] == 1
    resultaat_zetten(api_client, zaak, zaaktype.resultaattypen.get())
    assert status_zetten(api_client, zaak, zaaktype, eind=True).status_code == 201
    zonder_geforceerd = make_api_client(
        autorisaties=[
            {
                "component": "zrc",
                "scopes": ["zaken.lezen", "zaken.bijwerken"],
                "zaaktype": catalogi_url(zaaktype),
                "max_vertrouwelijkheidaanduiding": "zeer_geheim",
            }
        ]
    )
    assert zonder_geforceerd.post(f"{ZAKEN}klantcontacten", body, format="json").status_code == 403


def _zaken_met_elk_veld(api_client, zaaktype) -> None:
    """Three zaken: a deelzaak with every field filled, its hoofdzaak with lists of more than
    one (oldest first) and empty gegevensgroepen, and a bare zaak: no status, resultaat or
    related rows, its optional fields null."""
    _vul(api_client, zaaktype, 2)
    zaak_create(api_client, zaaktype)
    hoofdzaak, deelzaak, _ = Zaak.objects.order_by("pk")
    for nummer in (2, 3):
        ZaakObject.objects.create(zaak=hoofdzaak, object_type="adres", object=f"https://bag.example.nl/{nummer}")
        ZaakInformatieObject.objects.create(zaak=hoofdzaak, informatieobject=f"https://drc.example.nl/x{nummer}")
    Zaak.objects.filter(pk=deelzaak.pk).update(
        hoofdzaak=hoofdzaak,
        omschrijving="Aanvraag",
        # text the JSON encoder escapes or leaves as it is
        toelichting='Über "aanhalingstekens", \\ en een regelscheiding:\u2028 <b>',
        einddatum=dt.date(2024, 6, 1),
        einddatum_gepland=dt.date(2024, 6, 15),
        uiterlijke_einddatum_afdoening=dt.date(2024, 7, 1),
        publicatiedatum=dt.date(2024, 6, 2),
        communicatiekanaal="https://kanalen.example.nl/1",
        producten_of_diensten=["https://producten.example.nl/1", "https://producten.example.nl/2"],
        betalingsindicatie="geheel",
        laatste_betaaldatum=dt.datetime(2024, 5, 1, 12, 30, 15, 123456, tzinfo=dt.UTC),
        # a GeoJSON foreign member: its key is camelCased like every key in the body
        zaakgeometrie={"type": "Point", "coordinates": [4.9, 52.37], "meet_methode": {"gemeten_op": 1.5e-7}},
        verlenging_reden="Drukte",
        verlenging_duur="P5D",
        opschorting_indicatie=True,
        opschorting_reden="Wacht op stukken",
        selectielijstklasse="https://selectielijst.example.nl/klasse/1",
        # a key the serializer does not have is left out
        relevante_andere_zaken=[{"url": "https://zaken.example.nl/1", "aard_relatie": "vervolg", "oud": 1}],
        kenmerken=[{"kenmerk": "K1", "bron": "Oud"}, {"kenmerk": "K2", "bron": "Nieuw"}],
        archiefnominatie="vernietigen",
        archiefstatus="nog_te_archiveren",
        archiefactiedatum=dt.date(2030, 1, 1),
        opdrachtgevende_organisatie="002220647",
        processobjectaard="zaak",
        startdatum_bewaartermijn=dt.date(2024, 6, 1),
        processobject_datumkenmerk="einddatum",
        processobject_identificatie="P1",
        processobject_objecttype="zaak",
        processobject_registratie="ZRC",
    )
    Zaak.objects.filter(pk=hoofdzaak.pk).update(opschorting_indicatie=False, opschorting_reden="", verlenging_duur="")


def test_a_zaak_in_the_list_reads_as_drf_renders_it_from_the_model(api_client, zaaktype, rf):
    """The list is made from rows, each value converted as its field would; the result is
    what DRF makes of the zaak and its relations, field by field."""
    _zaken_met_elk_veld(api_client, zaaktype)
    request = Request(rf.get("/", HTTP_HOST="localhost:8000"))

    listed = api_client.get(f"{ZAKEN}zaken").json()["results"]

    assert len(listed) == 3
    gevuld = {key for item in listed for key, value in item.items() if value not in (None, "", [])}
    assert gevuld == set(camelize(dict.fromkeys(ZaakSerializer().fields), no_underscore_before_number=True))
    for item in listed:
        zaak = Zaak.objects.get(uuid=item["uuid"])  # no preloaded uuids: DRF follows the relations
        with timezone.override(dt.UTC):  # as the API middleware renders
            expected = Serializer.to_representation(ZaakSerializer(context={"request": request}), zaak)
        expected["archiefnominatie"] = expected["archiefnominatie"] or None
        assert item == camelize(expected, no_underscore_before_number=True)
        assert api_client.get(item["url"]).json() == item


def test_the_list_renders_the_bytes_the_serializer_of_the_models_renders(api_client, zaaktype, rf):
    """The list made from rows is byte for byte the body that `ZaakSerializer` on the model
    instances and the renderer's camelCase make: same keys, order, values and escaping."""
    _zaken_met_elk_veld(api_client, zaaktype)
    ids = list(Zaak.objects.order_by("-pk").values_list("pk", flat=True))
    request = Request(rf.get(f"{ZAKEN}zaken", HTTP_HOST="localhost:8000"))
    with timezone.override(dt.UTC):  # as the API middleware renders
        results = ZaakSerializer(zaken_pagina(ids=ids), many=True, context={"request": request}).data
        expected = ExpandRenderer().render({"count": 3, "next": None, "previous": None, "results": results})

    response = api_client.get(f"{ZAKEN}zaken")

    assert response.content == expected
    assert api_client.post(f"{ZAKEN}zaken/_zoek", {}, format="json").content == expected
