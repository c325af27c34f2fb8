"""Informatieobjecttypen and besluittypen: CRUD, versions, filters and the concept rules."""

from __future__ import annotations

import datetime as dt

import pytest

from common.models import Notificatie
from zaken.models import BesluitType, InformatieObjectType
from zaken.services import catalogi_url as url

from . import payloads
from .factories import (
    BesluitTypeFactory,
    CatalogusFactory,
    InformatieObjectTypeFactory,
    ResultaatTypeFactory,
    ZaakTypeFactory,
    ZaakTypeInformatieObjectTypeFactory,
)

pytestmark = pytest.mark.django_db

INFORMATIEOBJECTTYPEN = "/catalogi/api/v1/informatieobjecttypen"
BESLUITTYPEN = "/catalogi/api/v1/besluittypen"


def invalid_params(response) -> list[tuple[str, str]]:
    return [(p["name"], p["code"]) for p in response.json()["invalidParams"]]


class TestInformatieObjectTypen:
    def test_create_read_update_delete(self, beheerder):
        catalogus = CatalogusFactory()
        body = payloads.informatieobjecttype(
            catalogus,
            trefwoord=["melding"],
            omschrijvingGeneriek={
                "informatieobjecttypeOmschrijvingGeneriek": "Melding",
                "definitieInformatieobjecttypeOmschrijvingGeneriek": "Een melding",
                "herkomstInformatieobjecttypeOmschrijvingGeneriek": "VNG",
                "hierarchieInformatieobjecttypeOmschrijvingGeneriek": "1",
            },
        )

        response = beheerder.post(INFORMATIEOBJECTTYPEN, body, format="json")
        assert response.status_code == 201, response.json()
        created = response.json()
        assert created["concept"] is True
        assert created["omschrijvingGeneriek"]["opmerkingInformatieobjecttypeOmschrijvingGeneriek"] == ""
        assert created["zaaktypen"] == [] and created["besluittypen"] == []
        notificatie = Notificatie.objects.get()
        assert (notificatie.kanaal, notificatie.resource, notificatie.actie) == (
            "informatieobjecttypen",
            "informatieobjecttype",
            "create",
        )
        assert notificatie.kenmerken == {"catalogus": url(catalogus)}

        assert beheerder.get(created["url"]).json() == created

        response = beheerder.put(created["url"], {**body, "omschrijving": "Aanvraag"}, format="json")
        assert response.status_code == 200, response.json()
        assert response.json()["omschrijving"] == "Aanvraag"

        response = beheerder.patch(created["url"], {"omschrijvingGeneriek": None}, format="json")
        assert response.status_code == 200
        assert response.json()["omschrijvingGeneriek"] is None

        assert beheerder.delete(created["url"]).status_code == 204
        assert not InformatieObjectType.objects.exists()
        assert [n.actie for n in Notificatie.objects.all()] == ["create", "update", "partial_update", "destroy"]

    def test_informatieobjectcategorie_is_required(self, beheerder):
        body = payloads.informatieobjecttype(CatalogusFactory())
        del body["informatieobjectcategorie"]

        response = beheerder.post(INFORMATIEOBJECTTYPEN, body, format="json")

        assert invalid_params(response) == [("informatieobjectcategorie", "required")]

    def test_versions_by_omschrijving_do_not_overlap(self, beheerder):
        bestaand = InformatieObjectTypeFactory(
            omschrijving="Melding", einde_geldigheid=dt.date(2022, 12, 31), gepubliceerd=True
        )

        overlappend = payloads.informatieobjecttype(bestaand.catalogus, beginGeldigheid="2022-06-01")
        response = beheerder.post(INFORMATIEOBJECTTYPEN, overlappend, format="json")
        assert invalid_params(response) == [("beginGeldigheid", "overlap")]

        volgend = payloads.informatieobjecttype(bestaand.catalogus, beginGeldigheid="2023-01-01")
        response = beheerder.post(INFORMATIEOBJECTTYPEN, volgend, format="json")
        assert response.status_code == 201
        assert response.json()["beginObject"] == "2020-01-01"

    def test_published_does_not_change_but_can_be_ended(self, beheerder):
        informatieobjecttype = InformatieObjectTypeFactory(gepubliceerd=True)
        body = payloads.informatieobjecttype(informatieobjecttype.catalogus, omschrijving="aangepast")

        for response in (
            beheerder.put(url(informatieobjecttype), body, format="json"),
            beheerder.patch(url(informatieobjecttype), {"omschrijving": "aangepast"}, format="json"),
            beheerder.delete(url(informatieobjecttype)),
        ):
            assert invalid_params(response) == [("nonFieldErrors", "non-concept-object")]

        response = beheerder.patch(url(informatieobjecttype), {"eindeGeldigheid": "2030-01-01"}, format="json")
        assert response.status_code == 200
        assert response.json()["eindeGeldigheid"] == "2030-01-01"

    def test_related_to_a_published_besluittype_it_is_frozen(self, beheerder):
        """Conformance ztc-010c."""
        informatieobjecttype = InformatieObjectTypeFactory()
        besluittype = BesluitTypeFactory(catalogus=informatieobjecttype.catalogus, gepubliceerd=True)
        besluittype.informatieobjecttypen.add(informatieobjecttype)

        response = beheerder.patch(url(informatieobjecttype), {"omschrijving": "aangepast"}, format="json")
        assert invalid_params(response) == [("nonFieldErrors", "non-concept-relation")]
        assert invalid_params(beheerder.delete(url(informatieobjecttype))) == [
            ("nonFieldErrors", "non-concept-relation")
        ]
        response = beheerder.patch(url(informatieobjecttype), {"eindeGeldigheid": "2030-01-01"}, format="json")
        assert response.status_code == 200

    def test_list_and_filters(self, lezer):
        catalogus = CatalogusFactory()
        melding = InformatieObjectTypeFactory(catalogus=catalogus, omschrijving="Melding", gepubliceerd=True)
        oud = InformatieObjectTypeFactory(
            omschrijving="Brief", einde_geldigheid=dt.date(2020, 12, 31), gepubliceerd=True
        )
        concept = InformatieObjectTypeFactory(catalogus=catalogus)

        def urls(query=""):
            response = lezer.get(INFORMATIEOBJECTTYPEN + query)
            assert response.status_code == 200
            return {item["url"] for item in response.json()["results"]}

        assert urls() == {url(melding), url(oud)}
        assert urls("?status=concept") == {url(concept)}
        assert urls(f"?catalogus={url(catalogus)}&status=alles") == {url(melding), url(concept)}
        assert urls("?omschrijving=Melding") == {url(melding)}
        assert urls("?datumGeldigheid=2021-06-01") == {url(melding)}

    def test_zaaktypen_through_zaaktype_informatieobjecttypen(self, lezer):
        ziot = ZaakTypeInformatieObjectTypeFactory()

        body = lezer.get(url(ziot.informatieobjecttype)).json()

        assert body["zaaktypen"] == [url(ziot.zaaktype)]


