"""The probes: /healthz answers while the process lives, /readyz only while the database,
the broker and the file storage answer; both without credentials, asked by a pod address."""

from __future__ import annotations

import os

import pytest
from django.db import connections
from django.test import Client

# A kubelet asks by the pod's IP address, which ALLOWED_HOSTS does not list.
POD = {"HTTP_HOST": "10.42.0.17:8000"}


def broker_url() -> str | None:
    return os.environ.get("CELERY_BROKER_URL")


@pytest.fixture
def probe() -> Client:
    return Client()


def test_healthz_answers_without_the_database(probe):
    # No `db` fixture: pytest-django refuses any query, so an answer proves none was made.
    response = probe.get("/healthz", **POD)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_probes_answer_head_and_leave_other_methods_to_the_site(probe):
    assert probe.head("/healthz", **POD).status_code == 200
    assert probe.post("/healthz", HTTP_HOST="localhost:8000").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_readyz_reports_each_dependency(probe, broker, documenten_storage):
    if broker_url():
        broker(broker_url())
    response = probe.get("/readyz", **POD)
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body.values()) == {"OK"}
    assert any(name.startswith("Database(") for name in body)
    assert any(name.startswith("Broker(") for name in body)
    assert any(name.startswith("Storage(alias='documenten')") for name in body)
    assert list(documenten_storage.rglob("*.txt")) == [], "the probe's file is removed again"


@pytest.mark.django_db(transaction=True)
def test_readyz_is_503_when_the_database_is_gone(probe, monkeypatch):
    """The check opens its own connection (in a thread of its own): it reaches nothing there."""
    database = connections.settings["default"]
    if database["ENGINE"].endswith("sqlite3"):
        monkeypatch.setitem(database, "NAME", "/nonexistent/folder/levensloop.sqlite3")
    else:
        monkeypatch.setitem(database, "HOST", "127.0.0.1")
        monkeypatch.setitem(database, "PORT", "1")  # nothing listens there
    response = probe.get("/readyz", **POD)
    assert response.status_code == 503
    failed = {name: result for name, result in response.json().items() if result != "OK"}
    assert list(failed) == ["Database(alias='default')"]
    assert failed["Database(alias='default')"].startswith("Unavailable")


@pytest.mark.django_db(transaction=True)
def test_readyz_is_503_when_the_broker_is_gone(probe, broker):
    broker("redis://127.0.0.1:1/0")  # nothing listens there
    response = probe.get("/readyz", **POD)
    assert response.status_code == 503
    failed = {name: result for name, result in response.json().items() if result != "OK"}
    assert list(failed) == ["Broker()"]
    assert "broker unreachable" in failed["Broker()"]


@pytest.mark.django_db(transaction=True)
def test_readyz_is_503_when_the_file_storage_cannot_be_written(probe, settings, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the storage's folder should be")
    settings.STORAGES = {
        **settings.STORAGES,
        "documenten": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(blocked)},
        },
    }
    response = probe.get("/readyz", **POD)
    assert response.status_code == 503
    failed = [name for name, result in response.json().items() if result != "OK"]
    assert failed == ["Storage(alias='documenten')"]
