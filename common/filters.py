"""Filtering on list endpoints: invalid filter values are a 400, not an empty list."""

from __future__ import annotations

import datetime as dt

from django import forms
from django_filters import rest_framework as filters
from django_filters.fields import IsoDateTimeField
from rest_framework import exceptions


class FilterBackend(filters.DjangoFilterBackend):
    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            raise exceptions.ValidationError(
                {
                    name: [exceptions.ErrorDetail(error.messages[0], code=error.code or "invalid") for error in errors]
                    for name, errors in filterset.form.errors.as_data().items()
                }
            )
        return filterset.qs


class MomentField(IsoDateTimeField):
    """An ISO 8601 date-time that every database can hold: one that falls before year 1 or
    after year 9999 once in UTC (`0001-01-01T00:00:00+14:00`) is a 400, not an overflow."""

    def clean(self, value):
        moment = super().clean(value)
        if moment is not None and moment.tzinfo is not None:
            try:
                moment.astimezone(dt.UTC)
            except OverflowError:
                raise forms.ValidationError(
                    "Dit moment valt buiten de jaren 1 tot en met 9999.", code="invalid"
                ) from None
        return moment


class MomentFilter(filters.IsoDateTimeFilter):
    field_class = MomentField


class FilterSet(filters.FilterSet):
    """Base filterset; query parameter names are given in the ZGW spelling (camelCase)."""
