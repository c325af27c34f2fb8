"""Serializers of the Publicaties API: they parse and resolve references, the services decide."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common import tijd

from .. import sitemaps, waardelijsten
from ..models import (
    Informatiecategorie,
    Organisatie,
    Publicatie,
    PublicatieDocument,
    Publicatieregel,
    PublicatieStatus,
)
from .filters import NAMESPACE

URL_HELP = "URL-referentie naar dit object. Dit is de unieke identificatie en locatie van dit object."


def _link(basename: str, **kwargs) -> dict:
    return {"view_name": f"{NAMESPACE}:{basename}-detail", "lookup_field": "uuid", **kwargs}


class InformatiecategorieSerializer(serializers.HyperlinkedModelSerializer):
    class Meta:
        model = Informatiecategorie
        fields = ("url", "uuid", "identifier", "naam", "naam_meervoud", "definitie", "oorsprong", "nummer")
        extra_kwargs = {"url": _link("informatiecategorie", help_text=URL_HELP)}


class OrganisatieSerializer(serializers.HyperlinkedModelSerializer):
    class Meta:
        model = Organisatie
        fields = ("url", "uuid", "naam", "identifier")
        extra_kwargs = {
            "url": _link("organisatie", help_text=URL_HELP),
            "uuid": {"read_only": True},
            # uniqueness is checked by the serializer, the TOOI list by the service
            "identifier": {"max_length": 255},
        }


class KenmerkSerializer(serializers.Serializer):
    kenmerk = serializers.CharField(max_length=100, help_text="Identificatie van de publicatie in het andere systeem.")
    bron = serializers.CharField(max_length=100, help_text="Het systeem waarin de publicatie zo bekend is.")


class PublicatieSerializer(serializers.HyperlinkedModelSerializer):
    informatiecategorieen = serializers.HyperlinkedRelatedField(
        many=True,
        allow_empty=False,
        queryset=Informatiecategorie.objects.all(),
        help_text="URL-referenties naar de Woo-informatiecategorieën van de publicatie (ten minste één).",
        **_link("informatiecategorie"),
    )
    publisher = serializers.HyperlinkedRelatedField(
        queryset=Organisatie.objects.all(),
        required=False,
        help_text="URL-referentie naar de organisatie die publiceert; zonder waarde de eigen organisatie.",
        **_link("organisatie"),
    )
    verantwoordelijke = serializers.HyperlinkedRelatedField(
        queryset=Organisatie.objects.all(),
        required=False,
        allow_null=True,
        help_text="URL-referentie naar de organisatie die verantwoordelijk is voor de inhoud.",
        **_link("organisatie"),
    )
    opsteller = serializers.HyperlinkedRelatedField(
        queryset=Organisatie.objects.all(),
        required=False,
        allow_null=True,
        help_text="URL-referentie naar de organisatie die de documenten opstelde.",
        **_link("organisatie"),
    )
    status = serializers.ChoiceField(
        choices=PublicatieStatus.choices,
        required=False,
        help_text="`concept` → `gepubliceerd` → `ingetrokken`; andere overgangen zijn er niet. Een nieuwe "
        "publicatie is een concept. Publiceren kan met ten minste één document, en alleen als elk document "
        "(nog) openbaar is in de Documenten API. Intrekken vraagt om een `redenIntrekking`.",
    )
    reden_intrekking = serializers.ChoiceField(
        choices=[(uri, label) for uri, label in waardelijsten.redenen_intrekking().items()],
        required=False,
        allow_null=True,
        help_text="De reden van intrekking, uit de TOOI-lijst `ccw_plooi_reden_intrekking_of_vervanging`; "
        "verplicht bij de overgang naar `ingetrokken`.",
    )
    kenmerken = KenmerkSerializer(many=True, required=False, help_text="Kenmerken in andere systemen.")
    documenten = serializers.HyperlinkedRelatedField(
        many=True,
        read_only=True,
        help_text="URL-referenties naar de documenten van de publicatie.",
        **_link("document"),
    )
    publicatieregel = serializers.HyperlinkedRelatedField(
        read_only=True,
        allow_null=True,
        help_text="URL-referentie naar de publicatieregel die deze publicatie maakte, als een regel dat deed.",
        **_link("publicatieregel"),
    )
    bron_document = serializers.SerializerMethodField(
        help_text="Het document (Documenten API) waarvoor een publicatieregel deze publicatie maakte."
    )

    class Meta:
        model = Publicatie
        fields = (
            "url",
            "uuid",
            "officiele_titel",
            "verkorte_titel",
            "omschrijving",
            "informatiecategorieen",
            "publisher",
            "verantwoordelijke",
            "opsteller",
            "status",
            "registratiedatum",
            "datum_gepubliceerd",
            "datum_ingetrokken",
            "deadline",
            "reden_intrekking",
            "toelichting_intrekking",
            "kenmerken",
            "documenten",
            "publicatieregel",
            "bron_document",
        )
        read_only_fields = ("uuid", "registratiedatum", "datum_gepubliceerd", "datum_ingetrokken")
        extra_kwargs = {"url": _link("publicatie", help_text=URL_HELP)}

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_bron_document(self, obj: Publicatie) -> str | None:
        return obj.bron_document or None

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["reden_intrekking"] = instance.reden_intrekking or None
        return data

    def validate_reden_intrekking(self, value):
        return value or ""


class PublicatieDocumentSerializer(serializers.HyperlinkedModelSerializer):
    publicatie = serializers.HyperlinkedRelatedField(
        queryset=Publicatie.objects.all(),
        help_text="URL-referentie naar de publicatie (een concept) waar het document bij hoort.",
        **_link("publicatie"),
    )
    download_url = serializers.SerializerMethodField(
        help_text="De openbare download van het bestand (beschikbaar zolang de publicatie gepubliceerd is)."
    )

    class Meta:
        model = PublicatieDocument
        fields = (
            "url",
            "uuid",
            "publicatie",
            "document",
            "identificatie",
            "officiele_titel",
            "creatiedatum",
            "bestandsnaam",
            "formaat",
            "bestandsomvang",
            "taal",
            "vastgesteld_op",
            "registratiedatum",
            "download_url",
        )
        read_only_fields = (
            "uuid",
            "identificatie",
            "officiele_titel",
            "creatiedatum",
            "bestandsnaam",
            "formaat",
            "bestandsomvang",
            "taal",
            "vastgesteld_op",
            "registratiedatum",
        )
        extra_kwargs = {
            "url": _link("document", help_text=URL_HELP),
            "document": {
                "help_text": "URL-referentie naar het ENKELVOUDIGINFORMATIEOBJECT in de Documenten API; het moet "
                "openbaar zijn. Titel, datums, formaat en grootte worden daar gelezen."
            },
        }

    @extend_schema_field(OpenApiTypes.URI)
    def get_download_url(self, obj: PublicatieDocument) -> str:
        return sitemaps.download_url(obj.uuid)


class PublicatieregelSerializer(serializers.HyperlinkedModelSerializer):
    informatiecategorie = serializers.HyperlinkedRelatedField(
        queryset=Informatiecategorie.objects.all(),
        help_text="URL-referentie naar de Woo-informatiecategorie van de documenten van dit type.",
        **_link("informatiecategorie"),
    )

    class Meta:
        model = Publicatieregel
        fields = (
            "url",
            "uuid",
            "informatieobjecttype",
            "informatiecategorie",
            "automatisch_publiceren",
            "termijn_dagen",
        )
        read_only_fields = ("uuid",)
        extra_kwargs = {"url": _link("publicatieregel", help_text=URL_HELP)}


class DeadlineSerializer(serializers.HyperlinkedModelSerializer):
    """A concept publicatie in the deadline overview."""

    dagen_tot_deadline = serializers.SerializerMethodField(
        help_text="Dagen van vandaag tot de deadline; negatief als de deadline voorbij is."
    )
    verlopen = serializers.SerializerMethodField(help_text="Of de deadline voorbij is.")

    class Meta:
        model = Publicatie
        fields = ("url", "uuid", "officiele_titel", "deadline", "dagen_tot_deadline", "verlopen", "registratiedatum")
        read_only_fields = fields
        extra_kwargs = {"url": _link("publicatie", help_text="URL-referentie naar de publicatie.")}

    def get_dagen_tot_deadline(self, obj: Publicatie) -> int:
        return (obj.deadline - tijd.vandaag()).days

    def get_verlopen(self, obj: Publicatie) -> bool:
        return obj.deadline < tijd.vandaag()


class NotificatieSerializer(serializers.Serializer):
    """A message in the ZGW Notificaties format, as the Notificaties API delivers it."""

    kanaal = serializers.CharField(max_length=50, help_text="De naam van het kanaal (`documenten`).")
    hoofd_object = serializers.URLField(max_length=1000, help_text="URL-referentie naar het hoofdobject.")
    resource = serializers.CharField(
        max_length=100, help_text="De resourcenaam, bijvoorbeeld `enkelvoudiginformatieobject`."
    )
    resource_url = serializers.URLField(max_length=1000, help_text="URL-referentie naar de resource.")
    actie = serializers.CharField(max_length=100, help_text="De actie, bijvoorbeeld `create` of `partial_update`.")
    aanmaakdatum = serializers.DateTimeField(help_text="Wanneer de actie plaatsvond.")
    kenmerken = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=1000),
        required=False,
        help_text="Kenmerken van de resource om op te filteren.",
    )
