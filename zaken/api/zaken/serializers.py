"""Serializers of the Zaken API 1.5: they parse and resolve references, the services decide.

Field names, shapes and enums follow `zaken-1.5.1.yaml`. Gegevensgroepen (`verlenging`,
`opschorting`, `processobject`) are nested objects in the API and flat fields in the model.
"""

from __future__ import annotations

import uuid as _uuid

from django.db import models
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject

from common.auth import ClientAuth
from common.constants import Archiefnominatie, Archiefstatus, VertrouwelijkheidsAanduiding
from common.models import AuditTrail

from ...clients import BadReferenceError, communicatiekanaal_check, contactmoment_check, verzoek_check, zaak_check
from ...models import (
    Eigenschap,
    KlantContact,
    Resultaat,
    ResultaatType,
    Rol,
    RolType,
    Status,
    StatusType,
    Zaak,
    ZaakBesluit,
    ZaakContactMoment,
    ZaakEigenschap,
    ZaakInformatieObject,
    ZaakObject,
    ZaakObjectType,
    ZaakType,
    ZaakVerzoek,
)
from ...models.besluiten import Besluit
from ...models.choices import AardRelatie, BrondatumObjecttype
from ...models.zaken import Betalingsindicatie, BetrokkeneType, IndicatieMachtiging
from ..catalogi.fields import DurationField, GegevensgroepSerializer, OptioneleUrlField
from . import access
from .fields import ReferenceField, ReferencesField, RSINField, object_url, url_for, uuid_in_url

URL_HELP = "URL-referentie naar dit object. Dit is de unieke identificatie en locatie van dit object."


def choices_help(text: str, choices) -> str:
    lines = "\n".join(f"* `{value}` - {label}" for value, label in choices.choices)
    return f"{text}\n\nUitleg bij mogelijke waarden:\n\n{lines}"


class UrlMixin:
    def get_url(self, obj) -> str:
        return object_url(obj, self.context.get("request"))


# DRF's `to_representation` with the way to each field's value worked out once per serializer
# and model instead of once per object and field: a page of 100 zaken reads some 5,000 fields.
# A field whose value is a column of the model is read with `getattr`, as DRF's
# `get_attribute` would; any other field goes through its own `get_attribute`. Every value goes
# through the field's `to_representation`, so the output is DRF's own. Put it after a
# serializer that overrides `to_representation` and calls `super()`.
# (No docstring: drf-spectacular would take it as the description of the serializers' schemas.)
class ReadPlanSerializer(serializers.Serializer):
    def _read_plan(self, model) -> list[tuple[str, str | None, serializers.Field]]:
        plans = self.__dict__.setdefault("_read_plans", {})
        plan = plans.get(model)
        if plan is None:
            columns = {f.name for f in model._meta.concrete_fields if not f.is_relation}
            plan = []
            for field in self._readable_fields:
                simple = (
                    type(field).get_attribute is serializers.Field.get_attribute
                    and len(field.source_attrs) == 1
                    and field.source_attrs[0] in columns
                )
                plan.append((field.field_name, field.source_attrs[0] if simple else None, field))
            plans[model] = plan
        return plan

    def to_representation(self, instance):
        if not isinstance(instance, models.Model):  # validated data, after a write
            return super().to_representation(instance)
        ret = {}
        for name, attr, field in self._read_plan(type(instance)):
            if attr is not None:
                value = getattr(instance, attr)
            else:
                try:
                    value = field.get_attribute(instance)
                except SkipField:
                    continue
                if isinstance(value, PKOnlyObject) and value.pk is None:
                    value = None
            ret[name] = None if value is None else field.to_representation(value)
        return ret


# --- zaak ----------------------------------------------------------------------------------


class VerlengingSerializer(GegevensgroepSerializer, ReadPlanSerializer):
    reden = serializers.CharField(
        source="verlenging_reden",
        max_length=200,
        help_text="Omschrijving van de reden voor het verlengen van de behandeling van de zaak.",
    )
    duur = DurationField(
        source="verlenging_duur",
        help_text="Het aantal werkbare dagen waarmee de doorlooptijd van de behandeling van de ZAAK is verlengd "
        "(of verkort) ten opzichte van de eerder gecommuniceerde doorlooptijd.",
    )


