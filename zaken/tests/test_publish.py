"""Publishing: a zaaktype is published only when it is complete and can be archived."""

from __future__ import annotations

import pytest

from common.models import Notificatie
from zaken.models import ResultaatType
from zaken.services import catalogi_url as url

from . import selectielijst
from .factories import (
    BesluitTypeFactory,
    EigenschapFactory,
    InformatieObjectTypeFactory,
    ResultaatTypeFactory,
    ZaakTypeFactory,
    ZaakTypeInformatieObjectTypeFactory,
    publiceerbaar_zaaktype,
)

pytestmark = pytest.mark.django_db


def publish(client, obj):
    return client.post(url(obj) + "/publish")


def invalid_params(response) -> list[tuple[str, str]]:
    return [(p["name"], p["code"]) for p in response.json()["invalidParams"]]


def test_a_complete_zaaktype_is_published(beheerder):
    zaaktype = publiceerbaar_zaaktype()

    response = publish(beheerder, zaaktype)

    assert response.status_code == 200, response.json()
    assert response.json()["concept"] is False
    zaaktype.refresh_from_db()
    assert zaaktype.concept is False
    assert Notificatie.objects.get().actie == "update"
    assert beheerder.get("/catalogi/api/v1/zaaktypen").json()["count"] == 1


def test_publishing_twice_changes_nothing(beheerder):
    zaaktype = publiceerbaar_zaaktype()
    publish(beheerder, zaaktype)

    response = publish(beheerder, zaaktype)

    assert response.status_code == 200
    assert Notificatie.objects.count() == 1


def test_an_empty_zaaktype_can_be_published_as_the_standard_allows(beheerder):
    """No statustypen, roltypen or resultaattypen: published, and its zaken can never close."""
    zaaktype = ZaakTypeFactory()

    response = publish(beheerder, zaaktype)

    assert response.status_code == 200, response.json()
    zaaktype.refresh_from_db()
    assert zaaktype.concept is False


def test_one_entry_per_resultaattype_that_cannot_be_archived(beheerder):
    zaaktype = publiceerbaar_zaaktype()
    zonder_nominatie = ResultaatTypeFactory(zaaktype=zaaktype, archiefnominatie="", archiefactietermijn="")
    zonder_brondatum = ResultaatTypeFactory(zaaktype=zaaktype, brondatum_archiefprocedure_afleidingswijze="")
    blijvend = ResultaatTypeFactory(
        zaaktype=zaaktype,
        selectielijstklasse=selectielijst.resultaat(selectielijst.ZONDER_PROCESTERMIJN),
        archiefnominatie="blijvend_bewaren",
        archiefactietermijn="",
    )

    response = publish(beheerder, zaaktype)

    assert response.status_code == 400
    assert invalid_params(response) == [
        (f"resultaattypen.{zonder_nominatie.uuid}", "archiefparameters-incomplete"),
        (f"resultaattypen.{zonder_brondatum.uuid}", "archiefparameters-incomplete"),
    ]
    reasons = [p["reason"] for p in response.json()["invalidParams"]]
    assert "archiefnominatie ontbreekt" in reasons[0]
    assert "archiefactietermijn ontbreekt" in reasons[0]
    assert "afleidingswijze: required" in reasons[1]
    assert str(blijvend.uuid) not in str(response.json())


def test_the_selectielijstklasse_must_still_fit_when_publishing(beheerder):
    zaaktype = publiceerbaar_zaaktype()
    resultaattype = ResultaatType.objects.get(zaaktype=zaaktype)
    # the zaaktype moved to another procestype after its resultaattype was made
    zaaktype.selectielijst_procestype = selectielijst.procestype(selectielijst.PROCESTYPE_3)
    zaaktype.save()

    response = publish(beheerder, zaaktype)

    assert invalid_params(response) == [(f"resultaattypen.{resultaattype.uuid}", "archiefparameters-incomplete")]
    assert "procestype" in response.json()["invalidParams"][0]["reason"]


