"""Public URLs of openbaarmaking, mounted at the site root (the Woo-index expects them there)."""

from django.urls import path, re_path

from . import public_views

urlpatterns = [
    path("robots.txt", public_views.robots_txt, name="woo-robots"),
    re_path(r"^sitemapindex-diwoo-infocat(?P<nummer>\d{3})\.xml$", public_views.sitemapindex, name="woo-sitemapindex"),
    re_path(r"^sitemaps/(?P<naam>sitemap-diwoo-infocat\d{3}-\d{5}\.xml)$", public_views.sitemap, name="woo-sitemap"),
    path("woo/documenten/<uuid:uuid>", public_views.document_download, name="woo-document-download"),
]
