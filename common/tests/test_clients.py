"""The client base: API roots only, in-process transport, contract-checked responses."""

from __future__ import annotations

import pytest
from django.conf import settings

from common.api.serializers import ApplicatieSerializer
from common.clients import APIClient, ClientError, URLNotAllowedError
from common.models import Applicatie
from common.services import api_client_create_or_update
from common.testing import ContractViolationError


@pytest.fixture
def internal_client(db):
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


def test_in_process_call_sees_and_keeps_the_callers_transaction(internal_client):
    # The applicatie is created in this test's (uncommitted) transaction …
    Applicatie.objects.create(client_ids=["nieuw"], label="nieuw")
    labels = {app["label"] for app in internal_client.list("applicaties")}
    # … the in-process provider sees it, and the caller's connection still works after.
    assert "nieuw" in labels
    assert Applicatie.objects.filter(label="nieuw").exists()


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


def test_nested_in_process_calls_keep_the_connection(internal_client, monkeypatch):
    """A provider that itself calls a provider in-process must not close the caller's connection."""
    from django.core import signals
    from django.db import close_old_connections

    from common.api.views import ApplicatieViewSet

    original = ApplicatieViewSet.list

    def list_calling_another_api(self, request, *args, **kwargs):
        with APIClient(settings.AUTORISATIES_API_ROOT) as inner:
            inner.retrieve(settings.AUTORISATIES_API_ROOT + "applicaties/consumer?clientId=" + settings.API_CLIENT_ID)
        # the outer request is still running: its receivers must still be disconnected
        assert close_old_connections not in [r[1]() for r in signals.request_finished.receivers if r[1]() is not None]
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(ApplicatieViewSet, "list", list_calling_another_api)
    assert list(internal_client.list("applicaties"))
    assert Applicatie.objects.exists()
