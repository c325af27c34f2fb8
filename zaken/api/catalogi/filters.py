"""Query parameters of the Catalogi API lists, named as in `catalogi-1.3.1.yaml`."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.db.models import QuerySet
from django_filters import rest_framework as filters

from common.filters import FilterSet

from ...models import (
    BesluitType,
    Catalogus,
    Eigenschap,
    InformatieObjectType,
    ResultaatType,
    RolType,
    StatusType,
    ZaakObjectType,
    ZaakType,
    ZaakTypeInformatieObjectType,
)
from ...models.choices import Richting, RolOmschrijvingGeneriek
from .fields import uuid_from_url

STATUS_HELP = (
    "filter objects depending on their concept status:\n"
    "* `alles`: Toon objecten waarvan het attribuut `concept` true of false is.\n"
    "* `concept`: Toon objecten waarvan het attribuut `concept` true is.\n"
    "* `definitief`: Toon objecten waarvan het attribuut `concept` false is (standaard).\n"
)
STATUS_CHOICES = (("alles", "Alles"), ("concept", "Concept"), ("definitief", "Definitief"))
GELDIGHEID_HELP = "filter objecten op hun geldigheids datum."


class UrlFilter(filters.Filter):
    """A reference by URL to an object of this API; a URL that is none of ours matches nothing."""

    field_class = forms.URLField

    def __init__(self, *, model, **kwargs) -> None:
        # not `self.model`: django-filter sets that to the filterset's own model
        self.target_model = model
        super().__init__(**kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        uuid = uuid_from_url(value, self.target_model)
        if uuid is None:
            return qs.none()
        return qs.filter(**{f"{self.field_name}__uuid": uuid})


class UriFilter(filters.CharFilter):
    field_class = forms.URLField


class CharArrayFilter(filters.BaseCSVFilter, filters.CharFilter):
    """Comma separated values; an object matches when it has all of them."""

    def filter(self, qs, value):
        if not value:
            return qs
        wanted = set(value)
        pks = [pk for pk, words in qs.values_list("pk", self.field_name) if wanted <= set(words or [])]
        return qs.filter(pk__in=pks)


class ConceptFilterSet(FilterSet):
    """`status` (alles/concept/definitief, default definitief) and the geldigheid on a date.

    `concept_field` is `concept`, or `zaaktype__concept` for the parts of a zaaktype.
    """

    concept_field = "concept"

    status = filters.ChoiceFilter(choices=STATUS_CHOICES, method="filter_status", help_text=STATUS_HELP)

    def filter_status(self, queryset, name, value):
        if value == "concept":
            return queryset.filter(**{self.concept_field: True})
        if value == "definitief":
            return queryset.filter(**{self.concept_field: False})
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("status"):
            queryset = queryset.filter(**{self.concept_field: False})
        return queryset

    def filter_geldigheid(self, queryset: QuerySet, name: str, value: dt.date) -> QuerySet:
        return queryset.geldig_op(value)


class OnderdeelFilterSet(ConceptFilterSet):
    concept_field = "zaaktype__concept"

    zaaktype = UrlFilter(model=ZaakType, help_text="URL-referentie naar het ZAAKTYPE.")
    zaaktypeIdentificatie = filters.CharFilter(field_name="zaaktype__identificatie", help_text="zaaktype_identificatie")
    datumGeldigheid = filters.DateFilter(method="filter_geldigheid", help_text=GELDIGHEID_HELP)


class CatalogusFilter(FilterSet):
    domein = filters.CharFilter(help_text="domein")
    domein__in = filters.BaseInFilter(field_name="domein", lookup_expr="in", help_text="domein__in")
    rsin = filters.CharFilter(help_text="rsin")
    rsin__in = filters.BaseInFilter(field_name="rsin", lookup_expr="in", help_text="rsin__in")

    class Meta:
        model = Catalogus
        fields: list[str] = []


class ZaakTypeFilter(ConceptFilterSet):
    catalogus = UrlFilter(model=Catalogus, help_text="URL-referentie naar de CATALOGUS waartoe dit ZAAKTYPE behoort.")
    identificatie = filters.CharFilter(
        help_text="Unieke identificatie van het ZAAKTYPE binnen de CATALOGUS waarin het ZAAKTYPE voorkomt."
    )
    trefwoorden = CharArrayFilter(field_name="trefwoorden", help_text="Multiple values may be separated by commas.")
    datumGeldigheid = filters.DateFilter(method="filter_geldigheid", help_text=GELDIGHEID_HELP)

    class Meta:
        model = ZaakType
        fields: list[str] = []


class ZaakTypeDetailFilter(FilterSet):
    """On a single zaaktype, `datumGeldigheid` answers 404 when it is not valid on that date."""

    datumGeldigheid = filters.DateFilter(method="filter_geldigheid", help_text=GELDIGHEID_HELP)

    class Meta:
        model = ZaakType
        fields: list[str] = []

    def filter_geldigheid(self, queryset, name, value):
        return queryset.geldig_op(value)


class InformatieObjectTypeFilter(ConceptFilterSet):
    catalogus = UrlFilter(
        model=Catalogus, help_text="URL-referentie naar de CATALOGUS waartoe dit INFORMATIEOBJECTTYPE behoort."
    )
    datumGeldigheid = filters.DateFilter(method="filter_geldigheid", help_text=GELDIGHEID_HELP)
    omschrijving = filters.CharFilter(
        help_text="Omschrijving van de aard van informatieobjecten van dit INFORMATIEOBJECTTYPE."
    )

    class Meta:
        model = InformatieObjectType
        fields: list[str] = []


class BesluitTypeFilter(ConceptFilterSet):
    catalogus = UrlFilter(
        model=Catalogus, help_text="URL-referentie naar de CATALOGUS waartoe dit BESLUITTYPE behoort."
    )
    zaaktypen = UrlFilter(model=ZaakType, help_text="ZAAKTYPE met ZAAKen die relevant kunnen zijn voor dit BESLUITTYPE")
    informatieobjecttypen = UrlFilter(
        model=InformatieObjectType,
        help_text="Het INFORMATIEOBJECTTYPE van informatieobjecten waarin besluiten van dit BESLUITTYPE worden "
        "vastgelegd.",
    )
    omschrijving = filters.CharFilter(help_text="Omschrijving van de aard van BESLUITen van het BESLUITTYPE.")
    datumGeldigheid = filters.DateFilter(method="filter_geldigheid", help_text=GELDIGHEID_HELP)

    class Meta:
        model = BesluitType
        fields: list[str] = []


class StatusTypeFilter(OnderdeelFilterSet):
    class Meta:
        model = StatusType
        fields: list[str] = []


class EigenschapFilter(OnderdeelFilterSet):
    class Meta:
        model = Eigenschap
        fields: list[str] = []


class RolTypeFilter(OnderdeelFilterSet):
    omschrijvingGeneriek = filters.ChoiceFilter(
        field_name="omschrijving_generiek",
        choices=RolOmschrijvingGeneriek.choices,
        help_text="Algemeen gehanteerde omschrijving van de aard van de ROL.",
    )

    class Meta:
        model = RolType
        fields: list[str] = []


class ResultaatTypeFilter(ConceptFilterSet):
    """The standard spells these parameters in snake_case (`zaaktype_identificatie`, `datum_geldigheid`)."""

    concept_field = "zaaktype__concept"

    zaaktype = UrlFilter(model=ZaakType, help_text="zaaktype")
    zaaktype_identificatie = filters.CharFilter(
        field_name="zaaktype__identificatie", help_text="zaaktype_identificatie"
    )
    datum_geldigheid = filters.DateFilter(method="filter_geldigheid", help_text="datum_geldigheid")

    class Meta:
        model = ResultaatType
        fields: list[str] = []


class ZaakTypeInformatieObjectTypeFilter(ConceptFilterSet):
    concept_field = "zaaktype__concept"

    zaaktype = UrlFilter(model=ZaakType, help_text="URL-referentie naar het ZAAKTYPE.")
    informatieobjecttype = filters.CharFilter(
        method="filter_informatieobjecttype",
        help_text="Het INFORMATIEOBJECTTYPE: zijn URL of zijn `omschrijving`.",
    )
    richting = filters.ChoiceFilter(
        choices=Richting.choices,
        help_text="Aanduiding van de richting van informatieobjecten van het gerelateerde INFORMATIEOBJECTTYPE bij "
        "zaken van het gerelateerde ZAAKTYPE.",
    )

    class Meta:
        model = ZaakTypeInformatieObjectType
        fields: list[str] = []

    def filter_informatieobjecttype(self, queryset, name, value):
        if value.startswith(("http://", "https://")):
            uuid = uuid_from_url(value, InformatieObjectType)
            return queryset.filter(informatieobjecttype__uuid=uuid) if uuid else queryset.none()
        return queryset.filter(informatieobjecttype__omschrijving=value)


class ZaakObjectTypeFilter(FilterSet):
    anderObjecttype = filters.BooleanFilter(
        field_name="ander_objecttype",
        help_text="Aanduiding waarmee wordt aangegeven of het ZAAKOBJECTTYPE een ander, niet in RSGB en RGBZ "
        "voorkomend, objecttype betreft.",
    )
    catalogus = UrlFilter(
        model=Catalogus,
        field_name="zaaktype__catalogus",
        help_text="URL-referentie naar de CATALOGUS waartoe dit ZAAKOBJECTTYPE behoort.",
    )
    datumBeginGeldigheid = filters.DateFilter(
        field_name="begin_geldigheid", help_text="De datum waarop het is ontstaan."
    )
    datumEindeGeldigheid = filters.DateFilter(
        field_name="einde_geldigheid", help_text="De datum waarop het is opgeheven."
    )
    datumGeldigheid = filters.DateFilter(method="filter_geldigheid", help_text=GELDIGHEID_HELP)
    objecttype = UriFilter(help_text="URL-referentie naar de OBJECTTYPE waartoe dit ZAAKOBJECTTYPE behoort.")
    relatieOmschrijving = filters.CharFilter(
        field_name="relatie_omschrijving",
        help_text="Omschrijving van de betrekking van het Objecttype op zaken van het gerelateerde ZAAKTYPE.",
    )
    zaaktype = UrlFilter(
        model=ZaakType, help_text="URL-referentie naar de ZAAKTYPE waartoe dit ZAAKOBJECTTYPE behoort."
    )
    zaaktypeIdentificatie = filters.CharFilter(field_name="zaaktype__identificatie", help_text="zaaktype_identificatie")

    class Meta:
        model = ZaakObjectType
        fields: list[str] = []

    def filter_geldigheid(self, queryset, name, value):
        return queryset.geldig_op(value)
