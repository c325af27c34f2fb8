"""Every error on an API path is problem+json in the ZGW shape, and changes nothing."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.http import JsonResponse
from rest_framework.fields import DateTimeField

from common.api.views import ApplicatieViewSet
from common.middleware import ProblemJsonMiddleware
from common.models import Applicatie

URL = "/autorisaties/api/v1/applicaties"
PROBLEM_FIELDS = {"type", "code", "title", "status", "detail", "instance"}


def assert_problem(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert set(body) >= PROBLEM_FIELDS
    assert body["status"] == status
    if code:
        assert body["code"] == code
    assert "Traceback" not in response.content.decode()
    assert response["API-version"]
    return body


def test_unknown_path_is_404_problem(api_client):
    assert_problem(api_client.get("/autorisaties/api/v1/bestaat-niet"), 404, "not_found")


def test_unknown_object_is_404_problem(api_client):
    assert_problem(api_client.get(f"{URL}/{uuid.uuid4()}"), 404, "not_found")


@pytest.mark.parametrize("debug", [False, True])
def test_404_is_problem_also_with_debug(api_client, settings, debug):
    settings.DEBUG = debug
    assert_problem(api_client.get("/catalogi/api/v1/niets/hier/te/zien"), 404)


def test_method_not_allowed_is_405_problem(api_client):
    assert_problem(api_client.delete(URL), 405, "method_not_allowed")


def test_wrong_media_type_is_415_problem(api_client):
    before = Applicatie.objects.count()
    response = api_client.post(URL, data="label=x", content_type="application/x-www-form-urlencoded")
    assert_problem(response, 415, "unsupported_media_type")
    assert Applicatie.objects.count() == before


def test_unacceptable_accept_header_is_406_problem(api_client):
    assert_problem(api_client.get(URL, HTTP_ACCEPT="text/html"), 406, "not_acceptable")


def test_oversized_body_is_413_problem(api_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = '{"label": "' + "x" * 2000 + '", "clientIds": ["big"], "heeftAlleAutorisaties": true}'
    assert_problem(api_client.post(URL, data=body, content_type="application/json"), 413)
    assert not Applicatie.objects.filter(label__startswith="xxx").exists()


def test_malformed_json_is_400_problem(api_client):
    before = Applicatie.objects.count()
    response = api_client.post(URL, data='{"label": ', content_type="application/json")
    body = assert_problem(response, 400, "parse_error")
    assert [(p["name"], p["code"]) for p in body["invalidParams"]] == [("nonFieldErrors", "parse_error")]
    assert Applicatie.objects.count() == before


def test_wrong_types_list_every_field(api_client):
    before = Applicatie.objects.count()
    response = api_client.post(
        URL, {"label": ["not", "a", "string"], "clientIds": "nope", "heeftAlleAutorisaties": "maybe"}, format="json"
    )
    body = assert_problem(response, 400, "invalid")
    names = {param["name"] for param in body["invalidParams"]}
    assert names == {"label", "clientIds", "heeftAlleAutorisaties"}
    for param in body["invalidParams"]:
        assert set(param) == {"name", "code", "reason"}
    assert Applicatie.objects.count() == before


def test_unknown_enum_value_is_invalid_choice(api_client):
    response = api_client.post(
        URL,
        {"label": "x", "clientIds": ["x"], "autorisaties": [{"component": "xyz", "scopes": ["a"]}]},
        format="json",
    )
    body = assert_problem(response, 400)
    assert [(p["name"], p["code"]) for p in body["invalidParams"]] == [("autorisaties.0.component", "invalid_choice")]
    assert body["instance"] == "http://localhost:8000/autorisaties/api/v1/applicaties"
    assert not Applicatie.objects.filter(label="x").exists()


def test_unhandled_exception_is_500_problem_without_trace(api_client, monkeypatch):
    def explode(self, request, *args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(ApplicatieViewSet, "list", explode)
    body = assert_problem(api_client.get(URL), 500, "error")
    assert "secret internals" not in body["detail"]


def test_admin_keeps_html_errors(admin_client):
    response = admin_client.get("/admin/bestaat-niet/")
    assert response["Content-Type"].startswith("text/html")


def test_every_api_response_names_its_version(api_client):
    assert api_client.get(URL)["API-version"] == "1.0.1"
    assert api_client.get("/selectielijst/api/v1/procestypen")["API-version"] == "1.0.0"


def test_a_nul_character_in_a_query_parameter_is_400(api_client):
    """Found by schemathesis on PostgreSQL, which refuses NUL in text: it was a 500."""
    response = api_client.get(URL, {"clientIds": "a\x00b"})
    body = assert_problem(response, 400)
    assert [(p["name"], p["code"]) for p in body["invalidParams"]] == [("clientIds", "null_characters_not_allowed")]


def test_api_datetimes_are_rfc3339_in_utc_whatever_the_year(rf):
    """Europe/Amsterdam before 1892 is +00:19:32, which RFC 3339 cannot write (schemathesis)."""
    ancient = dt.datetime(63, 12, 13, 10, 6, 57, tzinfo=dt.UTC)
    rendered = {}

    def view(request):
        rendered["outside"] = DateTimeField().to_representation(ancient)
        return JsonResponse({})

    ProblemJsonMiddleware(view)(rf.get("/documenten/api/v1/gebruiksrechten"))

    assert rendered["outside"] == "0063-12-13T10:06:57Z"
    assert "+00:19:32" in DateTimeField().to_representation(ancient)  # what it was without
