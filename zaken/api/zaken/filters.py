"""Query parameters of the Zaken API lists, named as in `zaken-1.5.1.yaml`."""

from __future__ import annotations

from django import forms
from django.db.models import F, OuterRef, Subquery
from django_filters import rest_framework as filters

from common.constants import Archiefnominatie, Archiefstatus, VertrouwelijkheidsAanduiding
from common.filters import FilterSet

from ...models import (
    KlantContact,
    Resultaat,
    ResultaatType,
    Rol,
    RolType,
    Status,
    StatusType,
    Zaak,
    ZaakContactMoment,
    ZaakInformatieObject,
    ZaakObject,
    ZaakType,
    ZaakVerzoek,
)
from ...models.choices import BrondatumObjecttype, RolOmschrijvingGeneriek
from ...models.zaken import BetrokkeneType
from .fields import uuid_in_url


class UrlFilter(filters.Filter):
    """A reference by URL to an object of this app; a URL that is none of ours matches nothing."""

    field_class = forms.URLField

    def __init__(self, *, model, **kwargs) -> None:
        self.target_model = model
        super().__init__(**kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        uuid = uuid_in_url(value, self.target_model)
        if uuid is None:
            return qs.none()
        return qs.filter(**{f"{self.field_name}__uuid": uuid})


class UrlInFilter(filters.BaseInFilter, filters.CharFilter):
    """Comma separated URLs of objects of this app."""

    def __init__(self, *, model, **kwargs) -> None:
        self.target_model = model
        super().__init__(**kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        uuids = [uuid for uuid in (uuid_in_url(url, self.target_model) for url in value) if uuid]
        return qs.filter(**{f"{self.field_name}__uuid__in": uuids})


def _date(field: str, lookup: str = "exact", text: str = "") -> filters.DateFilter:
    return filters.DateFilter(field_name=field, lookup_expr=lookup, help_text=text or f"{field} {lookup}")


ROL_IDENTIFICATIE = {
    "natuurlijkPersoon__inpBsn": ("natuurlijk_persoon", "inp_bsn"),
    "natuurlijkPersoon__anpIdentificatie": ("natuurlijk_persoon", "anp_identificatie"),
    "natuurlijkPersoon__inpA_nummer": ("natuurlijk_persoon", "inp_a_nummer"),
    "nietNatuurlijkPersoon__innNnpId": ("niet_natuurlijk_persoon", "inn_nnp_id"),
    "nietNatuurlijkPersoon__annIdentificatie": ("niet_natuurlijk_persoon", "ann_identificatie"),
    "vestiging__vestigingsNummer": ("vestiging", "vestigings_nummer"),
    "organisatorischeEenheid__identificatie": ("organisatorische_eenheid", "identificatie"),
    "medewerker__identificatie": ("medewerker", "identificatie"),
}


class RolIdentificatieFilter(filters.CharFilter):
    """A value in the betrokkeneIdentificatie of a rol of the given betrokkeneType."""

    def __init__(self, *, prefix: str, betrokkene_type: str, key: str, **kwargs) -> None:
        self.prefix, self.betrokkene_type, self.key = prefix, betrokkene_type, key
        super().__init__(**kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        lookups = {
            f"{self.prefix}betrokkene_type": self.betrokkene_type,
            f"{self.prefix}betrokkene_identificatie__{self.key}": value,
        }
        return qs.filter(**lookups).distinct()


def _rol_identificatie_filters(prefix: str, name_prefix: str) -> dict:
    return {
        f"{name_prefix}betrokkeneIdentificatie__{name}": RolIdentificatieFilter(
            prefix=prefix, betrokkene_type=kind, key=key, max_length=24, help_text=f"betrokkeneIdentificatie {name}"
        )
        for name, (kind, key) in ROL_IDENTIFICATIE.items()
    }


class ZaakFilter(FilterSet):
    identificatie = filters.CharFilter(help_text="De unieke identificatie van de ZAAK binnen de organisatie.")
    bronorganisatie = filters.CharFilter(help_text="Het RSIN van de organisatie die de zaak heeft gecreeerd.")
    bronorganisatie__in = filters.BaseInFilter(
        field_name="bronorganisatie",
        lookup_expr="in",
        help_text="Meerdere waarden kunnen met komma's gescheiden worden.",
    )
    zaaktype = UrlFilter(model=ZaakType, help_text="URL-referentie naar het ZAAKTYPE (in de Catalogi API).")
    archiefnominatie = filters.ChoiceFilter(choices=Archiefnominatie.choices, help_text="Archiefnominatie.")
    archiefnominatie__in = filters.BaseInFilter(
        field_name="archiefnominatie",
        lookup_expr="in",
        help_text="Meerdere waarden kunnen met komma's gescheiden worden.",
    )
    archiefactiedatum = _date("archiefactiedatum")
    archiefactiedatum__lt = _date("archiefactiedatum", "lt")
    archiefactiedatum__gt = _date("archiefactiedatum", "gt")
    archiefactiedatum__isnull = filters.BooleanFilter(
        field_name="archiefactiedatum", lookup_expr="isnull", help_text="archiefactiedatum is leeg"
    )
    archiefstatus = filters.ChoiceFilter(choices=Archiefstatus.choices, help_text="Archiefstatus.")
    archiefstatus__in = filters.BaseInFilter(
        field_name="archiefstatus", lookup_expr="in", help_text="Meerdere waarden kunnen met komma's gescheiden worden."
    )
    startdatum = _date("startdatum")
    startdatum__gt = _date("startdatum", "gt")
    startdatum__gte = _date("startdatum", "gte")
    startdatum__lt = _date("startdatum", "lt")
    startdatum__lte = _date("startdatum", "lte")
    registratiedatum = _date("registratiedatum")
    registratiedatum__gt = _date("registratiedatum", "gt")
    registratiedatum__lt = _date("registratiedatum", "lt")
    einddatum = _date("einddatum")
    einddatum__gt = _date("einddatum", "gt")
    einddatum__lt = _date("einddatum", "lt")
    einddatum__isnull = filters.BooleanFilter(field_name="einddatum", lookup_expr="isnull", help_text="einddatum leeg")
    einddatumGepland = _date("einddatum_gepland")
    einddatumGepland__gt = _date("einddatum_gepland", "gt")
    einddatumGepland__lt = _date("einddatum_gepland", "lt")
    uiterlijkeEinddatumAfdoening = _date("uiterlijke_einddatum_afdoening")
    uiterlijkeEinddatumAfdoening__gt = _date("uiterlijke_einddatum_afdoening", "gt")
    uiterlijkeEinddatumAfdoening__lt = _date("uiterlijke_einddatum_afdoening", "lt")
    rol__betrokkeneType = filters.ChoiceFilter(
        field_name="rollen__betrokkene_type",
        choices=BetrokkeneType.choices,
        distinct=True,
        help_text="Type betrokkene.",
    )
    rol__betrokkene = filters.CharFilter(
        field_name="rollen__betrokkene", distinct=True, help_text="URL-referentie naar een betrokkene."
    )
    rol__omschrijvingGeneriek = filters.ChoiceFilter(
        field_name="rollen__omschrijving_generiek",
        choices=RolOmschrijvingGeneriek.choices,
        distinct=True,
        help_text="Algemeen gehanteerde benaming van de aard van de ROL.",
    )
    maximaleVertrouwelijkheidaanduiding = filters.ChoiceFilter(
        choices=VertrouwelijkheidsAanduiding.choices,
        method="filter_vertrouwelijkheid",
        help_text="Zaken met een vertrouwelijkheidaanduiding die beperkter is dan de aangegeven aanduiding worden "
        "uit de resultaten gefiltered.",
    )
    locals().update(_rol_identificatie_filters("rollen__", "rol__"))
    ordering = filters.OrderingFilter(
        fields=("startdatum", "einddatum", "publicatiedatum", "archiefactiedatum", "registratiedatum", "identificatie"),
        help_text="Het veld waarop de resultaten geordend worden.",
    )

    class Meta:
        model = Zaak
        fields: list[str] = []

    def filter_vertrouwelijkheid(self, queryset, name, value):
        levels = VertrouwelijkheidsAanduiding.values[: VertrouwelijkheidsAanduiding.rank(value) + 1]
        return queryset.filter(vertrouwelijkheidaanduiding__in=levels)


class StatusFilter(FilterSet):
    zaak = UrlFilter(model=Zaak, help_text="URL-referentie naar de ZAAK.")
    statustype = UrlFilter(model=StatusType, help_text="URL-referentie naar het STATUSTYPE (in de Catalogi API).")
    indicatieLaatstGezetteStatus = filters.BooleanFilter(
        method="filter_laatste", help_text="Het gegeven is afleidbaar uit de historie van de statussen van de zaak."
    )

    class Meta:
        model = Status
        fields: list[str] = []

    def filter_laatste(self, queryset, name, value):
        laatste = Status.objects.filter(zaak=OuterRef("zaak")).order_by("-datum_status_gezet", "-pk").values("pk")[:1]
        queryset = queryset.annotate(laatste_pk=Subquery(laatste))
        if value:
            return queryset.filter(pk=F("laatste_pk"))
        return queryset.exclude(pk=F("laatste_pk"))


class ResultaatFilter(FilterSet):
    zaak = UrlFilter(model=Zaak, help_text="URL-referentie naar de ZAAK.")
    resultaattype = UrlFilter(model=ResultaatType, help_text="URL-referentie naar het RESULTAATTYPE.")

    class Meta:
        model = Resultaat
        fields: list[str] = []


class RolFilter(FilterSet):
    zaak = UrlFilter(model=Zaak, help_text="URL-referentie naar de ZAAK.")
    betrokkene = filters.CharFilter(help_text="URL-referentie naar een betrokkene gerelateerd aan de ZAAK.")
    betrokkeneType = filters.ChoiceFilter(
        field_name="betrokkene_type", choices=BetrokkeneType.choices, help_text="Type van de `betrokkene`."
    )
    locals().update(_rol_identificatie_filters("", ""))
    roltype = UrlFilter(model=RolType, help_text="URL-referentie naar een roltype binnen het ZAAKTYPE van de ZAAK.")
    omschrijving = filters.CharFilter(help_text="Omschrijving van de aard van de ROL, afgeleid uit het ROLTYPE.")
    omschrijvingGeneriek = filters.ChoiceFilter(
        field_name="omschrijving_generiek",
        choices=RolOmschrijvingGeneriek.choices,
        help_text="Algemeen gehanteerde benaming van de aard van de ROL, afgeleid uit het ROLTYPE.",
    )

    class Meta:
        model = Rol
        fields: list[str] = []


class ZaakObjectFilter(FilterSet):
    zaak = UrlFilter(model=Zaak, help_text="URL-referentie naar de ZAAK.")
    object = filters.CharFilter(help_text="URL-referentie naar de resource die het OBJECT beschrijft.")
    objectType = filters.ChoiceFilter(
        field_name="object_type", choices=BrondatumObjecttype.choices, help_text="Beschrijft het type OBJECT."
    )

    class Meta:
        model = ZaakObject
        fields: list[str] = []


class ZaakInformatieObjectFilter(FilterSet):
    zaak = UrlFilter(model=Zaak, help_text="URL-referentie naar de ZAAK.")
    informatieobject = filters.CharFilter(help_text="URL-referentie naar het INFORMATIEOBJECT (in de Documenten API).")

    class Meta:
        model = ZaakInformatieObject
        fields: list[str] = []


def zaak_zoek_schema() -> dict:
    """The body of `POST /zaken/_zoek`: the list filters as fields, `__in` filters as arrays.

    Written out as a JSON schema (not a serializer) so the names keep the standard's
    spelling (`archiefnominatie__in`, `rol__betrokkeneType`).
    """
    properties: dict = {
        "zaakgeometrie": {
            "type": "object",
            "properties": {"within": {"type": "object", "description": "Een GeoJSON-geometrie."}},
            "description": "Zaken waarvan de geometrie binnen dit vlak ligt (niet ondersteund: geeft een 400).",
        },
        "uuid__in": {"type": "array", "items": {"type": "string", "format": "uuid"}, "description": "UUIDs."},
        "zaaktype__in": {"type": "array", "items": {"type": "string", "format": "uri"}, "description": "Zaaktypen."},
        "expand": {"type": "string", "description": "Zie de `expand` van de lijst."},
    }
    for name, filter_ in ZaakFilter.base_filters.items():
        if name.endswith("__in"):
            schema: dict = {"type": "array", "items": {"type": "string"}}
        elif name.endswith("__isnull"):
            schema = {"type": "boolean"}
        elif isinstance(filter_, filters.ChoiceFilter | filters.OrderingFilter):
            schema = {"type": "string", "enum": [value for value, _ in filter_.extra["choices"]]}
        else:
            schema = {"type": "string"}
        schema["description"] = str(filter_.extra.get("help_text") or name)
        properties[name] = schema
    return {"type": "object", "properties": properties}


class KlantContactFilter(FilterSet):
    zaak = UrlFilter(model=Zaak, help_text="URL-referentie naar de ZAAK.")

    class Meta:
        model = KlantContact
        fields: list[str] = []


class ZaakContactMomentFilter(FilterSet):
    zaak = UrlFilter(model=Zaak, help_text="URL-referentie naar de ZAAK.")
    contactmoment = filters.CharFilter(
        field_name="contactmoment", help_text="URL-referentie naar het CONTACTMOMENT (in de Klantinteractie API)"
    )

    class Meta:
        model = ZaakContactMoment
        fields: list[str] = []


class ZaakVerzoekFilter(FilterSet):
    zaak = UrlFilter(model=Zaak, help_text="URL-referentie naar de ZAAK.")
    verzoek = filters.CharFilter(
        field_name="verzoek", help_text="URL-referentie naar het VERZOEK (in de Klantinteractie API)"
    )

    class Meta:
        model = ZaakVerzoek
        fields: list[str] = []