class TestBesluitTypen:
    def test_create_with_informatieobjecttypen_by_omschrijving(self, beheerder):
        catalogus = CatalogusFactory()
        informatieobjecttype = InformatieObjectTypeFactory(catalogus=catalogus, omschrijving="Besluitbrief")

        response = beheerder.post(
            BESLUITTYPEN,
            payloads.besluittype(catalogus, informatieobjecttypen=["Besluitbrief"], reactietermijn="P6W"),
            format="json",
        )

        assert response.status_code == 201, response.json()
        body = response.json()
        assert body["informatieobjecttypen"] == [url(informatieobjecttype)]
        assert body["vastgelegdIn"] == ["Besluitbrief"]
        assert body["reactietermijn"] == "P6W"
        assert body["publicatietermijn"] is None
        assert body["concept"] is True
        notificatie = Notificatie.objects.get()
        assert (notificatie.kanaal, notificatie.resource) == ("besluittypen", "besluittype")

    def test_read_shows_zaaktypen_and_resultaattypen(self, lezer):
        besluittype = BesluitTypeFactory()
        zaaktype = ZaakTypeFactory(catalogus=besluittype.catalogus)
        zaaktype.besluittypen.add(besluittype)
        resultaattype = ResultaatTypeFactory(zaaktype=zaaktype, omschrijving="Verleend")
        resultaattype.besluittypen.add(besluittype)

        body = lezer.get(url(besluittype)).json()

        assert body["zaaktypen"] == [url(zaaktype)]
        assert body["resultaattypen"] == [url(resultaattype)]
        assert body["resultaattypenOmschrijving"] == ["Verleend"]

    def test_update_and_delete_a_concept(self, beheerder):
        besluittype = BesluitTypeFactory()
        body = payloads.besluittype(besluittype.catalogus, toelichting="Toegelicht")

        response = beheerder.put(url(besluittype), body, format="json")
        assert response.status_code == 200, response.json()
        assert response.json()["toelichting"] == "Toegelicht"
        response = beheerder.patch(url(besluittype), {"publicatieIndicatie": True}, format="json")
        assert response.status_code == 200
        assert response.json()["publicatieIndicatie"] is True
        assert response.json()["toelichting"] == "Toegelicht"
        assert beheerder.delete(url(besluittype)).status_code == 204
        assert not BesluitType.objects.exists()

    def test_published_does_not_change_but_can_be_ended(self, beheerder):
        """Conformance ztc-009e … ztc-009h."""
        besluittype = BesluitTypeFactory(gepubliceerd=True)

        for response in (
            beheerder.put(url(besluittype), payloads.besluittype(besluittype.catalogus), format="json"),
            beheerder.patch(url(besluittype), {"omschrijving": "ja"}, format="json"),
            beheerder.delete(url(besluittype)),
        ):
            assert invalid_params(response) == [("nonFieldErrors", "non-concept-object")]
        assert beheerder.patch(url(besluittype), {"eindeGeldigheid": "2030-01-01"}, format="json").status_code == 200

    def test_with_a_published_informatieobjecttype_it_is_frozen(self, beheerder):
        """Conformance ztc-010a."""
        besluittype = BesluitTypeFactory()
        besluittype.informatieobjecttypen.add(
            InformatieObjectTypeFactory(catalogus=besluittype.catalogus, gepubliceerd=True)
        )

        response = beheerder.patch(url(besluittype), {"omschrijving": "ja"}, format="json")
        assert invalid_params(response) == [("nonFieldErrors", "non-concept-relation")]
        assert invalid_params(beheerder.delete(url(besluittype))) == [("nonFieldErrors", "non-concept-relation")]
        assert beheerder.patch(url(besluittype), {"eindeGeldigheid": "2030-01-01"}, format="json").status_code == 200

    def test_informatieobjecttypen_of_another_catalogus_are_refused(self, beheerder):
        elders = InformatieObjectTypeFactory()

        response = beheerder.post(
            BESLUITTYPEN, payloads.besluittype(CatalogusFactory(), informatieobjecttypen=[url(elders)]), format="json"
        )

        assert invalid_params(response) == [("nonFieldErrors", "relations-incorrect-catalogus")]

    def test_list_and_filters(self, lezer):
        catalogus = CatalogusFactory()
        informatieobjecttype = InformatieObjectTypeFactory(catalogus=catalogus)
        zaaktype = ZaakTypeFactory(catalogus=catalogus)
        a = BesluitTypeFactory(catalogus=catalogus, omschrijving="A", gepubliceerd=True)
        a.informatieobjecttypen.add(informatieobjecttype)
        zaaktype.besluittypen.add(a)
        b = BesluitTypeFactory(omschrijving="B", gepubliceerd=True, begin_geldigheid=dt.date(2025, 1, 1))
        concept = BesluitTypeFactory(catalogus=catalogus, omschrijving="C")

        def urls(query=""):
            response = lezer.get(BESLUITTYPEN + query)
            assert response.status_code == 200, response.json()
            return {item["url"] for item in response.json()["results"]}

        assert urls() == {url(a), url(b)}
        assert urls("?status=concept") == {url(concept)}
        assert urls(f"?catalogus={url(catalogus)}&status=alles") == {url(a), url(concept)}
        assert urls(f"?zaaktypen={url(zaaktype)}") == {url(a)}
        assert urls(f"?informatieobjecttypen={url(informatieobjecttype)}") == {url(a)}
        assert urls("?omschrijving=B") == {url(b)}
        assert urls("?datumGeldigheid=2024-01-01") == {url(a)}

    def test_scopes(self, lezer):
        besluittype = BesluitTypeFactory()

        assert lezer.post(BESLUITTYPEN, payloads.besluittype(besluittype.catalogus), format="json").status_code == 403
        assert lezer.post(url(besluittype) + "/publish").status_code == 403
        assert lezer.delete(url(besluittype)).status_code == 403


