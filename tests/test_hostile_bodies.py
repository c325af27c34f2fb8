"""Hostile bodies and parameters, generated over every route of every committed contract.

- JSON nested 1,000 and 100,000 deep: 400 problem+json, never a 500 (RecursionError).
- Control characters in any string of any write route: 400 `invalid-characters`, naming
  the field (the check sits in the one JSON parser of every API: common/parsers.py).
- Dates at the edge of what Python can hold (year 0, year 1 with a positive offset,
  year 9999 with a negative one) in every date and date-time query parameter and body
  field: never a 500.
"""

from __future__ import annotations

import json
import re
import uuid

import pytest

from common.contracts import contract_files
from common.exceptions import camel_name
from common.testing import _flatten, _resolve, load_yaml

pytestmark = pytest.mark.django_db

WRITE_METHODS = ("post", "put", "patch")


def _operations():
    for url_path, file in contract_files():
        root = url_path.removesuffix("schema/openapi.yaml")
        spec = load_yaml(file)
        for path, item in spec["paths"].items():
            for method, operation in item.items():
                if method in ("get", "post", "put", "patch", "delete"):
                    yield root, path, method, operation, spec, item


def _concrete(root: str, path: str) -> str:
    return root.rstrip("/") + re.sub(r"\{[^}]+\}", lambda _: str(uuid.uuid4()), path)


def _json_body_schema(spec: dict, operation: dict) -> dict | None:
    content = _resolve(spec, operation.get("requestBody")).get("content", {})
    for media, body in content.items():
        if "json" in media:
            return _flatten(spec, body.get("schema"))
    return None


WRITES = [
    pytest.param(root, path, method, operation, spec, id=f"{method.upper()} {root}{path.lstrip('/')}")
    for root, path, method, operation, spec, _ in _operations()
    if method in WRITE_METHODS and _json_body_schema(spec, operation) is not None
]


def _string_field(spec: dict, schema: dict) -> str:
    """A writable string property of the body (the first), else a made-up name."""
    for name, prop in schema.get("properties", {}).items():
        prop = _flatten(spec, prop)
        if not prop.get("readOnly") and prop.get("type") == "string" and "enum" not in prop:
            return name
    return "toelichting"


NOTIFICATIES_AUTH = "Token afgesproken"


@pytest.fixture(autouse=True)
def as_a_person(django_user_model, settings):
    """Routes that act for a person (vernietigingslijsten) or take a callback's agreed header
    (notificaties) check that before they read the body: give them what they ask."""
    django_user_model.objects.create_user("tester")
    settings.ARCHIEF_NOTIFICATIES_AUTH = NOTIFICATIES_AUTH


def _send(client, method: str, url: str, body: str):
    if url == "/archief/api/v1/notificaties":  # a callback: the agreed header instead of a JWT
        from django.test import Client

        client, extra = Client(HTTP_HOST="localhost:8000"), {"HTTP_AUTHORIZATION": NOTIFICATIES_AUTH}
        return getattr(client, method)(url, body, content_type="application/json", **extra)
    return getattr(client, method)(url, body, content_type="application/json")


def test_there_are_write_routes_in_every_api_but_the_read_only_selectielijst():
    roots = {param.values[0] for param in WRITES}
    every = {url_path.removesuffix("schema/openapi.yaml") for url_path, _ in contract_files()}
    assert roots == every - {"/selectielijst/api/v1/"}


@pytest.mark.parametrize(("root", "path", "method", "operation", "spec"), WRITES)
def test_deep_json_is_a_400(api_client, root, path, method, operation, spec):
    url = _concrete(root, path)
    for depth in (1_000, 100_000):
        response = _send(api_client, method, url, "[" * depth + "]" * depth)
        assert response.status_code in (400, 404), (depth, response.status_code)
        assert response["Content-Type"] == "application/problem+json"
    if "{" not in path:  # nothing to look up first: the body is read
        assert response.status_code == 400
        assert response.json()["code"] == "parse_error"


