"""Serializers of the Selectielijst API; field names and shapes follow VNG's Selectielijst API 1.0."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import ProcesType, Resultaat, ResultaatTypeOmschrijvingGeneriek

URL_HELP_TEXT = "URL-referentie naar dit object. Dit is de unieke identificatie en locatie van dit object."


@extend_schema_field(OpenApiTypes.DURATION)
class IsoDurationField(serializers.CharField):
    """An ISO 8601 duration kept as text: years and months have no fixed length in days."""


class ProcesTypeSerializer(serializers.HyperlinkedModelSerializer):
    class Meta:
        model = ProcesType
        fields = ("url", "nummer", "jaar", "naam", "omschrijving", "toelichting", "procesobject")
        extra_kwargs = {
            "url": {
                "lookup_field": "uuid",
                "view_name": "selectielijst:procestype-detail",
                "help_text": URL_HELP_TEXT,
            },
        }


class ResultaatSerializer(serializers.HyperlinkedModelSerializer):
    proces_type = serializers.HyperlinkedRelatedField(
        view_name="selectielijst:procestype-detail",
        lookup_field="uuid",
        read_only=True,
        help_text="URL-referentie naar het procestype waartoe dit resultaat behoort.",
    )
    volledig_nummer = serializers.CharField(
        read_only=True,
        help_text="Het volledige nummer van het resultaat: procestypenummer, het nummer van het generieke "
        "resultaat (bij een specifiek resultaat) en het resultaatnummer, bijvoorbeeld `1.1.2`.",
    )
    generiek = serializers.BooleanField(
        read_only=True, help_text="Of dit een generiek resultaat is (een resultaat zonder generiek resultaat)."
    )
    specifiek = serializers.BooleanField(
        read_only=True, help_text="Of dit een specifiek resultaat is, dat een generiek resultaat verfijnt."
    )
    procestermijn_weergave = serializers.CharField(
        source="get_procestermijn_display", read_only=True, help_text="Omschrijving van `procestermijn`."
    )
    bewaartermijn = IsoDurationField(
        read_only=True,
        allow_null=True,
        help_text=Resultaat._meta.get_field("bewaartermijn").help_text,
    )

    class Meta:
        model = Resultaat
        fields = (
            "url",
            "proces_type",
            "nummer",
            "volledig_nummer",
            "generiek",
            "specifiek",
            "naam",
            "omschrijving",
            "herkomst",
            "waardering",
            "procestermijn",
            "procestermijn_weergave",
            "bewaartermijn",
            "toelichting",
            "algemeen_bestuur_en_inrichting_organisatie",
            "bedrijfsvoering_en_personeel",
            "publieke_informatie_en_registratie",
            "burgerzaken",
            "veiligheid",
            "verkeer_en_vervoer",
            "economie",
            "onderwijs",
            "sport_cultuur_en_recreatie",
            "sociaal_domein",
            "volksgezonheid_en_milieu",
            "vhrosv",
            "heffen_belastingen",
            "alle_taakgebieden",
            "procestermijn_opmerking",
        )
        extra_kwargs = {
            "url": {
                "lookup_field": "uuid",
                "view_name": "selectielijst:resultaat-detail",
                "help_text": URL_HELP_TEXT,
            },
        }


class ResultaatTypeOmschrijvingGeneriekSerializer(serializers.HyperlinkedModelSerializer):
    class Meta:
        model = ResultaatTypeOmschrijvingGeneriek
        fields = ("url", "omschrijving", "definitie", "opmerking")
        extra_kwargs = {
            "url": {
                "lookup_field": "uuid",
                "view_name": "selectielijst:resultaattypeomschrijvinggeneriek-detail",
                "help_text": URL_HELP_TEXT,
            },
        }
