"""Serializers of the transfer resources of the Archiefbeheer API."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail

from ..models import (
    Archiefinstelling,
    DoelType,
    Overbrenging,
    OverbrengingContainer,
    OverbrengingGebeurtenis,
    OverbrengingItem,
    Overbrengingsafspraak,
)
from ..selectors import overbrenging_voortgang
from ..services import ACTIONS
from ..targets import doel_fouten

URL_HELP_TEXT = "URL-referentie naar dit object. Dit is de unieke identificatie en locatie van dit object."


class ArchiefinstellingSerializer(serializers.HyperlinkedModelSerializer):
    class Meta:
        model = Archiefinstelling
        fields = ("url", "uuid", "naam", "identificatie", "contact")
        extra_kwargs = {
            "url": {
                "view_name": "archief:archiefinstelling-detail",
                "lookup_field": "uuid",
                "help_text": URL_HELP_TEXT,
            },
            "uuid": {"read_only": True},
        }


class OverbrengingsafspraakSerializer(serializers.HyperlinkedModelSerializer):
    archiefinstelling = serializers.HyperlinkedRelatedField(
        view_name="archief:archiefinstelling-detail",
        lookup_field="uuid",
        queryset=Archiefinstelling.objects.all(),
        help_text="URL-referentie naar de ontvangende archiefinstelling.",
    )
    vervroegd_zaaktypen = serializers.ListField(
        child=serializers.URLField(max_length=1000),
        required=False,
        help_text=Overbrengingsafspraak._meta.get_field("vervroegd_zaaktypen").help_text,
    )

    class Meta:
        model = Overbrengingsafspraak
        fields = (
            "url",
            "uuid",
            "archiefinstelling",
            "naam",
            "archiefvormer_naam",
            "archiefvormer_identificatie",
            "archiefvormer_bron",
            "identificatiebron",
            "contact",
            "doel_type",
            "doel_locatie",
            "doel_host",
            "doel_poort",
            "doel_gebruiker",
            "doel_sleutelbestand",
            "doel_hostsleutel",
            "doel_endpoint",
            "container_vorm",
            "max_container_omvang",
            "checksum_algoritme",
            "vervroegd_toegestaan",
            "vervroegd_zaaktypen",
            "vervroegd_einddatum_vanaf",
            "vervroegd_einddatum_tot",
            "beperking_grond",
            "beperking_code",
            "beperking_jaren",
            "lokale_kopie",
        )
        extra_kwargs = {
            "url": {
                "view_name": "archief:overbrengingsafspraak-detail",
                "lookup_field": "uuid",
                "help_text": URL_HELP_TEXT,
            },
            "uuid": {"read_only": True},
        }

    def validate(self, attrs: dict) -> dict:
        """The delivery target must be one the operator allows (settings), not any the API names."""
        merged = {field: getattr(self.instance, field) for field in DOEL_VELDEN if self.instance is not None}
        merged |= {field: attrs[field] for field in DOEL_VELDEN if field in attrs}
        fouten = doel_fouten(
            doel_type=merged.get("doel_type", DoelType.lokaal),
            locatie=merged.get("doel_locatie", ""),
            host=merged.get("doel_host", ""),
            poort=merged.get("doel_poort", 22),
            endpoint=merged.get("doel_endpoint", ""),
            sleutelbestand=merged.get("doel_sleutelbestand", ""),
        )
        if fouten:
            raise serializers.ValidationError(
                {field: [ErrorDetail(message, code="doel-niet-toegestaan")] for field, message in fouten.items()}
            )
        return attrs


DOEL_VELDEN = ("doel_type", "doel_locatie", "doel_host", "doel_poort", "doel_endpoint", "doel_sleutelbestand")


@extend_schema_serializer(component_name="OverbrengingItem")
class ItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = OverbrengingItem
        fields = (
            "uuid",
            "zaak",
            "identificatie",
            "zaaktype",
            "einddatum",
            "vervroegd",
            "omvang",
            "documenten",
            "container",
            "map",
            "status",
            "fout_code",
            "fout",
            "reden",
            "beoordeeld_op",
            "beoordeeld_door",
            "vertrouwelijkheidaanduiding",
            "beperking_einde",
        )
        read_only_fields = fields


class ContainerSerializer(serializers.ModelSerializer):
    class Meta:
        model = OverbrengingContainer
        fields = (
            "volgnummer",
            "naam",
            "status",
            "omvang",
            "checksum",
            "gebouwd_op",
            "afgeleverd_op",
            "geverifieerd_op",
        )
        read_only_fields = fields


class GebeurtenisSerializer(serializers.ModelSerializer):
    class Meta:
        model = OverbrengingGebeurtenis
        fields = ("van", "naar", "door", "op", "toelichting")
        read_only_fields = fields


class VoortgangSerializer(serializers.Serializer):
    zaken_totaal = serializers.IntegerField(help_text="Zaken in de overbrenging.")
    zaken_klaar = serializers.IntegerField(
        help_text="Zaken die verwerkt zijn: verpakt (of al beoordeeld) of met een fout."
    )
    zaken_fout = serializers.IntegerField(help_text="Zaken die niet mee konden; zie `fout` per zaak.")
    bytes_totaal = serializers.IntegerField(help_text="Bytes inhoud van alle zaken.")
    bytes_klaar = serializers.IntegerField(help_text="Bytes inhoud van de verwerkte zaken.")
    containers_totaal = serializers.IntegerField(help_text="Geplande containers.")
    containers_geverifieerd = serializers.IntegerField(help_text="Afgeleverde en geverifieerde containers.")
    procent = serializers.IntegerField(help_text="Voortgang in procenten van de bytes.")


class OverbrengingSerializer(serializers.HyperlinkedModelSerializer):
    afspraak = serializers.HyperlinkedRelatedField(
        view_name="archief:overbrengingsafspraak-detail",
        lookup_field="uuid",
        queryset=Overbrengingsafspraak.objects.all(),
        help_text="URL-referentie naar de overbrengingsafspraak.",
    )
    zaken = serializers.ListField(
        child=serializers.URLField(max_length=1000),
        write_only=True,
        min_length=1,
        help_text="URL's van de zaken (Zaken API) die overgebracht moeten worden.",
    )
    items = ItemSerializer(many=True, read_only=True, help_text="De zaken, met hun status en fouten.")
    containers = ContainerSerializer(many=True, read_only=True, help_text="De containers van het pakket.")
    gebeurtenissen = GebeurtenisSerializer(many=True, read_only=True, help_text="Elke statusovergang: wie, wanneer.")
    voortgang = serializers.SerializerMethodField(help_text="Hoe ver de overbrenging is.")
    acties = serializers.SerializerMethodField(help_text="Wat een mens in deze status kan doen.")

    class Meta:
        model = Overbrenging
        fields = (
            "url",
            "uuid",
            "afspraak",
            "naam",
            "omschrijving",
            "zaken",
            "status",
            "vervroegd",
            "peilmoment",
            "fout",
            "verklaring",
            "voortgang",
            "acties",
            "items",
            "containers",
            "gebeurtenissen",
        )
        read_only_fields = ("status", "vervroegd", "peilmoment", "fout", "verklaring")
        extra_kwargs = {
            "url": {"view_name": "archief:overbrenging-detail", "lookup_field": "uuid", "help_text": URL_HELP_TEXT},
            "uuid": {"read_only": True},
            "naam": {"required": False},
        }

    @extend_schema_field(VoortgangSerializer)
    def get_voortgang(self, obj: Overbrenging) -> dict:
        voortgang = overbrenging_voortgang(obj)
        return {**VoortgangSerializer(voortgang).data, "procent": voortgang.procent}

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_acties(self, obj: Overbrenging) -> list[str]:
        return ACTIONS.get(obj.status, [])


class UitslagSerializer(serializers.Serializer):
    zaak = serializers.URLField(max_length=1000, help_text="URL van een zaak in deze overbrenging.")
    geaccepteerd = serializers.BooleanField(help_text="Of het archief de zaak heeft opgenomen.")
    reden = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Toelichting van het archief; verplicht bij afwijzing."
    )


class UitslagenSerializer(serializers.Serializer):
    uitslagen = UitslagSerializer(many=True, allow_empty=False, help_text="Het oordeel van het archief per zaak.")