@pytest.mark.parametrize(("root", "path", "method", "operation", "spec"), WRITES)
def test_control_characters_are_refused_in_every_string(api_client, root, path, method, operation, spec):
    url = _concrete(root, path)
    field = _string_field(spec, _json_body_schema(spec, operation))
    for character in ("\x00", "\x07", "\x1b", "\x7f", "\x85", "\ud800"):
        body = json.dumps({field: f"voor{character}na", "nested": {"lijst": ["goed", f"fout{character}"]}})
        response = _send(api_client, method, url, body)
        assert response.status_code in (400, 404), (repr(character), response.status_code)
        if "{" not in path:
            assert response.status_code == 400
            params = {(p["name"], p["code"]) for p in response.json()["invalidParams"]}
            assert {(field, "invalid-characters"), ("nested.lijst.1", "invalid-characters")} <= params


def test_free_text_may_hold_tabs_and_line_breaks_but_identifiers_hold_none(api_client):
    from zaken.tests.factories import gepubliceerd_zaaktype
    from zaken.tests.zaken_api import ZAKEN, zaak_body

    zaaktype = gepubliceerd_zaaktype()
    ok = api_client.post(f"{ZAKEN}zaken", zaak_body(zaaktype, toelichting="regel 1\r\n\tregel 2"), format="json")
    assert ok.status_code == 201, ok.json()
    assert ok.json()["toelichting"] == "regel 1\r\n\tregel 2"
    for veld in ("identificatie", "bronorganisatie"):
        for character in ("\t", "\n", "\r", "\x00"):
            body = zaak_body(zaaktype) | {veld: f"Z{character}1"}
            response = api_client.post(f"{ZAKEN}zaken", body, format="json")
            assert response.status_code == 400
            assert (veld, "invalid-characters") in {(p["name"], p["code"]) for p in response.json()["invalidParams"]}


EDGE_DATES = ("0000-01-01", "0001-01-01", "9999-12-31", "-0001-01-01", "10000-01-01")
EDGE_DATETIMES = (
    "0000-01-01T00:00:00Z",
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-14:00",
    "0001-01-01T00:00:00Z",
    "10000-01-01T00:00:00Z",
)


def _date_parameters():
    for root, path, method, operation, spec, item in _operations():
        if method != "get" or "{" in path:
            continue
        for parameter in [*item.get("parameters", []), *operation.get("parameters", [])]:
            parameter = _resolve(spec, parameter)
            schema = _resolve(spec, parameter.get("schema", {}))
            if parameter.get("in") == "query" and schema.get("format") in ("date", "date-time"):
                yield pytest.param(
                    root.rstrip("/") + path, parameter["name"], schema["format"], id=f"{root}{path} {parameter['name']}"
                )


DATE_PARAMETERS = list(_date_parameters())


def test_there_are_date_parameters_to_try():
    assert len(DATE_PARAMETERS) > 20


@pytest.mark.parametrize(("url", "name", "kind"), DATE_PARAMETERS)
def test_edge_dates_in_query_parameters_are_never_a_500(api_client, url, name, kind):
    for value in EDGE_DATES if kind == "date" else EDGE_DATETIMES:
        response = api_client.get(url, {name: value})
        assert response.status_code < 500, (value, response.content[:300])
    year_zero = "0000-01-01" if kind == "date" else "0000-01-01T00:00:00Z"
    response = api_client.get(url, {name: year_zero})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert camel_name(name) in {camel_name(p["name"]) for p in response.json()["invalidParams"]}


def _date_fields():
    for root, path, method, operation, spec, _ in _operations():
        if method != "post" or "{" in path:
            continue
        schema = _json_body_schema(spec, operation)
        if schema is None:
            continue
        for name, prop in schema.get("properties", {}).items():
            prop = _flatten(spec, prop)
            if prop.get("format") in ("date", "date-time") and not prop.get("readOnly"):
                yield pytest.param(root.rstrip("/") + path, name, prop["format"], id=f"{root}{path} {name}")


DATE_FIELDS = list(_date_fields())


@pytest.mark.parametrize(("url", "name", "kind"), DATE_FIELDS)
def test_edge_dates_in_body_fields_are_never_a_500(api_client, url, name, kind):
    for value in EDGE_DATES if kind == "date" else EDGE_DATETIMES:
        response = api_client.post(url, {name: value}, format="json")
        assert response.status_code < 500, (value, response.content[:300])
