"""The run command's demo data: a published zaaktype tied to the Selectielijst 2020."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


def load() -> str:
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    return out.getvalue()


def test_demo_data_publishes_a_zaaktype_with_archiving_parameters(transactional_db, var_dir, api_client):
    output = load()
    password = (var_dir / "admin-password").read_text().strip()
    secret = (var_dir / "demo-client-secret").read_text().strip()
    assert f"password {password}" in output
    assert f"secret {secret}" in output
    assert "http://localhost:8000/admin/" in output
    assert "http://localhost:8000/catalogi/api/v1/schema/" in output
    assert get_user_model().objects.get(username="admin").check_password(password)

    zaaktypen = api_client.get("/catalogi/api/v1/zaaktypen", {"identificatie": "DEMO-ORG-001"}).json()["results"]
    assert len(zaaktypen) == 1
    zaaktype = zaaktypen[0]
    assert zaaktype["concept"] is False
    resultaattypen = api_client.get("/catalogi/api/v1/resultaattypen", {"zaaktype": zaaktype["url"]}).json()["results"]
    assert len(resultaattypen) == 4
    by_name = {r["omschrijving"]: r for r in resultaattypen}
    assert by_name["Ingesteld"]["archiefnominatie"] == "blijvend_bewaren"
    assert by_name["Ingericht"]["archiefnominatie"] == "vernietigen"
    assert by_name["Ingericht"]["archiefactietermijn"] == "P10Y"
    for resultaattype in resultaattypen:
        assert resultaattype["selectielijstklasse"].startswith("http://localhost:8000/selectielijst/api/v1/resultaten/")
        assert resultaattype["brondatumArchiefprocedure"]["afleidingswijze"] == "afgehandeld"

    # the demo API client works with its printed secret
    from common.auth import jwt_encode

    token = jwt_encode("demo", secret)
    response = api_client.get("/catalogi/api/v1/zaaktypen", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200


def test_demo_data_is_idempotent(transactional_db, var_dir, api_client):
    first = load()
    second = load()
    assert first == second
    zaaktypen = api_client.get("/catalogi/api/v1/zaaktypen", {"status": "alles"}).json()
    assert zaaktypen["count"] == 1
