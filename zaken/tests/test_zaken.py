"""Zaken: create, read, update, delete, identificatie, immutability, filters, ordering, expand."""

from __future__ import annotations

import pytest

from common.models import AuditTrail, Notificatie
from zaken.models import Zaak
from zaken.services import catalogi_url

from .factories import ZaakTypeFactory, gepubliceerd_zaaktype
from .zaken_api import BRONORGANISATIE, ZAKEN, resultaat_zetten, status_zetten, zaak_body, zaak_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def zaaktype():
    return gepubliceerd_zaaktype()


def test_create_generates_identificatie_and_defaults(api_client, zaaktype):
    zaak = zaak_create(api_client, zaaktype)

    assert zaak["identificatie"].startswith("ZAAK-")
    assert zaak["archiefstatus"] == "nog_te_archiveren"
    assert zaak["vertrouwelijkheidaanduiding"] == zaaktype.vertrouwelijkheidaanduiding
    assert zaak["zaaktype"] == catalogi_url(zaaktype)
    assert zaak["status"] is None and zaak["resultaat"] is None and zaak["einddatum"] is None
    second = zaak_create(api_client, zaaktype)
    assert second["identificatie"] != zaak["identificatie"]


def test_identificatie_is_unique_per_bronorganisatie(api_client, zaaktype):
    zaak_create(api_client, zaaktype, identificatie="Z-1")
    response = api_client.post(f"{ZAKEN}zaken", zaak_body(zaaktype, identificatie="Z-1"), format="json")

    assert response.status_code == 400
    assert response.json()["invalidParams"][0] == {
        "name": "identificatie",
        "code": "identificatie-niet-uniek",
        "reason": "Deze identificatie bestaat al voor deze bronorganisatie.",
    }
    other = zaak_body(zaaktype, identificatie="Z-1", bronorganisatie="517439943")
    assert api_client.post(f"{ZAKEN}zaken", other, format="json").status_code == 201


def test_identificatie_and_zaaktype_are_immutable(api_client, zaaktype):
    zaak = zaak_create(api_client, zaaktype)
    ander = gepubliceerd_zaaktype(catalogus=zaaktype.catalogus)

    for body, field in (
        ({"zaaktype": catalogi_url(ander)}, "zaaktype"),
        ({"identificatie": "ANDERS"}, "identificatie"),
    ):
        response = api_client.patch(zaak["url"], body, format="json")
        assert response.status_code == 400
        assert response.json()["invalidParams"][0]["name"] == field
        assert response.json()["invalidParams"][0]["code"] == "wijzigen-niet-toegelaten"
    assert Zaak.objects.get(uuid=zaak["uuid"]).zaaktype == zaaktype


def test_a_concept_zaaktype_is_refused(api_client):
    concept = ZaakTypeFactory()
    response = api_client.post(f"{ZAKEN}zaken", zaak_body(concept), format="json")

    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "not-published"
    assert not Zaak.objects.exists()


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("https://elders.example.com/zaaktypen/1", "bad-url"),
        ("http://localhost:8000/catalogi/api/v1/catalogussen/5d3c39d8-0a1e-4b7b-8e43-05ca1b6cb1f0", "invalid-resource"),
    ],
)
def test_a_zaaktype_url_that_is_no_zaaktype_is_refused(api_client, url, code):
    response = api_client.post(f"{ZAKEN}zaken", {**zaak_body(ZaakTypeFactory()), "zaaktype": url}, format="json")

    assert response.status_code == 400
    assert response.json()["invalidParams"][0] == {
        "name": "zaaktype",
        "code": code,
        "reason": pytest.approx(response.json()["invalidParams"][0]["reason"]),
    }


def test_an_invalid_rsin_is_refused(api_client, zaaktype):
    response = api_client.post(f"{ZAKEN}zaken", zaak_body(zaaktype, bronorganisatie="123456789"), format="json")

    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "bronorganisatie"


