"""The daily deadline overview: in the API, and by e-mail to the publication officers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from openbaarmaking import services, tasks
from openbaarmaking.models import PublicatieStatus

from .conftest import api
from .factories import PublicatieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def concepten():
    vandaag = timezone.localdate()
    return {
        "verlopen": PublicatieFactory(officiele_titel="Verlopen", deadline=vandaag - dt.timedelta(days=2)),
        "vandaag": PublicatieFactory(officiele_titel="Vandaag", deadline=vandaag),
        "binnenkort": PublicatieFactory(officiele_titel="Binnenkort", deadline=vandaag + dt.timedelta(days=3)),
        "later": PublicatieFactory(officiele_titel="Later", deadline=vandaag + dt.timedelta(days=4)),
        "zonder": PublicatieFactory(officiele_titel="Zonder deadline"),
        "gepubliceerd": PublicatieFactory(
            officiele_titel="Al gepubliceerd",
            deadline=vandaag - dt.timedelta(days=5),
            status=PublicatieStatus.gepubliceerd,
        ),
    }


def test_the_api_lists_overdue_first_then_nearing(lezer, concepten, settings):
    settings.OPENBAARMAKING_DEADLINE_WAARSCHUWING_DAGEN = 3

    response = lezer.get(api("deadlineoverzicht"))

    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["officieleTitel"] for r in results] == ["Verlopen", "Vandaag", "Binnenkort"]
    assert [(r["dagenTotDeadline"], r["verlopen"]) for r in results] == [(-2, True), (0, False), (3, False)]


def test_the_officers_get_the_overview_by_mail(concepten, settings):
    settings.OPENBAARMAKING_OFFICER_EMAILS = ["woo@utrecht.example", "privacy@utrecht.example"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    assert tasks.deadline_overzicht_mailen.delay().get() == 3

    [message] = mail.outbox
    assert message.to == ["woo@utrecht.example", "privacy@utrecht.example"]
    assert message.subject == "Woo-publicaties: 1 over de deadline, 2 binnenkort"
    assert "Verlopen" in message.body and "(VERLOPEN)" in message.body
    assert "Later" not in message.body and "Al gepubliceerd" not in message.body


def test_no_mail_when_nothing_is_due_or_nobody_is_configured(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.OPENBAARMAKING_OFFICER_EMAILS = ["woo@utrecht.example"]
    PublicatieFactory(deadline=timezone.localdate() + dt.timedelta(days=30))
    assert services.deadline_overzicht_mailen() == 0

    settings.OPENBAARMAKING_OFFICER_EMAILS = []
    PublicatieFactory(deadline=timezone.localdate() - dt.timedelta(days=1))
    assert services.deadline_overzicht_mailen() == 0
    assert mail.outbox == []
