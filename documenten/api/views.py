"""Viewsets of the Documenten API 1.5: parse with the serializers, decide in the services."""

from __future__ import annotations

import sys
from datetime import UTC

from django.conf import settings
from django.http import FileResponse
from django.utils.dateparse import parse_datetime
from django.utils.timezone import is_naive, make_aware
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotAcceptable
from rest_framework.generics import get_object_or_404
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import FormParser
from rest_framework.response import Response

from common.audit import audittrail_for
from common.downloads import OCTET_STREAM, content_disposition, is_media_type, preferred_media_type
from common.exceptions import TITLES, DomainError
from common.models import AuditTrail
from common.schema import PROBLEM, AutoSchema, FoutSerializer, ValidatieFoutSerializer

from .. import selectors, services, storage
from ..models import (
    BestandsDeel,
    Gebruiksrechten,
    InformatieObject,
    IntegriteitsAfwijking,
    ObjectInformatieObject,
    Verzending,
)
from ..services import (
    SCOPE_AANMAKEN,
    SCOPE_BIJWERKEN,
    SCOPE_GEFORCEERD_BIJWERKEN,
    SCOPE_GEFORCEERD_UNLOCK,
    SCOPE_LEZEN,
    SCOPE_LOCK,
    SCOPE_VERWIJDEREN,
)
from . import expand, filters
from . import serializers as s
from .parsers import MULTIPART_FRAMING, BestandsDeelParser, InhoudJSONParser
from .renderers import ExpandRenderer

SCOPE_AUDITTRAILS = "audittrails.lezen"
LEZEN = {SCOPE_LEZEN}
BIJWERKEN = {SCOPE_BIJWERKEN, SCOPE_GEFORCEERD_BIJWERKEN}

VERSIE_PARAMETERS = [
    OpenApiParameter(
        "versie", OpenApiTypes.INT, description="Het (automatische) versienummer van het INFORMATIEOBJECT."
    ),
    OpenApiParameter(
        "registratieOp",
        OpenApiTypes.STR,
        description="Een datumtijd in ISO8601 formaat. De versie van het INFORMATIEOBJECT die qua `begin_registratie` "
        "het kortst hiervoor zit wordt opgehaald.",
    ),
]


class DocumentenAutoSchema(AutoSchema):
    """Documents the scopes of each operation, as the standard does, and the 400 of a DELETE."""

    def get_auth(self):
        auth = super().get_auth()
        scopes = (getattr(self.view, "required_scopes", None) or {}).get(getattr(self.view, "action", None))
        if not auth or not scopes:
            return auth
        expression = " | ".join(sorted(scopes))
        return [{"JWT-Claims": [f"({expression})" if len(scopes) > 1 else expression]}]

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        method = self.method.upper()
        # DELETE may be refused by a rule; a detail GET by a wrong `versie` or `registratieOp`.
        if method in ("DELETE", "GET") and "400" not in responses:
            responses["400"] = self._get_response_for_code(ValidatieFoutSerializer, "400", [PROBLEM])
            responses["400"]["description"] = TITLES[400]
        if "{" in self.path and "404" not in responses:  # the list of one document's audit trail
            responses["404"] = self._get_response_for_code(FoutSerializer, "404", [PROBLEM])
            responses["404"]["description"] = TITLES[404]
        if method in ("POST", "PUT", "PATCH"):
            responses["413"] = self._get_response_for_code(FoutSerializer, "413", [PROBLEM])
            responses["413"]["description"] = TITLES[413]
        return dict(sorted(responses.items()))


DOWNLOAD_200 = (
    "De inhoud, als application/octet-stream; als het `formaat` van het document wanneer de Accept-header "
    "alleen dat toelaat."
)


