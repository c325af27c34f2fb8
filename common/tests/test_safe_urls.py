"""The normalised form a URL is checked and fetched in (common/safe_urls.py)."""

from __future__ import annotations

import pytest

from common.clients import APIClient, URLNotAllowedError, is_allowed_url
from common.safe_urls import normalise_url, segments_below, url_under

ROOT = "http://localhost:8000/catalogi/api/v1/"


@pytest.mark.parametrize(
    ("url", "normalised"),
    [
        ("http://localhost:8000/catalogi/api/v1/zaaktypen/1", "http://localhost:8000/catalogi/api/v1/zaaktypen/1"),
        ("HTTP://LocalHost:8000/catalogi/api/v1/zaaktypen/1", "http://localhost:8000/catalogi/api/v1/zaaktypen/1"),
        ("http://localhost:80/a", "http://localhost/a"),
        ("https://example.org:443/a?b=1", "https://example.org/a?b=1"),
        ("http://localhost:8000/catalogi/api/v1/../../../admin/", "http://localhost:8000/admin/"),
        ("http://localhost:8000/catalogi/api/v1/%2e%2E/x", "http://localhost:8000/catalogi/api/x"),
        ("http://localhost:8000/a/./b/../c", "http://localhost:8000/a/c"),
        ("http://localhost:8000/%7Euser/%61", "http://localhost:8000/~user/a"),
        ("http://localhost:8000/a?next=http%3A%2F%2Fx%2Fy", "http://localhost:8000/a?next=http%3A%2F%2Fx%2Fy"),
        ("https://exämple.org/a", "https://xn--exmple-cua.org/a"),
        ("http://localhost\u3002:8000/a", "http://localhost:8000/a"),
        ("http://[::1]:8000/a", "http://[::1]:8000/a"),
        # refused: no URL of any root, whatever it would lead to
        ("http://user:pw@localhost:8000/a", None),
        ("http://localhost:8000@evil.example/a", None),
        ("http://localhost:8000/a%2fb", None),
        ("http://localhost:8000/a%5Cb", None),
        ("http://localhost:8000/a\\b", None),
        ("http://localhost:8000/a%252e%252e/", None),
        ("http://localhost:8000/a%00", None),
        ("http://localhost:8000/a/..;/b", None),
        ("http://localhost:8000/a#frag", None),
        ("http://localhost:8000/\uff0e\uff0e/a", None),
        ("http://localhost:8000/a b", None),
        ("http://localhost:99999/a", None),
        ("ftp://localhost/a", None),
        ("//localhost/a", None),
        ("javascript:alert(1)", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_url(url, normalised):
    assert normalise_url(url) == normalised


@pytest.mark.parametrize(
    ("url", "under"),
    [
        ("http://localhost:8000/catalogi/api/v1/zaaktypen/1", True),
        ("http://LOCALHOST:8000/catalogi/api/v1/zaaktypen/../zaaktypen/1", True),
        ("http://localhost:8000/catalogi/api/v1", False),
        ("http://localhost:8000/catalogi/api/v1/../v2/x", False),
        ("http://localhost:8000/catalogi/api/v10/x", False),
        ("http://localhost:8001/catalogi/api/v1/x", False),
        ("https://localhost:8000/catalogi/api/v1/x", False),
        ("http://localhost.evil.example:8000/catalogi/api/v1/x", False),
    ],
)
def test_url_under_a_root(url, under):
    assert (url_under(url, ROOT) is not None) is under


def test_segments_below_a_root():
    assert segments_below(ROOT + "zaaktypen/1/?x=1", ROOT) == ["zaaktypen", "1"]
    assert segments_below(ROOT + "zaaktypen/%2e%2e/besluittypen/2", ROOT) == ["besluittypen", "2"]
    assert segments_below(ROOT + "../x", ROOT) is None


def test_the_client_fetches_the_normalised_url_and_refuses_what_leaves_its_root(settings):
    settings.API_IN_PROCESS = False
    client = APIClient(ROOT)
    assert client.url("zaaktypen/1") == ROOT + "zaaktypen/1"
    assert client.url(ROOT + "x/../zaaktypen/2") == ROOT + "zaaktypen/2"
    with pytest.raises(URLNotAllowedError):
        client.url("../../../admin/login/")
    with pytest.raises(URLNotAllowedError):
        client.url(ROOT + "../../../admin/login/")
    assert not is_allowed_url(ROOT + "%2e%2e/%2e%2e/%2e%2e/admin/login/")
    client.close()
