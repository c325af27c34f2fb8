"""References to other providers: followed under `EXTERNAL_API_ROOTS` only, judged by what answers.

A real HTTP server stands in for the other provider (a Referentielijsten API, another Zaken
API). `bad-url`: nothing (no 200) answers, or the URL lies outside every configured root and
is not fetched at all; `invalid-resource`: something answers, but not the resource asked for.
"""

from __future__ import annotations

import pytest

from common.testing import ExternalProvider
from zaken.models import ResultaatType, Zaak

from . import payloads
from .factories import ZaakTypeFactory, gepubliceerd_zaaktype
from .zaken_api import ZAKEN, zaak_body, zaak_create

pytestmark = pytest.mark.django_db(transaction=True)  # providers answer on their own connection

KANAAL = {"url": "https://referentielijsten.example/communicatiekanalen/1", "naam": "E-mail", "omschrijving": "post"}
ANDERE_ZAAK = {"url": "x", "identificatie": "Z-9", "bronorganisatie": "517439943", "zaaktype": "https://ztc/zt/1"}


@pytest.fixture
def provider(settings):
    routes = {
        "communicatiekanalen/1": (200, KANAAL),
        "zaken/9": (200, ANDERE_ZAAK),
        "leeg": (200, None),
        "iets": (200, {"naam": None} | {"anders": True}),
    }
    with ExternalProvider(routes) as external:
        settings.EXTERNAL_API_ROOTS = [external.root]
        yield external


def invalid_params(response) -> list[tuple[str, str]]:
    return [(p["name"], p["code"]) for p in response.json().get("invalidParams", [])]


@pytest.fixture
def zaaktype():
    return gepubliceerd_zaaktype()


class TestZaaktype:
    @pytest.mark.parametrize(("path", "code"), [("leeg", "invalid-resource"), ("bestaat-niet", "bad-url")])
    def test_a_zaaktype_url_at_another_provider(self, api_client, provider, zaaktype, path, code):
        body = zaak_body(zaaktype) | {"zaaktype": provider.url(path)}

        response = api_client.post(f"{ZAKEN}zaken", body, format="json")

        assert response.status_code == 400
        assert invalid_params(response) == [("zaaktype", code)]
        assert not Zaak.objects.exists()

    def test_outside_every_root_nothing_is_fetched(self, api_client, provider, zaaktype):
        body = zaak_body(zaaktype) | {"zaaktype": "http://127.0.0.1:9/ztc/zaaktypen/1"}

        response = api_client.post(f"{ZAKEN}zaken", body, format="json")

        assert invalid_params(response) == [("zaaktype", "bad-url")]
        assert provider.requests == []


class TestCommunicatiekanaal:
    def test_a_communicatiekanaal_of_a_configured_provider(self, api_client, provider, zaaktype):
        zaak = zaak_create(api_client, zaaktype, communicatiekanaal=provider.url("communicatiekanalen/1"))

        assert zaak["communicatiekanaal"] == provider.url("communicatiekanalen/1")

    @pytest.mark.parametrize(
        ("path", "code"), [("leeg", "invalid-resource"), ("zaken/9", "invalid-resource"), ("weg", "bad-url")]
    )
    def test_what_is_no_communicatiekanaal_is_refused(self, api_client, provider, zaaktype, path, code):
        body = zaak_body(zaaktype, communicatiekanaal=provider.url(path))

        response = api_client.post(f"{ZAKEN}zaken", body, format="json")

        assert invalid_params(response) == [("communicatiekanaal", code)]

    def test_outside_every_root_it_is_taken_as_given(self, api_client, provider, zaaktype):
        zaak = zaak_create(api_client, zaaktype, communicatiekanaal="https://kanalen.example/kanalen/1")

        assert zaak["communicatiekanaal"] == "https://kanalen.example/kanalen/1"
        assert provider.requests == []

    def test_our_token_never_goes_to_another_provider(self, api_client, provider, zaaktype):
        zaak_create(api_client, zaaktype, communicatiekanaal=provider.url("communicatiekanalen/1"))

        assert len(provider.requests) == 1
        assert "Authorization" not in provider.requests[0][2]


class TestRelevanteAndereZaken:
    def test_a_zaak_at_another_zaken_api(self, api_client, provider, zaaktype):
        relatie = {"url": provider.url("zaken/9"), "aardRelatie": "onderwerp"}

        zaak = zaak_create(api_client, zaaktype, relevanteAndereZaken=[relatie])

        assert zaak["relevanteAndereZaken"] == [relatie]

    @pytest.mark.parametrize(
        ("url", "code"),
        [
            ("leeg", "invalid-resource"),
            ("communicatiekanalen/1", "invalid-resource"),
            ("weg", "bad-url"),
            ("https://zaken.example/zaken/1", "bad-url"),
        ],
    )
    def test_what_is_no_zaak_is_refused(self, api_client, provider, zaaktype, url, code):
        url = url if url.startswith("https://") else provider.url(url)
        body = zaak_body(zaaktype, relevanteAndereZaken=[{"url": url, "aardRelatie": "vervolg"}])

        response = api_client.post(f"{ZAKEN}zaken", body, format="json")

        assert invalid_params(response) == [("relevanteAndereZaken.0.url", code)]

    def test_a_zaak_of_our_own(self, api_client, zaaktype):
        andere = zaak_create(api_client, zaaktype)
        relatie = {"url": andere["url"], "aardRelatie": "bijdrage"}

        assert zaak_create(api_client, zaaktype, relevanteAndereZaken=[relatie])["relevanteAndereZaken"] == [relatie]


def test_a_hoofdzaak_url_that_is_no_route_of_ours_is_no_match(api_client, provider, zaaktype):
    """Within one API the reference follows DRF's hyperlink rule, as the conformance collection expects."""
    response = api_client.post(f"{ZAKEN}zaken", zaak_body(zaaktype, hoofdzaak=provider.url("leeg")), format="json")

    assert invalid_params(response) == [("hoofdzaak", "no_match")]
    assert provider.requests == []


@pytest.mark.parametrize(("path", "code"), [("iets", "invalid-resource"), ("weg", "bad-url")])
def test_a_selectielijstklasse_at_another_provider(beheerder, provider, path, code):
    body = payloads.resultaattype(ZaakTypeFactory(), selectielijstklasse=provider.url(path))

    response = beheerder.post("/catalogi/api/v1/resultaattypen", body, format="json")

    assert ("selectielijstklasse", code) in invalid_params(response)
    assert not ResultaatType.objects.exists()