def test_update_partial_update_delete_with_audit_trail_and_notifications(api_client, zaaktype):
    zaak = zaak_create(api_client, zaaktype)
    body = {**zaak_body(zaaktype), "identificatie": zaak["identificatie"], "omschrijving": "Bijgewerkt"}

    assert api_client.put(zaak["url"], body, format="json").json()["omschrijving"] == "Bijgewerkt"
    assert api_client.patch(zaak["url"], {"toelichting": "Deels"}, format="json").json()["toelichting"] == "Deels"
    trail = api_client.get(f"{zaak['url']}/audittrail").json()
    assert [entry["actie"] for entry in trail] == ["create", "update", "partial_update"]
    assert trail[1]["wijzigingen"]["oud"]["omschrijving"] == ""
    assert trail[1]["wijzigingen"]["nieuw"]["omschrijving"] == "Bijgewerkt"
    assert api_client.get(f"{zaak['url']}/audittrail/{trail[0]['uuid']}").json()["resourceUrl"] == zaak["url"]

    assert api_client.delete(zaak["url"]).status_code == 204
    assert api_client.get(zaak["url"]).status_code == 404
    acties = list(Notificatie.objects.filter(kanaal="zaken", resource="zaak").values_list("actie", flat=True))
    assert acties == ["create", "update", "partial_update", "destroy"]
    notificatie = Notificatie.objects.filter(kanaal="zaken").first()
    assert notificatie.kenmerken == {
        "bronorganisatie": BRONORGANISATIE,
        "zaaktype": catalogi_url(zaaktype),
        "vertrouwelijkheidaanduiding": zaaktype.vertrouwelijkheidaanduiding,
    }
    assert AuditTrail.objects.filter(resource="zaak", actie="destroy").exists()


def test_delete_takes_parts_and_deelzaken_along(api_client, zaaktype):
    hoofdzaak = zaak_create(api_client, zaaktype)
    deelzaak = zaak_create(api_client, zaaktype, hoofdzaak=hoofdzaak["url"])
    status = status_zetten(api_client, hoofdzaak, zaaktype, eind=False).json()
    resultaat = resultaat_zetten(api_client, hoofdzaak, zaaktype.resultaattypen.get()).json()

    assert api_client.get(hoofdzaak["url"]).json()["deelzaken"] == [deelzaak["url"]]
    assert api_client.delete(hoofdzaak["url"]).status_code == 204
    for url in (deelzaak["url"], status["url"], resultaat["url"]):
        assert api_client.get(url).status_code == 404


@pytest.fixture
def drie_zaken(api_client, zaaktype):
    eerste = zaak_create(api_client, zaaktype, startdatum="2024-01-01", identificatie="B")
    tweede = zaak_create(api_client, zaaktype, startdatum="2024-02-01", identificatie="A")
    derde = zaak_create(api_client, zaaktype, startdatum="2024-03-01", identificatie="C")
    Zaak.objects.filter(uuid=eerste["uuid"]).update(
        archiefnominatie="vernietigen", archiefactiedatum="2030-01-01", archiefstatus="gearchiveerd"
    )
    Zaak.objects.filter(uuid=tweede["uuid"]).update(archiefnominatie="blijvend_bewaren", archiefactiedatum="2040-06-30")
    return eerste, tweede, derde


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("archiefnominatie=vernietigen", ["B"]),
        ("archiefnominatie__in=vernietigen,blijvend_bewaren", ["A", "B"]),
        ("archiefactiedatum=2030-01-01", ["B"]),
        ("archiefactiedatum__lt=2035-01-01", ["B"]),
        ("archiefactiedatum__gt=2035-01-01", ["A"]),
        ("archiefactiedatum__isnull=true", ["C"]),
        ("archiefactiedatum__isnull=false", ["A", "B"]),
        ("archiefstatus=gearchiveerd", ["B"]),
        ("archiefstatus__in=nog_te_archiveren", ["A", "C"]),
        ("startdatum=2024-02-01", ["A"]),
        ("startdatum__gt=2024-01-01", ["A", "C"]),
        ("startdatum__gte=2024-02-01", ["A", "C"]),
        ("startdatum__lt=2024-03-01", ["A", "B"]),
        ("startdatum__lte=2024-02-01", ["A", "B"]),
        ("identificatie=C", ["C"]),
        (f"bronorganisatie={BRONORGANISATIE}", ["A", "B", "C"]),
        ("bronorganisatie=517439943", []),
    ],
)
def test_list_filters(api_client, drie_zaken, query, expected):
    response = api_client.get(f"{ZAKEN}zaken?{query}")

    assert response.status_code == 200
    assert sorted(z["identificatie"] for z in response.json()["results"]) == expected


