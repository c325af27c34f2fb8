"""Run apart (issue 13): two deployments, each a gunicorn serving only its own APIs
(LEVENSLOOP_COMPONENTS), real HTTP between them.

The example of the issue: linking a document to a zaak, `POST /zaakinformatieobjecten` at the
Zaken deployment, makes the Zaken API ask the Documenten deployment for the mirrored
objectinformatieobject, and the Documenten API checks the relation back through the Zaken
API. Over real HTTP that works only when the Zaken API committed before it asked.

Both deployments use the test database here (one PostgreSQL database for both: a database
per component is not built yet, see the issue's notes).
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys

import httpx
import pytest
from django.conf import settings
from django.db import connection

from common.clients import APIClient
from common.server import database_url, free_port, gunicorn_server, server_environment
from common.services import api_client_create_or_update

from .test_cross_component_writes import wereld_maken

pytestmark = pytest.mark.django_db(transaction=True)  # the servers must see the data

GEHEIM = secrets.token_urlsafe(32)
ZAKEN_DEPLOYMENT = "autorisaties,catalogi,selectielijst,zaken,besluiten"
DOCUMENTEN_DEPLOYMENT = "documenten"


@pytest.fixture
def deployments(tmp_path, settings):
    if connection.vendor != "postgresql":
        pytest.skip("two servers writing one database at once: PostgreSQL (CI runs this on PostgreSQL)")
    zaken_base = f"http://127.0.0.1:{free_port()}"
    documenten_base = f"http://127.0.0.1:{free_port()}"
    roots = {
        "CATALOGI_API_ROOT": f"{zaken_base}/catalogi/api/v1/",
        "ZAKEN_API_ROOT": f"{zaken_base}/zaken/api/v1/",
        "BESLUITEN_API_ROOT": f"{zaken_base}/besluiten/api/v1/",
        "AUTORISATIES_API_ROOT": f"{zaken_base}/autorisaties/api/v1/",
        "SELECTIELIJST_API_ROOT": f"{zaken_base}/selectielijst/api/v1/",
        "DOCUMENTEN_API_ROOT": f"{documenten_base}/documenten/api/v1/",
    }
    api_client_create_or_update(client_id="apart", secret=GEHEIM, alle_autorisaties=True)
    env = server_environment(
        database_url(connection.settings_dict),
        MEDIA_ROOT=str(tmp_path / "media"),
        DOCUMENTEN_STORAGE_OPTIONS="",
        API_CLIENT_ID="apart",
        API_CLIENT_SECRET=GEHEIM,
        **roots,
    )
    with (
        gunicorn_server(
            {**env, "LEVENSLOOP_COMPONENTS": ZAKEN_DEPLOYMENT},
            tmp_path / "zaken.log",
            port=int(zaken_base.rsplit(":", 1)[1]),
        ),
        gunicorn_server(
            {**env, "LEVENSLOOP_COMPONENTS": DOCUMENTEN_DEPLOYMENT},
            tmp_path / "documenten.log",
            port=int(documenten_base.rsplit(":", 1)[1]),
        ),
    ):
        # This process is a third party: it calls both over HTTP, never in-process.
        for name, root in roots.items():
            setattr(settings, name, root)
        settings.API_IN_PROCESS = False
        clients = {
            name: APIClient(getattr(settings, f"{name.upper()}_API_ROOT"), client_id="apart", secret=GEHEIM)
            for name in ("catalogi", "zaken", "besluiten", "documenten")
        }
        yield {"zaken": zaken_base, "documenten": documenten_base, "apis": clients}
        for client in clients.values():
            client.close()


def test_a_document_is_linked_to_a_zaak_across_two_deployments(deployments):
    apis = deployments["apis"]
    wereld = wereld_maken(apis)

    relatie = apis["zaken"].create(
        "zaakinformatieobjecten", {"zaak": wereld["zaak"], "informatieobject": wereld["document"]}
    )
    besluitrelatie = apis["besluiten"].create(
        "besluitinformatieobjecten", {"besluit": wereld["besluit"], "informatieobject": wereld["document"]}
    )

    mirrors = list(apis["documenten"].list("objectinformatieobjecten", {"informatieobject": wereld["document"]}))
    assert sorted((m["object"], m["objectType"]) for m in mirrors) == sorted(
        [(wereld["zaak"], "zaak"), (wereld["besluit"], "besluit")]
    )
    # Removing the relations removes their mirrors in the other deployment.
    apis["zaken"].delete(relatie["url"])
    apis["besluiten"].delete(besluitrelatie["url"])
    assert list(apis["documenten"].list("objectinformatieobjecten", {"informatieobject": wereld["document"]})) == []


def test_each_deployment_serves_only_its_own_apis(deployments):
    zaken, documenten = deployments["zaken"], deployments["documenten"]
    with httpx.Client() as http:
        assert http.get(f"{documenten}/zaken/api/v1/schema/openapi.yaml").status_code == 404
        assert http.get(f"{documenten}/catalogi/api/v1/schema/openapi.yaml").status_code == 404
        assert http.get(f"{zaken}/documenten/api/v1/schema/openapi.yaml").status_code == 404
        assert http.get(f"{zaken}/robots.txt").status_code == 404  # the public Woo pages: openbaarmaking's
        assert http.get(f"{zaken}/zaken/api/v1/schema/openapi.yaml").status_code == 200
        assert http.get(f"{documenten}/documenten/api/v1/schema/openapi.yaml").status_code == 200


def _settings_of(components: str, code: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "LEVENSLOOP_COMPONENTS": components, "DJANGO_SETTINGS_MODULE": "config.settings"}
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_deployment_schedules_only_the_periodic_work_of_its_components():
    result = _settings_of(
        "documenten",
        "import json; from django.conf import settings; print(json.dumps(sorted(settings.CELERY_BEAT_SCHEDULE)))",
    )
    assert result.returncode == 0, result.stderr
    schedule = json.loads(result.stdout.strip().splitlines()[-1])
    assert "relay-notifications" in schedule  # every deployment relays its own outbox
    assert "documenten-fixity" in schedule
    assert not [name for name in schedule if name.startswith(("zaken-", "archief-", "openbaarmaking-"))]


def test_a_call_to_an_api_served_elsewhere_goes_over_http_even_on_the_same_host():
    result = _settings_of(
        "zaken",
        "from django.conf import settings; from common.clients import uses_in_process; "
        "print(uses_in_process(settings.ZAKEN_API_ROOT), uses_in_process(settings.DOCUMENTEN_API_ROOT))",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "True False"


def test_an_unknown_component_is_refused_at_start():
    result = _settings_of("zaken,dokumenten", "pass")
    assert result.returncode != 0
    assert "LEVENSLOOP_COMPONENTS names dokumenten" in result.stderr
