"""Viewsets of the Publicaties API: parse with the serializers, decide in the services."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from common.exceptions import TITLES
from common.schema import PROBLEM, AutoSchema, FoutSerializer, ValidatieFoutSerializer

from .. import selectors, services
from ..models import Informatiecategorie, Organisatie, PublicatieDocument, Publicatieregel
from ..tasks import queue_document_vernietigd, queue_document_verwerken
from . import filters, serializers

COMPONENT = "orc"
SCOPE_LEZEN = "publicaties.lezen"
SCOPE_SCHRIJVEN = "publicaties.schrijven"
SCOPE_NOTIFICATIES_PUBLICEREN = "notificaties.publiceren"
LEZEN = {SCOPE_LEZEN}
SCHRIJVEN = {SCOPE_SCHRIJVEN}
READ_WRITE = {
    "list": LEZEN,
    "retrieve": LEZEN,
    "create": SCHRIJVEN,
    "update": SCHRIJVEN,
    "partial_update": SCHRIJVEN,
    "destroy": SCHRIJVEN,
}


class PublicatiesAutoSchema(AutoSchema):
    """Documents the 400 of a DELETE (refused by a rule, e.g. for a published publicatie) and the
    503 of a write that has to read the Documenten API first."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response" or getattr(self.view, "required_scopes", None) is None:
            return responses
        method = self.method.upper()
        extra = {}
        if method == "DELETE":
            extra["400"] = ValidatieFoutSerializer
        if method in ("POST", "PUT", "PATCH") and getattr(self.view, "reads_documenten", False):
            extra["503"] = FoutSerializer
        for code, serializer in extra.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(serializer, code, [PROBLEM])
                responses[code]["description"] = TITLES[int(code)]
        return dict(sorted(responses.items()))


# Public reference data: a token is not needed, and an unknown one must not turn a read into a 401.
NO_AUTHENTICATION: tuple = ()


@extend_schema_view(
    list=extend_schema(
        summary="Alle Woo-informatiecategorieën opvragen.",
        description="De 17 informatiecategorieën van de Wet open overheid en de inspanningsverplichting van "
        "art. 3.1, uit de TOOI-waardelijst `scw_woo_informatiecategorieen`. Openbaar en alleen-lezen; niet "
        "gepagineerd. `nummer` is het NNN in `sitemapindex-diwoo-infocatNNN.xml`.",
    ),
    retrieve=extend_schema(summary="Een specifieke informatiecategorie opvragen.", description="Op uuid."),
)
class InformatiecategorieViewSet(viewsets.ReadOnlyModelViewSet):
    """The Woo information categories (TOOI), read-only."""

    queryset = Informatiecategorie.objects.order_by("volgorde")
    serializer_class = serializers.InformatiecategorieSerializer
    lookup_field = "uuid"
    authentication_classes = NO_AUTHENTICATION
    pagination_class = None


