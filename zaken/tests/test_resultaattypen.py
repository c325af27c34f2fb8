"""Resultaattypen: archiving parameters checked against the Selectielijst API, by design."""

from __future__ import annotations

import pytest

from zaken.models import ResultaatType
from zaken.services import catalogi_url as url

from . import payloads, selectielijst
from .factories import (
    BesluitTypeFactory,
    CatalogusFactory,
    InformatieObjectTypeFactory,
    ResultaatTypeFactory,
    ZaakObjectTypeFactory,
    ZaakTypeFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)  # providers answer on their own connection

RESULTAATTYPEN = "/catalogi/api/v1/resultaattypen"

LEEG = {"datumkenmerk": "", "einddatumBekend": False, "objecttype": "", "registratie": "", "procestermijn": None}
WAARDEN = {"datumkenmerk": "overlijdensdatum", "objecttype": "pand", "registratie": "BAG", "procestermijn": "P5Y"}

# afleidingswijze -> (selectielijstklasse that fits it, the fields it demands)
AFLEIDINGSWIJZEN = {
    "afgehandeld": (selectielijst.NIHIL_P5Y, set()),
    "termijn": (selectielijst.INGESCHATTE_BESTAANSDUUR, {"procestermijn"}),
    "ander_datumkenmerk": (selectielijst.ZONDER_PROCESTERMIJN, {"datumkenmerk", "objecttype", "registratie"}),
    "eigenschap": (selectielijst.ZONDER_PROCESTERMIJN, {"datumkenmerk"}),
    "zaakobject": (selectielijst.ZONDER_PROCESTERMIJN, {"datumkenmerk", "objecttype"}),
    "gerelateerde_zaak": (selectielijst.ZONDER_PROCESTERMIJN, set()),
    "hoofdzaak": (selectielijst.ZONDER_PROCESTERMIJN, set()),
    "ingangsdatum_besluit": (selectielijst.ZONDER_PROCESTERMIJN, set()),
    "vervaldatum_besluit": (selectielijst.ZONDER_PROCESTERMIJN, set()),
}


def invalid_params(response) -> list[tuple[str, str]]:
    return [(p["name"], p["code"]) for p in response.json()["invalidParams"]]


def body_for(zaaktype, afleidingswijze: str, **velden) -> dict:
    klasse, vereist = AFLEIDINGSWIJZEN[afleidingswijze]
    procedure = {**LEEG, "afleidingswijze": afleidingswijze, **{v: WAARDEN[v] for v in vereist}, **velden}
    return payloads.resultaattype(
        zaaktype, selectielijstklasse=selectielijst.resultaat(klasse), brondatumArchiefprocedure=procedure
    )


@pytest.mark.parametrize("afleidingswijze", sorted(AFLEIDINGSWIJZEN))
def test_every_afleidingswijze_is_accepted_with_its_fields(beheerder, afleidingswijze):
    zaaktype = ZaakTypeFactory()
    body = body_for(zaaktype, afleidingswijze)

    response = beheerder.post(RESULTAATTYPEN, body, format="json")

    assert response.status_code == 201, response.json()
    assert response.json()["brondatumArchiefprocedure"] == body["brondatumArchiefprocedure"]


@pytest.mark.parametrize(
    ("afleidingswijze", "veld"),
    [(a, v) for a, (_, vereist) in sorted(AFLEIDINGSWIJZEN.items()) for v in sorted(vereist)],
)
def test_a_field_the_afleidingswijze_needs_is_required(beheerder, afleidingswijze, veld):
    body = body_for(ZaakTypeFactory(), afleidingswijze, **{veld: LEEG[veld]})

    response = beheerder.post(RESULTAATTYPEN, body, format="json")

    assert response.status_code == 400
    assert invalid_params(response) == [(f"brondatumArchiefprocedure.{veld}", "required")]


@pytest.mark.parametrize(
    ("afleidingswijze", "veld"),
    [
        (a, v)
        for a, (_, vereist) in sorted(AFLEIDINGSWIJZEN.items())
        for v in ("datumkenmerk", "objecttype", "registratie", "procestermijn")
        if v not in vereist
    ]
    + [("afgehandeld", "einddatumBekend"), ("termijn", "einddatumBekend")],
)
def test_a_field_the_afleidingswijze_does_not_use_must_be_empty(beheerder, afleidingswijze, veld):
    waarde = True if veld == "einddatumBekend" else WAARDEN[veld]
    body = body_for(ZaakTypeFactory(), afleidingswijze, **{veld: waarde})

    response = beheerder.post(RESULTAATTYPEN, body, format="json")

    assert response.status_code == 400
    assert invalid_params(response) == [(f"brondatumArchiefprocedure.{veld}", "must-be-empty")]


