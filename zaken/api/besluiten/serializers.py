"""Serializers of the Besluiten API 1.0, as in `besluiten-1.0.2.yaml`."""

from __future__ import annotations

from rest_framework import serializers

from ...models import Besluit, BesluitInformatieObject, BesluitType, Zaak
from ...models.besluiten import Vervalreden
from ..zaken import access
from ..zaken.fields import ReferenceField, RSINField, object_url
from ..zaken.serializers import URL_HELP, choices_help


class BesluitSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=URL_HELP)
    identificatie = serializers.CharField(
        max_length=50,
        required=False,
        allow_blank=True,
        help_text="Identificatie van het besluit binnen de organisatie die het besluit heeft vastgesteld. Indien "
        "deze niet opgegeven is, dan wordt die gegenereerd.",
    )
    verantwoordelijke_organisatie = RSINField(
        help_text=Besluit._meta.get_field("verantwoordelijke_organisatie").help_text
    )
    besluittype = ReferenceField(
        model=BesluitType, help_text="URL-referentie naar het BESLUITTYPE (in de Catalogi API)."
    )
    zaak = ReferenceField(
        model=Zaak,
        zichtbaar=access.zaak_zichtbaar,
        required=False,
        allow_null=True,
        help_text="URL-referentie naar de ZAAK (in de Zaken API) waarvan dit besluit uitkomst is.",
    )
    vervalreden = serializers.ChoiceField(
        choices=Vervalreden.choices,
        required=False,
        allow_blank=True,
        help_text=choices_help(
            "De omschrijving die aangeeft op grond waarvan het besluit is of komt te vervallen.", Vervalreden
        ),
    )
    vervalreden_weergave = serializers.CharField(
        source="get_vervalreden_display", read_only=True, help_text="Uitleg bij `vervalreden`."
    )

    class Meta:
        model = Besluit
        fields = (
            "url",
            "identificatie",
            "verantwoordelijke_organisatie",
            "besluittype",
            "zaak",
            "datum",
            "toelichting",
            "bestuursorgaan",
            "ingangsdatum",
            "vervaldatum",
            "vervalreden",
            "vervalreden_weergave",
            "publicatiedatum",
            "verzenddatum",
            "uiterlijke_reactiedatum",
        )
        # uniqueness is a rule of the services, with the standard's error code
        validators: list = []

    def get_url(self, obj) -> str:
        return object_url(obj, self.context.get("request"))


class BesluitInformatieObjectSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=URL_HELP)
    informatieobject = serializers.URLField(
        max_length=1000,
        help_text="URL-referentie naar het INFORMATIEOBJECT (in de Documenten API) waarin (een deel van) het besluit "
        "beschreven is.",
    )
    besluit = ReferenceField(
        model=Besluit, eigenaar=access.besluit_eigenaar, help_text="URL-referentie naar het BESLUIT."
    )

    class Meta:
        model = BesluitInformatieObject
        fields = ("url", "informatieobject", "besluit")
        # uniqueness is a rule of the services, with the standard's error code
        validators: list = []

    def get_url(self, obj) -> str:
        return object_url(obj, self.context.get("request"))