@extend_schema_view(
    list=extend_schema(summary="Alle organisaties opvragen.", description="De publicerende organisaties."),
    retrieve=extend_schema(summary="Een specifieke organisatie opvragen.", description="Op uuid."),
    create=extend_schema(
        summary="Een organisatie aanmaken.",
        description="`identifier` is een TOOI-identifier uit de organisatielijsten van DiWoo (`tooi-onbekend`).",
    ),
    update=extend_schema(summary="Een organisatie in zijn geheel bijwerken.", description="Zie aanmaken."),
    partial_update=extend_schema(summary="Een organisatie deels bijwerken.", description="Zie aanmaken."),
)
class OrganisatieViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Organisations that publish, are responsible or drew up documents, by TOOI identifier."""

    schema = PublicatiesAutoSchema()
    queryset = Organisatie.objects.order_by("naam", "pk")
    serializer_class = serializers.OrganisatieSerializer
    lookup_field = "uuid"
    component = COMPONENT
    required_scopes = READ_WRITE

    def perform_create(self, serializer):
        serializer.instance = services.organisatie_create(**serializer.validated_data)

    def perform_update(self, serializer):
        services.organisatie_update(organisatie=serializer.instance, data=serializer.validated_data)


def _publicatie_data(validated: dict) -> dict:
    data = dict(validated)
    if "kenmerken" in data:
        data["kenmerken"] = [dict(item) for item in data["kenmerken"]]
    return data


@extend_schema_view(
    list=extend_schema(
        summary="Alle publicaties opvragen.", description="Te filteren op status, categorie, publisher en deadline."
    ),
    retrieve=extend_schema(summary="Een specifieke publicatie opvragen.", description="Op uuid."),
    create=extend_schema(
        summary="Een publicatie aanmaken.",
        description="Een nieuwe publicatie is een `concept` (een andere `status` geeft "
        "`ongeldige-statusovergang`). Zonder `publisher` publiceert de eigen organisatie.",
    ),
    update=extend_schema(
        summary="Een publicatie in zijn geheel bijwerken.",
        description="Met `status` gaat de publicatie naar de volgende status: `concept` → `gepubliceerd` → "
        "`ingetrokken`, geen andere overgangen (`ongeldige-statusovergang`). Publiceren vraagt ten minste één "
        "document (`publicatie-zonder-documenten`) en controleert in de Documenten API dat elk document openbaar "
        "is (`document-niet-openbaar`). Intrekken vraagt om een `redenIntrekking` uit de TOOI-lijst "
        "(`reden-intrekking`). Een ingetrokken publicatie verandert niet meer (`publicatie-ingetrokken`).",
    ),
    partial_update=extend_schema(summary="Een publicatie deels bijwerken.", description="Zie bijwerken."),
    destroy=extend_schema(
        summary="Een publicatie verwijderen.",
        description="Alleen een concept (`publicatie-niet-concept`); een gepubliceerde publicatie wordt ingetrokken.",
    ),
)
class PublicatieViewSet(viewsets.ModelViewSet):
    """Woo publications and their status."""

    schema = PublicatiesAutoSchema()
    reads_documenten = True
    queryset = selectors.publicatie_list().order_by("-registratiedatum", "-pk")
    serializer_class = serializers.PublicatieSerializer
    filterset_class = filters.PublicatieFilter
    lookup_field = "uuid"
    component = COMPONENT
    required_scopes = READ_WRITE

    def get_filterset_class(self):
        return self.filterset_class if self.action == "list" else None

    def perform_create(self, serializer):
        data = _publicatie_data(serializer.validated_data)
        data.setdefault("publisher", None)
        if data["publisher"] is None:
            data["publisher"] = services.organisatie_eigen()
        serializer.instance = services.publicatie_create(data=data)

    def perform_update(self, serializer):
        services.publicatie_update(publicatie=serializer.instance, data=_publicatie_data(serializer.validated_data))
        serializer.instance = selectors.publicatie_list().get(pk=serializer.instance.pk)

    def perform_destroy(self, instance):
        services.publicatie_delete(publicatie=instance)


@extend_schema_view(
    list=extend_schema(
        summary="Het deadline-overzicht opvragen.",
        description="Concept-publicaties waarvan de deadline voorbij is of binnen "
        "`OPENBAARMAKING_DEADLINE_WAARSCHUWING_DAGEN` dagen valt, de meest verlopen eerst. Dit overzicht gaat "
        "ook dagelijks per e-mail naar de publicatiemedewerkers.",
    )
)
class DeadlineoverzichtViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Concepts nearing or past their deadline, the most overdue first."""

    schema = PublicatiesAutoSchema()
    serializer_class = serializers.DeadlineSerializer
    component = COMPONENT
    required_scopes = {"list": LEZEN}

    def get_queryset(self):
        return selectors.deadline_overzicht()


