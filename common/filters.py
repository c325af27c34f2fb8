"""Filtering on list endpoints: invalid filter values are a 400, not an empty list."""

from __future__ import annotations

from django_filters import rest_framework as filters
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


class FilterSet(filters.FilterSet):
    """Base filterset; query parameter names are given in the ZGW spelling (camelCase)."""
