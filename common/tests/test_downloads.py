"""Content-Disposition from a file name that comes from outside, and the negotiation of files
(common/downloads.py)."""

from __future__ import annotations

import re
from urllib.parse import unquote

import httpx
import pytest

from common.downloads import content_disposition, download_accept, preferred_media_type, safe_filename
from common.testing import ExternalProvider

HOSTILE = [
    ("..\\..\\windows\\boot.ini", "boot.ini"),
    ("../../etc/passwd", "passwd"),
    ('besluit".pdf; filename="evil.exe', "besluit.pdf filename=evil.exe"),
    ("brief\r\nSet-Cookie: x=1.pdf", "briefSet-Cookie x=1.pdf"),
    ("\x00\x1b\x85naam.pdf", "naam.pdf"),
    (".htaccess", "htaccess"),
    ("...", "download"),
    ("", "download"),
    (None, "download"),
    ("C:\\Users\\x\\nota.docx", "nota.docx"),
    ("besluit\u2028.pdf", "besluit.pdf"),
]


@pytest.mark.parametrize(("name", "expected"), HOSTILE)
def test_safe_filename(name, expected):
    assert safe_filename(name) == expected


def assert_safe_header(header: str, expected_name: str) -> None:
    """What every Content-Disposition of ours looks like, whatever the file was called."""
    assert not re.search(r"[\x00-\x1f\x7f\\/]", header), header
    match = re.fullmatch(r"(attachment|inline); filename=\"([A-Za-z0-9._()+-]+)\"; filename\*=UTF-8''(\S+)", header)
    assert match, header
    assert unquote(match.group(3)) == expected_name


@pytest.mark.parametrize(("name", "expected"), HOSTILE)
def test_the_header_has_an_ascii_fallback_and_the_utf8_name(name, expected):
    assert_safe_header(content_disposition(name), expected)


def test_a_unicode_name_keeps_its_letters_in_filename_star():
    header = content_disposition("Besluit café ∑.pdf", attachment=False)
    assert header == "inline; filename=\"Besluit_cafe_.pdf\"; filename*=UTF-8''Besluit%20caf%C3%A9%20%E2%88%91.pdf"


@pytest.mark.parametrize(
    ("formaat", "accept"),
    [
        ("application/pdf", "application/pdf, */*;q=0.8"),
        ("", "*/*"),
        (None, "*/*"),
        ("pdf", "*/*"),  # not a media type: a header of it would be malformed
        ("application/pdf, text/html", "*/*"),
        ("text/csv\r\nX-Evil: 1", "*/*"),
    ],
)
def test_a_download_asks_for_its_formaat_and_any_file(formaat, accept):
    assert download_accept(formaat) == accept
    assert preferred_media_type(download_accept(formaat), ["application/octet-stream"]) == "application/octet-stream"


@pytest.mark.parametrize(
    ("accept", "offered", "chosen"),
    [
        (None, ["text/csv"], "text/csv"),
        ("", ["text/csv"], "text/csv"),
        ("text/csv", ["text/csv"], "text/csv"),
        ("text/csv; charset=utf-8", ["text/csv"], "text/csv"),
        ("text/*", ["text/csv"], "text/csv"),
        ("application/json", ["text/csv"], None),
        ("text/csv;q=0", ["text/csv"], None),
        (
            "application/pdf;q=0.5, application/octet-stream",
            ["application/pdf", "application/octet-stream"],
            "application/octet-stream",
        ),
        ("*/*", ["application/octet-stream", "application/pdf"], "application/octet-stream"),
    ],
)
def test_the_preferred_media_type_follows_the_accept_header(accept, offered, chosen):
    assert preferred_media_type(accept, offered) == chosen


def test_the_external_test_provider_is_as_strict_as_open_zaak_about_accept():
    routes = {"documenten/1": (200, {"url": "x"}), "documenten/1/download": (200, b"%PDF")}
    with ExternalProvider(routes) as provider, httpx.Client() as http:
        download = provider.url("documenten/1/download")
        assert http.get(download, headers={"Accept": "application/json"}).status_code == 406
        assert http.get(download, headers={"Accept": "*/*"}).content == b"%PDF"
        assert http.get(provider.url("documenten/1"), headers={"Accept": "text/csv"}).status_code == 406
        assert http.get(provider.url("documenten/1")).json() == {"url": "x"}
