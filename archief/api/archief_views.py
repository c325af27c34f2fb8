"""The Archiefbeheer API: the retention index, vernietigingslijsten and the report.

Clients authenticate with JWT-ZGW (component `arc`). Transitions of a list are actions
of the person named by the token's `user_id`: a Django user whose groups carry the
roles (record manager, reviewer, co-reviewer, archivist). The services decide; the views
parse and delegate.
"""

from __future__ import annotations

import hmac

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.response import Response

from common import tijd
from common.downloads import FileNegotiationMixin, content_disposition
from common.exceptions import DomainError
from common.safe_urls import url_under
from common.schema import PROBLEM, AutoSchema, FoutSerializer

from .. import rapportage, roles, selectors, services, tasks
from ..verklaring import verklaring_csv, verklaring_xlsx
from .archief_filters import IndexZaakFilter, VernietigingslijstFilter
from .archief_serializers import (
    IndexZaakSerializer,
    NotificatieSerializer,
    OordeelSerializer,
    RapportageSerializer,
    ToelichtingSerializer,
    UitzonderenSerializer,
    VernietigingslijstSerializer,
)

COMPONENT = "arc"
LEZEN = {"archiefbeheer.lezen"}
SCHRIJVEN = {"archiefbeheer.schrijven"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"


@extend_schema_view(
    list=extend_schema(
        summary="Alle zaken in de archiefindex opvragen.",
        description="De archiefrelevante gegevens van zaken, gelezen via de Zaken-, Catalogi- en Documenten API "
        "en actueel gehouden met notificaties en een periodieke volledige synchronisatie. Filter met "
        "`vernietigbaar=true` op kandidaten voor een vernietigingslijst.",
    ),
    retrieve=extend_schema(summary="Een zaak in de archiefindex opvragen.", description="Eén zaak uit de index."),
)
class IndexZaakViewSet(viewsets.ReadOnlyModelViewSet):
    """The archive's index of zaken."""

    queryset = selectors.indexzaak_list()
    serializer_class = IndexZaakSerializer
    filterset_class = IndexZaakFilter
    lookup_field = "uuid"
    component = COMPONENT
    required_scopes = {"list": LEZEN, "retrieve": LEZEN}


TRANSITIE = (
    "Legt vast wie (de `user_id` van het token), wanneer en met welke toelichting. Een overgang die niet "
    "mag (verkeerde status, verkeerde rol, de auteur die de eigen lijst beoordeelt) geeft een fout en "
    "verandert niets."
)


def _transition_schema(summary: str, description: str, request=ToelichtingSerializer):
    return extend_schema(
        summary=summary,
        description=description + "\n\n" + TRANSITIE,
        request=request,
        responses={200: VernietigingslijstSerializer},
    )


@extend_schema_view(
    list=extend_schema(
        summary="Alle vernietigingslijsten opvragen.", description="Met hun zaken, beoordelingen en overgangen."
    ),
    retrieve=extend_schema(
        summary="Een vernietigingslijst opvragen.", description="Met haar zaken, beoordelingen en overgangen."
    ),
    create=extend_schema(
        summary="Een vernietigingslijst voorstellen.",
        description="Een recordmanager (de `user_id` van het token) stelt een lijst voor. Elke zaak moet "
        "archiefnominatie `vernietigen` hebben en een archiefactiedatum op of voor vandaag, en op geen andere "
        "actieve lijst staan; anders wordt de hele lijst geweigerd (`zaak-niet-vernietigbaar`, met per zaak "
        "een `invalidParams`-regel). Beoordelaar, medebeoordelaars en archivaris zijn anderen dan de auteur.",
    ),
)
class VernietigingslijstViewSet(
    FileNegotiationMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Vernietigingslijsten and their review."""

    bestanden = {"verklaring": CSV, "verklaring_xlsx": XLSX}

    queryset = selectors.vernietigingslijst_list()
    serializer_class = VernietigingslijstSerializer
    filterset_class = VernietigingslijstFilter
    lookup_field = "uuid"
    component = COMPONENT
    required_scopes = {
        "list": LEZEN,
        "retrieve": LEZEN,
        "create": SCHRIJVEN,
        "indienen": SCHRIJVEN,
        "beoordelen": SCHRIJVEN,
        "aanbieden": SCHRIJVEN,
        "vaststellen": SCHRIJVEN,
        "uitzonderen": SCHRIJVEN,
        "uitvoeren": SCHRIJVEN,
        "verklaring": LEZEN,
        "verklaring_xlsx": LEZEN,
    }

    def _respond(self, lijst) -> Response:
        lijst = self.get_queryset().get(pk=lijst.pk)
        return Response(self.get_serializer(lijst).data)

    def create(self, request, *args, **kwargs):
        user = roles.acting_user(request)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        lijst = services.vernietigingslijst_create(
            auteur=user,
            naam=data["naam"],
            toelichting=data.get("toelichting", ""),
            zaken=data["zaken"],
            beoordelaar=data["beoordelaar"],
            archivaris=data["archivaris"],
            medebeoordelaars=data.get("medebeoordelaars", []),
        )
        lijst = self.get_queryset().get(pk=lijst.pk)
        return Response(self.get_serializer(lijst).data, status=status.HTTP_201_CREATED)

    def _body(self, serializer_class):
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    @_transition_schema(
        "Een vernietigingslijst indienen voor beoordeling.",
        "De auteur dient de lijst in (`nieuw` of `wijzigingen_gevraagd` → `klaar_voor_beoordeling`); de zaken "
        "worden opnieuw gecontroleerd.",
    )
    @action(detail=True, methods=["post"])
    def indienen(self, request, uuid=None):
        lijst, user, body = self.get_object(), roles.acting_user(request), self._body(ToelichtingSerializer)
        services.vernietigingslijst_indienen(lijst, gebruiker=user, toelichting=body["toelichting"])
        return self._respond(lijst)

    @_transition_schema(
        "Een vernietigingslijst beoordelen.",
        "De beoordelaar of een medebeoordelaar keurt goed of vraagt wijzigingen (terug naar de auteur). Als de "
        "beoordelaar en alle medebeoordelaars in deze ronde akkoord zijn, wordt de lijst `beoordeeld`.",
        request=OordeelSerializer,
    )
    @action(detail=True, methods=["post"])
    def beoordelen(self, request, uuid=None):
        lijst, user, body = self.get_object(), roles.acting_user(request), self._body(OordeelSerializer)
        services.vernietigingslijst_beoordelen(
            lijst, gebruiker=user, akkoord=body["akkoord"], toelichting=body["toelichting"]
        )
        return self._respond(lijst)

    @_transition_schema(
        "Een beoordeelde vernietigingslijst aan de archivaris aanbieden.",
        "De auteur of de beoordelaar biedt de lijst aan (`beoordeeld` → `klaar_voor_archivaris`).",
    )
    @action(detail=True, methods=["post"])
    def aanbieden(self, request, uuid=None):
        lijst, user, body = self.get_object(), roles.acting_user(request), self._body(ToelichtingSerializer)
        services.vernietigingslijst_aanbieden(lijst, gebruiker=user, toelichting=body["toelichting"])
        return self._respond(lijst)

    @_transition_schema(
        "Een vernietigingslijst vaststellen (archivaris).",
        "De archivaris geeft de laatste goedkeuring (→ `klaar_voor_vernietiging`; de vernietiging volgt na "
        "de wachttijd ARCHIEF_VERNIETIGING_WACHTTIJD) of vraagt wijzigingen.",
        request=OordeelSerializer,
    )
    @action(detail=True, methods=["post"])
    def vaststellen(self, request, uuid=None):
        lijst, user, body = self.get_object(), roles.acting_user(request), self._body(OordeelSerializer)
        services.vernietigingslijst_vaststellen(
            lijst, gebruiker=user, akkoord=body["akkoord"], toelichting=body["toelichting"]
        )
        return self._respond(lijst)

    @_transition_schema(
        "Een zaak van de vernietigingslijst uitzonderen.",
        "Wie een rol op de lijst heeft, haalt er vóór de vaststelling een zaak af, met een reden.",
        request=UitzonderenSerializer,
    )
    @action(detail=True, methods=["post"])
    def uitzonderen(self, request, uuid=None):
        lijst, user, body = self.get_object(), roles.acting_user(request), self._body(UitzonderenSerializer)
        item = lijst.items.filter(zaak=body["zaak"]).first()
        if item is None:
            raise DomainError("Deze zaak staat niet op de lijst.", "zaak-niet-op-lijst", field="zaak")
        services.item_uitzonderen(item, gebruiker=user, reden=body["reden"])
        return self._respond(lijst)

    @extend_schema(
        summary="Een vastgestelde vernietigingslijst uitvoeren (of een mislukte afmaken).",
        description="De archivaris laat een lijst na de wachttijd meteen uitvoeren, of een mislukte lijst "
        "opnieuw proberen. De vernietiging loopt op de achtergrond; zaken die al vernietigd zijn, worden niet "
        "opnieuw vernietigd. Het antwoord is de lijst zoals zij op dat moment is.",
        request=None,
        responses={202: VernietigingslijstSerializer},
    )
    @action(detail=True, methods=["post"])
    def uitvoeren(self, request, uuid=None):
        lijst, user = self.get_object(), roles.acting_user(request)
        services.vernietigingslijst_uitvoeren_aanvragen(lijst, gebruiker=user)
        lijst = self.get_queryset().get(pk=lijst.pk)
        return Response(self.get_serializer(lijst).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        summary="De verklaring van vernietiging (CSV).",
        description="Per vernietigde zaak: zaaktype, identificatie, periode, resultaat, selectielijstcategorie "
        "en -versie, en de goedkeuringen, met de `uitkomst`: `vernietigd`, of `verdwenen` voor een zaak die bij de "
        "uitvoering al niet meer bestond en die deze lijst dus niet vernietigde (de `toelichting` zegt waarom). "
        "Behouden zaken (uitgezonderd, overgeslagen) staan er niet in.",
        responses={
            (200, CSV): OpenApiTypes.STR,
            (404, PROBLEM): OpenApiResponse(FoutSerializer, description="Niet gevonden."),
        },
    )
    @action(detail=True, methods=["get"])
    def verklaring(self, request, uuid=None):
        lijst = self.get_object()
        response = HttpResponse(verklaring_csv(lijst), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = content_disposition(f"verklaring-van-vernietiging-{lijst.uuid}.csv")
        return response

    @extend_schema(
        summary="De verklaring van vernietiging (spreadsheet).",
        description="Dezelfde gegevens als de CSV, als XLSX-werkmap voor archivarissen.",
        responses={
            (200, XLSX): OpenApiTypes.BINARY,
            (404, PROBLEM): OpenApiResponse(FoutSerializer, description="Niet gevonden."),
        },
    )
    @action(detail=True, methods=["get"], url_path="verklaring/xlsx")
    def verklaring_xlsx(self, request, uuid=None):
        lijst = self.get_object()
        response = HttpResponse(verklaring_xlsx(lijst), content_type=XLSX)
        response["Content-Disposition"] = content_disposition(f"verklaring-van-vernietiging-{lijst.uuid}.xlsx")
        return response


def _rapport_data() -> dict:
    uitkomsten = rapportage.rapportage()
    return {
        "datum": tijd.vandaag(),
        "op_orde": all(u.op_orde is not False for u in uitkomsten),
        "normen": uitkomsten,
    }


class SingleObjectSchema(AutoSchema):
    """The report is one object, although it is served by a viewset's `list`."""

    def _is_list_view(self, serializer=None) -> bool:
        return False


class RapportageViewSet(FileNegotiationMixin, viewsets.ViewSet):
    """Informatiehuishouding op orde: the norms, per zaaktype and overall."""

    bestanden = {"csv": CSV}

    schema = SingleObjectSchema()

    component = COMPONENT
    required_scopes = {"list": LEZEN, "csv": LEZEN}
    pagination_class = None

    @extend_schema(
        summary="De rapportage 'informatiehuishouding op orde' opvragen.",
        description="Per norm het aantal zaaktypen, zaken, documenten of publicaties dat de norm niet haalt (nul is "
        "goed), per zaaktype, met de URL's van de zaken erachter. Berekend uit de archiefindex; de Woo-norm uit de "
        "Publicaties API (`beschikbaar` is `false` als die niet bereikbaar is).",
        responses={200: RapportageSerializer},
    )
    def list(self, request):
        return Response(RapportageSerializer(_rapport_data()).data)

    @extend_schema(
        summary="De rapportage als CSV.",
        description="Eén regel per norm (zaaktype leeg) en per norm en zaaktype.",
        responses={(200, CSV): OpenApiTypes.STR},
    )
    @action(detail=False, methods=["get"])
    def csv(self, request):
        response = HttpResponse(
            rapportage.rapportage_csv(rapportage.rapportage()), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = content_disposition("informatiehuishouding.csv")
        return response


class NotificatieViewSet(viewsets.ViewSet):
    """The callback on which the archive receives notifications of kanaal `zaken`."""

    authentication_classes: tuple = ()
    serializer_class = NotificatieSerializer

    @extend_schema(
        summary="Een notificatie ontvangen.",
        description="Het abonnement van de archiefindex op kanaal `zaken`. De `Authorization`-header moet "
        "gelijk zijn aan de instelling ARCHIEF_NOTIFICATIES_AUTH (standaard een waarde afgeleid van SECRET_KEY, "
        "waarmee `manage.py archief inrichten` het abonnement aanmaakt). De zaak (`hoofdObject`) wordt daarna opnieuw "
        "via de Zaken API gelezen; de inhoud van het bericht zelf wordt niet vertrouwd.",
        request=NotificatieSerializer,
        responses={
            204: OpenApiResponse(description="Ontvangen."),
            (401, PROBLEM): OpenApiResponse(FoutSerializer, description="Geen Authorization-header."),
            (403, PROBLEM): OpenApiResponse(FoutSerializer, description="Verkeerde of geen Authorization-header."),
        },
    )
    def create(self, request):
        expected = settings.ARCHIEF_NOTIFICATIES_AUTH
        given = request.headers.get("Authorization", "")
        if not given:
            raise NotAuthenticated("Send the agreed Authorization header.")
        if not hmac.compare_digest(given.encode(), expected.encode()):
            raise PermissionDenied("The Authorization header is not the agreed one.")
        serializer = NotificatieSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        message = serializer.validated_data
        zaak_url = message["hoofd_object"]
        # Only zaken of the configured Zaken API are followed (no SSRF); others are ignored.
        zaak_url = url_under(zaak_url, settings.ZAKEN_API_ROOT)
        if message["kanaal"] == "zaken" and zaak_url is not None:
            transaction.on_commit(lambda: tasks.index_zaak_bijwerken.delay(zaak_url))
        return Response(status=status.HTTP_204_NO_CONTENT)
