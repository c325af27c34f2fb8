"""The Selectielijst API: public, read-only access to the VNG Selectielijst."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from .. import selectors
from .filters import ProcesTypeFilter, ResultaatFilter
from .serializers import ProcesTypeSerializer, ResultaatSerializer, ResultaatTypeOmschrijvingGeneriekSerializer

# Public reference data: a token is not needed, and one this deployment does not know
# (a client configured with credentials for another component) must not turn a read into a 401.
NO_AUTHENTICATION: tuple = ()

BRON = "Bron: de Selectielijst gemeenten en intergemeentelijke organen 2020 van VNG (https://vng.nl/selectielijst)."


@extend_schema_view(
    list=extend_schema(
        summary="Alle procestypen opvragen.",
        description="Procestypen worden gerefereerd in zaaktypecatalogi: bij het configureren van een zaaktype "
        "wordt aangegeven welk procestype van toepassing is, zodat het archiefregime van zaken bepaald kan "
        "worden. Filter met `jaar` op de versie van de selectielijst. De lijst is niet gepagineerd.\n\n" + BRON,
    ),
    retrieve=extend_schema(
        summary="Een specifiek procestype opvragen.",
        description="Een procestype van de selectielijst, geadresseerd met zijn uuid.\n\n" + BRON,
    ),
)
class ProcesTypeViewSet(viewsets.ReadOnlyModelViewSet):
    """Procestypen: the categories of the Selectielijst."""

    queryset = selectors.procestype_list()
    serializer_class = ProcesTypeSerializer
    lookup_field = "uuid"
    authentication_classes = NO_AUTHENTICATION
    filterset_class = ProcesTypeFilter
    pagination_class = None


@extend_schema_view(
    list=extend_schema(
        summary="Alle resultaten opvragen.",
        description="Bij een procestype horen meerdere mogelijke resultaten, generiek of specifiek. Bij het "
        "configureren van een resultaattype in de Catalogi API wordt aangegeven welke selectielijstklasse van "
        "toepassing is: een verwijzing naar een resultaat uit deze lijst. Filter met `procesType` op de "
        "resultaten van één procestype. De lijst is gepagineerd en staat in de volgorde van `volledigNummer`."
        "\n\n" + BRON,
        parameters=[
            OpenApiParameter(
                "procesType",
                OpenApiTypes.URI,
                description="URL van een procestype; geeft alleen de resultaten van dat procestype. Een URL die "
                "niet naar een procestype van deze API verwijst, geeft een 400.",
            )
        ],
    ),
    retrieve=extend_schema(
        summary="Een specifiek resultaat opvragen.",
        description="Een resultaat van de selectielijst met zijn waardering, procestermijn en bewaartermijn, "
        "geadresseerd met zijn uuid.\n\n" + BRON,
    ),
)
class ResultaatViewSet(viewsets.ReadOnlyModelViewSet):
    """Resultaten: the outcomes of a procestype, each with its retention rule."""

    queryset = selectors.resultaat_list()
    serializer_class = ResultaatSerializer
    lookup_field = "uuid"
    authentication_classes = NO_AUTHENTICATION
    filterset_class = ResultaatFilter


@extend_schema_view(
    list=extend_schema(
        summary="Alle generieke resultaattypeomschrijvingen opvragen.",
        description="De algemeen gehanteerde omschrijvingen van de aard van het resultaat van zaken, waarnaar "
        "een resultaattype in de Catalogi API verwijst met `omschrijvingGeneriek`. De lijst is niet gepagineerd.",
    ),
    retrieve=extend_schema(
        summary="Een specifieke generieke resultaattypeomschrijving opvragen.",
        description="Een generieke resultaattypeomschrijving, geadresseerd met haar uuid.",
    ),
)
class ResultaatTypeOmschrijvingGeneriekViewSet(viewsets.ReadOnlyModelViewSet):
    """Generic descriptions of the kind of result a case can have."""

    queryset = selectors.resultaattypeomschrijving_list()
    serializer_class = ResultaatTypeOmschrijvingGeneriekSerializer
    lookup_field = "uuid"
    authentication_classes = NO_AUTHENTICATION
    pagination_class = None