class TestZaaktypenWrittenByAnOlderClient:
    """`besluittype.zaaktypen` is read-only in Catalogi 1.3; a 1.0-1.2 client writes it."""

    def test_a_concept_zaaktype_is_related_on_its_own_side(self, beheerder):
        zaaktype = ZaakTypeFactory()
        body = payloads.besluittype(zaaktype.catalogus, zaaktypen=[url(zaaktype)])

        response = beheerder.post(BESLUITTYPEN, body, format="json")

        assert response.status_code == 201, response.json()
        assert response.json()["zaaktypen"] == [url(zaaktype)]
        assert list(zaaktype.besluittypen.values_list("omschrijving", flat=True)) == ["Vergunning"]

    def test_a_published_zaaktype_or_one_of_another_catalogus_is_refused(self, beheerder):
        gepubliceerd = ZaakTypeFactory(gepubliceerd=True)
        elders = ZaakTypeFactory()
        besluittype = BesluitTypeFactory(catalogus=gepubliceerd.catalogus)

        for body, code in (
            (payloads.besluittype(gepubliceerd.catalogus, zaaktypen=[url(gepubliceerd)]), "non-concept-relation"),
            (payloads.besluittype(gepubliceerd.catalogus, zaaktypen=[url(elders)]), "relations-incorrect-catalogus"),
        ):
            for response in (
                beheerder.post(BESLUITTYPEN, body, format="json"),
                beheerder.put(url(besluittype), body, format="json"),
                beheerder.patch(url(besluittype), {"zaaktypen": body["zaaktypen"]}, format="json"),
            ):
                assert response.status_code == 400
                assert invalid_params(response) == [("nonFieldErrors", code)]
        assert not gepubliceerd.besluittypen.exists() and not elders.besluittypen.exists()
        assert BesluitType.objects.count() == 1

    def test_leaving_a_zaaktype_out_does_not_unlink_it(self, beheerder):
        zaaktype = ZaakTypeFactory()
        besluittype = BesluitTypeFactory(catalogus=zaaktype.catalogus)
        zaaktype.besluittypen.add(besluittype)

        response = beheerder.patch(url(besluittype), {"zaaktypen": [], "toelichting": "x"}, format="json")

        assert response.status_code == 200, response.json()
        assert list(zaaktype.besluittypen.all()) == [besluittype]
