"""Base64 `inhoud` of any size: decoded while the body streams in, the rest of the body parsed
and checked as every JSON body, nothing left behind when the request fails."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import tracemalloc

import pytest
from django.test import RequestFactory
from rest_framework.request import Request

from documenten.api.parsers import InhoudJSONParser
from documenten.models import EnkelvoudigInformatieObject

from .conftest import DOCUMENTEN, assert_stored, eio_body

pytestmark = pytest.mark.django_db
EIO = DOCUMENTEN + "enkelvoudiginformatieobjecten"


def stored_files(documenten_storage) -> list:
    return [p for p in documenten_storage.rglob("*") if p.is_file()] if documenten_storage.exists() else []


def post_raw(client, body: bytes):
    return client.generic("POST", EIO, body, content_type="application/json")


def raw_body(iotype: str, inhoud_json: bytes, **overrides) -> bytes:
    """A document's JSON with `inhoud_json` (the JSON text of the value) spliced in as it is."""
    fields = json.dumps(eio_body(iotype, inhoud=None, **overrides))
    return fields.replace('"inhoud": null', '"inhoud": ' + inhoud_json.decode("latin-1")).encode("latin-1")


def invalid_params(response) -> list[tuple[str, str]]:
    return [(p["name"], p["code"]) for p in response.json().get("invalidParams", [])]


