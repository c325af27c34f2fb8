"""One request followed by its id: an API call to the Documenten API, its call to the Catalogi
API (another component, handed over in-process as over the network), and the Celery task
that relays its notification, run by a real worker on the real broker in a thread of its own
(so the id can only reach it in the task message), which sends it on to the subscriber."""

from __future__ import annotations

import base64
import os
import time

import pytest
from django.conf import settings

from common.clients import APIClient as ContractClient
from common.models import Abonnement
from config.celery import app as celery_app

BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
pytestmark = pytest.mark.skipif(
    not BROKER_URL.startswith("redis://"), reason="needs a Redis broker (CELERY_BROKER_URL), as in CI"
)


@pytest.fixture
def informatieobjecttype(transactional_db) -> str:
    with ContractClient(settings.CATALOGI_API_ROOT) as catalogi:
        catalogus = catalogi.create(
            "catalogussen", {"domein": "SPOOR", "rsin": "002220647", "contactpersoonBeheerNaam": "Ada Archivaris"}
        )
        iotype = catalogi.create(
            "informatieobjecttypen",
            {
                "catalogus": catalogus["url"],
                "omschrijving": "Brief",
                "vertrouwelijkheidaanduiding": "openbaar",
                "informatieobjectcategorie": "Brief",
                "beginGeldigheid": "2020-01-01",
            },
        )
        assert catalogi.request("POST", iotype["url"] + "/publish").status_code == 200
    return iotype["url"]


@pytest.fixture
def worker(broker):
    """A Celery worker consuming from the broker, in a thread of this process.

    Its start sets Django up again (Celery's Django fixup), which applies LOGGING afresh:
    a test that captures logs asks for `json_logs` after this fixture."""
    import redis
    from celery.contrib.testing.worker import start_worker

    broker(BROKER_URL)
    redis.Redis.from_url(BROKER_URL).delete("celery")  # nothing left over from another run
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as running:
        yield running


@pytest.mark.django_db(transaction=True)
def test_one_request_id_from_the_api_through_another_component_and_a_celery_task(
    make_api_client, informatieobjecttype, receiver, worker, json_logs, settings, tmp_path
):
    settings.STORAGES = {
        **settings.STORAGES,
        "documenten": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "documenten")},
        },
    }
    Abonnement.objects.create(label="zaaksysteem", callback_url=receiver.url, kanalen=["documenten"])
    request_id = "spoor-7f3a9c"

    response = make_api_client(alle=True).post(
        "/documenten/api/v1/enkelvoudiginformatieobjecten",
        {
            "bronorganisatie": "002220647",
            "creatiedatum": "2024-05-01",
            "titel": "Aanvraag",
            "auteur": "Ada Aanvrager",
            "taal": "dut",
            "bestandsnaam": "aanvraag.txt",
            "inhoud": base64.b64encode(b"hallo").decode(),
            "informatieobjecttype": informatieobjecttype,
        },
        format="json",
        HTTP_X_REQUEST_ID=request_id,
    )
    assert response.status_code == 201, response.content
    assert response["X-Request-ID"] == request_id

    deadline = time.monotonic() + 30
    while not receiver.messages and time.monotonic() < deadline:
        time.sleep(0.1)
    assert receiver.messages, "the worker relayed the notification"
    # ... and handed the id on to the subscriber
    assert receiver.headers[0]["X-Request-ID"] == request_id
    for _ in range(50):  # the task's closing line follows its POST
        if any(line.get("event") == "task_finished" for line in json_logs.of(request_id)):
            break
        time.sleep(0.1)

    lines = json_logs.of(request_id)
    requests = {(line["api"], line["route"]) for line in lines if line["event"] == "request_finished"}
    assert ("documenten", "enkelvoudiginformatieobject-list") in requests  # the call itself
    assert ("catalogi", "informatieobjecttype-detail") in requests  # the component it called
    task = [line for line in lines if line["event"] == "task_finished"]
    assert [(line["task"], line["state"]) for line in task] == [("common.tasks.relay_notification", "SUCCESS")]
    assert task[0]["task_id"]
