"""Query parameters of the Publicaties API lists."""

from __future__ import annotations

from django import forms
from django_filters import rest_framework as filters

from common.filters import FilterSet
from common.safe_urls import resolve_url

from ..models import Publicatie, PublicatieDocument, Publicatieregel, PublicatieStatus

NAMESPACE = "openbaarmaking"


def uuid_from_url(url: str, basename: str) -> str | None:
    """The uuid in a URL of this API that points at a `basename` resource, else None."""
    match = resolve_url(url)
    if match is None or match.namespace != NAMESPACE or match.url_name != f"{basename}-detail":
        return None
    return match.kwargs.get("uuid")


class UrlFilter(filters.Filter):
    """A reference by URL to an object of this API; a URL that is none of ours matches nothing."""

    field_class = forms.URLField

    def __init__(self, *, basename: str, **kwargs) -> None:
        self.basename = basename
        super().__init__(**kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        uuid = uuid_from_url(value, self.basename)
        if uuid is None:
            return qs.none()
        return qs.filter(**{f"{self.field_name}__uuid": uuid}).distinct()


class UriFilter(filters.CharFilter):
    field_class = forms.URLField


class PublicatieFilter(FilterSet):
    status = filters.ChoiceFilter(choices=PublicatieStatus.choices, help_text="Alleen publicaties met deze status.")
    informatiecategorie = UrlFilter(
        field_name="informatiecategorieen",
        basename="informatiecategorie",
        help_text="URL van een informatiecategorie: alleen publicaties in die categorie.",
    )
    publisher = UrlFilter(
        field_name="publisher", basename="organisatie", help_text="URL van een organisatie: alleen haar publicaties."
    )
    deadline__lte = filters.DateFilter(
        field_name="deadline", lookup_expr="lte", help_text="Alleen publicaties met een deadline op of vóór deze datum."
    )

    class Meta:
        model = Publicatie
        fields = ("status", "informatiecategorie", "publisher", "deadline__lte")


class PublicatieDocumentFilter(FilterSet):
    publicatie = UrlFilter(
        field_name="publicatie", basename="publicatie", help_text="URL van een publicatie: alleen haar documenten."
    )
    document = UriFilter(
        field_name="document", help_text="URL van een ENKELVOUDIGINFORMATIEOBJECT in de Documenten API."
    )

    class Meta:
        model = PublicatieDocument
        fields = ("publicatie", "document")


class PublicatieregelFilter(FilterSet):
    informatieobjecttype = UriFilter(
        field_name="informatieobjecttype", help_text="URL van een INFORMATIEOBJECTTYPE in de Catalogi API."
    )
    informatiecategorie = UrlFilter(
        field_name="informatiecategorie",
        basename="informatiecategorie",
        help_text="URL van een informatiecategorie: alleen de regels voor die categorie.",
    )

    class Meta:
        model = Publicatieregel
        fields = ("informatieobjecttype", "informatiecategorie")