class OpschortingSerializer(GegevensgroepSerializer, ReadPlanSerializer):
    indicatie = serializers.BooleanField(
        source="opschorting_indicatie", help_text="Aanduiding of de behandeling van de ZAAK tijdelijk is opgeschort."
    )
    reden = serializers.CharField(
        source="opschorting_reden",
        max_length=200,
        allow_blank=True,
        help_text="Omschrijving van de reden voor het opschorten van de behandeling van de zaak.",
    )


class ProcessobjectSerializer(GegevensgroepSerializer, ReadPlanSerializer):
    datumkenmerk = serializers.CharField(
        source="processobject_datumkenmerk",
        max_length=250,
        help_text="De naam van de attribuutsoort van het procesobject dat bepalend is voor het einde van de "
        "procestermijn.",
    )
    identificatie = serializers.CharField(
        source="processobject_identificatie", max_length=250, help_text="De unieke aanduiding van het procesobject."
    )
    objecttype = serializers.CharField(
        source="processobject_objecttype",
        max_length=250,
        help_text="Het soort object dat het procesobject representeert.",
    )
    registratie = serializers.CharField(
        source="processobject_registratie",
        max_length=250,
        help_text="De naam van de registratie waarvan het procesobject deel uit maakt.",
    )


def checked_reference(check, value: str) -> str:
    """`value` after `check` (a reference check of zaken.clients); its refusal as a
    validation error with the check's code (`bad-url`, `invalid-resource`)."""
    try:
        check(value)
    except BadReferenceError as exc:
        raise serializers.ValidationError(str(exc), code=exc.code) from exc
    return value


class RelevanteZaakSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=1000, help_text="URL-referentie naar de ZAAK.")
    aard_relatie = serializers.ChoiceField(
        choices=AardRelatie.choices,
        help_text=choices_help(
            "Benamingen van de aard van de relaties van andere zaken tot (onderhanden) zaken.", AardRelatie
        ),
    )

    def validate_url(self, value: str) -> str:
        # A zaak of ours the client may not see is answered as our API answers it: 404.
        auth = getattr(self.context.get("request"), "auth", None)
        uuid = uuid_in_url(value, Zaak)
        zaak = Zaak.objects.select_related("zaaktype").filter(uuid=uuid).first() if uuid else None
        if zaak is not None and isinstance(auth, ClientAuth) and not access.zaak_zichtbaar(auth, zaak):
            raise serializers.ValidationError(f"{value} answered 404.", code="bad-url")
        return checked_reference(zaak_check, value)


class ZaakKenmerkSerializer(serializers.Serializer):
    kenmerk = serializers.CharField(max_length=40, help_text="Identificeert uniek de zaak in een andere administratie.")
    bron = serializers.CharField(
        max_length=40, help_text="De aanduiding van de administratie waar het kenmerk bekend is."
    )


GEOMETRY_TYPES = (
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
)


@extend_schema_field(
    {
        "type": "object",
        "title": "GeoJSONGeometry",
        "description": "Punt, lijn of (multi-)vlak geometrie-informatie, in GeoJSON.",
        "nullable": True,
    }
)
class GeometryField(serializers.JSONField):
    """A GeoJSON geometry, stored as given (the coordinate system is EPSG:4326)."""

    def to_internal_value(self, data):
        data = super().to_internal_value(data)
        if data is None:
            return None
        if not isinstance(data, dict) or data.get("type") not in GEOMETRY_TYPES:
            raise serializers.ValidationError("Geef een GeoJSON-geometrie.", code="invalid")
        key = "geometries" if data["type"] == "GeometryCollection" else "coordinates"
        if not isinstance(data.get(key), list):
            raise serializers.ValidationError(f"Een GeoJSON-geometrie heeft `{key}` als lijst.", code="invalid")
        return data


@extend_schema_field({"type": "string", "format": "uri", "nullable": True, "readOnly": True})
class LaatsteStatusField(serializers.ReadOnlyField):
    """The status set last: highest `datumStatusGezet`, then the one registered last."""

    def to_representation(self, value):
        if hasattr(value, "laatste_status_uuid"):
            uuid = value.laatste_status_uuid
        else:
            laatste = value.statussen.order_by("-datum_status_gezet", "-pk").only("uuid").first()
            uuid = laatste.uuid if laatste else None
        return url_for(Status, uuid, self.context.get("request")) if uuid else None


