from __future__ import annotations

import functools

from django.core.paginator import Paginator
from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=N` with `count`, `next`, `previous`, `results`, as in the ZGW APIs."""

    page_size = 100
    max_page_size = 500

    def paginate_queryset(self, queryset, request, view=None, *, count: int | None = None):
        """`count`: the number of rows of `queryset`, when the caller knows it exactly without
        counting them; otherwise the paginator counts them."""
        if count is not None:
            self.django_paginator_class = functools.partial(GegevenAantalPaginator, aantal=count)
        return super().paginate_queryset(queryset, request, view)


class GegevenAantalPaginator(Paginator):
    """Django's paginator with the number of rows given instead of counted."""

    def __init__(self, object_list, per_page, *, aantal: int, **kwargs) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.aantal = aantal

    @property
    def count(self) -> int:
        return self.aantal
