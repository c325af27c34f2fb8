"""The parts of a zaaktype: statustypen, roltypen, eigenschappen, zaakobjecttypen and
zaaktype-informatieobjecttypen. They follow the concept status of their zaaktype."""

from __future__ import annotations

import datetime as dt

import pytest

from common.models import Notificatie
from zaken.models import Eigenschap, RolType, StatusType, ZaakObjectType, ZaakTypeInformatieObjectType
from zaken.services import catalogi_url as url

from .factories import (
    CatalogusFactory,
    EigenschapFactory,
    InformatieObjectTypeFactory,
    ResultaatTypeFactory,
    RolTypeFactory,
    StatusTypeFactory,
    ZaakObjectTypeFactory,
    ZaakTypeFactory,
    ZaakTypeInformatieObjectTypeFactory,
)

pytestmark = pytest.mark.django_db

API = "/catalogi/api/v1"


def invalid_params(response) -> list[tuple[str, str]]:
    return [(p["name"], p["code"]) for p in response.json()["invalidParams"]]


def statustype_body(zaaktype, **overrides):
    return {"zaaktype": url(zaaktype), "omschrijving": "Ontvangen", "volgnummer": 1, **overrides}


def roltype_body(zaaktype, **overrides):
    return {"zaaktype": url(zaaktype), "omschrijving": "Melder", "omschrijvingGeneriek": "initiator", **overrides}


def eigenschap_body(zaaktype, **overrides):
    return {
        "zaaktype": url(zaaktype),
        "naam": "vervaldatum",
        "definitie": "Datum waarop de vergunning vervalt",
        "specificatie": {"formaat": "datum", "lengte": "8", "kardinaliteit": "1", "waardenverzameling": []},
        **overrides,
    }


def zaakobjecttype_body(zaaktype, **overrides):
    return {
        "zaaktype": url(zaaktype),
        "anderObjecttype": False,
        "objecttype": "https://objecttypen.example.nl/api/v2/objecttypes/boom",
        "relatieOmschrijving": "Over een boom",
        "beginGeldigheid": "2020-01-01",
        **overrides,
    }


def ziot_body(zaaktype, informatieobjecttype, **overrides):
    return {
        "zaaktype": url(zaaktype),
        "informatieobjecttype": url(informatieobjecttype),
        "volgnummer": 1,
        "richting": "inkomend",
        **overrides,
    }


# resource -> (collection, model, factory, body builder, a PATCH that changes it)
RESOURCES = {
    "statustypen": (StatusType, StatusTypeFactory, statustype_body, {"omschrijving": "Anders"}),
    "roltypen": (RolType, RolTypeFactory, roltype_body, {"omschrijving": "Anders"}),
    "eigenschappen": (Eigenschap, EigenschapFactory, eigenschap_body, {"definitie": "Anders"}),
    "zaakobjecttypen": (ZaakObjectType, ZaakObjectTypeFactory, zaakobjecttype_body, {"relatieOmschrijving": "Anders"}),
}


def body_for(resource, zaaktype):
    return RESOURCES[resource][2](zaaktype)


