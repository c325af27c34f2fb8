"""Viewsets of the Besluiten API 1.0.

Every write records an audit trail entry and a notification on kanaal `besluiten`. A
besluit about a zaak feeds the zaak's archiving parameters (afleidingswijzen
`ingangsdatum_besluit` and `vervaldatum_besluit`): they follow every change.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.generics import get_object_or_404

from common.audit import audittrail_for, audittrail_record
from common.models import AuditTrail
from common.notifications import notificatie_create

from ... import zaak_services as services
from ...models import Besluit, BesluitInformatieObject
from ...services import catalogi_url
from ..zaken import access
from ..zaken.serializers import AuditTrailSerializer
from ..zaken.views import CreateMixin, DestroyMixin, UpdateMixin, ZakenAutoSchema
from . import filters, serializers

LEZEN = "besluiten.lezen"
AANMAKEN = "besluiten.aanmaken"
BIJWERKEN = "besluiten.bijwerken"
VERWIJDEREN = "besluiten.verwijderen"
AUDITTRAILS_LEZEN = "audittrails.lezen"


class BesluitenViewSet(viewsets.GenericViewSet):
    schema = ZakenAutoSchema()
    component = "brc"
    lookup_field = "uuid"
    resource = ""

    def besluit_of(self, instance) -> Besluit:
        return instance if isinstance(instance, Besluit) else instance.besluit

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "list":
            prefix = "" if queryset.model is Besluit else "besluit__"
            queryset = access.besluiten_zichtbaar(queryset, self.request.auth, {LEZEN}, prefix)
        return queryset

    def get_object(self):
        obj = get_object_or_404(super().get_queryset(), uuid=self.kwargs["uuid"])
        scopes = self.required_scopes.get(self.action, {LEZEN})
        access.ensure_besluit_toegestaan(self.request.auth, self.besluit_of(obj).besluittype, set(scopes))
        return obj

    def representation(self, instance) -> dict:
        return dict(self.get_serializer(instance).data)

    def record(
        self, actie: str, instance, *, oud: dict | None, nieuw: dict | None, resultaat: int, toelichting: str = ""
    ) -> None:
        besluit = self.besluit_of(instance)
        besluit_url = services.besluiten_url(besluit)
        url = services.besluiten_url(instance)
        audittrail_record(
            bron="brc",
            auth=self.request.auth,
            actie=actie,
            resultaat=resultaat,
            hoofd_object=besluit_url,
            resource=self.resource,
            resource_url=url,
            resource_weergave=str(instance),
            toelichting=toelichting,
            oud=oud,
            nieuw=nieuw,
        )
        notificatie_create(
            kanaal="besluiten",
            hoofd_object=besluit_url,
            resource=self.resource,
            resource_url=url,
            actie=actie,
            kenmerken={
                "verantwoordelijkeOrganisatie": besluit.verantwoordelijke_organisatie,
                "besluittype": catalogi_url(besluit.besluittype),
            },
        )


BESLUIT_WRITE = (
    "Er wordt gevalideerd op:\n- geldigheid `besluittype` URL; het besluittype is gepubliceerd "
    "(`not-published`);\n- de combinatie `identificatie` en `verantwoordelijkeOrganisatie` is uniek "
    "(`identificatie-niet-uniek`); `identificatie`, `verantwoordelijkeOrganisatie` en `besluittype` wijzigen niet "
    "(`wijzigen-niet-toegelaten`);\n- het besluittype hoort bij het zaaktype van de `zaak` (`zaaktype-mismatch`);\n"
    "- de zaak is nog niet gearchiveerd (`zaak-archiefstatus-invalid`).\n\n"
    "Bij een afgesloten zaak met afleidingswijze `ingangsdatum_besluit` of `vervaldatum_besluit` volgt de "
    "archiefactiedatum van de zaak."
)


@extend_schema_view(
    list=extend_schema(
        summary="Alle BESLUITen opvragen.", description="Deze lijst kan gefilterd wordt met query-string parameters."
    ),
    retrieve=extend_schema(summary="Een specifiek BESLUIT opvragen.", description="Een specifiek BESLUIT opvragen."),
    create=extend_schema(summary="Maak een BESLUIT aan.", description=BESLUIT_WRITE),
    update=extend_schema(summary="Werk een BESLUIT in zijn geheel bij.", description=BESLUIT_WRITE),
    partial_update=extend_schema(summary="Werk een BESLUIT deels bij.", description=BESLUIT_WRITE),
    destroy=extend_schema(
        summary="Verwijder een BESLUIT.",
        description="Verwijder een BESLUIT samen met de "
        "besluitinformatieobjecten; de gespiegelde relaties in de Documenten API gaan mee.",
    ),
)
class BesluitViewSet(
    CreateMixin, UpdateMixin, DestroyMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, BesluitenViewSet
):
    """Besluiten: decisions, often the outcome of a zaak."""

    queryset = Besluit.objects.select_related("besluittype", "zaak").order_by("-pk")
    serializer_class = serializers.BesluitSerializer
    resource = "besluit"
    required_scopes = {
        "list": {LEZEN},
        "retrieve": {LEZEN},
        "create": {AANMAKEN},
        "update": {BIJWERKEN},
        "partial_update": {BIJWERKEN},
        "destroy": {VERWIJDEREN},
    }

    @property
    def filterset_class(self):
        return filters.BesluitFilter if self.action == "list" else None

    def perform_create(self, serializer):
        access.ensure_besluit_toegestaan(self.request.auth, serializer.validated_data["besluittype"], {AANMAKEN})
        return services.besluit_create(data=dict(serializer.validated_data))

    def perform_update(self, serializer):
        return services.besluit_update(besluit=serializer.instance, data=dict(serializer.validated_data))

    def perform_destroy(self, instance):
        services.besluit_delete(besluit=instance)


@extend_schema_view(
    list=extend_schema(
        summary="Alle BESLUIT-INFORMATIEOBJECT relaties opvragen.",
        description="Deze lijst kan gefilterd wordt met query-string parameters.",
    ),
    retrieve=extend_schema(
        summary="Een specifieke BESLUIT-INFORMATIEOBJECT relatie opvragen.",
        description="Een specifieke BESLUIT-INFORMATIEOBJECT relatie opvragen.",
    ),
    create=extend_schema(
        summary="Maak een BESLUIT-INFORMATIEOBJECT relatie aan.",
        description="Er wordt gevalideerd op:\n- geldigheid besluit URL;\n- geldigheid informatieobject URL (het "
        "document wordt opgevraagd in de Documenten API);\n- de combinatie informatieobject en besluit moet uniek "
        "zijn.\n\nIn de Documenten API wordt de gespiegelde relatie (objectinformatieobject) aangemaakt.",
    ),
    destroy=extend_schema(
        summary="Verwijder een BESLUIT-INFORMATIEOBJECT relatie.",
        description="De gespiegelde relatie in de Documenten API wordt ook verwijderd.",
    ),
)
class BesluitInformatieObjectViewSet(
    CreateMixin, DestroyMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, BesluitenViewSet
):
    """Besluitinformatieobjecten: the documents a besluit is recorded in."""

    queryset = BesluitInformatieObject.objects.select_related("besluit__besluittype").order_by("-pk")
    serializer_class = serializers.BesluitInformatieObjectSerializer
    pagination_class = None
    resource = "besluitinformatieobject"
    required_scopes = {"list": {LEZEN}, "retrieve": {LEZEN}, "create": {AANMAKEN}, "destroy": {VERWIJDEREN}}

    @property
    def filterset_class(self):
        return filters.BesluitInformatieObjectFilter if self.action == "list" else None

    def perform_create(self, serializer):
        besluit = serializer.validated_data["besluit"]
        access.ensure_besluit_toegestaan(self.request.auth, besluit.besluittype, {AANMAKEN})
        return services.besluitinformatieobject_create(
            data=dict(serializer.validated_data), zichtbaar=access.document_zichtbaar(self.request.auth)
        )

    def after_commit_create(self, instance) -> None:
        services.besluitinformatieobject_spiegelen(bio=instance)

    def undo_elsewhere(self, instance) -> None:
        services.spiegel_opruimen(
            informatieobject=instance.informatieobject, object_url=services.besluiten_url(instance.besluit)
        )

    def perform_destroy(self, instance):
        services.besluitinformatieobject_delete(bio=instance)


@extend_schema_view(
    list=extend_schema(
        summary="Alle audit trail regels behorend bij het BESLUIT.",
        description="Alle audit trail regels behorend bij het BESLUIT.",
    ),
    retrieve=extend_schema(
        summary="Een specifieke audit trail regel opvragen.", description="Een specifieke audit trail regel opvragen."
    ),
)
@extend_schema(
    parameters=[
        OpenApiParameter(
            "besluit_uuid", OpenApiTypes.UUID, OpenApiParameter.PATH, description="Unieke resource identifier (UUID4)"
        )
    ]
)
class BesluitAuditTrailViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The audit trail of a besluit."""

    schema = ZakenAutoSchema()
    component = "brc"
    lookup_field = "uuid"
    pagination_class = None
    serializer_class = AuditTrailSerializer
    required_scopes = {"list": {AUDITTRAILS_LEZEN}, "retrieve": {AUDITTRAILS_LEZEN}}
    queryset = AuditTrail.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        besluit = get_object_or_404(Besluit.objects.select_related("besluittype"), uuid=self.kwargs["besluit_uuid"])
        access.ensure_besluit_toegestaan(self.request.auth, besluit.besluittype, {AUDITTRAILS_LEZEN})
        return audittrail_for(services.besluiten_url(besluit))
