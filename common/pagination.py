from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=N` with `count`, `next`, `previous`, `results`, as in the ZGW APIs."""

    page_size = 100
    max_page_size = 500
