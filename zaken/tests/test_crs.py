"""`Accept-Crs` and `Content-Crs` on every operation of `/zaken` (Zaken API 1.5): missing is
412, another CRS than EPSG:4326 is 406, and answers name their CRS. The operations are
taken from the committed contract, so an operation added later is tested too."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from .factories import gepubliceerd_zaaktype
from .zaken_api import ZAKEN, zaak_body, zaak_create

pytestmark = pytest.mark.django_db

CONTRACT = Path(__file__).resolve().parents[1] / "openapi" / "zaken.yaml"
WITH_BODY = {"post", "put", "patch"}


def crs_operations() -> list[tuple[str, str]]:
    paths = yaml.safe_load(CONTRACT.read_text())["paths"]
    found = []
    for path, operations in paths.items():
        for method, operation in operations.items():
            names = {p.get("name") for p in operation.get("parameters", []) if isinstance(p, dict)}
            if method != "head" and "Accept-Crs" in names:
                found.append((method, path))
    return sorted(found)


def test_the_contract_has_the_operations_of_the_standard():
    assert set(crs_operations()) == {
        ("get", "/zaken"),
        ("post", "/zaken"),
        ("post", "/zaken/_zoek"),
        ("get", "/zaken/{uuid}"),
        ("put", "/zaken/{uuid}"),
        ("patch", "/zaken/{uuid}"),
        ("delete", "/zaken/{uuid}"),
    }


@pytest.mark.parametrize(("method", "path"), crs_operations())
def test_crs_headers_are_required_and_only_wgs84_is_served(api_client, method, path):
    zaaktype = gepubliceerd_zaaktype()
    zaak = zaak_create(api_client, zaaktype, zaakgeometrie={"type": "Point", "coordinates": [4.9, 52.37]})
    url = ZAKEN.rstrip("/") + path.replace("{uuid}", zaak["url"].rsplit("/", 1)[1])
    body = zaak_body(zaaktype) if method in WITH_BODY else None
    if path.endswith("_zoek"):
        body = {}

    def call(accept: str | None, content: str | None):
        for header, value in (("HTTP_ACCEPT_CRS", accept), ("HTTP_CONTENT_CRS", content)):
            api_client.defaults.pop(header, None)
            if value is not None:
                api_client.defaults[header] = value
        return getattr(api_client, method)(url, body, format="json")

    missing_accept = call(None, "EPSG:4326")
    assert missing_accept.status_code == 412, missing_accept.content
    assert missing_accept["Content-Type"] == "application/problem+json"
    assert "Accept-Crs" in missing_accept.json()["detail"]
    other = call("EPSG:28992", "EPSG:4326")
    assert (other.status_code, other.json()["code"]) == (406, "not_acceptable")
    if method in WITH_BODY:
        missing_content = call("EPSG:4326", None)
        assert missing_content.status_code == 412
        assert "Content-Crs" in missing_content.json()["detail"]
        assert call("EPSG:4326", "EPSG:28992").status_code == 406
    # a request without a body sends no geometry: it needs no Content-Crs
    good = call("EPSG:4326", "EPSG:4326" if method in WITH_BODY else None)
    assert good.status_code < 300, good.content
    if good.status_code != 204:
        assert good["Content-Crs"] == "EPSG:4326"
