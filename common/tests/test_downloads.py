"""Content-Disposition from a file name that comes from outside (common/downloads.py)."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest

from common.downloads import content_disposition, safe_filename

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