@extend_schema_field({"type": "string", "format": "uri", "nullable": True, "readOnly": True})
class ResultaatUrlField(serializers.ReadOnlyField):
    def to_representation(self, value):
        if isinstance(value, _uuid.UUID):  # from `zaak_selectors`
            return url_for(Resultaat, value, self.context.get("request"))
        resultaat = getattr(value, "resultaat", None) if hasattr(value, "resultaat") else None
        return object_url(resultaat, self.context.get("request")) if resultaat is not None else None

    def get_attribute(self, instance):
        loaded = getattr(instance, "relatie_uuids", None)
        if loaded is not None and "resultaat" in loaded:
            return loaded["resultaat"]
        try:
            return instance if instance.resultaat is not None else None
        except Resultaat.DoesNotExist:
            return None


class ZaakSerializer(ReadPlanSerializer, UrlMixin, serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=URL_HELP)
    identificatie = serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        help_text="De unieke identificatie van de ZAAK binnen de organisatie die verantwoordelijk is voor de "
        "behandeling van de ZAAK. Wordt gegenereerd als zij niet gegeven is.",
    )
    bronorganisatie = RSINField(help_text=Zaak._meta.get_field("bronorganisatie").help_text)
    verantwoordelijke_organisatie = RSINField(help_text=Zaak._meta.get_field("verantwoordelijke_organisatie").help_text)
    opdrachtgevende_organisatie = serializers.CharField(
        max_length=9,
        required=False,
        allow_blank=True,
        help_text=Zaak._meta.get_field("opdrachtgevende_organisatie").help_text,
    )
    zaaktype = ReferenceField(model=ZaakType, help_text="URL-referentie naar het ZAAKTYPE (in de Catalogi API).")
    hoofdzaak = ReferenceField(
        model=Zaak,
        zichtbaar=access.zaak_zichtbaar,
        required=False,
        allow_null=True,
        help_text=Zaak._meta.get_field("hoofdzaak").help_text,
    )
    vertrouwelijkheidaanduiding = serializers.ChoiceField(
        choices=VertrouwelijkheidsAanduiding.choices,
        required=False,
        help_text=choices_help(
            "Aanduiding van de mate waarin het zaakdossier van de ZAAK voor de openbaarheid bestemd is. Standaard "
            "die van het ZAAKTYPE.",
            VertrouwelijkheidsAanduiding,
        ),
    )
    betalingsindicatie = serializers.ChoiceField(
        choices=Betalingsindicatie.choices,
        required=False,
        allow_blank=True,
        help_text=choices_help(
            "Indicatie of de, met behandeling van de zaak gemoeide, kosten betaald zijn.", Betalingsindicatie
        ),
    )
    betalingsindicatie_weergave = serializers.SerializerMethodField(help_text="Uitleg bij `betalingsindicatie`.")
    communicatiekanaal = OptioneleUrlField(
        max_length=1000, help_text=Zaak._meta.get_field("communicatiekanaal").help_text
    )
    selectielijstklasse = OptioneleUrlField(
        max_length=1000, help_text=Zaak._meta.get_field("selectielijstklasse").help_text
    )
    producten_of_diensten = serializers.ListField(
        child=serializers.URLField(max_length=1000),
        required=False,
        help_text="De producten en/of diensten die door de zaak worden voortgebracht.",
    )
    zaakgeometrie = GeometryField(
        required=False, allow_null=True, help_text="Punt, lijn of (multi-)vlak geometrie-informatie."
    )
    verlenging = VerlengingSerializer(
        source="*",
        required=False,
        allow_null=True,
        help_text="Gegevens omtrent het verlengen van de doorlooptijd van de behandeling van de ZAAK",
    )
    opschorting = OpschortingSerializer(
        source="*",
        required=False,
        allow_null=True,
        help_text="Gegevens omtrent het tijdelijk opschorten van de behandeling van de ZAAK",
    )
    processobject = ProcessobjectSerializer(
        source="*",
        required=False,
        allow_null=True,
        help_text="Specificatie van de attribuutsoort van het object, subject of "
        "gebeurtenis waarop, vanuit archiveringsoptiek, de zaak betrekking heeft "
        "en dat bepalend is voor de start van de archiefactietermijn.",
    )
    relevante_andere_zaken = RelevanteZaakSerializer(
        many=True, required=False, help_text="Een lijst van relevante andere zaken."
    )
    kenmerken = ZaakKenmerkSerializer(
        many=True,
        required=False,
        help_text="Lijst van kenmerken. Merk op dat refereren naar gerelateerde objecten beter kan via `ZaakObject`.",
    )
    archiefnominatie = serializers.ChoiceField(
        choices=Archiefnominatie.choices,
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text=choices_help(
            "Aanduiding of het zaakdossier blijvend bewaard of na een bepaalde termijn vernietigd "
            "moet worden. Wordt afgeleid bij het zetten van de eindstatus.",
            Archiefnominatie,
        ),
    )
    archiefstatus = serializers.ChoiceField(
        choices=Archiefstatus.choices,
        required=False,
        help_text=choices_help("Aanduiding of het zaakdossier al gearchiveerd is.", Archiefstatus),
    )
    processobjectaard = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text=Zaak._meta.get_field("processobjectaard").help_text,
    )
    deelzaken = ReferencesField(model=Zaak, help_text="URL-referenties naar deelzaken.")
    eigenschappen = ReferencesField(
        model=ZaakEigenschap, source="zaakeigenschappen", help_text="URL-referenties naar ZAAKEIGENSCHAPPen."
    )
    rollen = ReferencesField(model=Rol, help_text="URL-referenties naar ROLLen.")
    zaakinformatieobjecten = ReferencesField(
        model=ZaakInformatieObject, help_text="URL-referenties naar ZAAKINFORMATIEOBJECTen."
    )
    zaakobjecten = ReferencesField(model=ZaakObject, help_text="URL-referenties naar ZAAKOBJECTen.")
    status = LaatsteStatusField(source="*", help_text="Indien geen status bekend is, dan is de waarde 'null'")
    resultaat = ResultaatUrlField(
        help_text="URL-referentie naar het RESULTAAT. Indien geen resultaat bekend is, dan is de waarde 'null'"
    )

    class Meta:
        model = Zaak
        fields = (
            "url",
            "uuid",
            "identificatie",
            "bronorganisatie",
            "omschrijving",
            "toelichting",
            "zaaktype",
            "registratiedatum",
            "verantwoordelijke_organisatie",
            "startdatum",
            "einddatum",
            "einddatum_gepland",
            "uiterlijke_einddatum_afdoening",
            "publicatiedatum",
            "communicatiekanaal",
            "producten_of_diensten",
            "vertrouwelijkheidaanduiding",
            "betalingsindicatie",
            "betalingsindicatie_weergave",
            "laatste_betaaldatum",
            "zaakgeometrie",
            "verlenging",
            "opschorting",
            "selectielijstklasse",
            "hoofdzaak",
            "deelzaken",
            "relevante_andere_zaken",
            "eigenschappen",
            "rollen",
            "status",
            "zaakinformatieobjecten",
            "zaakobjecten",
            "kenmerken",
            "archiefnominatie",
            "archiefstatus",
            "archiefactiedatum",
            "resultaat",
            "opdrachtgevende_organisatie",
            "processobjectaard",
            "startdatum_bewaartermijn",
            "processobject",
        )
        read_only_fields = ("uuid", "einddatum")
        # uniqueness is a rule of the services, with the standard's error code
        validators: list = []
        extra_kwargs = {
            "registratiedatum": {"required": False},
            "omschrijving": {"required": False},
            "toelichting": {"required": False},
        }

    def to_representation(self, instance):
        data = super().to_representation(instance)
        # Not yet derived (or cleared on reopening) reads as null, as the standard's NullEnum has it.
        if not data.get("archiefnominatie"):
            data["archiefnominatie"] = None
        return data

    def get_betalingsindicatie_weergave(self, obj) -> str:
        return Betalingsindicatie(obj.betalingsindicatie).label if obj.betalingsindicatie else ""

    def validate_communicatiekanaal(self, value: str) -> str:
        return checked_reference(communicatiekanaal_check, value)

    def validate(self, attrs):
        if "archiefnominatie" in attrs and attrs["archiefnominatie"] is None:
            attrs["archiefnominatie"] = ""
        if attrs.get("processobjectaard", "") is None:
            attrs["processobjectaard"] = ""
        zaaktype = attrs.get("zaaktype") or getattr(self.instance, "zaaktype", None)
        if "producten_of_diensten" in attrs and zaaktype is not None:
            onbekend = set(attrs["producten_of_diensten"]) - set(zaaktype.producten_of_diensten or [])
            if onbekend:
                raise serializers.ValidationError(
                    {
                        "producten_of_diensten": serializers.ErrorDetail(
                            "Niet alle producten of diensten komen voor in de productenOfDiensten van het zaaktype.",
                            code="invalid-products-services",
                        )
                    }
                )
        if self.instance is None and zaaktype is not None and not attrs.get("vertrouwelijkheidaanduiding"):
            attrs["vertrouwelijkheidaanduiding"] = zaaktype.vertrouwelijkheidaanduiding
        for name in ("relevante_andere_zaken", "kenmerken"):
            if name in attrs:
                attrs[name] = [dict(item) for item in attrs[name]]
        return attrs


