from __future__ import annotations

from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ..models import Applicatie
from ..selectors import applicaties_met_client_ids
from .serializers import ApplicatieSerializer

SCOPE_LEZEN = "autorisaties.lezen"
SCOPE_BIJWERKEN = "autorisaties.bijwerken"


class ApplicatieFilter(filters.FilterSet):
    clientIds = filters.CharFilter(
        field_name="client_ids",
        method="filter_client_ids",
        help_text="Komma-gescheiden lijst van client IDs; geeft de applicaties die er één van hebben.",
    )

    class Meta:
        model = Applicatie
        fields: list[str] = []

    def filter_client_ids(self, queryset, name, value):
        wanted = {part.strip() for part in value.split(",") if part.strip()}
        return applicaties_met_client_ids(client_ids=wanted, queryset=queryset)


@extend_schema_view(
    list=extend_schema(summary="Alle applicaties opvragen.", description="Filter met `clientIds`."),
    retrieve=extend_schema(summary="Een specifieke applicatie opvragen."),
    create=extend_schema(
        summary="Registreer een applicatie met een set van autorisaties.",
        description="Een `clientId` mag slechts bij één applicatie voorkomen.",
    ),
    update=extend_schema(summary="Werk de autorisaties van een applicatie in zijn geheel bij."),
    partial_update=extend_schema(summary="Werk de autorisaties van een applicatie deels bij."),
    destroy=extend_schema(summary="Verwijder een applicatie met de bijhorende autorisaties."),
)
class ApplicatieViewSet(viewsets.ModelViewSet):
    """Applicaties: API clients and what they may do in each component."""

    queryset = Applicatie.objects.prefetch_related("autorisaties").order_by("pk")
    serializer_class = ApplicatieSerializer
    lookup_field = "uuid"
    filterset_class = ApplicatieFilter
    component = "ac"
    required_scopes = {
        "list": {SCOPE_LEZEN},
        "retrieve": {SCOPE_LEZEN},
        "consumer": {SCOPE_LEZEN},
        "create": {SCOPE_BIJWERKEN},
        "update": {SCOPE_BIJWERKEN},
        "partial_update": {SCOPE_BIJWERKEN},
        "destroy": {SCOPE_BIJWERKEN},
    }

    @extend_schema(
        summary="Vraag een applicatie op, op basis van clientId.",
        parameters=[
            OpenApiParameter("clientId", OpenApiTypes.STR, required=True, description="Client ID van de consumer.")
        ],
        filters=False,
    )
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def consumer(self, request):
        client_id = request.query_params.get("clientId")
        if not client_id:
            raise exceptions.ValidationError({"clientId": ["Dit veld is vereist."]}, code="required")
        applicatie = applicaties_met_client_ids(client_ids=[client_id], queryset=self.get_queryset()).first()
        if applicatie is not None:
            return Response(self.get_serializer(applicatie).data)
        raise exceptions.NotFound(f"Geen applicatie met clientId `{client_id}`.")
