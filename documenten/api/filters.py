"""Query parameters of the Documenten API, as the standard names them."""

from __future__ import annotations

from django_filters import rest_framework as filters

from common.filters import FilterSet, MomentFilter
from common.safe_urls import resolve_url

from ..models import (
    AardRelatie,
    EnkelvoudigInformatieObject,
    Gebruiksrechten,
    IntegriteitsAfwijking,
    ObjectInformatieObject,
    Verzending,
)


def _uuid_of(url: str) -> str | None:
    match = resolve_url(url)
    if match is None or match.url_name != "enkelvoudiginformatieobject-detail":
        return None
    return str(match.kwargs["uuid"])


class InformatieObjectUrlFilter(filters.CharFilter):
    """A document URL, matched on its uuid (any other URL matches nothing)."""

    def __init__(self, *args, uuid_field: str = "informatieobject__uuid", **kwargs) -> None:
        self.uuid_field = uuid_field
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        uuid = _uuid_of(value)
        if uuid is None:
            return qs.none()
        return qs.filter(**{self.uuid_field: uuid})


class EnkelvoudigInformatieObjectFilter(FilterSet):
    identificatie = filters.CharFilter(
        help_text="Een binnen een gegeven context ondubbelzinnige referentie naar het INFORMATIEOBJECT."
    )
    bronorganisatie = filters.CharFilter(
        help_text="Het RSIN van de Niet-natuurlijk persoon zijnde de organisatie die het informatieobject heeft "
        "gecreëerd of heeft ontvangen."
    )
    trefwoorden = filters.CharFilter(
        method="filter_trefwoorden",
        help_text="Een lijst van trefwoorden gescheiden door comma's; documenten met al deze trefwoorden.",
    )

    class Meta:
        model = EnkelvoudigInformatieObject
        fields = ("identificatie", "bronorganisatie", "trefwoorden")

    def filter_trefwoorden(self, queryset, name, value):
        for trefwoord in [t.strip() for t in value.split(",") if t.strip()]:
            # as JSON text, so it works on SQLite as well as PostgreSQL
            queryset = queryset.filter(trefwoorden__icontains=f'"{trefwoord}"')
        return queryset


class GebruiksrechtenFilter(FilterSet):
    informatieobject = InformatieObjectUrlFilter(help_text="URL-referentie naar het INFORMATIEOBJECT.")
    startdatum__lt = MomentFilter(field_name="startdatum", lookup_expr="lt")
    startdatum__lte = MomentFilter(field_name="startdatum", lookup_expr="lte")
    startdatum__gt = MomentFilter(field_name="startdatum", lookup_expr="gt")
    startdatum__gte = MomentFilter(field_name="startdatum", lookup_expr="gte")
    einddatum__lt = MomentFilter(field_name="einddatum", lookup_expr="lt")
    einddatum__lte = MomentFilter(field_name="einddatum", lookup_expr="lte")
    einddatum__gt = MomentFilter(field_name="einddatum", lookup_expr="gt")
    einddatum__gte = MomentFilter(field_name="einddatum", lookup_expr="gte")

    class Meta:
        model = Gebruiksrechten
        fields = ("informatieobject",)


class ObjectInformatieObjectFilter(FilterSet):
    object = filters.CharFilter(help_text="URL-referentie naar het gerelateerde OBJECT (in deze of een andere API).")
    informatieobject = InformatieObjectUrlFilter(help_text="URL-referentie naar het INFORMATIEOBJECT.")

    class Meta:
        model = ObjectInformatieObject
        fields = ("object", "informatieobject")


class IntegriteitsAfwijkingFilter(FilterSet):
    informatieobject = InformatieObjectUrlFilter(
        uuid_field="informatieobject_uuid", help_text="URL-referentie naar het INFORMATIEOBJECT."
    )
    gecontroleerd_op__gte = MomentFilter(field_name="gecontroleerd_op", lookup_expr="gte")

    class Meta:
        model = IntegriteitsAfwijking
        fields = ("informatieobject", "soort")


class VerzendingFilter(FilterSet):
    aardRelatie = filters.ChoiceFilter(
        field_name="aard_relatie",
        choices=AardRelatie.choices,
        help_text="Omschrijving van de aard van de relatie van de BETROKKENE tot het INFORMATIEOBJECT.",
    )
    informatieobject = InformatieObjectUrlFilter(
        help_text="URL-referentie naar het informatieobject dat is ontvangen of verzonden."
    )
    betrokkene = filters.CharFilter(
        help_text="URL-referentie naar de betrokkene waarvan het informatieobject is ontvangen of waaraan dit is "
        "verzonden."
    )

    class Meta:
        model = Verzending
        fields = ("informatieobject", "betrokkene")