# --- status --------------------------------------------------------------------------------


class StatusSerializer(UrlMixin, serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=URL_HELP)
    zaak = ReferenceField(model=Zaak, eigenaar=access.zaak_eigenaar, help_text="URL-referentie naar de ZAAK.")
    statustype = ReferenceField(model=StatusType, help_text="URL-referentie naar het STATUSTYPE (in de Catalogi API).")
    indicatie_laatst_gezette_status = serializers.SerializerMethodField(
        help_text="Het gegeven is afleidbaar uit de historie van de attribuutsoort Datum status gezet van van alle "
        "statussen bij de desbetreffende zaak."
    )
    gezetdoor = ReferenceField(
        model=Rol,
        required=False,
        allow_null=True,
        help_text="De BETROKKENE die in zijn/haar ROL in een ZAAK heeft geregistreerd dat "
        "STATUSsen in die ZAAK bereikt zijn.",
    )
    zaakinformatieobjecten = ReferencesField(
        model=ZaakInformatieObject, help_text="URL-referenties naar ZAAKINFORMATIEOBJECTen."
    )

    class Meta:
        model = Status
        fields = (
            "url",
            "uuid",
            "zaak",
            "statustype",
            "datum_status_gezet",
            "statustoelichting",
            "indicatie_laatst_gezette_status",
            "gezetdoor",
            "zaakinformatieobjecten",
        )
        read_only_fields = ("uuid",)

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_indicatie_laatst_gezette_status(self, obj) -> bool:
        statussen = list(obj.zaak.statussen.all())
        laatste = max(statussen, key=lambda s: (s.datum_status_gezet, s.pk)) if statussen else None
        return laatste is not None and laatste.pk == obj.pk


