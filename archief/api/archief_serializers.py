"""Serializers of the Archiefbeheer API: the index, vernietigingslijsten and the report."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from rest_framework import serializers

from ..models import Beoordeling, IndexZaak, Overgang, Vernietigingslijst, VernietigingslijstItem

URL_HELP_TEXT = "URL-referentie naar dit object. Dit is de unieke identificatie en locatie van dit object."


class GebruikerField(serializers.SlugRelatedField):
    """A person, by user name (the `user_id` of their JWT-ZGW tokens)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "username")
        if not kwargs.get("read_only"):
            kwargs.setdefault("queryset", get_user_model().objects.filter(is_active=True))
        super().__init__(**kwargs)


class DocumentTellingSerializer(serializers.Serializer):
    totaal = serializers.IntegerField(source="documenten_totaal", help_text="Number of documents of the zaak.")
    in_bewerking = serializers.IntegerField(source="documenten_in_bewerking", help_text="With status in_bewerking.")
    ter_vaststelling = serializers.IntegerField(
        source="documenten_ter_vaststelling", help_text="With status ter_vaststelling."
    )
    definitief = serializers.IntegerField(source="documenten_definitief", help_text="With status definitief.")
    gearchiveerd = serializers.IntegerField(source="documenten_gearchiveerd", help_text="With status gearchiveerd.")
    integriteit_mislukt = serializers.IntegerField(
        source="documenten_integriteit_mislukt", help_text="Whose content failed its last fixity check."
    )


class IndexZaakSerializer(serializers.HyperlinkedModelSerializer):
    # the model's own `url` is the zaak's; this resource's URL is declared explicitly
    url = serializers.HyperlinkedIdentityField(
        view_name="archief:indexzaak-detail", lookup_field="uuid", help_text=URL_HELP_TEXT
    )
    zaak = serializers.URLField(source="url", read_only=True, help_text="URL of the zaak in the Zaken API.")
    documenten = DocumentTellingSerializer(source="*", read_only=True, help_text="Document counts by status.")

    class Meta:
        model = IndexZaak
        fields = (
            "url",
            "zaak",
            "identificatie",
            "bronorganisatie",
            "omschrijving",
            "zaaktype",
            "zaaktype_omschrijving",
            "startdatum",
            "einddatum",
            "resultaat",
            "resultaattype",
            "resultaat_omschrijving",
            "selectielijstklasse",
            "selectielijstklasse_nummer",
            "selectielijst_jaar",
            "archiefnominatie",
            "archiefactiedatum",
            "archiefstatus",
            "archiveringsblokkade",
            "documenten",
            "gesynchroniseerd_op",
        )


class ItemSerializer(serializers.ModelSerializer):
    uitgezonderd_door = GebruikerField(read_only=True, allow_null=True, help_text="Who excluded the zaak.")

    class Meta:
        model = VernietigingslijstItem
        fields = (
            "uuid",
            "zaak",
            "identificatie",
            "zaaktype",
            "zaaktype_omschrijving",
            "startdatum",
            "einddatum",
            "resultaat_omschrijving",
            "selectielijstklasse",
            "selectielijstklasse_nummer",
            "selectielijst_jaar",
            "archiefactiedatum",
            "status",
            "uitzonderingsreden",
            "uitgezonderd_door",
            "fout",
            "vernietigd_op",
        )
        read_only_fields = fields


class BeoordelingSerializer(serializers.ModelSerializer):
    gebruiker = GebruikerField(read_only=True, help_text="Who judged.")

    class Meta:
        model = Beoordeling
        fields = ("gebruiker", "rol", "oordeel", "toelichting", "ronde", "datum")
        read_only_fields = fields


class OvergangSerializer(serializers.ModelSerializer):
    van = serializers.CharField(read_only=True, help_text="The state before; empty for the list's creation.")
    gebruiker = GebruikerField(read_only=True, allow_null=True, help_text="Who; empty when the system did.")

    class Meta:
        model = Overgang
        fields = ("van", "naar", "gebruiker", "toelichting", "datum")
        read_only_fields = fields