def test_a_file_larger_than_any_other_body_is_accepted(client, iotype, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 4096
    content = os.urandom(3 * 1024 * 1024 + 5)  # spans several blocks of the parser

    response = client.post(EIO, eio_body(iotype, inhoud=base64.b64encode(content).decode()), format="json")

    assert response.status_code == 201, response.json()
    assert response.json()["bestandsomvang"] == len(content)
    assert_stored(client, response.json()["url"], content)


def test_a_larger_file_replaces_the_content_on_update(client, document, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 4096
    content = os.urandom(300_000)
    lock = client.post(document["url"] + "/lock").json()["lock"]

    response = client.patch(
        document["url"], {"inhoud": base64.b64encode(content).decode(), "lock": lock}, format="json"
    )

    assert response.status_code == 200, response.json()
    assert response.json()["versie"] == 2
    assert_stored(client, document["url"], content)


def test_the_rest_of_the_body_keeps_its_limit(client, iotype, settings, documenten_storage):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000

    response = client.post(EIO, eio_body(iotype, beschrijving="x" * 3000), format="json")

    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert stored_files(documenten_storage) == []


def test_other_actions_on_documents_keep_the_limit(client, document, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000

    response = client.post(document["url"] + "/unlock", {"lock": "x" * 3000}, format="json")

    assert response.status_code == 413


def test_the_operators_maximum_holds_for_base64_and_for_bestandsdelen(client, iotype, settings, documenten_storage):
    settings.DOCUMENTEN_MAX_FILE_SIZE = 1000

    too_large = client.post(EIO, eio_body(iotype, inhoud=base64.b64encode(b"x" * 1001).decode()), format="json")
    announced = client.post(EIO, eio_body(iotype, inhoud=None, bestandsomvang=1001), format="json")
    fits = client.post(EIO, eio_body(iotype, inhoud=base64.b64encode(b"x" * 1000).decode()), format="json")

    assert too_large.status_code == 413
    assert too_large.json()["code"] == "file-too-large"
    assert invalid_params(announced) == [("bestandsomvang", "file-too-large")]
    assert fits.status_code == 201
    assert len(stored_files(documenten_storage)) == 1


@pytest.mark.parametrize(
    "inhoud_json",
    [
        b'"not base64!"',
        b'"aGVsbG8"',  # not a multiple of 4
        b'"aGVs=G8="',  # padding inside
        b'"aGVsbG8=aGVsbG8="',  # content after the padding
        b'"aGVsbG8\\u00e9"',  # a character outside the alphabet, escaped
        b'"aGVs\\"bG8="',  # an escaped quote
        '"aGVsbG8é"'.encode(),
    ],
)
def test_what_is_no_base64_is_a_400_on_inhoud_and_leaves_nothing(client, iotype, documenten_storage, inhoud_json):
    response = post_raw(client, raw_body(iotype, inhoud_json))

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert invalid_params(response) == [("inhoud", "invalid")]
    assert stored_files(documenten_storage) == []
    assert not EnkelvoudigInformatieObject.objects.exists()


def test_a_bad_character_after_megabytes_of_good_base64_leaves_nothing(client, iotype, documenten_storage):
    good = base64.b64encode(os.urandom(3 * 1024 * 1024)).decode()

    response = post_raw(client, raw_body(iotype, f'"{good}!!!!"'.encode()))

    assert invalid_params(response) == [("inhoud", "invalid")]
    assert stored_files(documenten_storage) == []


def test_json_escapes_and_line_breaks_are_read_as_base64_clients_write_them(client, iotype):
    content = bytes(range(256)) * 40  # holds `/` and `+` in its base64
    encoded = base64.b64encode(content).decode()
    lines = "\\r\\n".join(encoded[i : i + 76] for i in range(0, len(encoded), 76))
    escaped = lines.replace("/", "\\/").replace("A", "\\u0041", 3)

    response = post_raw(client, raw_body(iotype, f'"{escaped}"'.encode()))

    assert response.status_code == 201, response.json()
    assert_stored(client, response.json()["url"], content)


def test_a_failed_request_leaves_no_decoded_file(client, iotype, documenten_storage):
    content = base64.b64encode(os.urandom(200_000)).decode()

    missing_titel = client.post(EIO, {**eio_body(iotype, inhoud=content), "titel": ""}, format="json")
    unknown_type = client.post(
        EIO, eio_body(iotype.rsplit("/", 1)[0] + "/00000000-0000-4000-8000-000000000000", inhoud=content), format="json"
    )
    wrong_size = client.post(EIO, eio_body(iotype, inhoud=content, bestandsomvang=1), format="json")

    assert [r.status_code for r in (missing_titel, unknown_type, wrong_size)] == [400, 400, 400]
    assert stored_files(documenten_storage) == []


@pytest.mark.parametrize(
    ("override", "name", "code"),
    [
        ({"titel": "Brief\u0007"}, "titel", "invalid-characters"),
        ({"bronorganisatie": "002220647\t"}, "bronorganisatie", "invalid-characters"),
    ],
)
def test_the_json_checks_hold_for_the_rest_of_the_body(client, iotype, documenten_storage, override, name, code):
    response = client.post(
        EIO, eio_body(iotype, inhoud=base64.b64encode(b"x" * 5000).decode(), **override), format="json"
    )

    assert invalid_params(response) == [(name, code)]
    assert stored_files(documenten_storage) == []


def test_nesting_beside_inhoud_is_limited_as_everywhere(client, iotype, documenten_storage):
    nested = "[" * 100 + "]" * 100
    body = raw_body(iotype, b'"aGVsbG8="').replace(b'"titel":', b'"diep": ' + nested.encode() + b', "titel":')

    response = post_raw(client, body)

    assert response.status_code == 400
    assert "nested deeper" in response.json()["detail"]
    assert stored_files(documenten_storage) == []


@pytest.mark.parametrize(
    "body",
    [
        b'{"inhoud": "aGVsbG8=", "inhoud": "aGVsbG8="}',
        b'{"inhoud": "aGVsbG8=',  # ends inside inhoud
        b'{"titel": "x", "inhoud": "aGVs\nbG8="}',  # a raw line break inside a string
    ],
)
def test_broken_json_around_inhoud_is_a_400(client, documenten_storage, body):
    response = post_raw(client, body)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert stored_files(documenten_storage) == []


def test_an_escaped_key_is_still_inhoud(client, iotype):
    body = raw_body(iotype, b'"aGVsbG8="').replace(b'"inhoud"', b'"inh\\u006fud"')

    response = post_raw(client, body)

    assert response.status_code == 201, response.json()
    assert_stored(client, response.json()["url"], b"hello")


def test_inhoud_elsewhere_in_the_body_is_no_file(client, iotype):
    body = raw_body(iotype, b'"aGVsbG8="').replace(b'"titel":', b'"extra": {"inhoud": "bm9n"}, "titel":')

    response = post_raw(client, body)

    assert response.status_code == 201, response.json()
    assert_stored(client, response.json()["url"], b"hello")


def _parse(path, size: int) -> tuple[object, int]:
    """Parse a document body of `size` bytes read from the file at `path`: (inhoud, peak of
    memory allocated while parsing)."""
    with open(path, "rb") as stream:
        request = RequestFactory().post(EIO, content_type="application/json", CONTENT_LENGTH=str(size))
        view = type("View", (), {"action": "create"})()
        tracemalloc.start()
        try:
            data = InhoudJSONParser().parse(
                stream, "application/json", {"request": Request(request), "view": view, "encoding": "utf-8"}
            )
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    return data["inhoud"], peak


def test_memory_does_not_grow_with_the_file(iotype, documenten_storage, tmp_path):
    peaks = {}
    for megabytes in (4, 24):
        content = os.urandom(megabytes * 1024 * 1024)
        path = tmp_path / f"body-{megabytes}.json"
        path.write_bytes(raw_body(iotype, b'"' + base64.b64encode(content) + b'"'))
        inhoud, peaks[megabytes] = _parse(path, path.stat().st_size)
        try:
            assert inhoud.size == len(content)
            assert inhoud.sha256 == hashlib.sha256(content).hexdigest()
        finally:
            inhoud.close()
        del content

    # one block of the body and its decoded bytes, whatever the size of the file
    assert peaks[24] < 8 * 1024 * 1024, peaks
    assert peaks[24] < peaks[4] + 1024 * 1024, peaks
    assert stored_files(documenten_storage) == []  # closed unclaimed: removed


def test_the_parser_leaves_an_ordinary_body_as_the_json_parser_does(iotype):
    body = json.dumps({"titel": "Brief", "trefwoorden": ["a"], "inhoud": None}).encode()
    request = RequestFactory().post(EIO, content_type="application/json", CONTENT_LENGTH=str(len(body)))
    view = type("View", (), {"action": "create"})()

    data = InhoudJSONParser().parse(io.BytesIO(body), "application/json", {"request": Request(request), "view": view})

    assert data == {"titel": "Brief", "trefwoorden": ["a"], "inhoud": None}