# --- resultaat -------------------------------------------------------------------------------


class ResultaatSerializer(UrlMixin, serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=URL_HELP)
    zaak = ReferenceField(model=Zaak, eigenaar=access.zaak_eigenaar, help_text="URL-referentie naar de ZAAK.")
    resultaattype = ReferenceField(
        model=ResultaatType, help_text="URL-referentie naar het RESULTAATTYPE (in de Catalogi API)."
    )

    class Meta:
        model = Resultaat
        fields = ("url", "uuid", "zaak", "resultaattype", "toelichting")
        read_only_fields = ("uuid",)


# --- rol -------------------------------------------------------------------------------------


class ContactPersoonRolSerializer(serializers.Serializer):
    emailadres = serializers.EmailField(
        max_length=254, required=False, allow_blank=True, help_text="Elektronisch postadres van de contactpersoon."
    )
    functie = serializers.CharField(
        max_length=50, required=False, allow_blank=True, help_text="De functie van de contactpersoon bij BETROKKENE."
    )
    telefoonnummer = serializers.CharField(
        max_length=20, required=False, allow_blank=True, help_text="Telefoonnummer van de contactpersoon."
    )
    naam = serializers.CharField(
        max_length=200, help_text="De opgemaakte naam van de contactpersoon namens de BETROKKENE."
    )


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": True,
        "nullable": True,
        "description": "De gegevens van de betrokkene of het object, naar zijn type.",
    }
)
class IdentificatieField(serializers.JSONField):
    def to_internal_value(self, data):
        data = super().to_internal_value(data)
        if data is not None and not isinstance(data, dict):
            raise serializers.ValidationError("Geef een object.", code="invalid")
        return data


