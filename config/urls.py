"""URL layout: one root per API contract, the admin at /admin/.

Only the APIs this process serves are mounted (LEVENSLOOP_COMPONENTS, config/settings.py),
and the public Woo pages only where the Publicaties API is served.
"""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

# Each entry: URL prefix, the module with that API's urlpatterns, its namespace.
API_MOUNTS = [
    ("autorisaties/api/v1/", "common.api.urls", "autorisaties"),
    ("catalogi/api/v1/", "zaken.api.catalogi_urls", "catalogi"),
    ("selectielijst/api/v1/", "archief.api.selectielijst_urls", "selectielijst"),
    ("zaken/api/v1/", "zaken.api.zaken_urls", "zaken"),
    ("besluiten/api/v1/", "zaken.api.besluiten_urls", "besluiten"),
    ("documenten/api/v1/", "documenten.api.documenten_urls", "documenten"),
    ("openbaarmaking/api/v1/", "openbaarmaking.api.openbaarmaking_urls", "openbaarmaking"),
    ("archief/api/v1/", "archief.api.archief_urls", "archief"),
]

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
    *[
        path(prefix, include(module, namespace=namespace))
        for prefix, module, namespace in API_MOUNTS
        if namespace in settings.LEVENSLOOP_COMPONENTS
    ],
]
if "openbaarmaking" in settings.LEVENSLOOP_COMPONENTS:
    urlpatterns.append(path("", include("openbaarmaking.public_urls")))
