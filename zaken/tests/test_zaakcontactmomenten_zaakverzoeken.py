"""Zaakcontactmomenten and zaakverzoeken: a zaak's relations to the Contactmomenten and
Verzoeken APIs of other providers.

A real HTTP server stands in for that provider. Under a configured root
(`EXTERNAL_API_ROOTS`) the referenced contactmoment or verzoek is read and must be one;
outside every root nothing is fetched and the URL is taken as given.
"""

from __future__ import annotations

import pytest

from common.models import AuditTrail, Notificatie
from common.testing import ExternalProvider
from zaken.models import ZaakContactMoment, ZaakVerzoek
from zaken.services import catalogi_url

from .factories import gepubliceerd_zaaktype
from .zaken_api import ZAKEN, resultaat_zetten, status_zetten, zaak_create

pytestmark = pytest.mark.django_db

CONTACTMOMENT = {"url": "x", "bronorganisatie": "002220647", "kanaal": "telefoon", "tekst": "Vraag over de zaak"}
VERZOEK = {"url": "x", "bronorganisatie": "002220647", "status": "ontvangen", "tekst": "Aanvraag"}
# (collection, field, model, route of the provider's resource)
RELATIES = [
    ("zaakcontactmomenten", "contactmoment", ZaakContactMoment, "contactmomenten/1"),
    ("zaakverzoeken", "verzoek", ZaakVerzoek, "verzoeken/1"),
]


@pytest.fixture
def provider(settings):
    routes = {
        "contactmomenten/1": (200, CONTACTMOMENT),
        "contactmomenten/2": (200, CONTACTMOMENT),
        "verzoeken/1": (200, VERZOEK),
        "verzoeken/2": (200, VERZOEK),
        "zaken/9": (200, {"identificatie": "Z-9", "bronorganisatie": "517439943", "zaaktype": "https://ztc/1"}),
        "leeg": (200, None),
    }
    with ExternalProvider(routes) as external:
        settings.EXTERNAL_API_ROOTS = [external.root]
        yield external


@pytest.fixture
def zaaktype():
    return gepubliceerd_zaaktype()


@pytest.fixture
def zaak(api_client, zaaktype):
    return zaak_create(api_client, zaaktype)


def invalid_params(response) -> list[tuple[str, str]]:
    return [(p["name"], p["code"]) for p in response.json().get("invalidParams", [])]


def client_voor(make_api_client, zaaktype, scopes, maximum="zeer_geheim"):
    return make_api_client(
        autorisaties=[
            {
                "component": "zrc",
                "scopes": scopes,
                "zaaktype": catalogi_url(zaaktype),
                "max_vertrouwelijkheidaanduiding": maximum,
            }
        ]
    )