class RolSerializer(UrlMixin, serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=URL_HELP)
    zaak = ReferenceField(model=Zaak, eigenaar=access.zaak_eigenaar, help_text="URL-referentie naar de ZAAK.")
    roltype = ReferenceField(
        model=RolType, help_text="URL-referentie naar een roltype binnen het ZAAKTYPE van de ZAAK."
    )
    betrokkene = OptioneleUrlField(
        max_length=1000, help_text="URL-referentie naar een betrokkene gerelateerd aan de ZAAK."
    )
    betrokkene_type = serializers.ChoiceField(
        choices=BetrokkeneType.choices, help_text=choices_help("Type van de `betrokkene`.", BetrokkeneType)
    )
    indicatie_machtiging = serializers.ChoiceField(
        choices=IndicatieMachtiging.choices,
        required=False,
        allow_blank=True,
        help_text=choices_help("Indicatie machtiging", IndicatieMachtiging),
    )
    contactpersoon_rol = ContactPersoonRolSerializer(
        required=False,
        allow_null=True,
        help_text="De gegevens van de persoon die anderen desgevraagd in "
        "contact brengt met medewerkers van de BETROKKENE.",
    )
    betrokkene_identificatie = IdentificatieField(
        required=False, allow_null=True, help_text="De gegevens van de betrokkene, naar `betrokkeneType`."
    )
    omschrijving_generiek = serializers.CharField(
        read_only=True, help_text="Algemeen gehanteerde benaming van de aard van de ROL, afgeleid uit het ROLTYPE."
    )
    statussen = ReferencesField(
        model=Status,
        help_text="De BETROKKENE die in zijn/haar ROL in een ZAAK heeft geregistreerd dat "
        "STATUSsen in die ZAAK bereikt zijn.",
    )

    class Meta:
        model = Rol
        fields = (
            "url",
            "uuid",
            "zaak",
            "betrokkene",
            "betrokkene_type",
            "afwijkende_naam_betrokkene",
            "roltype",
            "omschrijving",
            "omschrijving_generiek",
            "roltoelichting",
            "registratiedatum",
            "indicatie_machtiging",
            "contactpersoon_rol",
            "statussen",
            "betrokkene_identificatie",
        )
        read_only_fields = ("uuid", "omschrijving", "omschrijving_generiek", "registratiedatum")
        extra_kwargs = {"roltoelichting": {"required": True}}

    def validate(self, attrs):
        if attrs["roltype"].zaaktype_id != attrs["zaak"].zaaktype_id:
            raise serializers.ValidationError(
                "Het roltype hoort niet bij het zaaktype van de zaak.", code="zaaktype-mismatch"
            )
        if not attrs.get("betrokkene") and not attrs.get("betrokkene_identificatie"):
            raise serializers.ValidationError(
                "`betrokkene` of `betrokkeneIdentificatie` moet gegeven zijn.", code="invalid-betrokkene"
            )
        roltype = attrs["roltype"]
        attrs["omschrijving"] = roltype.omschrijving
        attrs["omschrijving_generiek"] = roltype.omschrijving_generiek
        if attrs.get("contactpersoon_rol") is not None:
            attrs["contactpersoon_rol"] = dict(attrs["contactpersoon_rol"])
        return attrs


# --- zaakobject ------------------------------------------------------------------------------


class ObjectTypeOverigeDefinitieSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=1000, help_text="URL-referentie naar de objecttype resource in een API.")
    schema = serializers.CharField(max_length=100, help_text="Een geldige jq-expressie naar het schema.")
    object_data = serializers.CharField(max_length=100, help_text="Een geldige jq-expressie naar de objectgegevens.")