class VernietigingslijstSerializer(serializers.HyperlinkedModelSerializer):
    auteur = GebruikerField(read_only=True, help_text="The record manager who proposed the list (the caller).")
    beoordelaar = GebruikerField(help_text="User name of the reviewer.")
    medebeoordelaars = GebruikerField(many=True, required=False, help_text="User names of optional co-reviewers.")
    archivaris = GebruikerField(help_text="User name of the archivist who gives the final approval.")
    zaken = serializers.ListField(
        child=serializers.URLField(max_length=1000),
        write_only=True,
        min_length=1,
        help_text="URLs of the zaken to destroy. Each must have archiefnominatie `vernietigen` and an "
        "archiefactiedatum on or before today, and be on no other active list.",
    )
    items = ItemSerializer(many=True, read_only=True, help_text="The zaken on the list.")
    beoordelingen = BeoordelingSerializer(many=True, read_only=True, help_text="Judgements, oldest first.")
    overgangen = OvergangSerializer(many=True, read_only=True, help_text="State transitions, oldest first.")

    class Meta:
        model = Vernietigingslijst
        fields = (
            "url",
            "uuid",
            "naam",
            "toelichting",
            "status",
            "auteur",
            "beoordelaar",
            "medebeoordelaars",
            "archivaris",
            "aangemaakt_op",
            "vernietigen_vanaf",
            "uitgevoerd_op",
            "verklaring",
            "verklaring_csv",
            "verklaring_zaak",
            "zaken",
            "items",
            "beoordelingen",
            "overgangen",
        )
        read_only_fields = (
            "uuid",
            "status",
            "aangemaakt_op",
            "vernietigen_vanaf",
            "uitgevoerd_op",
            "verklaring",
            "verklaring_csv",
            "verklaring_zaak",
        )
        extra_kwargs = {
            "url": {
                "lookup_field": "uuid",
                "view_name": "archief:vernietigingslijst-detail",
                "help_text": URL_HELP_TEXT,
            },
        }


class ToelichtingSerializer(serializers.Serializer):
    toelichting = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Comment recorded with the transition."
    )


class OordeelSerializer(ToelichtingSerializer):
    akkoord = serializers.BooleanField(
        help_text="`true`: approve; `false`: ask the author for changes (then `toelichting` is required)."
    )


class UitzonderenSerializer(serializers.Serializer):
    zaak = serializers.URLField(max_length=1000, help_text="URL of the zaak on this list to exclude.")
    reden = serializers.CharField(help_text="Why the zaak is taken off the list.")


class ZaaktypeTellingSerializer(serializers.Serializer):
    zaaktype = serializers.CharField(help_text="URL of the zaaktype.")
    omschrijving = serializers.CharField(help_text="`omschrijving` of the zaaktype.")
    aantal = serializers.IntegerField(help_text="Count for this zaaktype.")


class NormSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Code of the norm.")
    titel = serializers.CharField(help_text="What the norm checks.")
    eenheid = serializers.CharField(help_text="What is counted: `zaaktype`, `zaak`, `document` or `publicatie`.")
    beschikbaar = serializers.BooleanField(
        help_text="Whether the figure could be computed (false when its source cannot be reached)."
    )
    aantal = serializers.IntegerField(help_text="How many break the norm (zero is good).")
    op_orde = serializers.BooleanField(allow_null=True, help_text="Whether the norm is met; null if unavailable.")
    per_zaaktype = ZaaktypeTellingSerializer(many=True, help_text="The count per zaaktype.")
    objecten = serializers.ListField(child=serializers.CharField(), help_text="URLs of what is counted.")
    zaken = serializers.ListField(child=serializers.CharField(), help_text="URLs of the zaken behind the figure.")
    toelichting = serializers.CharField(help_text="Explanation of the norm.")


class RapportageSerializer(serializers.Serializer):
    datum = serializers.DateField(help_text="The date the report was computed for.")
    op_orde = serializers.BooleanField(help_text="Whether every available norm is met.")
    normen = NormSerializer(many=True, help_text="Each norm with its figures.")


class NotificatieSerializer(serializers.Serializer):
    """A ZGW Notificaties message, as the Notificaties API delivers it to a subscriber."""

    kanaal = serializers.CharField(max_length=50, help_text="The kanaal, e.g. `zaken`.")
    hoofd_object = serializers.URLField(max_length=1000, help_text="URL of the main object (the zaak).")
    resource = serializers.CharField(max_length=100, help_text="The resource that changed, e.g. `status`.")
    resource_url = serializers.URLField(max_length=1000, help_text="URL of the resource that changed.")
    actie = serializers.CharField(max_length=50, help_text="What happened, e.g. `create`.")
    aanmaakdatum = serializers.DateTimeField(help_text="When it happened.")
    kenmerken = serializers.DictField(required=False, default=dict, help_text="Kenmerken of the main object.")
