"""The Selectielijst in the admin: visible for reference, not editable."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ..models import ProcesType, Resultaat, ResultaatTypeOmschrijvingGeneriek

pytestmark = pytest.mark.django_db

MODELS = [ProcesType, Resultaat, ResultaatTypeOmschrijvingGeneriek]


def admin_url(model, action: str, *args) -> str:
    return reverse(f"admin:archief_{model._meta.model_name}_{action}", args=args)


@pytest.mark.parametrize("model", MODELS)
def test_changelist_and_detail_are_shown(admin_client, model):
    obj = model.objects.first()

    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    response = admin_client.get(admin_url(model, "change", obj.pk))
    assert response.status_code == 200
    assert b'name="_save"' not in response.content


def test_resultaten_are_listed_by_their_full_number(admin_client):
    response = admin_client.get(admin_url(Resultaat, "changelist"))

    rows = [str(r) for r in response.context["cl"].result_list[:3]]
    assert rows == ["1.1 - Ingericht", "1.1.1 - Ingericht", "1.1.2 - Ingericht"]


@pytest.mark.parametrize("model", MODELS)
def test_nothing_can_be_added_changed_or_deleted(admin_client, model):
    obj = model.objects.first()
    count = model.objects.count()

    assert admin_client.get(admin_url(model, "add")).status_code == 403
    assert admin_client.post(admin_url(model, "change", obj.pk), {}).status_code == 403
    assert admin_client.post(admin_url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
    assert model.objects.count() == count