def test_one_invalid_param_per_field(beheerder):
    body = body_for(ZaakTypeFactory(), "afgehandeld", datumkenmerk="x", objecttype="pand", registratie="BAG")

    response = beheerder.post(RESULTAATTYPEN, body, format="json")

    assert sorted(invalid_params(response)) == [
        ("brondatumArchiefprocedure.datumkenmerk", "must-be-empty"),
        ("brondatumArchiefprocedure.objecttype", "must-be-empty"),
        ("brondatumArchiefprocedure.registratie", "must-be-empty"),
    ]


def test_an_unknown_afleidingswijze_is_refused(beheerder):
    body = payloads.resultaattype(ZaakTypeFactory(), brondatumArchiefprocedure={"afleidingswijze": "ooit"})

    response = beheerder.post(RESULTAATTYPEN, body, format="json")

    assert invalid_params(response) == [("brondatumArchiefprocedure.afleidingswijze", "invalid_choice")]


class TestSelectielijst:
    def test_omschrijving_generiek_and_archiving_defaults_come_from_the_selectielijst(self, beheerder):
        response = beheerder.post(RESULTAATTYPEN, payloads.resultaattype(ZaakTypeFactory()), format="json")

        assert response.status_code == 201, response.json()
        body = response.json()
        assert body["omschrijvingGeneriek"] == "Afgewezen"
        assert body["archiefnominatie"] == "vernietigen"  # waardering of 15.1
        assert body["archiefactietermijn"] == "P5Y"  # bewaartermijn of 15.1

    def test_given_archiving_parameters_are_kept(self, beheerder):
        body = payloads.resultaattype(
            ZaakTypeFactory(), archiefnominatie="blijvend_bewaren", archiefactietermijn="P20Y"
        )

        response = beheerder.post(RESULTAATTYPEN, body, format="json")

        assert (response.json()["archiefnominatie"], response.json()["archiefactietermijn"]) == (
            "blijvend_bewaren",
            "P20Y",
        )

    def test_the_selectielijstklasse_belongs_to_the_procestype_of_the_zaaktype(self, beheerder):
        zaaktype = ZaakTypeFactory()  # procestype 15
        body = body_for(zaaktype, "ander_datumkenmerk", selectielijstklasse=None) | {
            "selectielijstklasse": selectielijst.resultaat(selectielijst.VAST_TE_LEGGEN_DATUM)
        }  # procestype 3

        response = beheerder.post(RESULTAATTYPEN, body, format="json")

        assert response.status_code == 400
        assert invalid_params(response) == [("nonFieldErrors", "procestype-mismatch")]

    @pytest.mark.parametrize(
        ("resultaat", "procestype", "afleidingswijze", "past"),
        [
            (selectielijst.NIHIL_P5Y, selectielijst.PROCESTYPE_15, "afgehandeld", True),
            (selectielijst.NIHIL_P5Y, selectielijst.PROCESTYPE_15, "termijn", False),
            (selectielijst.NIHIL_P5Y, selectielijst.PROCESTYPE_15, "hoofdzaak", False),
            (selectielijst.INGESCHATTE_BESTAANSDUUR, selectielijst.PROCESTYPE_15, "termijn", True),
            (selectielijst.INGESCHATTE_BESTAANSDUUR, selectielijst.PROCESTYPE_15, "afgehandeld", False),
            (selectielijst.INGESCHATTE_BESTAANSDUUR, selectielijst.PROCESTYPE_15, "eigenschap", False),
            (selectielijst.VAST_TE_LEGGEN_DATUM, selectielijst.PROCESTYPE_3, "eigenschap", True),
            (selectielijst.VAST_TE_LEGGEN_DATUM, selectielijst.PROCESTYPE_3, "afgehandeld", False),
            (selectielijst.VAST_TE_LEGGEN_DATUM, selectielijst.PROCESTYPE_3, "termijn", False),
            (selectielijst.ZONDER_PROCESTERMIJN, selectielijst.PROCESTYPE_15, "afgehandeld", True),
        ],
    )
    def test_the_afleidingswijze_fits_the_procestermijn(self, beheerder, resultaat, procestype, afleidingswijze, past):
        zaaktype = ZaakTypeFactory(selectielijst_procestype=selectielijst.procestype(procestype))
        body = body_for(zaaktype, afleidingswijze) | {"selectielijstklasse": selectielijst.resultaat(resultaat)}

        response = beheerder.post(RESULTAATTYPEN, body, format="json")

        if past:
            assert response.status_code == 201, response.json()
        else:
            assert invalid_params(response) == [("nonFieldErrors", "invalid-afleidingswijze-for-procestermijn")]

    def test_termijn_without_procestermijn_names_the_field(self, beheerder):
        """Conformance ztc-003t: a selectielijstklasse without procestermijn, afleidingswijze termijn."""
        zaaktype = ZaakTypeFactory()
        body = body_for(zaaktype, "termijn", procestermijn=None) | {
            "selectielijstklasse": selectielijst.resultaat(selectielijst.ZONDER_PROCESTERMIJN)
        }

        response = beheerder.post(RESULTAATTYPEN, body, format="json")

        assert invalid_params(response)[0] == ("brondatumArchiefprocedure.procestermijn", "required")

    @pytest.mark.parametrize(
        ("field", "value", "code"),
        [
            ("selectielijstklasse", "https://selectielijst.openzaak.nl/api/v1/resultaten/1", "bad-url"),
            ("selectielijstklasse", selectielijst.resultaat("00000000-0000-4000-8000-000000000000"), "bad-url"),
            ("selectielijstklasse", selectielijst.procestype(selectielijst.PROCESTYPE_15), "invalid-resource"),
            ("selectielijstklasse", "http://localhost:8000/catalogi/api/v1/zaaktypen/1", "bad-url"),
            ("resultaattypeomschrijving", "https://elders.nl/resultaattypeomschrijvingen/1", "bad-url"),
            ("resultaattypeomschrijving", selectielijst.resultaat(selectielijst.NIHIL_P5Y), "invalid-resource"),
        ],
    )
    def test_references_must_resolve_in_the_selectielijst_api(self, beheerder, field, value, code):
        body = payloads.resultaattype(ZaakTypeFactory(), **{field: value})

        response = beheerder.post(RESULTAATTYPEN, body, format="json")

        assert response.status_code == 400
        assert (field, code) in invalid_params(response)
        assert not ResultaatType.objects.exists()

    def test_another_resource_of_ours_is_an_invalid_resource(self, beheerder):
        """Something answers at the URL (a zaaktype of the Catalogi API), but not a resultaat."""
        zaaktype = ZaakTypeFactory()
        body = payloads.resultaattype(
            zaaktype, selectielijstklasse=f"http://localhost:8000/catalogi/api/v1/zaaktypen/{zaaktype.uuid}"
        )

        response = beheerder.post(RESULTAATTYPEN, body, format="json")

        assert ("selectielijstklasse", "invalid-resource") in invalid_params(response)

    def test_a_change_that_does_not_touch_archiving_needs_no_selectielijst(self, beheerder, settings):
        resultaattype = ResultaatTypeFactory()
        settings.SELECTIELIJST_API_ROOT = "http://127.0.0.1:9/selectielijst/api/v1/"

        response = beheerder.patch(url(resultaattype), {"toelichting": "Toegelicht"}, format="json")
        assert response.status_code == 200, response.json()

        response = beheerder.patch(
            url(resultaattype), {"brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld"}}, format="json"
        )
        assert response.status_code == 400
        assert ("selectielijstklasse", "bad-url") in invalid_params(response)

    def test_a_partial_update_is_checked_as_a_whole(self, beheerder):
        resultaattype = ResultaatTypeFactory(
            selectielijstklasse=selectielijst.resultaat(selectielijst.ZONDER_PROCESTERMIJN),
            brondatum_archiefprocedure_afleidingswijze="eigenschap",
            brondatum_archiefprocedure_datumkenmerk="vervaldatum",
        )

        response = beheerder.patch(
            url(resultaattype),
            {"brondatumArchiefprocedure": {"afleidingswijze": "zaakobject", "datumkenmerk": "einddatum"}},
            format="json",
        )
        assert invalid_params(response) == [("brondatumArchiefprocedure.objecttype", "required")]

        response = beheerder.patch(
            url(resultaattype), {"selectielijstklasse": selectielijst.resultaat(selectielijst.NIHIL_P5Y)}, format="json"
        )
        assert invalid_params(response) == [("nonFieldErrors", "invalid-afleidingswijze-for-procestermijn")]


