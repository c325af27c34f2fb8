"""URL layout shared by every API: routes, the committed schema's source, and docs."""

from __future__ import annotations

from types import SimpleNamespace

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework.routers import DefaultRouter


class Router(DefaultRouter):
    """ZGW resource URLs have no trailing slash; the API root lists the resources."""

    def __init__(self) -> None:
        super().__init__(trailing_slash="")


def api_urlpatterns(namespace: str, routes: list, *, root: str, title: str, version: str, description: str) -> list:
    """The routes of one API plus `schema/openapi.yaml` and the docs at `schema/`.

    The schema covers exactly these routes, with paths relative to the API root.
    """
    settings = {
        "TITLE": title,
        "VERSION": version,
        "DESCRIPTION": description,
        "SERVERS": [{"url": root.rstrip("/")}],
    }
    schema_view = SpectacularAPIView.as_view(urlconf=SimpleNamespace(urlpatterns=routes), custom_settings=settings)
    return [
        path("schema/openapi.yaml", schema_view, name="schema"),
        path("schema/", SpectacularRedocView.as_view(url_name=f"{namespace}:schema"), name="docs"),
        path("", include(routes)),
    ]