class AnyAccept(BaseContentNegotiation):
    """The download negotiates itself (its media types depend on the document); errors stay problem+json."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class DocumentenViewSet(viewsets.GenericViewSet):
    schema = DocumentenAutoSchema()
    component = "drc"
    lookup_field = "uuid"

    def toelichting(self) -> str:
        return self.request.headers.get("X-Audit-Toelichting", "")


EXPAND_PARAMETER = OpenApiParameter(
    "expand",
    OpenApiTypes.STR,
    description="Haal details van gelinkte resources direct op. Als je meerdere resources tegelijk wilt ophalen "
    "kun je deze scheiden met een komma. Voor het ophalen van resources die een laag dieper genest zijn wordt de "
    "punt-notatie gebruikt. Mogelijk: `informatieobjecttype` bij een informatieobject; `informatieobject` en "
    "`informatieobject.informatieobjecttype` bij gebruiksrechten, objectinformatieobjecten en verzendingen. Wat de "
    "client zelf niet mag lezen, blijft `null`.",
)


class ExpandMixin:
    """`expand` on the list and the read: the related resources under `_expand` (see `expand`)."""

    renderer_classes = (ExpandRenderer,)
    expand_resource = ""

    def expanded(self, instances, data, paths) -> list[dict]:
        tree = expand.parse(paths, self.expand_resource)
        expander = expand.Expander(auth=self.request.auth, context=self.get_serializer_context())
        return expander.many(self.expand_resource, instances, data, tree)

    def list(self, request, *args, **kwargs):
        paths = request.query_params.get("expand", "")
        expand.parse(paths, self.expand_resource)  # an unknown name is refused before anything is read
        if not paths:
            return super().list(request, *args, **kwargs)
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = list(page) if page is not None else list(queryset)
        data = self.expanded(rows, self.get_serializer(rows, many=True).data, paths)
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request, *args, **kwargs):
        paths = request.query_params.get("expand", "")
        expand.parse(paths, self.expand_resource)
        instance = self.get_object()
        return Response(self.expanded([instance], [self.get_serializer(instance).data], paths)[0])


def _versie_query(request) -> dict:
    """`versie` and `registratieOp`, checked: a wrong value is a 400, not a silent default."""
    result: dict = {}
    errors = {}
    versie = request.query_params.get("versie")
    if versie not in (None, ""):
        if not versie.isdigit() or int(versie) < 1:
            errors["versie"] = [serializers.ErrorDetail("Geef een positief geheel getal.", code="invalid")]
        else:
            result["versie"] = int(versie)
    registratie_op = request.query_params.get("registratieOp")
    if registratie_op not in (None, ""):
        try:
            moment = parse_datetime(registratie_op)
            if moment is None:
                from django.utils.dateparse import parse_date

                day = parse_date(registratie_op)
                if day is not None:
                    from datetime import datetime, time

                    moment = datetime.combine(day, time.max)
            if moment is not None:
                moment = make_aware(moment) if is_naive(moment) else moment
                moment.astimezone(UTC)  # must be a moment the database can hold
        except (ValueError, OverflowError):  # year 0, or a moment before year 1 in UTC
            moment = None
        if moment is None:
            errors["registratieOp"] = [
                serializers.ErrorDetail("Geef een datumtijd in ISO 8601-formaat.", code="invalid")
            ]
        else:
            result["registratie_op"] = moment
    if errors:
        raise serializers.ValidationError(errors)
    return result


@extend_schema_view(
    list=extend_schema(
        summary="Alle (ENKELVOUDIGe) INFORMATIEOBJECTen opvragen.",
        description="Deze lijst kan gefilterd wordt met query-string parameters. De objecten bevatten metadata over "
        "de documenten en de downloadlink (`inhoud`) naar de binary data. Alleen de laatste versie van elk "
        "(ENKELVOUDIG) INFORMATIEOBJECT wordt getoond, en alleen van de informatieobjecttypen en "
        "vertrouwelijkheidaanduidingen waarvoor de client geautoriseerd is.",
        parameters=[EXPAND_PARAMETER],
    ),
    retrieve=extend_schema(
        summary="Een specifiek (ENKELVOUDIG) INFORMATIEOBJECT opvragen.",
        description="Het object bevat metadata over het document en de downloadlink (`inhoud`) naar de binary data. "
        "Dit geeft standaard de laatste versie; specifieke versies met `versie` of `registratieOp`.",
        parameters=[*VERSIE_PARAMETERS, EXPAND_PARAMETER],
    ),
    create=extend_schema(
        summary="Maak een (ENKELVOUDIG) INFORMATIEOBJECT aan.",
        description="**Er wordt gevalideerd op**\n"
        "- geldigheid `informatieobjecttype` URL - de resource moet opgevraagd kunnen worden uit de Catalogi API en "
        "de vorm van een INFORMATIEOBJECTTYPE hebben (`bad-url`, `invalid-resource`);\n"
        "- publicatie `informatieobjecttype` - `concept` moet `false` zijn (`not-published`);\n"
        "- `status` `in_bewerking` of `ter_vaststelling` komt niet voor met een `ontvangstdatum` "
        "(`invalid_for_received`);\n"
        "- `bestandsomvang` is gelijk aan de grootte van `inhoud` (`file-size`).\n\n"
        "Zonder `vertrouwelijkheidaanduiding` geldt die van het informatieobjecttype. De inhoud komt als base64 in "
        "`inhoud`, of, voor grote bestanden, met alleen `bestandsomvang`: dan is het document gelocked en geeft "
        "`bestandsdelen` de delen (met `lock`) die met `PUT /bestandsdelen/{uuid}` geüpload worden. Het document is "
        "pas te downloaden als alle delen binnen zijn. Elk opgeslagen bestand krijgt bij het schrijven zijn SHA-256 "
        "in `integriteit`.",
        request=s.EnkelvoudigInformatieObjectSerializer,
        responses={201: s.EnkelvoudigInformatieObjectSerializer},
    ),
    update=extend_schema(
        summary="Werk een (ENKELVOUDIG) INFORMATIEOBJECT in zijn geheel bij.",
        description="Dit creëert altijd een nieuwe versie. Vereist de `lock` van het document (`unlocked`, "
        "`incorrect-lock-id`); het `informatieobjecttype` kan niet wijzigen (`wijzigen-niet-toegelaten`). Een "
        "definitief document wijzigen vraagt de scope `documenten.geforceerd-bijwerken`.",
    ),
    partial_update=extend_schema(
        summary="Werk een (ENKELVOUDIG) INFORMATIEOBJECT deels bij.",
        description="Dit creëert altijd een nieuwe versie. Vereist de `lock` van het document (`unlocked`, "
        "`missing-lock-id`, `incorrect-lock-id`).",
    ),
    destroy=extend_schema(
        summary="Verwijder een (ENKELVOUDIG) INFORMATIEOBJECT.",
        description="Verwijder een (ENKELVOUDIG) INFORMATIEOBJECT en alle bijbehorende versies, bestanden, "
        "GEBRUIKSRECHTen en audit trail regels. Dit kan alleen als er geen OBJECTINFORMATIEOBJECTen aan gerelateerd "
        "zijn (`pending-relations`).",
    ),
)
class EnkelvoudigInformatieObjectViewSet(
    ExpandMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    DocumentenViewSet,
):
    """Documents: their metadata per version, their file, lock and unlock."""

    queryset = selectors.versies_latest().order_by("-begin_registratie", "-pk")
    lookup_field = "informatieobject__uuid"
    lookup_url_kwarg = "uuid"
    serializer_class = s.EnkelvoudigInformatieObjectSerializer
    expand_resource = "enkelvoudiginformatieobject"
    # base64 `inhoud` is decoded while the body streams in; the rest of the body is parsed as everywhere
    parser_classes = (InhoudJSONParser,)
    filterset_class = filters.EnkelvoudigInformatieObjectFilter
    required_scopes = {
        "list": LEZEN,
        "retrieve": LEZEN,
        "create": {SCOPE_AANMAKEN},
        "update": BIJWERKEN,
        "partial_update": BIJWERKEN,
        "destroy": {SCOPE_VERWIJDEREN},
        "download": LEZEN,
        "lock": {SCOPE_LOCK},
        "unlock": {SCOPE_LOCK, SCOPE_GEFORCEERD_UNLOCK},
        "zoek": LEZEN,
    }

    @classmethod
    def request_body_limit(cls) -> int:
        """A document's body may carry a file of any size as base64 (`InhoudJSONParser` streams
        it, and itself holds the rest of the body to DATA_UPLOAD_MAX_MEMORY_SIZE and the file to
        DOCUMENTEN_MAX_FILE_SIZE): the length is not what `ProblemJsonMiddleware` judges."""
        return sys.maxsize

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return s.EnkelvoudigInformatieObjectWithLockSerializer
        return super().get_serializer_class()

    def get_queryset(self):
        queryset = super().get_queryset().prefetch_related("bestandsdelen")
        if self.action in ("list", "zoek"):
            return selectors.authorised(queryset, self.request.auth, LEZEN)
        return queryset

    def get_content_negotiator(self):
        if getattr(self, "action", None) == "download":
            return AnyAccept()
        return super().get_content_negotiator()

    def get_informatieobject(self) -> InformatieObject:
        return get_object_or_404(InformatieObject, uuid=self.kwargs["uuid"])

    def get_object(self):
        informatieobject = self.get_informatieobject()
        versie = selectors.versie_get(informatieobject=informatieobject, **_versie_query(self.request))
        if versie is None:
            raise DomainError("Deze versie van het informatieobject bestaat niet.", "not_found", status_code=404)
        services.authorisation_check(
            self.request.auth,
            self.required_scopes[self.action],
            versie.informatieobjecttype,
            versie.vertrouwelijkheidaanduiding,
        )
        return versie

    def _inhoud(self, serializer) -> services.Inhoud:
        data = serializer.validated_data
        return services.Inhoud(
            decoded=data.pop("inhoud", None),
            bestandsomvang=data.get("bestandsomvang"),
            given="inhoud" in serializer.initial_data or "bestandsomvang" in serializer.initial_data,
        )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        inhoud = self._inhoud(serializer)
        try:
            versie = services.informatieobject_create(
                data=serializer.validated_data, inhoud=inhoud, auth=request.auth, toelichting=self.toelichting()
            )
        finally:
            if inhoud.decoded is not None:
                inhoud.decoded.close()
        return Response(self.get_serializer(versie).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        informatieobject = self.get_informatieobject()
        latest = selectors.versie_get(informatieobject=informatieobject)
        # before the body is read: a client learns nothing of a document it may not change
        services.authorisation_check(
            request.auth,
            self.required_scopes[self.action],
            latest.informatieobjecttype,
            latest.vertrouwelijkheidaanduiding,
        )
        serializer = self.get_serializer(latest, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        inhoud = self._inhoud(serializer)
        try:
            versie = services.informatieobject_update(
                informatieobject=informatieobject,
                data=serializer.validated_data,
                inhoud=inhoud,
                auth=request.auth,
                partial=partial,
                forced=request.auth.has_scope(self.component, {SCOPE_GEFORCEERD_BIJWERKEN}),
                toelichting=self.toelichting(),
            )
        finally:
            if inhoud.decoded is not None:
                inhoud.decoded.close()
        return Response(self.get_serializer(versie).data)

    def partial_update(self, request, *args, **kwargs):
        kwargs["partial"] = True
        return self.update(request, *args, **kwargs)

    def destroy(self, request, *args, **kwargs):
        services.informatieobject_delete(
            informatieobject=self.get_informatieobject(), auth=request.auth, toelichting=self.toelichting()
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Download de binaire data van het (ENKELVOUDIG) INFORMATIEOBJECT.",
        description="Download de binaire data van het (ENKELVOUDIG) INFORMATIEOBJECT, gestreamd. Zolang niet alle "
        "bestandsdelen ontvangen zijn is er nog niets te downloaden (409, `incomplete-upload`). De `Accept`-header "
        "moet een bestand toelaten: `application/octet-stream` (het antwoord), het `formaat` van het document (dan "
        "draagt het antwoord dat als Content-Type) of `*/*`; zonder `Accept` geldt `*/*`. Alleen JSON vragen is 406.",
        parameters=VERSIE_PARAMETERS,
        responses={
            (200, OCTET_STREAM): OpenApiResponse(OpenApiTypes.BINARY, description=DOWNLOAD_200),
            (200, "*/*"): OpenApiResponse(OpenApiTypes.BINARY, description=DOWNLOAD_200),
            (406, PROBLEM): OpenApiResponse(FoutSerializer, description=TITLES[406]),
            (409, PROBLEM): OpenApiResponse(FoutSerializer, description=TITLES[409]),
        },
    )
    @action(detail=True, methods=["get"])
    def download(self, request, *args, **kwargs):
        versie = self.get_object()
        offered = [OCTET_STREAM, versie.formaat] if is_media_type(versie.formaat) else [OCTET_STREAM]
        media_type = preferred_media_type(request.META.get("HTTP_ACCEPT"), offered)
        if media_type is None:
            raise NotAcceptable(
                f"De download is een bestand: vraag {' of '.join(offered)} of */* (Accept was "
                f"{request.META.get('HTTP_ACCEPT')})."
            )
        if not versie.inhoud:
            if versie.bestandsdelen.exists():
                raise DomainError(
                    "Nog niet alle bestandsdelen van dit informatieobject zijn ontvangen.",
                    "incomplete-upload",
                    status_code=status.HTTP_409_CONFLICT,
                )
            raise DomainError("Dit informatieobject heeft geen inhoud.", "no-content", status_code=404)
        response = StreamedFile(storage.open_for_reading(versie.inhoud.name), content_type=media_type)
        response["Content-Disposition"] = content_disposition(versie.bestandsnaam, default=f"{versie.uuid}")
        if versie.bestandsomvang is not None:
            response["Content-Length"] = str(versie.bestandsomvang)
        return response

    @extend_schema(
        summary="Vergrendel een (ENKELVOUDIG) INFORMATIEOBJECT.",
        description="Voert een 'checkout' uit waardoor het (ENKELVOUDIG) INFORMATIEOBJECT vergrendeld wordt met een "
        "`lock` waarde. Alleen met deze waarde kan het (ENKELVOUDIG) INFORMATIEOBJECT bijgewerkt (`PUT`, `PATCH`) en "
        "weer ontgrendeld worden.",
        request=None,
        responses={200: s.LockSerializer},
    )
    @action(detail=True, methods=["post"])
    def lock(self, request, *args, **kwargs):
        versie = self.get_object()
        lock = services.informatieobject_lock(informatieobject=versie.informatieobject)
        return Response({"lock": lock})

    @extend_schema(
        summary="Ontgrendel een (ENKELVOUDIG) INFORMATIEOBJECT.",
        description="Heft de 'checkout' op waardoor het (ENKELVOUDIG) INFORMATIEOBJECT ontgrendeld wordt. Zonder de "
        "juiste `lock` alleen met de scope `documenten.geforceerd-unlock`; dat verwerpt ook een onvoltooide upload "
        "van bestandsdelen.",
        request=s.UnlockSerializer,
        responses={204: None},
    )
    @action(detail=True, methods=["post"])
    def unlock(self, request, *args, **kwargs):
        versie = self.get_object()
        serializer = s.UnlockSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        lock = serializer.validated_data.get("lock", "")
        forced = request.auth.has_scope(self.component, {SCOPE_GEFORCEERD_UNLOCK}) and (
            not lock or lock != versie.informatieobject.lock
        )
        services.informatieobject_unlock(informatieobject=versie.informatieobject, lock=lock, forced=forced)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Voer een zoekopdracht uit op (ENKELVOUDIG) INFORMATIEOBJECTen.",
        description="Zoeken/filteren gaat normaal via de `list` operatie, deze is echter niet geschikt voor "
        "zoekopdrachten met UUIDs.",
        request=s.EnkelvoudigInformatieObjectZoekSerializer,
        responses={200: s.EnkelvoudigInformatieObjectSerializer(many=True)},
        filters=False,
    )
    @action(detail=False, methods=["post"], url_path="_zoek", filterset_class=None)
    def zoek(self, request, *args, **kwargs):
        serializer = s.EnkelvoudigInformatieObjectZoekSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        paths = serializer.validated_data.get("expand", "")
        expand.parse(paths, self.expand_resource)
        queryset = self.get_queryset().filter(informatieobject__uuid__in=serializer.validated_data["uuid__in"])
        page = list(self.paginate_queryset(queryset))
        return self.get_paginated_response(self.expanded(page, self.get_serializer(page, many=True).data, paths))


class StreamedFile(FileResponse):
    """FileResponse in blocks of 1 MiB (Django's default is 4 KiB). Under gunicorn a small file
    goes out with sendfile; a large one is read with direct I/O (`storage.DirectReader`)."""

    block_size = 1024 * 1024


@extend_schema_view(
    update=extend_schema(
        summary="Upload een bestandsdeel.",
        description="Upload de inhoud van één bestandsdeel, met de `lock` van het document. Delen komen op volgorde "
        "van hun `volgnummer` (`bestandsdeel-volgorde`) en hebben precies hun `omvang` (`file-size`). Met het laatste "
        "deel worden de delen samengevoegd tot het bestand van het document, waarvan dan de SHA-256 in `integriteit` "
        "staat; daarna kan het document ontgrendeld worden.",
        request={"multipart/form-data": s.BestandsDeelUploadSerializer},
        responses={200: s.BestandsDeelResponseSerializer},
    )
)
class BestandsDeelViewSet(mixins.UpdateModelMixin, DocumentenViewSet):
    """Parts of a large file, each uploaded on its own."""

    queryset = BestandsDeel.objects.select_related("informatieobject__informatieobject")
    serializer_class = s.BestandsDeelUploadSerializer
    parser_classes = (BestandsDeelParser, FormParser)
    http_method_names = ["put", "options"]
    required_scopes = {"update": {SCOPE_BIJWERKEN}}

    # Where the parser writes the part (see `services.bestandsdeel_assembly_open`).
    part_assembly = None

    @classmethod
    def request_body_limit(cls) -> int:
        """A part is streamed to disk, never held: its body may be as large as a part plus the
        multipart framing and the `lock` field (`ProblemJsonMiddleware` refuses larger ones)."""
        return settings.DOCUMENTEN_BESTANDSDEEL_SIZE + MULTIPART_FRAMING

    def update(self, request, *args, **kwargs):
        deel = self.get_object()
        versie = deel.informatieobject
        services.authorisation_check(
            request.auth, {SCOPE_BIJWERKEN}, versie.informatieobjecttype, versie.vertrouwelijkheidaanduiding
        )
        # Opened before the body is read, so the part streams straight to its place.
        self.part_assembly = services.bestandsdeel_assembly_open(bestandsdeel=deel)
        try:
            serializer = self.get_serializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            deel = services.bestandsdeel_upload(
                bestandsdeel=deel, lock=serializer.validated_data["lock"], uploaded=serializer.validated_data["inhoud"]
            )
        finally:
            if self.part_assembly is not None:
                self.part_assembly.release()
        return Response(s.BestandsDeelResponseSerializer(deel, context=self.get_serializer_context()).data)


@extend_schema_view(
    list=extend_schema(
        summary="Alle GEBRUIKSRECHTen opvragen.",
        description="Deze lijst kan gefilterd wordt met query-string parameters.",
        parameters=[EXPAND_PARAMETER],
    ),
    retrieve=extend_schema(
        summary="Een specifieke GEBRUIKSRECHT opvragen.",
        description="Een specifieke GEBRUIKSRECHT opvragen.",
        parameters=[EXPAND_PARAMETER],
    ),
    create=extend_schema(
        summary="Maak een GEBRUIKSRECHT aan.",
        description="Voeg GEBRUIKSRECHTen toe voor een INFORMATIEOBJECT. Dit zet `indicatieGebruiksrecht` van het "
        "informatieobject op `true`.",
    ),
    update=extend_schema(
        summary="Werk een GEBRUIKSRECHT in zijn geheel bij.", description="Werk een GEBRUIKSRECHT in zijn geheel bij."
    ),
    partial_update=extend_schema(
        summary="Werk een GEBRUIKSRECHT relatie deels bij.", description="Werk een GEBRUIKSRECHT relatie deels bij."
    ),
    destroy=extend_schema(
        summary="Verwijder een GEBRUIKSRECHT.",
        description="Als het laatste GEBRUIKSRECHT van een INFORMATIEOBJECT verwijderd wordt, dan wordt de "
        "`indicatieGebruiksrecht` van het informatieobject op `null` gezet.",
    ),
)
class GebruiksrechtenViewSet(
    ExpandMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    DocumentenViewSet,
):
    queryset = Gebruiksrechten.objects.select_related("informatieobject").order_by("pk")
    serializer_class = s.GebruiksrechtenSerializer
    expand_resource = "gebruiksrechten"
    filterset_class = filters.GebruiksrechtenFilter
    pagination_class = None
    required_scopes = {
        "list": LEZEN,
        "retrieve": LEZEN,
        "create": {SCOPE_AANMAKEN},
        "update": {SCOPE_BIJWERKEN},
        "partial_update": {SCOPE_BIJWERKEN},
        "destroy": {SCOPE_VERWIJDEREN},
    }

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "list":
            allowed = selectors.informatieobjecten_authorised(self.request.auth, LEZEN)
            queryset = queryset.filter(informatieobject__in=allowed)
        return queryset

    def get_object(self):
        gebruiksrecht = super().get_object()
        if self.action == "retrieve":
            latest = gebruiksrecht.informatieobject.latest
            services.authorisation_check(
                self.request.auth, LEZEN, latest.informatieobjecttype, latest.vertrouwelijkheidaanduiding
            )
        return gebruiksrecht

    def perform_create(self, serializer):
        serializer.instance = services.gebruiksrechten_create(data=serializer.validated_data, auth=self.request.auth)

    def perform_update(self, serializer):
        serializer.instance = services.gebruiksrechten_update(
            gebruiksrecht=serializer.instance,
            data=serializer.validated_data,
            auth=self.request.auth,
            partial=serializer.partial,
        )

    def perform_destroy(self, instance):
        services.gebruiksrechten_delete(gebruiksrecht=instance, auth=self.request.auth)


@extend_schema_view(
    list=extend_schema(
        summary="Alle OBJECT-INFORMATIEOBJECT relaties opvragen.",
        description="Deze lijst kan gefilterd wordt met query-string parameters.",
        parameters=[EXPAND_PARAMETER],
    ),
    retrieve=extend_schema(
        summary="Een specifieke OBJECT-INFORMATIEOBJECT relatie opvragen.",
        description="Een specifieke OBJECT-INFORMATIEOBJECT relatie opvragen.",
        parameters=[EXPAND_PARAMETER],
    ),
    create=extend_schema(
        summary="Maak een OBJECT-INFORMATIEOBJECT relatie aan.",
        description="**LET OP: Dit endpoint hoor je als consumer niet zelf aan te spreken.** Andere API's, zoals de "
        "Zaken API en de Besluiten API, gebruiken dit endpoint bij het synchroniseren van relaties.\n\n"
        "**Er wordt gevalideerd op**\n- geldigheid `informatieobject` URL;\n- de combinatie `informatieobject` en "
        "`object` moet uniek zijn (`unique`);\n- bestaan van `object` URL (`bad-url`, `invalid-resource`);\n"
        "- de relatie bestaat aan de andere kant: een ZAAKINFORMATIEOBJECT in de Zaken API of een "
        "BESLUITINFORMATIEOBJECT in de Besluiten API (`inconsistent-relation`).",
    ),
    destroy=extend_schema(
        summary="Verwijder een OBJECT-INFORMATIEOBJECT relatie.",
        description="**LET OP: Dit endpoint hoor je als consumer niet zelf aan te spreken.** Andere API's, zoals de "
        "Zaken API en de Besluiten API, gebruiken dit endpoint bij het synchroniseren van relaties.",
    ),
)
class ObjectInformatieObjectViewSet(
    ExpandMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    DocumentenViewSet,
):
    queryset = ObjectInformatieObject.objects.select_related("informatieobject").order_by("pk")
    serializer_class = s.ObjectInformatieObjectSerializer
    expand_resource = "objectinformatieobject"
    filterset_class = filters.ObjectInformatieObjectFilter
    pagination_class = None
    required_scopes = {
        "list": LEZEN,
        "retrieve": LEZEN,
        "create": {SCOPE_AANMAKEN},
        "destroy": {SCOPE_VERWIJDEREN},
    }

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "list":
            allowed = selectors.informatieobjecten_authorised(self.request.auth, LEZEN)
            queryset = queryset.filter(informatieobject__in=allowed)
        return queryset

    def get_object(self):
        relatie = super().get_object()
        if self.action == "retrieve":
            latest = relatie.informatieobject.latest
            services.authorisation_check(
                self.request.auth, LEZEN, latest.informatieobjecttype, latest.vertrouwelijkheidaanduiding
            )
        return relatie

    def perform_create(self, serializer):
        serializer.instance = services.objectinformatieobject_create(
            data=serializer.validated_data, auth=self.request.auth
        )

    def perform_destroy(self, instance):
        services.objectinformatieobject_delete(relatie=instance, auth=self.request.auth)


VERZENDING_REGELS = (
    "**Er wordt gevalideerd op**\n"
    "- precies één kanaal: één van `binnenlandsCorrespondentieadres`, `buitenlandsCorrespondentieadres`, "
    "`correspondentiePostadres`, `faxnummer`, `emailadres`, `telefoonnummer` of `mijnOverheid` (`invalid-address`);\n"
    "- `ontvangstdatum` bij `aardRelatie` `afzender`, `verzenddatum` bij `geadresseerde` (`required`);\n"
    "- een informatieobject is niet tegelijk inkomend en uitgaand: alle verzendingen van één informatieobject "
    "hebben dezelfde `aardRelatie` (`inkomend-en-uitgaand`);\n"
    "- het `informatieobject` van een verzending wijzigt niet (`wijzigen-niet-toegelaten`)."
)


@extend_schema_view(
    list=extend_schema(
        summary="Alle VERZENDINGen opvragen.",
        description="Deze lijst kan gefilterd wordt met query-string parameters. Alleen verzendingen van "
        "informatieobjecten waarvoor de client geautoriseerd is.",
        parameters=[EXPAND_PARAMETER],
    ),
    retrieve=extend_schema(
        summary="Een specifieke VERZENDING opvragen.",
        description="Een specifieke VERZENDING opvragen.",
        parameters=[EXPAND_PARAMETER],
    ),
    create=extend_schema(
        summary="Maak een VERZENDING aan.",
        description="Voeg VERZENDINGen toe voor een INFORMATIEOBJECT en een BETROKKENE.\n\n" + VERZENDING_REGELS,
    ),
    update=extend_schema(
        summary="Werk een VERZENDING in zijn geheel bij.",
        description="Werk een VERZENDING in zijn geheel bij.\n\n" + VERZENDING_REGELS,
    ),
    partial_update=extend_schema(
        summary="Werk een VERZENDING relatie deels bij.",
        description="Werk een VERZENDING relatie deels bij. De regels gelden voor de verzending zoals zij na de "
        "wijziging is: wie van kanaal wisselt, zet het vorige op `null`.\n\n" + VERZENDING_REGELS,
    ),
    destroy=extend_schema(summary="Verwijder een VERZENDING", description="Verwijder een VERZENDING."),
)
class VerzendingViewSet(
    ExpandMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    DocumentenViewSet,
):
    """Verzendingen: from whom a document was received, or to whom it was sent, and how."""

    queryset = Verzending.objects.select_related("informatieobject").order_by("pk")
    serializer_class = s.VerzendingSerializer
    expand_resource = "verzending"
    filterset_class = filters.VerzendingFilter
    required_scopes = {
        "list": LEZEN,
        "retrieve": LEZEN,
        "create": {SCOPE_AANMAKEN},
        "update": {SCOPE_BIJWERKEN},
        "partial_update": {SCOPE_BIJWERKEN},
        "destroy": {SCOPE_VERWIJDEREN},
    }

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "list":
            allowed = selectors.informatieobjecten_authorised(self.request.auth, LEZEN)
            queryset = queryset.filter(informatieobject__in=allowed)
        return queryset

    def get_object(self):
        verzending = super().get_object()
        # every action reads the verzending first: a client learns nothing of one it may not see
        latest = verzending.informatieobject.latest
        services.authorisation_check(
            self.request.auth,
            self.required_scopes[self.action],
            latest.informatieobjecttype,
            latest.vertrouwelijkheidaanduiding,
        )
        return verzending

    def perform_create(self, serializer):
        serializer.instance = services.verzending_create(data=serializer.validated_data, auth=self.request.auth)

    def perform_update(self, serializer):
        serializer.instance = services.verzending_update(
            verzending=serializer.instance,
            data=serializer.validated_data,
            auth=self.request.auth,
            partial=serializer.partial,
        )

    def perform_destroy(self, instance):
        services.verzending_delete(verzending=instance, auth=self.request.auth)


@extend_schema_view(
    list=extend_schema(
        summary="Alle audit trail regels behorend bij het INFORMATIEOBJECT.",
        description="Alle audit trail regels behorend bij het INFORMATIEOBJECT.",
    ),
    retrieve=extend_schema(
        summary="Een specifieke audit trail regel opvragen.", description="Een specifieke audit trail regel opvragen."
    ),
)
class AuditTrailViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, DocumentenViewSet):
    queryset = AuditTrail.objects.none()
    serializer_class = s.AuditTrailSerializer
    pagination_class = None
    required_scopes = {"list": {SCOPE_AUDITTRAILS}, "retrieve": {SCOPE_AUDITTRAILS}}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        informatieobject = get_object_or_404(InformatieObject, uuid=self.kwargs["enkelvoudiginformatieobject_uuid"])
        # the audit trail shows what the document shows (titel, identificatie, hash): only to a
        # client that may see the document itself
        latest = informatieobject.latest
        services.authorisation_check(
            self.request.auth, {SCOPE_AUDITTRAILS}, latest.informatieobjecttype, latest.vertrouwelijkheidaanduiding
        )
        return audittrail_for(services.informatieobject_url(informatieobject))


@extend_schema_view(
    list=extend_schema(
        summary="Alle integriteitsafwijkingen opvragen (uitbreiding op de standaard).",
        description="Opgeslagen bestanden waarvan de periodieke controle een andere SHA-256 vond dan bij het "
        "schrijven in `integriteit` is vastgelegd, of die ontbreken. Nieuwste eerst.",
    ),
    retrieve=extend_schema(
        summary="Een specifieke integriteitsafwijking opvragen.", description="Een specifieke integriteitsafwijking."
    ),
)
class IntegriteitsAfwijkingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, DocumentenViewSet):
    queryset = IntegriteitsAfwijking.objects.all()
    serializer_class = s.IntegriteitsAfwijkingSerializer
    filterset_class = filters.IntegriteitsAfwijkingFilter
    required_scopes = {"list": LEZEN, "retrieve": LEZEN}