@pytest.mark.parametrize("resource", sorted(RESOURCES))
def test_crud_on_a_concept_zaaktype(beheerder, resource):
    model, _, _, change = RESOURCES[resource]
    zaaktype = ZaakTypeFactory()

    response = beheerder.post(f"{API}/{resource}", body_for(resource, zaaktype), format="json")
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["zaaktype"] == url(zaaktype)
    assert created["zaaktypeIdentificatie"] == zaaktype.identificatie
    assert created["beginObject"] == "2020-01-01"

    assert beheerder.get(created["url"]).json() == created

    response = beheerder.put(created["url"], {**body_for(resource, zaaktype), **change}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json().items() >= change.items()

    response = beheerder.patch(created["url"], change, format="json")
    assert response.status_code == 200

    assert beheerder.delete(created["url"]).status_code == 204
    assert not model.objects.exists()
    assert not Notificatie.objects.exists()  # the kanaal `zaaktypen` carries zaaktypen only


@pytest.mark.parametrize("resource", sorted(RESOURCES))
def test_nothing_changes_on_a_published_zaaktype(beheerder, resource):
    _, factory, _, change = RESOURCES[resource]
    zaaktype = ZaakTypeFactory(gepubliceerd=True)
    bestaand = factory(zaaktype=zaaktype, **({"volgnummer": 5} if resource == "statustypen" else {}))

    for response in (
        beheerder.post(f"{API}/{resource}", body_for(resource, zaaktype), format="json"),
        beheerder.put(url(bestaand), {**body_for(resource, zaaktype), **change}, format="json"),
        beheerder.patch(url(bestaand), change, format="json"),
        beheerder.delete(url(bestaand)),
    ):
        assert response.status_code == 400
        assert invalid_params(response) == [("nonFieldErrors", "non-concept-zaaktype")]


@pytest.mark.parametrize("resource", sorted(RESOURCES))
def test_moving_a_part_to_a_published_zaaktype_is_refused(beheerder, resource):
    _, factory, _, _ = RESOURCES[resource]
    bestaand = factory(zaaktype=ZaakTypeFactory())
    gepubliceerd = ZaakTypeFactory(gepubliceerd=True)

    response = beheerder.patch(url(bestaand), {"zaaktype": url(gepubliceerd)}, format="json")

    assert invalid_params(response) == [("nonFieldErrors", "non-concept-zaaktype")]


@pytest.mark.parametrize("resource", ["statustypen", "roltypen", "eigenschappen"])
def test_list_filters(lezer, resource):
    _, factory, _, _ = RESOURCES[resource]
    catalogus = CatalogusFactory()
    a = factory(zaaktype=ZaakTypeFactory(catalogus=catalogus, identificatie="A", gepubliceerd=True))
    b = factory(
        zaaktype=ZaakTypeFactory(
            catalogus=catalogus, identificatie="B", gepubliceerd=True, einde_geldigheid=dt.date(2020, 12, 31)
        )
    )
    concept = factory(zaaktype=ZaakTypeFactory())

    def urls(query=""):
        response = lezer.get(f"{API}/{resource}{query}")
        assert response.status_code == 200, response.json()
        return {item["url"] for item in response.json()["results"]}

    assert urls() == {url(a), url(b)}
    assert urls("?status=concept") == {url(concept)}
    assert urls("?status=alles") == {url(a), url(b), url(concept)}
    assert urls(f"?zaaktype={url(a.zaaktype)}") == {url(a)}
    assert urls("?zaaktypeIdentificatie=B") == {url(b)}
    assert urls("?datumGeldigheid=2021-01-01") == {url(a)}


def test_a_part_has_its_own_geldigheid_within_the_zaaktype(lezer):
    zaaktype = ZaakTypeFactory(gepubliceerd=True)
    later = RolTypeFactory(zaaktype=zaaktype, begin_geldigheid=dt.date(2022, 1, 1))
    altijd = RolTypeFactory(zaaktype=zaaktype)

    response = lezer.get(f"{API}/roltypen?datumGeldigheid=2021-01-01")

    assert {item["url"] for item in response.json()["results"]} == {url(altijd)}
    assert url(later) not in str(response.json())


def test_roltypen_filter_on_omschrijving_generiek(lezer):
    zaaktype = ZaakTypeFactory(gepubliceerd=True)
    initiator = RolTypeFactory(zaaktype=zaaktype, omschrijving_generiek="initiator")
    RolTypeFactory(zaaktype=zaaktype, omschrijving_generiek="behandelaar")

    response = lezer.get(f"{API}/roltypen?omschrijvingGeneriek=initiator")

    assert [item["url"] for item in response.json()["results"]] == [url(initiator)]
    assert lezer.get(f"{API}/roltypen?omschrijvingGeneriek=baas").status_code == 400


class TestStatusTypen:
    def test_the_highest_volgnummer_is_the_eindstatus(self, beheerder):
        zaaktype = ZaakTypeFactory()
        begin = StatusTypeFactory(zaaktype=zaaktype, volgnummer=1)
        eind = StatusTypeFactory(zaaktype=zaaktype, volgnummer=2)

        assert beheerder.get(url(begin)).json()["isEindstatus"] is False
        assert beheerder.get(url(eind)).json()["isEindstatus"] is True
        listed = beheerder.get(f"{API}/statustypen?status=alles").json()["results"]
        assert [item["isEindstatus"] for item in listed] == [False, True]

        response = beheerder.post(f"{API}/statustypen", statustype_body(zaaktype, volgnummer=3), format="json")
        assert response.json()["isEindstatus"] is True
        assert beheerder.get(url(eind)).json()["isEindstatus"] is False

    def test_volgnummer_is_unique_within_the_zaaktype(self, beheerder):
        bestaand = StatusTypeFactory(volgnummer=1)

        response = beheerder.post(f"{API}/statustypen", statustype_body(bestaand.zaaktype), format="json")

        assert invalid_params(response) == [("nonFieldErrors", "unique")]

    def test_checklist_and_eigenschappen(self, beheerder):
        zaaktype = ZaakTypeFactory()
        eigenschap = EigenschapFactory(zaaktype=zaaktype)
        checklist = [{"itemnaam": "Compleet", "vraagstelling": "Is de melding compleet?", "verplicht": True}]

        response = beheerder.post(
            f"{API}/statustypen",
            statustype_body(zaaktype, checklistitemStatustype=checklist, eigenschappen=[url(eigenschap)]),
            format="json",
        )

        assert response.status_code == 201, response.json()
        assert response.json()["checklistitemStatustype"] == [{**checklist[0], "toelichting": None}]
        assert response.json()["eigenschappen"] == [url(eigenschap)]
        assert beheerder.get(url(eigenschap)).json()["statustype"] == response.json()["url"]

    def test_eigenschappen_of_another_zaaktype_are_refused(self, beheerder):
        zaaktype = ZaakTypeFactory()

        response = beheerder.post(
            f"{API}/statustypen", statustype_body(zaaktype, eigenschappen=[url(EigenschapFactory())]), format="json"
        )

        assert invalid_params(response) == [("eigenschappen", "relations-incorrect-zaaktype")]


class TestEigenschappen:
    def test_naam_is_unique_within_the_zaaktype(self, beheerder):
        bestaand = EigenschapFactory(naam="vervaldatum")

        response = beheerder.post(f"{API}/eigenschappen", eigenschap_body(bestaand.zaaktype), format="json")

        assert invalid_params(response) == [("nonFieldErrors", "unique")]

    def test_the_statustype_belongs_to_the_same_zaaktype(self, beheerder):
        response = beheerder.post(
            f"{API}/eigenschappen",
            eigenschap_body(ZaakTypeFactory(), statustype=url(StatusTypeFactory())),
            format="json",
        )

        assert invalid_params(response) == [("statustype", "relations-incorrect-zaaktype")]

    def test_specificatie(self, beheerder):
        zaaktype = ZaakTypeFactory()
        specificatie = {
            "groep": "",
            "formaat": "tekst",
            "lengte": "5",
            "kardinaliteit": "N",
            "waardenverzameling": ["a"],
        }

        response = beheerder.post(
            f"{API}/eigenschappen", eigenschap_body(zaaktype, specificatie=specificatie), format="json"
        )
        assert response.status_code == 201, response.json()
        assert response.json()["specificatie"] == specificatie
        assert response.json()["catalogus"] == url(zaaktype.catalogus)

        bad = {**specificatie, "kardinaliteit": "ab"}
        response = beheerder.post(
            f"{API}/eigenschappen", eigenschap_body(zaaktype, naam="x", specificatie=bad), format="json"
        )
        assert invalid_params(response) == [("specificatie.kardinaliteit", "invalid")]


class TestRolTypen:
    def test_the_catalogus_is_the_one_of_the_zaaktype(self, beheerder):
        zaaktype = ZaakTypeFactory()

        ok = beheerder.post(f"{API}/roltypen", roltype_body(zaaktype, catalogus=url(zaaktype.catalogus)), format="json")
        assert ok.status_code == 201
        assert ok.json()["catalogus"] == url(zaaktype.catalogus)

        response = beheerder.post(
            f"{API}/roltypen", roltype_body(zaaktype, catalogus=url(CatalogusFactory())), format="json"
        )
        assert invalid_params(response) == [("catalogus", "relations-incorrect-catalogus")]


class TestZaakObjectTypen:
    def test_statustypen_and_resultaattypen(self, beheerder):
        zaaktype = ZaakTypeFactory()
        statustype = StatusTypeFactory(zaaktype=zaaktype)
        resultaattype = ResultaatTypeFactory(zaaktype=zaaktype)

        response = beheerder.post(
            f"{API}/zaakobjecttypen",
            zaakobjecttype_body(zaaktype, statustypen=[url(statustype)], resultaattypen=[url(resultaattype)]),
            format="json",
        )

        assert response.status_code == 201, response.json()
        assert response.json()["statustypen"] == [url(statustype)]
        assert response.json()["catalogus"] == url(zaaktype.catalogus)
        assert beheerder.get(url(statustype)).json()["zaakobjecttype"] == response.json()["url"]

        response = beheerder.patch(response.json()["url"], {"statustypen": []}, format="json")
        assert response.json()["statustypen"] == []
        assert beheerder.get(url(statustype)).json()["zaakobjecttype"] is None

    def test_list_filters_without_a_status(self, lezer):
        catalogus = CatalogusFactory()
        a = ZaakObjectTypeFactory(
            zaaktype=ZaakTypeFactory(catalogus=catalogus, identificatie="A"),
            ander_objecttype=True,
            relatie_omschrijving="Boom",
            begin_geldigheid=dt.date(2021, 1, 1),
        )
        b = ZaakObjectTypeFactory(objecttype="https://objecttypen.example.nl/api/v2/objecttypes/lamp")

        def urls(query=""):
            response = lezer.get(f"{API}/zaakobjecttypen{query}")
            assert response.status_code == 200, response.json()
            return {item["url"] for item in response.json()["results"]}

        assert urls() == {url(a), url(b)}
        assert urls("?anderObjecttype=true") == {url(a)}
        assert urls(f"?catalogus={url(catalogus)}") == {url(a)}
        assert urls("?datumBeginGeldigheid=2021-01-01") == {url(a)}
        assert urls("?datumEindeGeldigheid=2021-01-01") == set()
        assert urls("?datumGeldigheid=2020-06-01") == {url(b)}
        assert urls("?objecttype=https://objecttypen.example.nl/api/v2/objecttypes/lamp") == {url(b)}
        assert urls("?relatieOmschrijving=Boom") == {url(a)}
        assert urls(f"?zaaktype={url(b.zaaktype)}") == {url(b)}
        assert urls("?zaaktypeIdentificatie=A") == {url(a)}


class TestZaakTypeInformatieObjectTypen:
    def test_create_by_url_or_omschrijving(self, beheerder):
        zaaktype = ZaakTypeFactory()
        informatieobjecttype = InformatieObjectTypeFactory(catalogus=zaaktype.catalogus, omschrijving="Melding")
        statustype = StatusTypeFactory(zaaktype=zaaktype)

        response = beheerder.post(
            f"{API}/zaaktype-informatieobjecttypen",
            ziot_body(zaaktype, informatieobjecttype, statustype=url(statustype)),
            format="json",
        )
        assert response.status_code == 201, response.json()
        assert response.json()["informatieobjecttype"] == url(informatieobjecttype)
        assert response.json()["catalogus"] == url(zaaktype.catalogus)
        assert response.json()["statustype"] == url(statustype)

        response = beheerder.post(
            f"{API}/zaaktype-informatieobjecttypen",
            {**ziot_body(zaaktype, informatieobjecttype, volgnummer=2), "informatieobjecttype": "Melding"},
            format="json",
        )
        assert response.status_code == 201, response.json()
        assert response.json()["informatieobjecttype"] == url(informatieobjecttype)
        assert beheerder.get(url(zaaktype)).json()["informatieobjecttypen"] == [url(informatieobjecttype)]

    def test_crud_and_concept_rules(self, beheerder):
        ziot = ZaakTypeInformatieObjectTypeFactory()
        body = ziot_body(ziot.zaaktype, ziot.informatieobjecttype, volgnummer=7, richting="intern")
        response = beheerder.put(url(ziot), body, format="json")
        assert response.status_code == 200, response.json()
        assert (response.json()["volgnummer"], response.json()["richting"]) == (7, "intern")
        assert beheerder.patch(url(ziot), {"richting": "uitgaand"}, format="json").json()["richting"] == "uitgaand"
        assert beheerder.delete(url(ziot)).status_code == 204
        assert not ZaakTypeInformatieObjectType.objects.exists()

    def test_while_one_side_is_a_concept_the_relation_may_change(self, beheerder):
        """ztc-010: the rule for parts of a published zaaktype holds for a
        zaaktype-informatieobjecttype only when the informatieobjecttype is published too."""
        zaaktype = ZaakTypeFactory(gepubliceerd=True)
        concept_iot = InformatieObjectTypeFactory(catalogus=zaaktype.catalogus)
        response = beheerder.post(
            f"{API}/zaaktype-informatieobjecttypen", ziot_body(zaaktype, concept_iot), format="json"
        )
        assert response.status_code == 201, response.json()
        assert beheerder.patch(response.json()["url"], {"richting": "intern"}, format="json").status_code == 200

        gepubliceerd_iot = InformatieObjectTypeFactory(catalogus=zaaktype.catalogus, concept=False)
        response = beheerder.post(
            f"{API}/zaaktype-informatieobjecttypen", ziot_body(zaaktype, gepubliceerd_iot, volgnummer=2), format="json"
        )
        assert invalid_params(response) == [("nonFieldErrors", "non-concept-relation")]

        ziot = ZaakTypeInformatieObjectTypeFactory(
            zaaktype=zaaktype,
            volgnummer=3,
            informatieobjecttype__catalogus=zaaktype.catalogus,
            informatieobjecttype__concept=False,
        )
        for response in (
            beheerder.patch(url(ziot), {"richting": "uitgaand"}, format="json"),
            beheerder.delete(url(ziot)),
        ):
            assert invalid_params(response) == [("nonFieldErrors", "non-concept-relation")]
        assert ZaakTypeInformatieObjectType.objects.filter(pk=ziot.pk).exists()

    def test_the_informatieobjecttype_belongs_to_the_catalogus(self, beheerder):
        zaaktype = ZaakTypeFactory()

        response = beheerder.post(
            f"{API}/zaaktype-informatieobjecttypen",
            ziot_body(zaaktype, InformatieObjectTypeFactory()),
            format="json",
        )
        assert invalid_params(response) == [("nonFieldErrors", "relations-incorrect-catalogus")]

        response = beheerder.post(
            f"{API}/zaaktype-informatieobjecttypen",
            {**ziot_body(zaaktype, InformatieObjectTypeFactory()), "informatieobjecttype": "Onbekend"},
            format="json",
        )
        assert invalid_params(response) == [("informatieobjecttype", "does_not_exist")]

    def test_list_filters(self, lezer):
        zaaktype = ZaakTypeFactory(gepubliceerd=True)
        a = ZaakTypeInformatieObjectTypeFactory(zaaktype=zaaktype, richting="inkomend")
        b = ZaakTypeInformatieObjectTypeFactory(zaaktype=zaaktype, richting="uitgaand")
        concept = ZaakTypeInformatieObjectTypeFactory()

        def urls(query=""):
            response = lezer.get(f"{API}/zaaktype-informatieobjecttypen{query}")
            assert response.status_code == 200, response.json()
            return {item["url"] for item in response.json()["results"]}

        assert urls() == {url(a), url(b)}
        assert urls("?status=concept") == {url(concept)}
        assert urls(f"?zaaktype={url(zaaktype)}&richting=uitgaand") == {url(b)}
        assert urls(f"?informatieobjecttype={url(a.informatieobjecttype)}") == {url(a)}
        assert urls(f"?informatieobjecttype={b.informatieobjecttype.omschrijving}") == {url(b)}


@pytest.mark.parametrize(
    "resource", ["statustypen", "roltypen", "eigenschappen", "zaakobjecttypen", "zaaktype-informatieobjecttypen"]
)
def test_scopes(make_api_client, lezer, resource):
    zonder = make_api_client(autorisaties=[{"component": "ztc", "scopes": ["zaken.lezen"]}])

    assert zonder.get(f"{API}/{resource}").status_code == 403
    assert lezer.get(f"{API}/{resource}").status_code == 200
    assert lezer.post(f"{API}/{resource}", {}, format="json").status_code == 403