def test_an_unreachable_selectielijstklasse_blocks_publishing(beheerder):
    zaaktype = publiceerbaar_zaaktype()
    ResultaatType.objects.filter(zaaktype=zaaktype).update(
        selectielijstklasse=selectielijst.resultaat("00000000-0000-4000-8000-000000000000")
    )

    response = publish(beheerder, zaaktype)

    assert invalid_params(response)[0][1] == "archiefparameters-incomplete"
    assert "niet op te halen (bad-url)" in response.json()["invalidParams"][0]["reason"]


def test_the_afleidingswijze_needs_what_it_points_at(beheerder):
    zaaktype = publiceerbaar_zaaktype()
    ResultaatType.objects.filter(zaaktype=zaaktype).update(
        selectielijstklasse=selectielijst.resultaat(selectielijst.ZONDER_PROCESTERMIJN),
        brondatum_archiefprocedure_afleidingswijze="eigenschap",
        brondatum_archiefprocedure_datumkenmerk="vervaldatum",
    )

    assert invalid_params(publish(beheerder, zaaktype))[0][1] == "archiefparameters-incomplete"

    EigenschapFactory(zaaktype=zaaktype, naam="vervaldatum")
    assert publish(beheerder, zaaktype).status_code == 200


def test_related_types_must_be_published_first(beheerder):
    zaaktype = publiceerbaar_zaaktype()
    besluittype = BesluitTypeFactory(catalogus=zaaktype.catalogus)
    zaaktype.besluittypen.add(besluittype)
    ziot = ZaakTypeInformatieObjectTypeFactory(zaaktype=zaaktype)
    deel = ZaakTypeFactory(catalogus=zaaktype.catalogus)
    zaaktype.deelzaaktypen.add(deel)

    response = publish(beheerder, zaaktype)

    assert invalid_params(response) == [
        ("besluittypen", "concept-relation"),
        ("informatieobjecttypen", "concept-relation"),
        ("deelzaaktypen", "concept-relation"),
    ]

    for obj in (besluittype, ziot.informatieobjecttype, deel):
        obj.concept = False
        obj.save()
    assert publish(beheerder, zaaktype).status_code == 200


def test_the_parts_of_a_published_zaaktype_do_not_change(beheerder):
    zaaktype = publiceerbaar_zaaktype()
    assert publish(beheerder, zaaktype).status_code == 200
    statustype = zaaktype.statustypen.first()

    for response in (
        beheerder.post(
            "/catalogi/api/v1/roltypen",
            {"zaaktype": url(zaaktype), "omschrijving": "Adviseur", "omschrijvingGeneriek": "adviseur"},
            format="json",
        ),
        beheerder.patch(url(statustype), {"omschrijving": "Anders"}, format="json"),
        beheerder.delete(url(statustype)),
    ):
        assert response.status_code == 400
        assert invalid_params(response) == [("nonFieldErrors", "non-concept-zaaktype")]


def test_publishing_needs_catalogi_schrijven(make_api_client):
    zaaktype = publiceerbaar_zaaktype()
    client = make_api_client(autorisaties=[{"component": "ztc", "scopes": ["catalogi.geforceerd-schrijven"]}])

    assert publish(client, zaaktype).status_code == 403


class TestInformatieObjectTypeAndBesluitType:
    def test_publish_an_informatieobjecttype(self, beheerder):
        informatieobjecttype = InformatieObjectTypeFactory()

        response = publish(beheerder, informatieobjecttype)

        assert response.status_code == 200
        assert response.json()["concept"] is False
        notificatie = Notificatie.objects.get()
        assert (notificatie.kanaal, notificatie.actie) == ("informatieobjecttypen", "update")

    def test_a_besluittype_may_be_published_before_its_informatieobjecttypen(self, beheerder):
        besluittype = BesluitTypeFactory()
        informatieobjecttype = InformatieObjectTypeFactory(catalogus=besluittype.catalogus)
        besluittype.informatieobjecttypen.add(informatieobjecttype)

        response = publish(beheerder, besluittype)

        assert response.status_code == 200
        informatieobjecttype.refresh_from_db()
        assert informatieobjecttype.concept is True
        assert response.json()["concept"] is False
