"""The admin's sign-in and browser protections: throttling, CSP, HSTS and Secure cookies."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def beheerder(django_user_model):
    return django_user_model.objects.create_superuser("beheerder", "b@example.org", "juist-wachtwoord-123")


def sign_in(client: Client, password: str):
    return client.post(LOGIN, {"username": "beheerder", "password": password})


def signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_the_nth_wrong_password_locks_out_and_the_right_one_fails_until_the_cool_off(beheerder, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(seconds=2)
    client = Client()

    answers = [sign_in(client, f"fout-{n}").status_code for n in range(3)]
    assert answers == [200, 200, 429]  # the form again twice, then the lock-out
    assert sign_in(client, "juist-wachtwoord-123").status_code == 429
    assert not signed_in(sign_in(client, "juist-wachtwoord-123"))
    # Another account from the same address is not locked by someone guessing this one.
    other = Client()
    assert other.post(LOGIN, {"username": "iemand", "password": "x"}).status_code == 200

    time.sleep(2.2)
    assert signed_in(sign_in(client, "juist-wachtwoord-123"))


def test_a_successful_sign_in_resets_the_count(beheerder, settings):
    settings.AXES_FAILURE_LIMIT = 3
    client = Client()
    sign_in(client, "fout")
    sign_in(client, "fout")
    assert signed_in(sign_in(client, "juist-wachtwoord-123"))
    client.logout()
    sign_in(client, "fout")
    sign_in(client, "fout")
    assert signed_in(sign_in(client, "juist-wachtwoord-123"))


ADMIN_PAGES = [
    "/admin/login/",
    "/admin/",
    "/admin/archief/indexzaak/",
    "/admin/archief/vernietigingslijst/add/",
    "/admin/overbrenging/overbrenging/",
    "/admin/openbaarmaking/publicatie/",
]


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_pages_carry_a_content_security_policy_without_inline_code(admin_client, path):
    response = admin_client.get(path, follow=True)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    html = response.content.decode()
    assert " style=" not in html, "an inline style the policy would block"
    assert "<script>" not in html and '<script type="text/javascript">' not in html


def test_the_publication_chart_draws_without_inline_styles(admin_client):
    response = admin_client.get(reverse("admin:openbaarmaking_publicatie_grafiek"))
    assert response.status_code == 200
    assert " style=" not in response.content.decode()
    assert "openbaarmaking/admin.css" in response.content.decode()


def _settings_with(**environment: str) -> dict:
    script = (
        "import json; from config import settings as s; print(json.dumps({k: getattr(s, k, None) for k in "
        "['SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_HSTS_SECONDS', 'SECURE_PROXY_SSL_HEADER']}))"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "SECURE_COOKIES", "SECURE_HSTS_SECONDS")}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env | environment, capture_output=True, text=True, check=True
    )
    import json

    return json.loads(result.stdout)


def test_https_turns_on_secure_cookies_and_hsts():
    assert _settings_with(SITE_URL="http://localhost:8000") == {
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
        "SECURE_HSTS_SECONDS": 0,
        "SECURE_PROXY_SSL_HEADER": None,
    }
    assert _settings_with(SITE_URL="https://zaken.gemeente.nl", SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO") == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
    }


def test_over_https_the_answer_has_hsts_and_the_session_cookie_is_secure(beheerder, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    client = Client()

    page = client.get("/admin/login/", HTTP_X_FORWARDED_PROTO="https")
    response = client.post(
        LOGIN, {"username": "beheerder", "password": "juist-wachtwoord-123"}, HTTP_X_FORWARDED_PROTO="https"
    )

    assert page["Strict-Transport-Security"] == "max-age=31536000"
    assert page.cookies["csrftoken"]["secure"]
    assert signed_in(response)
    assert response.cookies["sessionid"]["secure"]
    assert response.cookies["sessionid"]["httponly"]
    assert "Strict-Transport-Security" not in Client().get("/admin/login/")  # plain http: no HSTS


def test_the_api_docs_may_load_redoc_and_nothing_else_is_loosened(client):
    docs = client.get("/zaken/api/v1/schema/")
    assert docs.status_code == 200
    policy = docs["Content-Security-Policy"]
    assert "https://cdn.jsdelivr.net" in policy and "worker-src blob:" in policy
    assert "frame-ancestors 'none'" in policy
    assert "cdn.jsdelivr.net" not in client.get("/admin/login/")["Content-Security-Policy"]
