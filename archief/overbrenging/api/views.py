"""Transfers in the Archiefbeheer API: archives, agreements, transfers and the archive's verdict.

Clients authenticate with JWT-ZGW (component `arc`, scopes `archiefbeheer.lezen` and
`archiefbeheer.schrijven`). Transitions are made by people: the token's `user_id` names
an active user whose role allows the transition (`archief.roles`), recorded as who made it.
The services decide; the views parse and delegate.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from common.schema import ValidatieFoutSerializer

from ... import roles
from .. import selectors, services
from .serializers import (
    ArchiefinstellingSerializer,
    OverbrengingsafspraakSerializer,
    OverbrengingSerializer,
    UitslagenSerializer,
)

COMPONENT = "arc"
LEZEN = {"archiefbeheer.lezen"}
SCHRIJVEN = {"archiefbeheer.schrijven"}
CRUD_SCOPES = {
    "list": LEZEN,
    "retrieve": LEZEN,
    "create": SCHRIJVEN,
    "update": SCHRIJVEN,
    "partial_update": SCHRIJVEN,
    "destroy": SCHRIJVEN,
}


@extend_schema_view(
    list=extend_schema(
        summary="Alle archiefinstellingen opvragen.", description="De archieven waarheen wordt overgebracht."
    ),
    retrieve=extend_schema(summary="Een archiefinstelling opvragen.", description="Eén archiefinstelling."),
    create=extend_schema(summary="Een archiefinstelling aanmaken.", description="Een ontvangend archief."),
    update=extend_schema(summary="Een archiefinstelling bijwerken.", description="Alle gegevens opnieuw."),
    partial_update=extend_schema(summary="Een archiefinstelling deels bijwerken.", description="Enkele gegevens."),
    destroy=extend_schema(
        summary="Een archiefinstelling verwijderen.",
        description="Kan alleen zolang er geen afspraak met de instelling is (anders 400 `in-use`).",
        responses={204: None, (400, "application/problem+json"): ValidatieFoutSerializer},
    ),
)
class ArchiefinstellingViewSet(viewsets.ModelViewSet):
    queryset = selectors.archiefinstelling_list()
    serializer_class = ArchiefinstellingSerializer
    lookup_field = "uuid"
    component = COMPONENT
    required_scopes = CRUD_SCOPES


@extend_schema_view(
    list=extend_schema(
        summary="Alle overbrengingsafspraken opvragen.",
        description="Wat archief en archiefvormer afspraken: doel, containervorm en -omvang, checksum, "
        "vervroegde overbrenging, openbaarheidsbeperking en de omgang met de eigen kopie.",
    ),
    retrieve=extend_schema(summary="Een overbrengingsafspraak opvragen.", description="Eén afspraak."),
    create=extend_schema(summary="Een overbrengingsafspraak aanmaken.", description="Een nieuwe afspraak."),
    update=extend_schema(summary="Een overbrengingsafspraak bijwerken.", description="Alle gegevens opnieuw."),
    partial_update=extend_schema(summary="Een overbrengingsafspraak deels bijwerken.", description="Enkele gegevens."),
    destroy=extend_schema(
        summary="Een overbrengingsafspraak verwijderen.",
        description="Kan alleen zolang er geen overbrenging onder de afspraak is (anders 400 `in-use`).",
        responses={204: None, (400, "application/problem+json"): ValidatieFoutSerializer},
    ),
)
class OverbrengingsafspraakViewSet(viewsets.ModelViewSet):
    queryset = selectors.overbrengingsafspraak_list()
    serializer_class = OverbrengingsafspraakSerializer
    lookup_field = "uuid"
    component = COMPONENT
    required_scopes = CRUD_SCOPES


@extend_schema_view(
    list=extend_schema(summary="Alle overbrengingen opvragen.", description="Met hun zaken, voortgang en overgangen."),
    retrieve=extend_schema(
        summary="Een overbrenging opvragen.",
        description="Met per zaak de status, de fout als zij niet mee kon en het oordeel van het archief; de "
        "containers; de voortgang (zaken en bytes) en elke statusovergang met wie en wanneer.",
    ),
    create=extend_schema(
        summary="Een overbrenging samenstellen (concept).",
        description="Elke zaak moet blijvend bewaard worden, gearchiveerd zijn met al haar documenten, en ouder "
        "zijn dan de wettelijke overbrengingstermijn (instelling ARCHIEF_OVERBRENGINGSTERMIJN), of jonger als de "
        "afspraak vervroegde overbrenging voor haar zaaktype en periode toestaat. Anders wordt de hele selectie "
        "geweigerd (`niet-overdraagbaar`, per zaak een `invalidParams`-regel met de reden).",
    ),
)
class OverbrengingViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    queryset = selectors.overbrenging_list()
    serializer_class = OverbrengingSerializer
    lookup_field = "uuid"
    component = COMPONENT
    required_scopes = {
        "list": LEZEN,
        "retrieve": LEZEN,
        "create": SCHRIJVEN,
        "goedkeuren": SCHRIJVEN,
        "uitslag": SCHRIJVEN,
    }

    def _respond(self, overbrenging, status: int = 200) -> Response:
        overbrenging = self.get_queryset().get(pk=overbrenging.pk)
        return Response(self.get_serializer(overbrenging).data, status=status)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        overbrenging = services.overbrenging_create(
            afspraak=data["afspraak"],
            zaken=data["zaken"],
            door=roles.acting_user(request),
            naam=data.get("naam", ""),
            omschrijving=data.get("omschrijving", ""),
        )
        return self._respond(overbrenging, 201)

    @extend_schema(
        summary="Een overbrenging goedkeuren.",
        description="De archivaris keurt de selectie goed; daarna wordt het pakket gemaakt, afgeleverd en "
        "geverifieerd (asynchroon, hervatbaar). Alleen vanuit status `concept`.",
        request=None,
        responses={200: OverbrengingSerializer},
    )
    @action(detail=True, methods=["post"])
    def goedkeuren(self, request, uuid=None):
        overbrenging = services.overbrenging_approve(overbrenging=self.get_object(), door=roles.acting_user(request))
        return self._respond(overbrenging)

    @extend_schema(
        summary="Het oordeel van het archief per zaak doorgeven.",
        description="Het archief meldt na ingest per zaak of zij is opgenomen (`geaccepteerd`) of niet, met een "
        "reden (verplicht bij afwijzing). Mag in delen; als elke afgeleverde zaak een oordeel heeft, wordt de "
        "overbrenging geaccepteerd, deels geaccepteerd of afgewezen, en pas dan krijgen de geaccepteerde "
        "zaken archiefstatus `overgedragen` en wordt de verklaring van overbrenging opgeslagen. Alleen in "
        "status `geverifieerd`.",
        request=UitslagenSerializer,
        responses={200: OverbrengingSerializer},
    )
    @action(detail=True, methods=["post"])
    def uitslag(self, request, uuid=None):
        serializer = UitslagenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        overbrenging = services.overbrenging_beoordelen(
            overbrenging=self.get_object(),
            uitslagen=serializer.validated_data["uitslagen"],
            door=roles.acting_user(request),
        )
        return self._respond(overbrenging)
