"""Zaaktypen: CRUD, filters, versions, the concept rules, notifications and scopes."""

from __future__ import annotations

import datetime as dt

import pytest

from common.models import Notificatie
from zaken.models import ZaakType
from zaken.services import catalogi_url as url

from . import payloads, selectielijst
from .factories import BesluitTypeFactory, CatalogusFactory, ZaakTypeFactory

pytestmark = pytest.mark.django_db

ZAAKTYPEN = "/catalogi/api/v1/zaaktypen"


def invalid_params(response) -> list[tuple[str, str]]:
    return [(p["name"], p["code"]) for p in response.json()["invalidParams"]]


def test_create_gives_a_concept_and_a_notification(beheerder):
    catalogus = CatalogusFactory()

    response = beheerder.post(ZAAKTYPEN, payloads.zaaktype(catalogus, trefwoorden=["melding"]), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["concept"] is True
    assert body["identificatie"] == "MOR-001"
    assert body["referentieproces"] == {"naam": "Melding afhandelen", "link": None}
    assert body["beginObject"] == "2020-01-01"
    assert body["eindeObject"] is None
    zaaktype = ZaakType.objects.get()
    assert body["url"] == url(zaaktype)
    notificatie = Notificatie.objects.get()
    assert notificatie.message() | {"aanmaakdatum": None} == {
        "kanaal": "zaaktypen",
        "hoofdObject": url(zaaktype),
        "resource": "zaaktype",
        "resourceUrl": url(zaaktype),
        "actie": "create",
        "aanmaakdatum": None,
        "kenmerken": {"catalogus": url(catalogus)},
    }


def test_an_empty_link_reads_as_null(beheerder):
    payload = payloads.zaaktype(CatalogusFactory(), referentieproces={"naam": "Melding afhandelen", "link": ""})

    response = beheerder.post(ZAAKTYPEN, payload, format="json")

    assert response.status_code == 201, response.json()
    assert response.json()["referentieproces"] == {"naam": "Melding afhandelen", "link": None}


def test_read(lezer):
    zaaktype = ZaakTypeFactory(trefwoorden=["a"])

    response = lezer.get(url(zaaktype))

    assert response.status_code == 200
    assert response.json()["url"] == url(zaaktype)
    assert response.json()["catalogus"] == url(zaaktype.catalogus)


def test_list_shows_published_zaaktypen_unless_asked_otherwise(lezer):
    gepubliceerd = ZaakTypeFactory(gepubliceerd=True)
    concept = ZaakTypeFactory()

    def urls(query=""):
        response = lezer.get(ZAAKTYPEN + query)
        assert response.status_code == 200
        return {item["url"] for item in response.json()["results"]}

    assert urls() == {url(gepubliceerd)}
    assert urls("?status=definitief") == {url(gepubliceerd)}
    assert urls("?status=concept") == {url(concept)}
    assert urls("?status=alles") == {url(gepubliceerd), url(concept)}
    assert lezer.get(ZAAKTYPEN + "?status=weg").status_code == 400


def test_list_filters(lezer):
    catalogus = CatalogusFactory()
    oud = ZaakTypeFactory(
        catalogus=catalogus,
        identificatie="A",
        trefwoorden=["melding", "afval"],
        begin_geldigheid=dt.date(2018, 1, 1),
        einde_geldigheid=dt.date(2019, 12, 31),
        gepubliceerd=True,
    )
    nieuw = ZaakTypeFactory(
        catalogus=catalogus,
        identificatie="A",
        trefwoorden=["melding"],
        begin_geldigheid=dt.date(2020, 1, 1),
        gepubliceerd=True,
    )
    ander = ZaakTypeFactory(identificatie="B", gepubliceerd=True)

    def urls(query):
        response = lezer.get(ZAAKTYPEN + query)
        assert response.status_code == 200, response.json()
        return {item["url"] for item in response.json()["results"]}

    assert urls(f"?catalogus={url(catalogus)}") == {url(oud), url(nieuw)}
    assert urls("?identificatie=B") == {url(ander)}
    assert urls("?trefwoorden=melding") == {url(oud), url(nieuw)}
    assert urls("?trefwoorden=melding,afval") == {url(oud)}
    assert urls("?datumGeldigheid=2019-06-01") == {url(oud)}
    assert urls("?datumGeldigheid=2019-12-31") == {url(oud)}
    assert urls("?datumGeldigheid=2021-01-01") == {url(nieuw), url(ander)}
    assert (
        urls("?catalogus=http://localhost:8000/catalogi/api/v1/catalogussen/0b0ca5c1-5e2b-4a8f-8c80-4d84d3c46c4b")
        == set()
    )
    assert lezer.get(ZAAKTYPEN + "?catalogus=geen-url").status_code == 400
    assert lezer.get(ZAAKTYPEN + "?datumGeldigheid=morgen").status_code == 400


def test_retrieve_with_datum_geldigheid(lezer):
    zaaktype = ZaakTypeFactory(begin_geldigheid=dt.date(2020, 1, 1), einde_geldigheid=dt.date(2020, 12, 31))

    assert lezer.get(url(zaaktype) + "?datumGeldigheid=2020-06-01").status_code == 200
    assert lezer.get(url(zaaktype) + "?datumGeldigheid=2021-06-01").status_code == 404


def test_update_and_partial_update_of_a_concept(beheerder):
    zaaktype = ZaakTypeFactory()
    body = payloads.zaaktype(zaaktype.catalogus, identificatie=zaaktype.identificatie, doel="Nieuw doel")

    response = beheerder.put(url(zaaktype), body, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["doel"] == "Nieuw doel"

    response = beheerder.patch(url(zaaktype), {"omschrijving": "Anders"}, format="json")
    assert response.status_code == 200
    assert response.json()["omschrijving"] == "Anders"
    assert response.json()["doel"] == "Nieuw doel"
    assert [n.actie for n in Notificatie.objects.all()] == ["update", "partial_update"]


def test_a_published_zaaktype_does_not_change(beheerder):
    zaaktype = ZaakTypeFactory(gepubliceerd=True)
    body = payloads.zaaktype(zaaktype.catalogus, identificatie=zaaktype.identificatie, doel="Nieuw doel")

    for response in (
        beheerder.put(url(zaaktype), body, format="json"),
        beheerder.patch(url(zaaktype), {"omschrijving": "aangepast"}, format="json"),
        beheerder.patch(url(zaaktype), {"omschrijving": "aangepast", "eindeGeldigheid": "2030-01-01"}, format="json"),
        beheerder.delete(url(zaaktype)),
    ):
        assert response.status_code == 400
        assert invalid_params(response) == [("nonFieldErrors", "non-concept-object")]
    omschrijving = zaaktype.omschrijving
    zaaktype.refresh_from_db()
    assert zaaktype.omschrijving == omschrijving


def test_a_published_zaaktype_can_be_ended(beheerder):
    zaaktype = ZaakTypeFactory(gepubliceerd=True)

    response = beheerder.patch(url(zaaktype), {"eindeGeldigheid": "2030-12-31"}, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["eindeGeldigheid"] == "2030-12-31"
    assert response.json()["eindeObject"] == "2030-12-31"


def test_forced_scopes_lift_the_concept_rules(make_api_client):
    client = make_api_client(
        autorisaties=[
            {
                "component": "ztc",
                "scopes": ["catalogi.lezen", "catalogi.geforceerd-schrijven", "catalogi.geforceerd-verwijderen"],
            }
        ]
    )
    zaaktype = ZaakTypeFactory(gepubliceerd=True)

    assert client.patch(url(zaaktype), {"omschrijving": "Gecorrigeerd"}, format="json").status_code == 200
    assert client.delete(url(zaaktype)).status_code == 204
    assert not ZaakType.objects.exists()


def test_delete_a_concept(beheerder):
    zaaktype = ZaakTypeFactory()

    response = beheerder.delete(url(zaaktype))

    assert response.status_code == 204
    assert not ZaakType.objects.exists()
    assert Notificatie.objects.get().actie == "destroy"


class TestVersions:
    def test_an_overlapping_version_is_refused(self, beheerder):
        bestaand = ZaakTypeFactory(
            identificatie="MOR-001",
            omschrijving="Melding openbare ruimte",
            begin_geldigheid=dt.date(2020, 1, 1),
            gepubliceerd=True,
        )

        response = beheerder.post(
            ZAAKTYPEN, payloads.zaaktype(bestaand.catalogus, beginGeldigheid="2024-01-01"), format="json"
        )

        assert response.status_code == 400
        assert invalid_params(response) == [("beginGeldigheid", "overlap")]

    def test_concepts_may_overlap_until_one_is_published(self, beheerder):
        catalogus = CatalogusFactory()
        eerste = beheerder.post(ZAAKTYPEN, payloads.zaaktype(catalogus, beginGeldigheid="2024-01-01"), format="json")
        tweede = beheerder.post(ZAAKTYPEN, payloads.zaaktype(catalogus, beginGeldigheid="2024-06-01"), format="json")
        assert (eerste.status_code, tweede.status_code) == (201, 201)

        assert beheerder.post(eerste.json()["url"] + "/publish").status_code == 200
        response = beheerder.post(tweede.json()["url"] + "/publish")

        assert response.status_code == 400
        assert invalid_params(response) == [("beginGeldigheid", "overlap")]
        assert ZaakType.objects.get(uuid=tweede.json()["url"].rsplit("/", 1)[1]).concept is True

    def test_a_new_version_after_ending_the_old_one(self, beheerder):
        oud = ZaakTypeFactory(identificatie="MOR-001", begin_geldigheid=dt.date(2020, 1, 1), gepubliceerd=True)
        assert beheerder.patch(url(oud), {"eindeGeldigheid": "2023-12-31"}, format="json").status_code == 200

        response = beheerder.post(
            ZAAKTYPEN, payloads.zaaktype(oud.catalogus, beginGeldigheid="2024-01-01"), format="json"
        )

        assert response.status_code == 201, response.json()
        assert response.json()["beginObject"] == "2020-01-01"
        assert beheerder.get(url(oud)).json()["eindeObject"] is None

    def test_ending_a_version_may_not_overlap_the_next(self, beheerder):
        catalogus = CatalogusFactory()
        oud = ZaakTypeFactory(
            catalogus=catalogus,
            identificatie="X",
            omschrijving="X",
            begin_geldigheid=dt.date(2020, 1, 1),
            einde_geldigheid=dt.date(2020, 12, 31),
            gepubliceerd=True,
        )
        ZaakTypeFactory(
            catalogus=catalogus,
            identificatie="X",
            omschrijving="X",
            begin_geldigheid=dt.date(2021, 1, 1),
            gepubliceerd=True,
        )

        response = beheerder.patch(url(oud), {"eindeGeldigheid": "2021-06-30"}, format="json")

        assert response.status_code == 400
        assert invalid_params(response) == [("beginGeldigheid", "overlap")]

    def test_uniqueness_is_catalogus_and_omschrijving(self, beheerder):
        """Catalogi 1.3: "Uniciteit catalogus en omschrijving" — not identificatie."""
        bestaand = ZaakTypeFactory(
            identificatie="MOR-001",
            omschrijving="Melding openbare ruimte",
            begin_geldigheid=dt.date(2020, 1, 1),
            gepubliceerd=True,
        )

        zelfde_identificatie = beheerder.post(
            ZAAKTYPEN,
            payloads.zaaktype(bestaand.catalogus, omschrijving="Melding afhandelen", beginGeldigheid="2024-01-01"),
            format="json",
        )
        zelfde_omschrijving = beheerder.post(
            ZAAKTYPEN,
            payloads.zaaktype(bestaand.catalogus, identificatie="MOR-002", beginGeldigheid="2024-01-01"),
            format="json",
        )

        assert zelfde_identificatie.status_code == 201, zelfde_identificatie.json()
        assert zelfde_omschrijving.status_code == 400
        assert invalid_params(zelfde_omschrijving) == [("beginGeldigheid", "overlap")]

    def test_the_same_identificatie_in_another_catalogus_is_another_zaaktype(self, beheerder):
        ZaakTypeFactory(identificatie="MOR-001", gepubliceerd=True)

        response = beheerder.post(ZAAKTYPEN, payloads.zaaktype(CatalogusFactory()), format="json")

        assert response.status_code == 201

    def test_einde_before_begin_is_refused(self, beheerder):
        response = beheerder.post(
            ZAAKTYPEN, payloads.zaaktype(CatalogusFactory(), eindeGeldigheid="2019-01-01"), format="json"
        )

        assert response.status_code == 400
        assert invalid_params(response) == [("eindeGeldigheid", "date-mismatch")]


class TestRelations:
    def test_besluittypen_by_omschrijving_or_url(self, beheerder):
        catalogus = CatalogusFactory()
        vergunning = BesluitTypeFactory(catalogus=catalogus, omschrijving="Vergunning")
        weigering = BesluitTypeFactory(catalogus=catalogus, omschrijving="Weigering")

        response = beheerder.post(
            ZAAKTYPEN,
            payloads.zaaktype(catalogus, besluittypen=["Vergunning", url(weigering)]),
            format="json",
        )

        assert response.status_code == 201, response.json()
        assert response.json()["besluittypen"] == [url(vergunning), url(weigering)]
        assert beheerder.get(url(vergunning)).json()["zaaktypen"] == [response.json()["url"]]

    def test_an_omschrijving_resolves_to_the_version_valid_on_the_begin_date(self, beheerder):
        catalogus = CatalogusFactory()
        BesluitTypeFactory(
            catalogus=catalogus,
            omschrijving="Vergunning",
            begin_geldigheid=dt.date(2015, 1, 1),
            einde_geldigheid=dt.date(2019, 12, 31),
        )
        geldig = BesluitTypeFactory(
            catalogus=catalogus, omschrijving="Vergunning", begin_geldigheid=dt.date(2020, 1, 1)
        )

        response = beheerder.post(ZAAKTYPEN, payloads.zaaktype(catalogus, besluittypen=["Vergunning"]), format="json")

        assert response.json()["besluittypen"] == [url(geldig)]

    def test_unknown_and_foreign_besluittypen_are_refused(self, beheerder):
        catalogus = CatalogusFactory()
        elders = BesluitTypeFactory()

        response = beheerder.post(ZAAKTYPEN, payloads.zaaktype(catalogus, besluittypen=["Onbekend"]), format="json")
        assert response.status_code == 400
        assert invalid_params(response) == [("besluittypen", "does_not_exist")]

        response = beheerder.post(ZAAKTYPEN, payloads.zaaktype(catalogus, besluittypen=[url(elders)]), format="json")
        assert response.status_code == 400
        assert invalid_params(response) == [("nonFieldErrors", "relations-incorrect-catalogus")]

    def test_deelzaaktypen_and_gerelateerde_zaaktypen_by_identificatie(self, beheerder):
        catalogus = CatalogusFactory()
        deel = ZaakTypeFactory(catalogus=catalogus, identificatie="DEEL")
        vervolg = ZaakTypeFactory(catalogus=catalogus, identificatie="VERVOLG")
        extern = "https://ztc.elders.nl/catalogi/api/v1/zaaktypen/1"

        response = beheerder.post(
            ZAAKTYPEN,
            payloads.zaaktype(
                catalogus,
                deelzaaktypen=["DEEL"],
                gerelateerdeZaaktypen=[
                    {"zaaktype": "VERVOLG", "aardRelatie": "vervolg", "toelichting": "Daarna"},
                    {"zaaktype": extern, "aardRelatie": "bijdrage"},
                ],
            ),
            format="json",
        )

        assert response.status_code == 201, response.json()
        assert response.json()["deelzaaktypen"] == [url(deel)]
        assert response.json()["gerelateerdeZaaktypen"] == [
            {"zaaktype": url(vervolg), "aardRelatie": "vervolg", "toelichting": "Daarna"},
            {"zaaktype": extern, "aardRelatie": "bijdrage", "toelichting": ""},
        ]

    def test_a_put_replaces_the_gerelateerde_zaaktypen(self, beheerder):
        zaaktype = ZaakTypeFactory()
        zaaktype.zaaktypenrelaties.create(gerelateerd_zaaktype="https://elders.nl/zt/1", aard_relatie="vervolg")

        response = beheerder.put(
            url(zaaktype),
            payloads.zaaktype(zaaktype.catalogus, identificatie=zaaktype.identificatie, gerelateerdeZaaktypen=[]),
            format="json",
        )

        assert response.status_code == 200
        assert response.json()["gerelateerdeZaaktypen"] == []


class TestValidation:
    @pytest.mark.parametrize(
        ("procestype", "code"),
        [
            ("https://selectielijst.elders.nl/api/v1/procestypen/1", "bad-url"),
            (selectielijst.resultaat(selectielijst.NIHIL_P5Y), "invalid-resource"),
            (selectielijst.procestype("00000000-0000-4000-8000-000000000000"), "bad-url"),
            ("http://localhost:8000/catalogi/api/v1/catalogussen/1", "bad-url"),
        ],
    )
    def test_selectielijst_procestype_must_be_a_procestype(self, beheerder, procestype, code):
        response = beheerder.post(
            ZAAKTYPEN, payloads.zaaktype(CatalogusFactory(), selectielijstProcestype=procestype), format="json"
        )

        assert response.status_code == 400
        assert invalid_params(response) == [("selectielijstProcestype", code)]

    def test_verlengingstermijn_goes_with_verlenging_mogelijk(self, beheerder):
        catalogus = CatalogusFactory()

        response = beheerder.post(ZAAKTYPEN, payloads.zaaktype(catalogus, verlengingMogelijk=True), format="json")
        assert invalid_params(response) == [("verlengingstermijn", "required")]

        response = beheerder.post(ZAAKTYPEN, payloads.zaaktype(catalogus, verlengingstermijn="P5D"), format="json")
        assert invalid_params(response) == [("verlengingstermijn", "must-be-empty")]

        response = beheerder.post(
            ZAAKTYPEN, payloads.zaaktype(catalogus, verlengingMogelijk=True, verlengingstermijn="P5D"), format="json"
        )
        assert response.status_code == 201

    def test_durations_are_iso_8601(self, beheerder):
        response = beheerder.post(
            ZAAKTYPEN, payloads.zaaktype(CatalogusFactory(), doorlooptijd="10 dagen"), format="json"
        )

        assert response.status_code == 400
        assert invalid_params(response) == [("doorlooptijd", "invalid")]

    def test_required_fields(self, beheerder):
        response = beheerder.post(ZAAKTYPEN, {}, format="json")

        assert response.status_code == 400
        names = {name for name, code in invalid_params(response) if code == "required"}
        assert {"identificatie", "catalogus", "doorlooptijd", "referentieproces", "beginGeldigheid"} <= names


class TestScopes:
    def test_without_a_token_401(self, anonymous_client):
        assert anonymous_client.get(ZAAKTYPEN).status_code == 401

    def test_reading_needs_a_read_scope(self, make_api_client):
        zaaktype = ZaakTypeFactory(gepubliceerd=True)
        zonder = make_api_client(autorisaties=[{"component": "ztc", "scopes": ["notificaties.consumeren"]}])
        zaken = make_api_client(autorisaties=[{"component": "ztc", "scopes": ["zaken.lezen"]}])

        assert zonder.get(ZAAKTYPEN).status_code == 403
        assert zonder.get(url(zaaktype)).status_code == 403
        assert zaken.get(ZAAKTYPEN).status_code == 200
        assert zaken.get(url(zaaktype)).status_code == 200

    def test_writing_needs_catalogi_schrijven(self, lezer):
        zaaktype = ZaakTypeFactory()

        assert lezer.post(ZAAKTYPEN, payloads.zaaktype(zaaktype.catalogus), format="json").status_code == 403
        assert lezer.patch(url(zaaktype), {"doel": "x"}, format="json").status_code == 403
        assert lezer.delete(url(zaaktype)).status_code == 403
        assert lezer.post(url(zaaktype) + "/publish").status_code == 403
        assert not Notificatie.objects.exists()

    def test_forced_writing_does_not_allow_creating(self, make_api_client):
        client = make_api_client(autorisaties=[{"component": "ztc", "scopes": ["catalogi.geforceerd-schrijven"]}])

        response = client.post(ZAAKTYPEN, payloads.zaaktype(CatalogusFactory()), format="json")

        assert response.status_code == 403