@extend_schema_view(
    list=extend_schema(summary="Alle documenten van publicaties opvragen.", description="Te filteren op publicatie."),
    retrieve=extend_schema(summary="Een specifiek document van een publicatie opvragen.", description="Op uuid."),
    create=extend_schema(
        summary="Een document aan een publicatie toevoegen.",
        description="Alleen bij een concept (`publicatie-niet-concept`). Het document wordt in de Documenten API "
        "gelezen; titel, datums, formaat en grootte komen daarvandaan. Een document dat niet openbaar is, wordt "
        "geweigerd (`document-niet-openbaar`).",
    ),
    destroy=extend_schema(
        summary="Een document uit een publicatie verwijderen.",
        description="Alleen bij een concept (`publicatie-niet-concept`).",
    ),
)
class PublicatieDocumentViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The documents of publications: references to the Documenten API."""

    schema = PublicatiesAutoSchema()
    reads_documenten = True
    queryset = PublicatieDocument.objects.select_related("publicatie").order_by("pk")
    serializer_class = serializers.PublicatieDocumentSerializer
    filterset_class = filters.PublicatieDocumentFilter
    lookup_field = "uuid"
    component = COMPONENT
    required_scopes = READ_WRITE

    def get_filterset_class(self):
        return self.filterset_class if self.action == "list" else None

    def perform_create(self, serializer):
        serializer.instance = services.publicatiedocument_create(
            publicatie=serializer.validated_data["publicatie"], document_url=serializer.validated_data["document"]
        )

    def perform_destroy(self, instance):
        services.publicatiedocument_delete(item=instance)


@extend_schema_view(
    list=extend_schema(summary="Alle publicatieregels opvragen.", description="Welk type bij welke categorie hoort."),
    retrieve=extend_schema(summary="Een specifieke publicatieregel opvragen.", description="Op uuid."),
    create=extend_schema(
        summary="Een publicatieregel aanmaken.",
        description="Een definitief (of gearchiveerd), openbaar document van `informatieobjecttype` wordt een "
        "publicatie in `informatiecategorie`: meteen gepubliceerd (`automatischPubliceren`) of als concept met een "
        "deadline van `termijnDagen` (standaard 14) na het definitief worden. Het informatieobjecttype moet in de "
        "Catalogi API bestaan (`bad-url`, `invalid-resource`); per type is er één regel (`unique`).",
    ),
    update=extend_schema(summary="Een publicatieregel in zijn geheel bijwerken.", description="Zie aanmaken."),
    partial_update=extend_schema(summary="Een publicatieregel deels bijwerken.", description="Zie aanmaken."),
    destroy=extend_schema(
        summary="Een publicatieregel verwijderen.", description="Bestaande publicaties blijven bestaan."
    ),
)
class PublicatieregelViewSet(viewsets.ModelViewSet):
    """Which informatieobjecttype publishes in which Woo category, and how."""

    schema = PublicatiesAutoSchema()
    queryset = Publicatieregel.objects.select_related("informatiecategorie").order_by("pk")
    serializer_class = serializers.PublicatieregelSerializer
    filterset_class = filters.PublicatieregelFilter
    lookup_field = "uuid"
    component = COMPONENT
    required_scopes = READ_WRITE

    def get_filterset_class(self):
        return self.filterset_class if self.action == "list" else None

    def perform_create(self, serializer):
        serializer.instance = services.publicatieregel_create(data=serializer.validated_data)

    def perform_update(self, serializer):
        services.publicatieregel_update(regel=serializer.instance, data=serializer.validated_data)


@extend_schema_view(
    create=extend_schema(
        summary="Een notificatie ontvangen.",
        description="De webhook voor de Notificaties API (kanaal `documenten`). Een ENKELVOUDIGINFORMATIEOBJECT "
        "dat definitief (of gearchiveerd, wat op definitief volgt) en openbaar is en onder een publicatieregel valt, "
        "wordt binnen een minuut een publicatie; is het document vernietigd (`actie` `destroy`), dan wordt zijn "
        "gepubliceerde publicatie ingetrokken. "
        "Het document wordt daarvoor altijd in de Documenten API gelezen; kenmerken alleen zijn geen bewijs. "
        "Andere kanalen en resources worden ontvangen en genegeerd.",
        responses={204: None},
    )
)
class NotificatieViewSet(viewsets.GenericViewSet):
    """The callback the Notificaties API (or the outbox of the Documenten API) posts to."""

    schema = PublicatiesAutoSchema()
    serializer_class = serializers.NotificatieSerializer
    component = "nrc"
    required_scopes = {"create": {SCOPE_NOTIFICATIES_PUBLICEREN}}

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        message = serializer.validated_data
        if message["kanaal"] == "documenten" and message["resource"] == "enkelvoudiginformatieobject":
            if message["actie"] == "destroy":
                queue_document_vernietigd(message["resource_url"])
            else:
                queue_document_verwerken(message["resource_url"])
        return Response(status=status.HTTP_204_NO_CONTENT)