def test_read_and_list(lezer):
    resultaattype = ResultaatTypeFactory(zaaktype=ZaakTypeFactory(gepubliceerd=True))

    response = lezer.get(url(resultaattype))

    assert response.status_code == 200
    body = response.json()
    assert body["zaaktypeIdentificatie"] == resultaattype.zaaktype.identificatie
    assert body["catalogus"] == url(resultaattype.zaaktype.catalogus)
    assert body["brondatumArchiefprocedure"]["afleidingswijze"] == "afgehandeld"
    assert body["zaakobjecttypen"] == []
    assert lezer.get(RESULTAATTYPEN).json()["count"] == 1


def test_filters_use_the_standards_snake_case_names(lezer):
    catalogus = CatalogusFactory()
    a = ResultaatTypeFactory(zaaktype=ZaakTypeFactory(catalogus=catalogus, identificatie="A", gepubliceerd=True))
    b = ResultaatTypeFactory(zaaktype=ZaakTypeFactory(catalogus=catalogus, identificatie="B", gepubliceerd=True))
    concept = ResultaatTypeFactory()

    def urls(query=""):
        response = lezer.get(RESULTAATTYPEN + query)
        assert response.status_code == 200, response.json()
        return {item["url"] for item in response.json()["results"]}

    assert urls() == {url(a), url(b)}
    assert urls(f"?zaaktype={url(a.zaaktype)}") == {url(a)}
    assert urls("?zaaktype_identificatie=B") == {url(b)}
    assert urls("?status=concept") == {url(concept)}
    assert urls("?status=alles") == {url(a), url(b), url(concept)}
    assert urls("?datum_geldigheid=2019-01-01") == set()
    assert urls("?datum_geldigheid=2021-01-01") == {url(a), url(b)}


