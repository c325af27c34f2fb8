"""What a download answers to each Accept header: a file for a client that asks for a file
(application/octet-stream, the document's `formaat`, a range that covers one of them, or
nothing), 406 problem+json for one that asks only for something else (JSON), as Open Zaak."""

from __future__ import annotations

import base64

import pytest

from .conftest import DOCUMENTEN, eio_body

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7 besluit"


@pytest.fixture
def pdf(client, iotype) -> dict:
    body = eio_body(
        iotype, formaat="application/pdf", bestandsnaam="besluit.pdf", inhoud=base64.b64encode(PDF).decode()
    )
    response = client.post(DOCUMENTEN + "enkelvoudiginformatieobjecten", body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        (None, "application/octet-stream"),  # no Accept is */*
        ("", "application/octet-stream"),
        ("*/*", "application/octet-stream"),
        ("application/octet-stream", "application/octet-stream"),
        ("application/*", "application/octet-stream"),
        ("application/pdf", "application/pdf"),  # the document's formaat
        ("application/pdf, */*;q=0.8", "application/pdf"),  # what Levensloop's clients send
        ("application/json, application/octet-stream;q=0.5", "application/octet-stream"),
        ("application/json;q=0.9, application/pdf", "application/pdf"),
        ("text/html, */*;q=0.1", "application/octet-stream"),  # a browser
    ],
)
def test_a_download_that_asks_for_a_file_gets_it(client, pdf, accept, content_type):
    headers = {} if accept is None else {"HTTP_ACCEPT": accept}

    response = client.get(pdf["inhoud"], **headers)

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize(
    "accept",
    [
        "application/json",
        "application/problem+json",
        "text/csv",
        "text/*",
        "image/png",
        "application/octet-stream;q=0, application/pdf;q=0, application/json",
        "*/*;q=0",
    ],
)
def test_a_download_that_asks_only_for_something_else_is_406(client, pdf, accept):
    response = client.get(pdf["inhoud"], HTTP_ACCEPT=accept)

    assert response.status_code == 406
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert (body["status"], body["code"]) == (406, "not_acceptable")
    assert "application/octet-stream" in body["detail"]


def test_a_formaat_that_is_no_media_type_offers_only_the_octet_stream(client, iotype):
    body = client.post(
        DOCUMENTEN + "enkelvoudiginformatieobjecten", eio_body(iotype, formaat="pdf, ja"), format="json"
    ).json()

    assert client.get(body["inhoud"], HTTP_ACCEPT="pdf, ja").status_code == 406
    response = client.get(body["inhoud"], HTTP_ACCEPT="*/*")
    assert response.status_code == 200 and response["Content-Type"] == "application/octet-stream"