def test_zaaktype_filter_and_ordering(api_client, drie_zaken, zaaktype):
    ander = gepubliceerd_zaaktype(catalogus=zaaktype.catalogus)
    zaak_create(api_client, ander, identificatie="D")

    by_type = api_client.get(f"{ZAKEN}zaken", {"zaaktype": catalogi_url(ander)}).json()
    assert [z["identificatie"] for z in by_type["results"]] == ["D"]
    ordered = api_client.get(f"{ZAKEN}zaken?ordering=-startdatum&zaaktype={catalogi_url(zaaktype)}").json()
    assert [z["identificatie"] for z in ordered["results"]] == ["C", "A", "B"]
    by_id = api_client.get(f"{ZAKEN}zaken?ordering=identificatie").json()
    assert [z["identificatie"] for z in by_id["results"]] == ["A", "B", "C", "D"]


def test_an_invalid_filter_value_is_a_400(api_client, drie_zaken):
    response = api_client.get(f"{ZAKEN}zaken?startdatum__gt=gisteren")

    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "startdatum__gt"


def test_zoek_takes_the_filters_in_the_body(api_client, drie_zaken):
    eerste, tweede, _ = drie_zaken
    response = api_client.post(
        f"{ZAKEN}zaken/_zoek",
        {"uuid__in": [eerste["uuid"], tweede["uuid"]], "archiefnominatie__in": ["vernietigen"]},
        format="json",
    )

    assert response.status_code == 200
    assert [z["identificatie"] for z in response.json()["results"]] == ["B"]
    by_start = api_client.post(
        f"{ZAKEN}zaken/_zoek", {"startdatum__gte": "2024-02-01", "ordering": "startdatum"}, format="json"
    )
    assert [z["identificatie"] for z in by_start.json()["results"]] == ["A", "C"]


def test_expand(api_client, zaaktype):
    zaak = zaak_create(api_client, zaaktype)
    status_zetten(api_client, zaak, zaaktype, eind=False)
    resultaat_zetten(api_client, zaak, zaaktype.resultaattypen.get())

    response = api_client.get(f"{zaak['url']}?expand=zaaktype,status.statustype,resultaat.resultaattype")

    assert response.status_code == 200
    expanded = response.json()["_expand"]
    assert expanded["zaaktype"]["url"] == catalogi_url(zaaktype)
    assert expanded["status"]["_expand"]["statustype"]["volgnummer"] == 1
    assert expanded["resultaat"]["_expand"]["resultaattype"]["url"] == catalogi_url(zaaktype.resultaattypen.get())
    listed = api_client.get(f"{ZAKEN}zaken?expand=zaaktype").json()["results"][0]
    assert listed["_expand"]["zaaktype"]["identificatie"] == zaaktype.identificatie
    assert api_client.get(f"{zaak['url']}?expand=nietbestaand").status_code == 400


@pytest.mark.parametrize(
    "path",
    ["zaken/niet-een-uuid", "statussen/x", "zaken/x/zaakeigenschappen", "zaken/x/audittrail/y", "zaken/x/besluiten/y"],
)
def test_a_malformed_uuid_in_the_path_is_a_404(api_client, path):
    response = api_client.get(f"{ZAKEN}{path}")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("body", "status", "count"),
    [
        ({"bronorganisatie__in": 5}, 200, 0),
        ({"identificatie": None}, 200, 3),
        ({"startdatum": 20240101}, 400, None),
        ({"archiefnominatie": {"a": 1}}, 400, None),
    ],
)
def test_zoek_reads_odd_json_values_as_filters_or_refuses_them(api_client, drie_zaken, body, status, count):
    response = api_client.post(f"{ZAKEN}zaken/_zoek", body, format="json")

    assert response.status_code == status
    if count is not None:
        assert response.json()["count"] == count
