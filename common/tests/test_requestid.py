"""The request id: taken from `X-Request-ID` when sane, made otherwise, answered, and in every
log line of the request, rendered as JSON with the event's own context."""

from __future__ import annotations

import logging
import uuid

import pytest

from common.requestid import bound_request_id, sane_request_id

API = "/autorisaties/api/v1/applicaties"


def is_uuid(value: str) -> bool:
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


@pytest.mark.django_db
@pytest.mark.parametrize(
    "given", ["3f1c1c8e-4b1e-4d8e-9c55-0d3c9b1f6a77", "zaaksysteem:42", "a" * 128, "req_1.2/3+x=y@host"]
)
def test_a_sane_request_id_is_kept_and_answered(api_client, json_logs, given):
    response = api_client.get(API, HTTP_X_REQUEST_ID=given)
    assert response.status_code == 200
    assert response["X-Request-ID"] == given
    finished = [line for line in json_logs.of(given) if line["event"] == "request_finished"]
    assert finished and finished[0]["route"] == "applicatie-list" and finished[0]["api"] == "autorisaties"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "given",
    [None, "", "with space", 'quote"d', "line\\nbreak", "ünïcode", "a" * 129, "-leading-dash", '{"json":1}'],
)
def test_any_other_request_id_is_replaced_by_a_fresh_one(api_client, given):
    headers = {} if given is None else {"HTTP_X_REQUEST_ID": given}
    first = api_client.get(API, **headers)["X-Request-ID"]
    second = api_client.get(API, **headers)["X-Request-ID"]
    assert is_uuid(first) and is_uuid(second) and first != second


def test_sane_request_ids():
    assert sane_request_id("abc") == "abc"
    assert sane_request_id("abc\r\nX-Injected: 1") is None
    assert sane_request_id(None) is None


@pytest.mark.django_db
def test_every_line_of_a_request_carries_its_id_and_its_context(api_client, json_logs, monkeypatch):
    """A line the code writes with `extra` during the request, and the request's own line."""
    from common.auth import JWTAuthentication

    seen = {}
    authenticate = JWTAuthentication.authenticate

    def log_inside(self, request):
        logging.getLogger("levensloop.test").warning("iets_gebeurd", extra={"zaak": "Z-1", "pogingen": 3})
        seen["done"] = True
        return authenticate(self, request)

    monkeypatch.setattr(JWTAuthentication, "authenticate", log_inside)
    response = api_client.get(API, HTTP_X_REQUEST_ID="volg-mij")
    assert seen
    lines = json_logs.of("volg-mij")
    event = next(line for line in lines if line["event"] == "iets_gebeurd")
    assert event["zaak"] == "Z-1" and event["pogingen"] == 3
    assert event["level"] == "warning" and event["logger"] == "levensloop.test" and event["timestamp"].endswith("Z")
    assert response["X-Request-ID"] == "volg-mij"
    # nothing of the request stays bound once it is answered
    logging.getLogger("levensloop.test").info("daarna")
    assert "request_id" not in next(line for line in json_logs.lines() if line["event"] == "daarna")


def test_nested_binding_restores_the_outer_id(json_logs):
    log = logging.getLogger("levensloop.test")
    with bound_request_id("buiten"):
        with bound_request_id("binnen"):
            log.info("binnen")
        log.info("buiten")
    by_event = {line["event"]: line.get("request_id") for line in json_logs.lines()}
    assert by_event == {"binnen": "binnen", "buiten": "buiten"}


def test_console_format_is_readable_and_json_the_default_in_production():
    from config.logs import default_format, formatter, logging_config

    assert default_format(debug=False) == "json" and default_format(debug=True) == "console"
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "zaak_created", None, None)
    record.zaak = "Z-1"
    factory = dict(formatter("console"))
    line = factory.pop("()")(**factory).format(record)
    assert "zaak_created" in line and "zaak=Z-1" in line and not line.startswith("{")
    with pytest.raises(ValueError, match="LOG_FORMAT"):
        logging_config(log_format="xml")
