"""The client base: API roots only, in-process transport, contract-checked responses."""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.core import signals
from django.db import close_old_connections, connection, transaction

from common.api.serializers import ApplicatieSerializer
from common.clients import APIClient, ClientError, URLNotAllowedError
from common.models import Applicatie
from common.services import api_client_create_or_update
from common.testing import ContractViolationError


@pytest.fixture
def internal_client(transactional_db):
    api_client_create_or_update(
        client_id=settings.API_CLIENT_ID, secret=settings.API_CLIENT_SECRET, alle_autorisaties=True
    )
    with APIClient(settings.AUTORISATIES_API_ROOT) as client:
        yield client


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data",
        "http://localhost:8000.evil.example/autorisaties/api/v1/applicaties",
        "https://example.org/catalogi/api/v1/zaaktypen",
        "file:///etc/passwd",
    ],
)
def test_urls_outside_the_api_roots_are_refused(internal_client, url):
    with pytest.raises((URLNotAllowedError, ClientError)):
        internal_client.retrieve(url)


def test_a_provider_never_sees_the_callers_uncommitted_data(internal_client):
    """In-process as over HTTP: the provider answers on its own connection, in its own
    transaction, and sees only what the caller has committed."""
    with transaction.atomic():
        Applicatie.objects.create(client_ids=["nieuw"], label="nieuw")
        labels = {app["label"] for app in internal_client.list("applicaties")}
        assert "nieuw" not in labels
        # The caller's transaction is untouched by the call: still open, still holding its row.
        assert connection.in_atomic_block
        assert Applicatie.objects.filter(label="nieuw").exists()
    labels = {app["label"] for app in internal_client.list("applicaties")}
    assert "nieuw" in labels


def test_a_provider_answers_on_its_own_thread_and_connection(internal_client, monkeypatch):
    from common.api.views import ApplicatieViewSet

    seen = {}
    original = ApplicatieViewSet.list

    def list_and_look(self, request, *args, **kwargs):
        seen["thread"] = threading.get_ident()
        seen["connection"] = id(connection.connection) if connection.connection else None
        response = original(self, request, *args, **kwargs)
        seen["connection"] = id(connection.connection)
        seen["receivers"] = _connected(signals.request_finished)
        return response

    monkeypatch.setattr(ApplicatieViewSet, "list", list_and_look)
    Applicatie.objects.exists()  # the caller's connection is open
    assert list(internal_client.list("applicaties"))
    assert seen["thread"] != threading.get_ident()
    assert seen["connection"] != id(connection.connection)
    # Nothing process-wide was switched off: Django still ends every request cycle, the
    # provider's included, by closing its old connections.
    assert close_old_connections in seen["receivers"]
    assert close_old_connections in _connected(signals.request_started)


def _connected(signal) -> list:
    return [receiver[1]() for receiver in signal.receivers if receiver[1]() is not None]


def test_follows_pagination(internal_client):
    Applicatie.objects.bulk_create(Applicatie(client_ids=[f"c{i}"], label=f"app {i}") for i in range(250))
    assert len(list(internal_client.list("applicaties"))) == Applicatie.objects.count() > 250


def test_errors_of_the_provider_become_client_errors(internal_client):
    with pytest.raises(ClientError) as info:
        internal_client.retrieve(settings.AUTORISATIES_API_ROOT + "applicaties/00000000-0000-0000-0000-000000000000")
    assert info.value.status == 404
    assert info.value.body["code"] == "not_found"


def test_a_response_that_breaks_the_committed_contract_fails_the_test(internal_client, monkeypatch):
    original = ApplicatieSerializer.to_representation

    def broken(self, instance):
        data = original(self, instance)
        data["heeft_alle_autorisaties"] = "yes"  # a string where the contract says boolean
        return data

    monkeypatch.setattr(ApplicatieSerializer, "to_representation", broken)
    with pytest.raises(ContractViolationError, match=r"heeftAlleAutorisaties|boolean"):
        list(internal_client.list("applicaties"))


def test_nested_in_process_calls_leave_the_caller_alone(internal_client, monkeypatch):
    """A provider that itself calls a provider in-process: each answers on its own thread;
    the outermost caller's open transaction and connection are untouched."""
    from common.api.views import ApplicatieViewSet

    original = ApplicatieViewSet.list
    inner_threads = []

    def list_calling_another_api(self, request, *args, **kwargs):
        with APIClient(settings.AUTORISATIES_API_ROOT) as inner:
            inner.retrieve(settings.AUTORISATIES_API_ROOT + "applicaties/consumer?clientId=" + settings.API_CLIENT_ID)
        inner_threads.append(threading.get_ident())
        assert Applicatie.objects.exists()  # this provider's own connection still works
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(ApplicatieViewSet, "list", list_calling_another_api)
    with transaction.atomic():
        Applicatie.objects.create(client_ids=["binnen"], label="binnen")
        assert list(internal_client.list("applicaties"))
        assert connection.in_atomic_block
        assert Applicatie.objects.filter(label="binnen").exists()
    assert inner_threads and threading.get_ident() not in inner_threads


@pytest.mark.parametrize("max_age", [0, 60])
def test_a_provider_thread_keeps_its_connection_as_conn_max_age_says(internal_client, monkeypatch, max_age):
    """Waiting provider threads are used again; their connection lives as CONN_MAX_AGE says,
    as a gunicorn thread's does: a new one per request at 0, the same one while it may live."""
    from django.db import connections

    from common.api.views import ApplicatieViewSet
    from common.clients import _ProviderThread

    if connection.vendor != "postgresql":
        pytest.skip("the server's process id of a connection: PostgreSQL (CI runs this on PostgreSQL)")
    _ProviderThread.close_idle()
    monkeypatch.setitem(connections.settings["default"], "CONN_MAX_AGE", max_age)
    backends = []
    original = ApplicatieViewSet.list

    def list_and_look(self, request, *args, **kwargs):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backends.append(cursor.fetchone()[0])
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(ApplicatieViewSet, "list", list_and_look)
    try:
        for _ in range(3):
            assert list(internal_client.list("applicaties"))
    finally:
        _ProviderThread.close_idle()
    assert len(set(backends)) == (3 if max_age == 0 else 1)


def test_a_forked_child_does_not_wait_on_its_parents_provider_threads(internal_client):
    """A Celery prefork worker or gunicorn worker forked after in-process calls starts with no
    waiting threads: its first in-process call gets a thread of its own and is answered."""
    import os
    import signal

    from common.clients import _ProviderThread

    assert list(internal_client.list("applicaties"))
    assert _ProviderThread._idle  # the parent has a waiting thread
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer through the pipe, never return into pytest
        signal.alarm(30)  # a call that waits on a thread that is not there ends the child
        try:
            answered = bool(list(internal_client.list("applicaties")))
            os.write(write, b"ja" if answered and len(_ProviderThread._idle) == 1 else b"nee")
        finally:
            os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    assert os.read(read, 10) == b"ja"
    os.close(read)