class ZaakObjectSerializer(UrlMixin, serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=URL_HELP)
    zaak = ReferenceField(model=Zaak, eigenaar=access.zaak_eigenaar, help_text="URL-referentie naar de ZAAK.")
    object = OptioneleUrlField(max_length=1000, help_text="URL-referentie naar de resource die het OBJECT beschrijft.")
    zaakobjecttype = ReferenceField(
        model=ZaakObjectType,
        required=False,
        allow_null=True,
        help_text="URL-referentie naar het ZAAKOBJECTTYPE (in de Catalogi API).",
    )
    object_type = serializers.ChoiceField(
        choices=BrondatumObjecttype.choices,
        help_text=choices_help("Beschrijft het type OBJECT gerelateerd aan de ZAAK.", BrondatumObjecttype),
    )
    object_type_overige = serializers.RegexField(
        r"[a-z\_]+",
        max_length=100,
        required=False,
        allow_blank=True,
        help_text="Beschrijft het type OBJECT als `objectType` de waarde `overige` heeft.",
    )
    object_type_overige_definitie = ObjectTypeOverigeDefinitieSerializer(
        required=False,
        allow_null=True,
        help_text="Verwijzing naar het schema van het type OBJECT als `objectType` de waarde `overige` heeft.",
    )
    object_identificatie = IdentificatieField(
        required=False, allow_null=True, help_text="De gegevens van het object, naar `objectType`."
    )

    class Meta:
        model = ZaakObject
        fields = (
            "url",
            "uuid",
            "zaak",
            "object",
            "zaakobjecttype",
            "object_type",
            "object_type_overige",
            "object_type_overige_definitie",
            "relatieomschrijving",
            "object_identificatie",
        )
        read_only_fields = ("uuid",)

    def validate(self, attrs):
        object_type = attrs.get("object_type", getattr(self.instance, "object_type", ""))
        if object_type == "overige" and not attrs.get(
            "object_type_overige", getattr(self.instance, "object_type_overige", "")
        ):
            raise serializers.ValidationError(
                {
                    "object_type_overige": serializers.ErrorDetail(
                        "Geef `objectTypeOverige` bij objectType `overige`.", code="missing-object-type-overige"
                    )
                }
            )
        if not attrs.get("object", getattr(self.instance, "object", "")) and not attrs.get(
            "object_identificatie", getattr(self.instance, "object_identificatie", None)
        ):
            raise serializers.ValidationError(
                "`object` of `objectIdentificatie` moet gegeven zijn.", code="invalid-zaakobject"
            )
        if attrs.get("object_type_overige_definitie") is not None:
            attrs["object_type_overige_definitie"] = dict(attrs["object_type_overige_definitie"])
        return attrs


# --- zaakeigenschap ---------------------------------------------------------------------------


class ZaakEigenschapSerializer(UrlMixin, serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=URL_HELP)
    zaak = ReferenceField(model=Zaak, eigenaar=access.zaak_eigenaar, help_text="URL-referentie naar de ZAAK.")
    eigenschap = ReferenceField(model=Eigenschap, help_text="URL-referentie naar de EIGENSCHAP (in de Catalogi API).")

    class Meta:
        model = ZaakEigenschap
        fields = ("url", "uuid", "zaak", "eigenschap", "naam", "waarde")
        read_only_fields = ("uuid", "naam")


# --- zaakinformatieobject ---------------------------------------------------------------------


class ZaakInformatieObjectSerializer(UrlMixin, serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=URL_HELP)
    zaak = ReferenceField(model=Zaak, eigenaar=access.zaak_eigenaar, help_text="URL-referentie naar de ZAAK.")
    informatieobject = serializers.URLField(
        max_length=1000,
        help_text="URL-referentie naar het INFORMATIEOBJECT (in "
        "de Documenten API), waar ook de relatieinformatie opgevraagd kan worden.",
    )
    aard_relatie_weergave = serializers.ChoiceField(
        source="get_aard_relatie_display",
        read_only=True,
        choices=[
            ("Hoort bij, omgekeerd: kent", "Hoort bij, omgekeerd: kent"),
            ("Legt vast, omgekeerd: kan vastgelegd zijn als", "Legt vast, omgekeerd: kan vastgelegd zijn als"),
        ],
        help_text="Aard van de relatie.",
    )
    status = ReferenceField(
        model=Status,
        required=False,
        allow_null=True,
        help_text="De bij de desbetreffende ZAAK behorende STATUS waarvoor het ZAAK-INFORMATIEOBJECT relevant is.",
    )

    class Meta:
        model = ZaakInformatieObject
        fields = (
            "url",
            "uuid",
            "informatieobject",
            "zaak",
            "aard_relatie_weergave",
            "titel",
            "beschrijving",
            "registratiedatum",
            "vernietigingsdatum",
            "status",
        )
        read_only_fields = ("uuid", "registratiedatum")
        validators: list = []


