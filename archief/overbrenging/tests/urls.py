"""Test URLconf: the project's APIs plus the transfer resources at /archief/api/v1/."""

from django.urls import include, path

from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    *project_urlpatterns,
    path("archief/api/v1/", include("archief.overbrenging.api.urls", namespace="archief")),
]
