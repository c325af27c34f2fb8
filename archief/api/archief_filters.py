"""Filters of the Archiefbeheer API."""

from __future__ import annotations

from django_filters import rest_framework as filters

from common import tijd
from common.constants import Archiefnominatie
from common.filters import FilterSet

from ..models import IndexZaak, Vernietigingslijst, VernietigingslijstStatus, ZGWArchiefstatus


class IndexZaakFilter(FilterSet):
    zaaktype = filters.CharFilter(help_text="URL of the zaaktype.")
    identificatie = filters.CharFilter(help_text="`identificatie` of the zaak.")
    archiefnominatie = filters.ChoiceFilter(choices=Archiefnominatie.choices, help_text="`archiefnominatie`.")
    archiefstatus = filters.ChoiceFilter(choices=ZGWArchiefstatus.choices, help_text="`archiefstatus`.")
    archiefactiedatum__lte = filters.DateFilter(
        field_name="archiefactiedatum", lookup_expr="lte", help_text="archiefactiedatum on or before this date."
    )
    afgesloten = filters.BooleanFilter(
        field_name="einddatum", lookup_expr="isnull", exclude=True, help_text="Only closed (or open) zaken."
    )
    vernietigbaar = filters.BooleanFilter(
        method="filter_vernietigbaar",
        help_text="`true`: candidates for a vernietigingslijst today (archiefnominatie `vernietigen`, closed, "
        "archiefactiedatum reached, not transferred).",
    )
    archiveringsblokkade = filters.BooleanFilter(
        method="filter_blokkade", help_text="`true`: closed zaken the archiving step could not archive."
    )

    class Meta:
        model = IndexZaak
        fields: list[str] = []

    def filter_vernietigbaar(self, queryset, name, value):
        vandaag = tijd.vandaag()
        condition = {
            "archiefnominatie": Archiefnominatie.vernietigen,
            "einddatum__isnull": False,
            "archiefactiedatum__lte": vandaag,
        }
        eligible = queryset.filter(**condition).exclude(archiefstatus=ZGWArchiefstatus.overgedragen)
        return eligible if value else queryset.exclude(pk__in=eligible.values("pk"))

    def filter_blokkade(self, queryset, name, value):
        return queryset.exclude(archiveringsblokkade="") if value else queryset.filter(archiveringsblokkade="")


class VernietigingslijstFilter(FilterSet):
    status = filters.ChoiceFilter(choices=VernietigingslijstStatus.choices, help_text="Where the list is.")

    class Meta:
        model = Vernietigingslijst
        fields: list[str] = []