def test_relations(beheerder):
    zaaktype = ZaakTypeFactory()
    besluittype = BesluitTypeFactory(catalogus=zaaktype.catalogus, omschrijving="Vergunning")
    informatieobjecttype = InformatieObjectTypeFactory(catalogus=zaaktype.catalogus, omschrijving="Verslag")
    zaakobjecttype = ZaakObjectTypeFactory(zaaktype=zaaktype)
    body = payloads.resultaattype(
        zaaktype,
        besluittypen=["Vergunning"],
        informatieobjecttypen=[url(informatieobjecttype)],
        catalogus=url(zaaktype.catalogus),
    )

    response = beheerder.post(RESULTAATTYPEN, body, format="json")

    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["besluittypen"] == [url(besluittype)]
    assert created["besluittypeOmschrijving"] == ["Vergunning"]
    assert created["informatieobjecttypen"] == [url(informatieobjecttype)]
    assert created["informatieobjecttypeOmschrijving"] == ["Verslag"]

    beheerder.patch(url(zaakobjecttype), {"resultaattypen": [created["url"]]}, format="json")
    assert beheerder.get(created["url"]).json()["zaakobjecttypen"] == [url(zaakobjecttype)]
    assert beheerder.get(url(besluittype)).json()["resultaattypen"] == [created["url"]]


def test_the_catalogus_is_the_one_of_the_zaaktype(beheerder):
    body = payloads.resultaattype(ZaakTypeFactory(), catalogus=url(CatalogusFactory()))

    response = beheerder.post(RESULTAATTYPEN, body, format="json")

    assert invalid_params(response) == [("catalogus", "relations-incorrect-catalogus")]


def test_omschrijving_is_unique_within_the_zaaktype(beheerder):
    bestaand = ResultaatTypeFactory(omschrijving="Afgehandeld")

    response = beheerder.post(RESULTAATTYPEN, payloads.resultaattype(bestaand.zaaktype), format="json")

    assert invalid_params(response) == [("nonFieldErrors", "unique")]


def test_not_on_a_published_zaaktype(beheerder, make_api_client):
    zaaktype = ZaakTypeFactory(gepubliceerd=True)

    response = beheerder.post(RESULTAATTYPEN, payloads.resultaattype(zaaktype), format="json")
    assert response.status_code == 400
    assert invalid_params(response) == [("nonFieldErrors", "non-concept-zaaktype")]

    # The forced scopes correct a published version; they do not extend it.
    forced = make_api_client(
        autorisaties=[{"component": "ztc", "scopes": ["catalogi.schrijven", "catalogi.geforceerd-schrijven"]}]
    )
    response = forced.post(RESULTAATTYPEN, payloads.resultaattype(zaaktype), format="json")
    assert invalid_params(response) == [("nonFieldErrors", "non-concept-zaaktype")]
    assert not zaaktype.resultaattypen.exists()


def test_delete(beheerder):
    resultaattype = ResultaatTypeFactory()

    assert beheerder.delete(url(resultaattype)).status_code == 204
    assert not ResultaatType.objects.exists()


def test_update(beheerder):
    resultaattype = ResultaatTypeFactory()
    body = payloads.resultaattype(
        resultaattype.zaaktype,
        omschrijving="Verleend",
        toelichting="Bijgewerkt",
        resultaattypeomschrijving=selectielijst.resultaattypeomschrijving(selectielijst.TOEGEKEND),
        selectielijstklasse=selectielijst.resultaat(selectielijst.NIHIL_P10Y),
        archiefactietermijn="P12Y",
    )

    response = beheerder.put(url(resultaattype), body, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["omschrijving"] == "Verleend"
    assert response.json()["omschrijvingGeneriek"] == "Toegekend"
    assert response.json()["archiefactietermijn"] == "P12Y"
