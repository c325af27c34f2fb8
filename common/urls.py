"""URL layout shared by every API: routes, the committed schema's source, and docs."""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import urlsplit

from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.settings import spectacular_settings
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework.routers import DefaultRouter


class Router(DefaultRouter):
    """ZGW resource URLs have no trailing slash; the API root lists the resources."""

    def __init__(self) -> None:
        super().__init__(trailing_slash="")


def _docs_view(url_name: str):
    """Redoc, which loads its script from REDOC_DIST (a CDN), injects its own styles and runs a
    worker: its page, which holds no data and no form, gets those sources on top of the
    Content-Security-Policy of every other page."""
    dist = urlsplit(spectacular_settings.REDOC_DIST)
    origin = f"{dist.scheme}://{dist.netloc}" if dist.netloc else "'self'"
    sources = {
        "script-src": [origin, "'unsafe-inline'"],
        "style-src": ["'unsafe-inline'", "https://fonts.googleapis.com"],
        "font-src": ["https://fonts.gstatic.com"],
        "worker-src": ["blob:"],
    }
    return csp_update(sources)(SpectacularRedocView.as_view(url_name=url_name))


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
        path("schema/", _docs_view(f"{namespace}:schema"), name="docs"),
        path("", include(routes)),
    ]
