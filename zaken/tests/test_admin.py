"""The catalogue in the admin: what an archivist sees, and publishing through the rules."""

from __future__ import annotations

import pytest
from django.urls import reverse

from .factories import ResultaatTypeFactory, publiceerbaar_zaaktype

pytestmark = pytest.mark.django_db


def test_a_zaaktype_shows_its_resultaattypen_with_their_archiving_parameters(admin_client):
    zaaktype = publiceerbaar_zaaktype()
    ResultaatTypeFactory(zaaktype=zaaktype, omschrijving="Onvolledig", archiefactietermijn="")

    response = admin_client.get(reverse("admin:zaken_zaaktype_change", args=[zaaktype.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "resultaattypen en hun archiefparameters" in html.lower()
    assert "Onvolledig" in html
    assert "archiefactietermijn ontbreekt" in html
    assert "compleet" in html
    assert "P5Y" in html
    assert 'name="_save"' not in html  # read-only: the catalogue changes through the API


def test_the_resultaattypen_list_shows_what_is_archivable(admin_client):
    ResultaatTypeFactory(omschrijving="Compleet")
    ResultaatTypeFactory(omschrijving="Zonder brondatum", brondatum_archiefprocedure_afleidingswijze="")

    response = admin_client.get(reverse("admin:zaken_resultaattype_changelist"))

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('alt="True"') == 1
    assert html.count('alt="False"') == 1


def test_publish_from_the_admin_applies_the_rules(admin_client):
    compleet = publiceerbaar_zaaktype()
    leeg = publiceerbaar_zaaktype()
    ResultaatTypeFactory(zaaktype=leeg, archiefnominatie="", archiefactietermijn="")
    url = reverse("admin:zaken_zaaktype_changelist")

    response = admin_client.post(url, {"action": "publiceren", "_selected_action": [compleet.pk, leeg.pk]}, follow=True)

    assert response.status_code == 200
    compleet.refresh_from_db()
    leeg.refresh_from_db()
    assert compleet.concept is False
    assert leeg.concept is True
    html = response.content.decode()
    assert "is gepubliceerd" in html
    assert "is niet gepubliceerd" in html