# --- klantcontact ------------------------------------------------------------------------------


class KlantContactSerializer(UrlMixin, serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=URL_HELP)
    zaak = ReferenceField(model=Zaak, eigenaar=access.zaak_eigenaar, help_text="URL-referentie naar de ZAAK.")
    identificatie = serializers.CharField(
        max_length=14,
        required=False,
        allow_blank=True,
        help_text="De unieke aanduiding van een KLANTCONTACT; gegenereerd als zij niet gegeven is.",
    )

    class Meta:
        model = KlantContact
        fields = ("url", "uuid", "zaak", "identificatie", "datumtijd", "kanaal", "onderwerp", "toelichting")
        read_only_fields = ("uuid",)


class ZaakContactMomentSerializer(UrlMixin, serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=URL_HELP)
    zaak = ReferenceField(model=Zaak, eigenaar=access.zaak_eigenaar, help_text="URL-referentie naar de ZAAK.")
    contactmoment = serializers.URLField(
        max_length=1000, help_text="URL-referentie naar het CONTACTMOMENT (in de Klantinteractie API)"
    )

    class Meta:
        model = ZaakContactMoment
        fields = ("url", "uuid", "zaak", "contactmoment")
        read_only_fields = ("uuid",)

    def validate_contactmoment(self, value: str) -> str:
        return checked_reference(contactmoment_check, value)


class ZaakVerzoekSerializer(UrlMixin, serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=URL_HELP)
    zaak = ReferenceField(model=Zaak, eigenaar=access.zaak_eigenaar, help_text="URL-referentie naar de ZAAK.")
    verzoek = serializers.URLField(
        max_length=1000, help_text="URL-referentie naar het VERZOEK (in de Klantinteractie API)"
    )

    class Meta:
        model = ZaakVerzoek
        fields = ("url", "uuid", "zaak", "verzoek")
        read_only_fields = ("uuid",)

    def validate_verzoek(self, value: str) -> str:
        return checked_reference(verzoek_check, value)


# --- zaakbesluit ---------------------------------------------------------------------------------


class ZaakBesluitSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=URL_HELP)
    besluit = ReferenceField(
        model=Besluit,
        zichtbaar=access.besluit_zichtbaar,
        help_text="URL-referentie naar het BESLUIT (in de Besluiten API).",
    )

    class Meta:
        model = ZaakBesluit
        fields = ("url", "uuid", "besluit")
        read_only_fields = ("uuid",)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        request = self.context.get("request")
        from rest_framework.reverse import reverse

        return reverse(
            "zaken:zaakbesluit-detail", kwargs={"zaak_uuid": obj.zaak.uuid, "uuid": obj.uuid}, request=request
        )


# --- audittrail --------------------------------------------------------------------------------


class WijzigingenSerializer(serializers.Serializer):
    oud = serializers.JSONField(
        allow_null=True,
        help_text="Volledige JSON body van het object zoals dat bestond voordat de actie heeft plaatsgevonden.",
    )
    nieuw = serializers.JSONField(allow_null=True, help_text="Volledige JSON body van het object na de actie.")


ZGW_BRONNEN = ("ac", "nrc", "zrc", "ztc", "drc", "brc", "cmc", "kc", "vrc")


class AuditTrailSerializer(serializers.ModelSerializer):
    bron = serializers.ChoiceField(
        choices=[(b, b) for b in ZGW_BRONNEN],
        read_only=True,
        help_text="De naam van het component waar de wijziging in is gedaan.",
    )
    wijzigingen = WijzigingenSerializer(source="*", help_text="Oud en nieuw.")

    class Meta:
        model = AuditTrail
        fields = (
            "uuid",
            "bron",
            "applicatie_id",
            "applicatie_weergave",
            "gebruikers_id",
            "gebruikers_weergave",
            "actie",
            "actie_weergave",
            "resultaat",
            "hoofd_object",
            "resource",
            "resource_url",
            "toelichting",
            "resource_weergave",
            "aanmaakdatum",
            "wijzigingen",
        )
        read_only_fields = fields
