"""Filters of the Selectielijst API, named as in the standard."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from common.filters import FilterSet
from common.safe_urls import resolve_url

from ..models import ProcesType, Resultaat


class ResourceUrlField(forms.URLField):
    """The URL of one of this API's own resources, cleaned to the object it points at.

    Only the path is resolved: the same resource is reachable under several host names
    (behind a proxy, in-process), and what matters is which object is meant.
    """

    default_error_messages = {
        "invalid-resource": "De URL verwijst niet naar een %(resource)s.",
        "does_not_exist": "Er bestaat geen %(resource)s met deze URL.",
    }

    def __init__(self, *, view_name: str, queryset: QuerySet, lookup_field: str = "uuid", **kwargs) -> None:
        self.view_name = view_name
        self.queryset = queryset
        self.lookup_field = lookup_field
        super().__init__(assume_scheme="https", **kwargs)

    def clean(self, value):
        url = super().clean(value)
        if not url:
            return None
        params = {"resource": self.queryset.model._meta.verbose_name}
        match = resolve_url(url)
        if match is None or match.view_name != self.view_name:
            raise ValidationError(self.error_messages["invalid-resource"], code="invalid-resource", params=params)
        try:
            return self.queryset.get(**{self.lookup_field: match.kwargs[self.lookup_field]})
        except (self.queryset.model.DoesNotExist, ValidationError, ValueError):
            raise ValidationError(self.error_messages["does_not_exist"], code="does_not_exist", params=params) from None


@extend_schema_field(OpenApiTypes.URI)
class ResourceUrlFilter(filters.Filter):
    """Filter on a relation by the related resource's URL; an unknown URL is a 400."""

    field_class = ResourceUrlField


class StrictIntegerFilter(filters.NumberFilter):
    """A whole number: `2020.5` is refused instead of silently truncated."""

    field_class = forms.IntegerField


class ProcesTypeFilter(FilterSet):
    jaar = StrictIntegerFilter(help_text="Het jaartal waartoe dit procestype behoort.")

    class Meta:
        model = ProcesType
        fields: list[str] = []


class ResultaatFilter(FilterSet):
    procesType = ResourceUrlFilter(  # the standard's parameter name
        field_name="proces_type",
        view_name="selectielijst:procestype-detail",
        queryset=ProcesType.objects.all(),
    )

    class Meta:
        model = Resultaat
        fields: list[str] = []
