from __future__ import annotations

from django.db import transaction
from rest_framework import serializers

from ..constants import ComponentTypes, VertrouwelijkheidsAanduiding
from ..models import Applicatie, Autorisatie

TYPE_FIELD = {"zrc": "zaaktype", "drc": "informatieobjecttype", "brc": "besluittype"}
# Scopes on these prefixes concern the component's own resources (and so its types).
SCOPE_PREFIX = {"zrc": "zaken.", "drc": "documenten.", "brc": "besluiten."}


class AutorisatieSerializer(serializers.ModelSerializer):
    component_weergave = serializers.CharField(
        source="get_component_display", read_only=True, help_text="Omschrijving van `component`."
    )
    max_vertrouwelijkheidaanduiding = serializers.ChoiceField(
        choices=VertrouwelijkheidsAanduiding.choices,
        required=False,
        allow_blank=True,
        help_text="Maximaal toegelaten vertrouwelijkheidaanduiding (alleen voor `zrc` en `drc`).",
    )
    scopes = serializers.ListField(
        child=serializers.CharField(max_length=100),
        help_text="Lijst van scope labels. Elke scope geeft toegang tot een set van acties/operaties.",
    )

    class Meta:
        model = Autorisatie
        fields = (
            "component",
            "component_weergave",
            "scopes",
            "zaaktype",
            "informatieobjecttype",
            "besluittype",
            "max_vertrouwelijkheidaanduiding",
        )
        extra_kwargs = {
            "component": {"help_text": "Component waarop autorisatie van toepassing is."},
            "zaaktype": {"required": False, "help_text": "URL naar het zaaktype (voor `zrc`)."},
            "informatieobjecttype": {
                "required": False,
                "help_text": "URL naar het informatieobjecttype (voor `drc`).",
            },
            "besluittype": {"required": False, "help_text": "URL naar het besluittype (voor `brc`)."},
        }

    def validate(self, attrs):
        """A type (and, for zrc/drc, a maximum vertrouwelijkheidaanduiding) is required only
        when a scope concerns that component's own resources: an autorisatie for
        `notificaties.publiceren` on zrc needs no zaaktype."""
        component = attrs.get("component", "")
        type_field = TYPE_FIELD.get(component)
        prefix = SCOPE_PREFIX.get(component)
        if not type_field or not any(scope.startswith(prefix) for scope in attrs.get("scopes", [])):
            return attrs
        errors = {}
        if not attrs.get(type_field):
            errors[type_field] = serializers.ErrorDetail("Dit veld is vereist voor deze component.", code="required")
        if type_field in ("zaaktype", "informatieobjecttype") and not attrs.get("max_vertrouwelijkheidaanduiding"):
            errors["max_vertrouwelijkheidaanduiding"] = serializers.ErrorDetail(
                "Dit veld is vereist voor deze component.", code="required"
            )
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class ApplicatieSerializer(serializers.HyperlinkedModelSerializer):
    client_ids = serializers.ListField(
        child=serializers.CharField(max_length=50, min_length=1),
        help_text="Lijst van consumer identifiers (hun 'client_id'). Een `client_id` mag slechts bij "
        "één applicatie-object voorkomen.",
    )
    autorisaties = AutorisatieSerializer(many=True, required=False)

    class Meta:
        model = Applicatie
        fields = ("url", "client_ids", "label", "heeft_alle_autorisaties", "autorisaties")
        extra_kwargs = {
            "url": {"lookup_field": "uuid", "view_name": "autorisaties:applicatie-detail"},
            "label": {"help_text": "Een leesbare representatie van de applicatie, voor eindgebruikers."},
            "heeft_alle_autorisaties": {
                "help_text": "Indien alle autorisaties gegeven zijn, dan hoeven deze niet individueel "
                "opgegeven te worden. Gebruik dit alleen als je de consumer helemaal vertrouwt."
            },
        }

    def validate_client_ids(self, value: list[str]) -> list[str]:
        others = Applicatie.objects.exclude(pk=getattr(self.instance, "pk", None))
        taken = sorted({cid for app in others for cid in app.client_ids if cid in value})
        if taken:
            raise serializers.ValidationError(
                f"De client ID(s) {', '.join(taken)} zijn al in gebruik bij een andere applicatie.",
                code="clientId-exists",
            )
        return value

    def validate(self, attrs):
        alle = attrs.get("heeft_alle_autorisaties", getattr(self.instance, "heeft_alle_autorisaties", False))
        autorisaties = attrs.get("autorisaties")
        if self.instance is None and not alle and not autorisaties:
            raise serializers.ValidationError(
                "Geef `autorisaties` op, of zet `heeftAlleAutorisaties` aan.", code="missing-authorizations"
            )
        if alle and autorisaties:
            raise serializers.ValidationError(
                "Met `heeftAlleAutorisaties` geef je geen losse `autorisaties` op.",
                code="ambiguous-authorizations-specified",
            )
        return attrs

    @transaction.atomic
    def create(self, validated_data):
        autorisaties = validated_data.pop("autorisaties", [])
        applicatie = Applicatie.objects.create(**validated_data)
        Autorisatie.objects.bulk_create(Autorisatie(applicatie=applicatie, **a) for a in autorisaties)
        return applicatie

    @transaction.atomic
    def update(self, instance, validated_data):
        autorisaties = validated_data.pop("autorisaties", None)
        for key, value in validated_data.items():
            setattr(instance, key, value)
        instance.save()
        if autorisaties is not None:
            instance.autorisaties.all().delete()
            Autorisatie.objects.bulk_create(Autorisatie(applicatie=instance, **a) for a in autorisaties)
        return instance


__all__ = ["ApplicatieSerializer", "AutorisatieSerializer", "ComponentTypes"]
