"""Query parameters of the Besluiten API lists, named as in `besluiten-1.0.2.yaml`."""

from __future__ import annotations

from django_filters import rest_framework as filters

from common.filters import FilterSet

from ...models import Besluit, BesluitInformatieObject, BesluitType, Zaak
from ..zaken.filters import UrlFilter


class BesluitFilter(FilterSet):
    identificatie = filters.CharFilter(help_text="Identificatie van het besluit binnen de organisatie.")
    verantwoordelijkeOrganisatie = filters.CharFilter(
        field_name="verantwoordelijke_organisatie", help_text="Het RSIN van de verantwoordelijke organisatie."
    )
    besluittype = UrlFilter(model=BesluitType, help_text="URL-referentie naar het BESLUITTYPE (in de Catalogi API).")
    zaak = UrlFilter(model=Zaak, help_text="URL-referentie naar de ZAAK (in de Zaken API).")

    class Meta:
        model = Besluit
        fields: list[str] = []


class BesluitInformatieObjectFilter(FilterSet):
    besluit = UrlFilter(model=Besluit, help_text="URL-referentie naar het BESLUIT.")
    informatieobject = filters.CharFilter(help_text="URL-referentie naar het INFORMATIEOBJECT (in de Documenten API).")

    class Meta:
        model = BesluitInformatieObject
        fields: list[str] = []
