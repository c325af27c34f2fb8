"""URLs that leave their root are never fetched, and the answer does not tell what is there.

Two real HTTP servers: `root` is a configured API root (it would get our credentials),
`elders` is no root at all. Each hostile URL starts, as a string, like something under the
root, but leads elsewhere once parsed the way an HTTP client parses it: dot segments (plain,
percent-encoded, mixed), encoded slashes and backslashes, a raw backslash, userinfo, another
port, an uppercase scheme, full-width and ideographic dots, a fragment, double encoding.
Each is tried against the reference checks of several resources and a filter; the server
records every request, and a URL to an existing target gets the same answer as one to a
target that does not exist.
"""

from __future__ import annotations

import pytest

from common.safe_urls import normalise_url
from common.testing import ExternalProvider
from zaken.tests.factories import gepubliceerd_zaaktype
from zaken.tests.zaken_api import ZAKEN, zaak_body, zaak_create

pytestmark = pytest.mark.django_db

GEHEIM = {"url": "x", "omschrijving": "geheim", "catalogus": "x", "identificatie": "Z-1", "bronorganisatie": "1"}
ROUTES = {"/geheim": (200, GEHEIM), "/api/geheim": (200, GEHEIM)}


def hostile_urls(root: str, elders: str, collection: str, target: str) -> list[str]:
    """URLs that a string-prefix check puts under `root` + `collection`, or that look alike,
    but that lead to `target` (a path) on the root's server or to the `elders` server."""
    base = root + collection
    host_port = root.split("/")[2]
    elders_host_port = elders.split("/")[2]
    port = host_port.split(":")[1]
    return [
        f"{base}../../../{target}",
        f"{base}%2e%2e/%2E%2E/%2e%2e/{target}",
        f"{base}.%2e/%2e./..%2f..%2f{target}",
        f"{base}..%2F..%2F..%2F{target}",
        f"{base}..%5c..%5c..%5c{target}",
        f"{base}..\\..\\..\\{target}",
        f"{base}%252e%252e/%252e%252e/%252e%252e/{target}",
        f"{base}\uff0e\uff0e/\uff0e\uff0e/\uff0e\uff0e/{target}",
        f"{base}\u2024\u2024/\u2024\u2024/\u2024\u2024/{target}",
        f"HTTP://{host_port}/api/v1/{collection}../../../{target}",
        f"http://{host_port}@{elders_host_port}/api/v1/{collection}1",
        f"http://127.0.0.1:{port}\\@{elders_host_port}/api/v1/{collection}1",
        f"http://{elders_host_port}/api/v1/{collection}1",
        f"http://127\u30020\u30020\u30021:{elders_host_port.split(':')[1]}/api/v1/{collection}1",
        f"{base}1#/../../../{target}",
        f"{base}1/..;/..;/..;/{target}",
    ]


@pytest.fixture
def servers():
    with ExternalProvider(dict(ROUTES)) as root, ExternalProvider(dict(ROUTES)) as elders:
        root.routes.update({f"/api/v1/{key}": value for key, value in ROUTES.items()})
        yield root, elders


def recorded(servers) -> list:
    return [request for server in servers for request in server.requests]


def answer(response) -> tuple:
    body = response.json()
    if isinstance(body, dict) and "invalidParams" in body:
        return response.status_code, sorted((p["name"], p["code"]) for p in body["invalidParams"])
    return response.status_code, body


def test_the_hostile_urls_leave_their_root_once_parsed(servers):
    """The table is what it says: each URL, normalised, lies outside the root or is refused."""
    root, elders = servers
    for url in hostile_urls(root.root, elders.root, "zaaktypen/", "geheim"):
        normalised = normalise_url(url)
        assert normalised is None or not normalised.startswith(root.root), url


def _each_hostile(servers, collection: str, make_response) -> None:
    root, elders = servers
    existing = hostile_urls(root.root, elders.root, collection, "geheim")
    missing = hostile_urls(root.root, elders.root, collection, "bestaat-niet")
    for there, absent in zip(existing, missing, strict=True):
        first, second = make_response(there), make_response(absent)
        assert first.status_code < 500, (there, first.content)
        assert answer(first) == answer(second), there
        assert recorded(servers) == [], there


def test_a_zaaktype_on_a_zaak(api_client, servers, settings):
    settings.EXTERNAL_API_ROOTS = [servers[0].root]
    zaaktype = gepubliceerd_zaaktype()

    def create(url: str):
        response = api_client.post(f"{ZAKEN}zaken", zaak_body(zaaktype) | {"zaaktype": url}, format="json")
        assert response.status_code == 400
        return response

    _each_hostile(servers, "zaaktypen/", create)


def test_a_relevante_andere_zaak_on_a_zaak(api_client, servers, settings):
    settings.EXTERNAL_API_ROOTS = [servers[0].root]
    zaaktype = gepubliceerd_zaaktype()

    def create(url: str):
        relatie = {"url": url, "aardRelatie": "vervolg"}
        return api_client.post(f"{ZAKEN}zaken", zaak_body(zaaktype, relevanteAndereZaken=[relatie]), format="json")

    _each_hostile(servers, "zaken/", create)


def test_an_informatieobject_on_a_zaakinformatieobject(api_client, servers, settings):
    """The Documenten API root lies on the recording server: our own credentials would go there."""
    settings.DOCUMENTEN_API_ROOT = servers[0].root
    zaak = zaak_create(api_client, gepubliceerd_zaaktype())

    def koppel(url: str):
        body = {"zaak": zaak["url"], "informatieobject": url}
        response = api_client.post(f"{ZAKEN}zaakinformatieobjecten", body, format="json")
        assert response.status_code == 400
        return response

    _each_hostile(servers, "enkelvoudiginformatieobjecten/", koppel)


def test_an_informatieobjecttype_on_a_document(api_client, servers, settings, tmp_path):
    """The Catalogi API root lies on the recording server."""
    import base64

    settings.CATALOGI_API_ROOT = servers[0].root
    settings.STORAGES = {
        **settings.STORAGES,
        "documenten": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }

    def create(url: str):
        body = {
            "bronorganisatie": "002220647",
            "creatiedatum": "2024-05-01",
            "titel": "Brief",
            "auteur": "Ada",
            "taal": "dut",
            "bestandsnaam": "brief.txt",
            "inhoud": base64.b64encode(b"brief").decode(),
            "informatieobjecttype": url,
        }
        response = api_client.post("/documenten/api/v1/enkelvoudiginformatieobjecten", body, format="json")
        assert response.status_code == 400
        return response

    _each_hostile(servers, "informatieobjecttypen/", create)


@pytest.mark.parametrize(
    ("path", "parameter", "collection"),
    [
        (f"{ZAKEN}zaken", "zaaktype", "zaaktypen/"),
        (f"{ZAKEN}zaakinformatieobjecten", "informatieobject", "enkelvoudiginformatieobjecten/"),
        ("/documenten/api/v1/objectinformatieobjecten", "informatieobject", "enkelvoudiginformatieobjecten/"),
        ("/documenten/api/v1/enkelvoudiginformatieobjecten", "informatieobjecttype", "informatieobjecttypen/"),
    ],
)
def test_a_filter_that_takes_a_url(api_client, servers, settings, path, parameter, collection):
    settings.EXTERNAL_API_ROOTS = [servers[0].root]
    settings.CATALOGI_API_ROOT = settings.DOCUMENTEN_API_ROOT = servers[0].root

    _each_hostile(servers, collection, lambda url: api_client.get(path, {parameter: url}))