@pytest.mark.parametrize(("collection", "field", "model", "route"), RELATIES)
class TestRelatie:
    def test_create_read_list_delete(self, api_client, provider, zaak, collection, field, model, route):
        response = api_client.post(
            f"{ZAKEN}{collection}", {"zaak": zaak["url"], field: provider.url(route)}, format="json"
        )

        assert response.status_code == 201, response.json()
        relatie = response.json()
        assert relatie[field] == provider.url(route)
        assert relatie["zaak"] == zaak["url"]
        assert response["Location"] == relatie["url"]
        assert api_client.get(relatie["url"]).json() == relatie
        assert api_client.get(f"{ZAKEN}{collection}").json() == [relatie]
        assert api_client.delete(relatie["url"]).status_code == 204
        assert api_client.get(relatie["url"]).status_code == 404
        assert not model.objects.exists()

    def test_the_list_filters_on_zaak_and_the_referenced_url(
        self, api_client, provider, zaaktype, zaak, collection, field, model, route
    ):
        andere = zaak_create(api_client, zaaktype)
        other_route = route[:-1] + "2"
        for z, r in ((zaak, route), (zaak, other_route), (andere, route)):
            assert (
                api_client.post(
                    f"{ZAKEN}{collection}", {"zaak": z["url"], field: provider.url(r)}, format="json"
                ).status_code
                == 201
            )

        def listed(**params) -> list[tuple[str, str]]:
            return sorted((r["zaak"], r[field]) for r in api_client.get(f"{ZAKEN}{collection}", params).json())

        assert listed(zaak=zaak["url"]) == sorted(
            [(zaak["url"], provider.url(route)), (zaak["url"], provider.url(other_route))]
        )
        assert listed(**{field: provider.url(route)}) == sorted(
            [(zaak["url"], provider.url(route)), (andere["url"], provider.url(route))]
        )
        assert listed(zaak=andere["url"], **{field: provider.url(other_route)}) == []
        assert listed(zaak="https://elders.example/zaken/1") == []

    @pytest.mark.parametrize(
        ("path", "code"), [("leeg", "invalid-resource"), ("zaken/9", "invalid-resource"), ("weg", "bad-url")]
    )
    def test_what_answers_under_a_configured_root_must_be_one(
        self, api_client, provider, zaak, collection, field, model, route, path, code
    ):
        response = api_client.post(
            f"{ZAKEN}{collection}", {"zaak": zaak["url"], field: provider.url(path)}, format="json"
        )

        assert response.status_code == 400
        assert invalid_params(response) == [(field, code)]
        assert not model.objects.exists()
        assert not Notificatie.objects.filter(resource=collection[:-2]).exists()

    def test_outside_every_root_nothing_is_fetched(self, api_client, provider, zaak, collection, field, model, route):
        url = f"https://klantinteracties.example/api/v1/{route}"

        response = api_client.post(f"{ZAKEN}{collection}", {"zaak": zaak["url"], field: url}, format="json")

        assert response.status_code == 201
        assert response.json()[field] == url
        assert provider.requests == []

    def test_our_token_never_goes_to_the_other_provider(
        self, api_client, provider, zaak, collection, field, model, route
    ):
        api_client.post(f"{ZAKEN}{collection}", {"zaak": zaak["url"], field: provider.url(route)}, format="json")

        assert len(provider.requests) == 1
        assert "Authorization" not in provider.requests[0][2]

    def test_notifications_and_audit_trail(self, api_client, provider, zaaktype, zaak, collection, field, model, route):
        Notificatie.objects.all().delete()
        relatie = api_client.post(
            f"{ZAKEN}{collection}", {"zaak": zaak["url"], field: provider.url(route)}, format="json"
        ).json()
        api_client.delete(relatie["url"])

        resource = model._meta.model_name
        berichten = list(Notificatie.objects.filter(resource=resource).order_by("pk"))
        assert [(n.kanaal, n.actie, n.hoofd_object, n.resource_url) for n in berichten] == [
            ("zaken", "create", zaak["url"], relatie["url"]),
            ("zaken", "destroy", zaak["url"], relatie["url"]),
        ]
        assert berichten[0].kenmerken == {
            "bronorganisatie": zaak["bronorganisatie"],
            "zaaktype": catalogi_url(zaaktype),
            "vertrouwelijkheidaanduiding": zaak["vertrouwelijkheidaanduiding"],
        }
        audit = api_client.get(f"{zaak['url']}/audittrail").json()
        eigen = [(e["actie"], e["resource"], e["resourceUrl"]) for e in audit if e["resource"] == resource]
        assert eigen == [("create", resource, relatie["url"]), ("destroy", resource, relatie["url"])]
        assert AuditTrail.objects.filter(resource=resource, actie="destroy").get().oud[field] == provider.url(route)

    def test_a_limited_client_sees_and_writes_only_its_zaaktype(
        self, api_client, make_api_client, provider, zaaktype, zaak, collection, field, model, route
    ):
        ander = gepubliceerd_zaaktype(catalogus=zaaktype.catalogus)
        andere_zaak = zaak_create(api_client, ander)
        te_geheim = zaak_create(api_client, zaaktype, vertrouwelijkheidaanduiding="geheim")
        zichtbaar = api_client.post(
            f"{ZAKEN}{collection}", {"zaak": zaak["url"], field: provider.url(route)}, format="json"
        ).json()
        verborgen = [
            api_client.post(
                f"{ZAKEN}{collection}", {"zaak": z["url"], field: provider.url(route)}, format="json"
            ).json()
            for z in (andere_zaak, te_geheim)
        ]
        client = client_voor(make_api_client, zaaktype, ["zaken.lezen", "zaken.bijwerken"], maximum="openbaar")

        assert client.get(f"{ZAKEN}{collection}").json() == [zichtbaar]
        assert [client.get(v["url"]).status_code for v in verborgen] == [403, 403]
        assert [client.delete(v["url"]).status_code for v in verborgen] == [403, 403]
        for z in (andere_zaak, te_geheim):
            assert (
                client.post(
                    f"{ZAKEN}{collection}", {"zaak": z["url"], field: provider.url(route)}, format="json"
                ).status_code
                == 403
            )
        assert model.objects.count() == 3
        lezer = client_voor(make_api_client, zaaktype, ["zaken.lezen"])
        assert (
            lezer.post(
                f"{ZAKEN}{collection}", {"zaak": zaak["url"], field: provider.url(route)}, format="json"
            ).status_code
            == 403
        )
        assert lezer.delete(zichtbaar["url"]).status_code == 403
        assert client.delete(zichtbaar["url"]).status_code == 204

    def test_a_closed_zaak_changes_only_with_geforceerd_bijwerken(
        self, api_client, make_api_client, provider, zaaktype, zaak, collection, field, model, route
    ):
        bestaand = api_client.post(
            f"{ZAKEN}{collection}", {"zaak": zaak["url"], field: provider.url(route)}, format="json"
        ).json()
        resultaat_zetten(api_client, zaak, zaaktype.resultaattypen.get())
        assert status_zetten(api_client, zaak, zaaktype, eind=True).status_code == 201
        gewoon = client_voor(make_api_client, zaaktype, ["zaken.lezen", "zaken.bijwerken"])
        geforceerd = client_voor(make_api_client, zaaktype, ["zaken.lezen", "zaken.geforceerd-bijwerken"])
        body = {"zaak": zaak["url"], field: provider.url(route)}

        assert gewoon.post(f"{ZAKEN}{collection}", body, format="json").status_code == 403
        assert gewoon.delete(bestaand["url"]).status_code == 403
        assert geforceerd.post(f"{ZAKEN}{collection}", body, format="json").status_code == 201
        assert geforceerd.delete(bestaand["url"]).status_code == 204

    def test_deleting_the_zaak_deletes_its_relations(self, api_client, provider, zaak, collection, field, model, route):
        api_client.post(f"{ZAKEN}{collection}", {"zaak": zaak["url"], field: provider.url(route)}, format="json")

        assert api_client.delete(zaak["url"]).status_code == 204
        assert not model.objects.exists()

    def test_a_relation_is_not_changed(self, api_client, provider, zaak, collection, field, model, route):
        relatie = api_client.post(
            f"{ZAKEN}{collection}", {"zaak": zaak["url"], field: provider.url(route)}, format="json"
        ).json()

        assert api_client.patch(relatie["url"], {field: provider.url(route)}, format="json").status_code == 405
        assert (
            api_client.put(relatie["url"], {"zaak": zaak["url"], field: provider.url(route)}, format="json").status_code
            == 405
        )
