"""Viewsets of the Zaken API 1.5: parse with the serializers, decide in the services.

Every write records an audit trail entry and a notification on kanaal `zaken`, in the
transaction of the change. Reads and writes are limited per zaaktype and
vertrouwelijkheidaanduiding (`access`); a closed zaak and its parts change only with
`zaken.geforceerd-bijwerken`, and reopening needs `zaken.heropenen`.
"""

from __future__ import annotations

import functools
import uuid

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch, Q, prefetch_related_objects
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from common.audit import audittrail_for, audittrail_record
from common.constants import Actie
from common.exceptions import TITLES, camel_name
from common.geo import CrsMixin
from common.models import AuditTrail
from common.notifications import notificatie_create
from common.schema import PROBLEM, AutoSchema, FoutSerializer, ValidatieFoutSerializer

from ... import zaak_services as services
from ...models import (
    KlantContact,
    Resultaat,
    Rol,
    Status,
    Zaak,
    ZaakBesluit,
    ZaakContactMoment,
    ZaakEigenschap,
    ZaakInformatieObject,
    ZaakObject,
    ZaakType,
    ZaakVerzoek,
)
from ...services import catalogi_url
from ...zaak_selectors import ZakenLijst, zaken_aantal, zaken_pagina, zaken_pagina_rijen, zaken_relaties_laden
from . import access, expand, filters, serializers
from .fields import uuid_in_url
from .list_representation import zaken_representations
from .renderers import ExpandRenderer

LEZEN = "zaken.lezen"
AANMAKEN = "zaken.aanmaken"
BIJWERKEN = "zaken.bijwerken"
VERWIJDEREN = "zaken.verwijderen"
GEFORCEERD = "zaken.geforceerd-bijwerken"
HEROPENEN = "zaken.heropenen"
STATUSSEN_TOEVOEGEN = "zaken.statussen.toevoegen"
AUDITTRAILS_LEZEN = "audittrails.lezen"

WIJZIGEN = {BIJWERKEN, GEFORCEERD}
# Parts of a zaak that any change to the zaak may touch (resultaat, zaakeigenschappen).
ONDERDEEL_SCOPES = {
    "list": {LEZEN},
    "retrieve": {LEZEN},
    "create": WIJZIGEN,
    "update": WIJZIGEN,
    "partial_update": WIJZIGEN,
    "destroy": WIJZIGEN,
}
# Parts that are created with the zaak or added later (zaakobjecten, zaakinformatieobjecten).
KOPPELING_SCOPES = {
    "list": {LEZEN},
    "retrieve": {LEZEN},
    "create": {AANMAKEN, BIJWERKEN, GEFORCEERD},
    "update": WIJZIGEN,
    "partial_update": WIJZIGEN,
    "destroy": {BIJWERKEN, GEFORCEERD, VERWIJDEREN},
}

ZAAK_UUID = OpenApiParameter(
    "zaak_uuid", OpenApiTypes.UUID, OpenApiParameter.PATH, description="Unieke resource identifier (UUID4)"
)
EXPAND_PARAMETER = OpenApiParameter(
    "expand",
    OpenApiTypes.STR,
    description="Haal details van gelinkte resources direct op. Als je meerdere resources tegelijk wilt ophalen "
    "kun je deze scheiden met een komma. Voor het ophalen van resources die een laag dieper genest zijn wordt de "
    "punt-notatie gebruikt. Bijvoorbeeld: `zaaktype,status,status.statustype,resultaat.resultaattype`.",
)


class ZakenAutoSchema(AutoSchema):
    """Documents the scopes of each operation, as the standard does."""

    def get_auth(self):
        auth = super().get_auth()
        scopes = (getattr(self.view, "required_scopes", None) or {}).get(getattr(self.view, "action", None))
        if not auth or not scopes:
            return auth
        expression = " | ".join(sorted(scopes))
        return [{"JWT-Claims": [f"({expression})" if len(scopes) > 1 else expression]}]

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        expands = getattr(self.view, "renderer_classes", None) == (ExpandRenderer,)
        refusable = self.method.upper() == "DELETE" or (expands and self.method.upper() == "GET")
        if direction == "response" and "{" in self.path and "404" not in responses:  # lists below a zaak
            responses["404"] = self._get_response_for_code(FoutSerializer, "404", [PROBLEM])
            responses["404"]["description"] = TITLES[404]
            responses = dict(sorted(responses.items()))
        if direction == "response" and refusable and "400" not in responses:
            responses["400"] = self._get_response_for_code(ValidatieFoutSerializer, "400", [PROBLEM])
            responses["400"]["description"] = TITLES[400]  # a rule refused the delete, or an unknown `expand`
            responses = dict(sorted(responses.items()))
        return responses


def kenmerken(zaak: Zaak) -> dict:
    return {
        "bronorganisatie": zaak.bronorganisatie,
        "zaaktype": catalogi_url(zaak.zaaktype),
        "vertrouwelijkheidaanduiding": zaak.vertrouwelijkheidaanduiding,
    }


class ZaakOnderdeelViewSet(viewsets.GenericViewSet):
    """Common ground: lookup by uuid, access per zaaktype, audit trail and notifications."""

    schema = ZakenAutoSchema()
    component = "zrc"
    lookup_field = "uuid"
    resource = ""
    # the scopes that let a client write this resource at all, and on a closed zaak
    write_scopes: set[str] = WIJZIGEN

    def zaak_of(self, instance) -> Zaak:
        return instance.zaak

    @property
    def auth(self):
        return self.request.auth

    @functools.cached_property
    def lijst_zichtbaar(self) -> Q | None:
        """What of this resource the client may list (None: all), worked out once per request:
        the list of zaken needs it for its rows and its count."""
        prefix = "" if self.queryset.model is Zaak else "zaak__"
        return access.zaken_zichtbaar_conditie(self.auth, {LEZEN}, prefix)

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "list" and self.lijst_zichtbaar is not None:
            queryset = queryset.filter(self.lijst_zichtbaar)
        return queryset

    def get_object(self):
        obj = get_object_or_404(super().get_queryset(), uuid=self.kwargs["uuid"])
        scopes = self.required_scopes.get(self.action, {LEZEN})
        access.ensure_zaak_toegestaan(self.auth, self.zaak_of(obj), set(scopes))
        self.check_object_permissions(self.request, obj)
        return obj

    def ensure_may_write(self, zaak: Zaak, scopes: set[str]) -> None:
        """The client needs one of `scopes` for this zaak; a closed zaak needs `zaken.geforceerd-bijwerken`."""
        access.ensure_zaak_toegestaan(self.auth, zaak, scopes)
        if zaak.is_closed and not access.zaak_toegestaan(self.auth, zaak, {GEFORCEERD}):
            raise exceptions.PermissionDenied(
                "De zaak is afgesloten: wijzigen kan alleen met de scope `zaken.geforceerd-bijwerken`."
            )

    def url_of(self, instance) -> str:
        return services.zaken_url(instance)

    def record(
        self, actie: str, instance, *, oud: dict | None, nieuw: dict | None, resultaat: int, toelichting: str = ""
    ) -> None:
        zaak = self.zaak_of(instance)
        zaak_url = services.zaken_url(zaak)
        url = self.url_of(instance)
        audittrail_record(
            bron="zrc",
            auth=self.auth,
            actie=actie,
            resultaat=resultaat,
            hoofd_object=zaak_url,
            resource=self.resource,
            resource_url=url,
            resource_weergave=str(instance),
            toelichting=toelichting,
            oud=oud,
            nieuw=nieuw,
        )
        notificatie_create(
            kanaal="zaken",
            hoofd_object=zaak_url,
            resource=self.resource,
            resource_url=url,
            actie=actie,
            kenmerken=kenmerken(zaak),
        )

    def representation(self, instance) -> dict:
        return dict(self.get_serializer(instance).data)


class CreateMixin:
    """Create in our own transaction; what another component must do about it (a mirrored
    relation in the Documenten API) happens after the commit, never inside it: a provider in
    another deployment could not see the uncommitted row, and a refusal there must not leave
    our side half-written. When the other side refuses or does not answer, our object is
    removed again (audited as undone, with a destroy notification) and the refusal is the
    answer (docs/decisions/0001-in-process-calls-have-http-semantics.md)."""

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            instance = self.perform_create(serializer)
            data = self.get_serializer(instance).data
            self.record(Actie.create, instance, oud=None, nieuw=dict(data), resultaat=201)
        try:
            self.after_commit_create(instance)
        except Exception as exc:
            self.undo_create(instance, dict(data), reden=str(exc))
            raise
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": data["url"]})

    def after_commit_create(self, instance) -> None:
        """What other components do about the new object; raise to undo it."""

    def undo_create(self, instance, data: dict, *, reden: str) -> None:
        with transaction.atomic():
            self.record(
                Actie.destroy, instance, oud=data, nieuw=None, resultaat=204, toelichting=f"Ongedaan gemaakt: {reden}"
            )
            type(instance).objects.filter(pk=instance.pk).delete()
            self.undo_elsewhere(instance)

    def undo_elsewhere(self, instance) -> None:
        """In the undo's transaction: what must go in other components after it commits."""


class UpdateMixin:
    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        instance = self.get_object()
        oud = self.representation(instance)
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            instance = self.perform_update(serializer)
            instance = self.get_queryset().model.objects.get(pk=instance.pk)
            data = self.get_serializer(instance).data
            actie = Actie.partial_update if partial else Actie.update
            self.record(actie, instance, oud=oud, nieuw=dict(data), resultaat=200)
        return Response(data)

    def partial_update(self, request, *args, **kwargs):
        kwargs["partial"] = True
        return self.update(request, *args, **kwargs)


class DestroyMixin:
    def destroy(self, request, *args, **kwargs):
        instance = self.get_object()
        oud = self.representation(instance)
        with transaction.atomic():
            self.record(Actie.destroy, instance, oud=oud, nieuw=None, resultaat=204)
            self.perform_destroy(instance)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- zaak -------------------------------------------------------------------------------------

# The query parameters that narrow the list of zaken; `ordering` only sorts it.
LIJST_FILTERS = filters.ZaakFilter.base_filters.keys() - {"ordering"}

# One zaak (read, written) comes with its zaaktype (for the access check), hoofdzaak and
# resultaat; a page of the list, with the uuids of all its related rows, from `zaak_selectors`.
ZAAK_QUERYSET = Zaak.objects.select_related("zaaktype", "hoofdzaak", "resultaat")


ZAAK_WRITE = (
    "Er wordt gevalideerd op:\n"
    "- `zaaktype` en `identificatie` mogen niet gewijzigd worden (`wijzigen-niet-toegelaten`);\n"
    "- `laatsteBetaaldatum` mag niet in de toekomst liggen en niet gezet worden bij betalingsindicatie `nvt`;\n"
    "- `archiefnominatie` en `archiefactiedatum` moeten een waarde hebben indien `archiefstatus` niet "
    "`nog_te_archiveren` is (`archiefnominatie-not-set`, `archiefactiedatum-not-set`);\n"
    "- `archiefstatus` kan alleen een waarde anders dan `nog_te_archiveren` hebben als alle gerelateerde "
    "informatieobjecten de status `gearchiveerd` hebben (`documents-not-archived`).\n\n"
    "Een afgesloten zaak wijzigt alleen met de scope `zaken.geforceerd-bijwerken`. Bij afleidingswijze "
    "`ander_datumkenmerk` zet de client `startdatumBewaartermijn`; de archiefactiedatum volgt."
)


@extend_schema_view(
    list=extend_schema(
        summary="Alle ZAAKen opvragen.",
        description="Deze lijst kan gefilterd wordt met query-string parameters. Er worden enkel zaken getoond van "
        "de zaaktypen en vertrouwelijkheidaanduidingen waar de client toe geautoriseerd is.",
        parameters=[EXPAND_PARAMETER],
    ),
    retrieve=extend_schema(
        summary="Een specifieke ZAAK opvragen.",
        description="Een specifieke ZAAK opvragen; 403 als de client niet geautoriseerd is voor het zaaktype of de "
        "vertrouwelijkheidaanduiding.",
        parameters=[EXPAND_PARAMETER],
    ),
    create=extend_schema(
        summary="Maak een ZAAK aan.",
        description="Indien geen identificatie gegeven is, dan wordt deze automatisch gegenereerd. De identificatie "
        "moet uniek zijn binnen de bronorganisatie (`identificatie-niet-uniek`). Het `zaaktype` moet gepubliceerd "
        "zijn (`not-published`).\n\n" + ZAAK_WRITE,
    ),
    update=extend_schema(summary="Werk een ZAAK in zijn geheel bij.", description=ZAAK_WRITE),
    partial_update=extend_schema(summary="Werk een ZAAK deels bij.", description=ZAAK_WRITE),
    destroy=extend_schema(
        summary="Verwijder een ZAAK.",
        description="Verwijder een ZAAK samen met alle gerelateerde resources binnen deze API (statussen, "
        "resultaat, rollen, zaakobjecten, zaakeigenschappen, zaakinformatieobjecten, zaakcontactmomenten, "
        "zaakverzoeken en deelzaken); de gespiegelde "
        "objectinformatieobjecten in de Documenten API worden ook verwijderd.",
    ),
)
class ZaakViewSet(
    CrsMixin,
    CreateMixin,
    UpdateMixin,
    DestroyMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    ZaakOnderdeelViewSet,
):
    """Zaken: the cases, with their archiving parameters derived from the resultaattype."""

    queryset = ZAAK_QUERYSET.order_by("-pk")
    serializer_class = serializers.ZaakSerializer
    renderer_classes = (ExpandRenderer,)
    resource = "zaak"
    required_scopes = {
        "list": {LEZEN},
        "retrieve": {LEZEN},
        "zoek": {LEZEN},
        "create": {AANMAKEN},
        "update": WIJZIGEN,
        "partial_update": WIJZIGEN,
        "destroy": {VERWIJDEREN},
    }

    @property
    def filterset_class(self):
        return filters.ZaakFilter if self.action == "list" else None

    def filter_queryset(self, queryset):
        # Without any of its parameters the filterset (a form of some fifty fields, built per
        # request) leaves the list as it is: each filter passes an empty value by.
        if not self.request.query_params.keys() & filters.ZaakFilter.base_filters.keys():
            return queryset
        return super().filter_queryset(queryset)

    def zaak_of(self, instance) -> Zaak:
        return instance

    def perform_create(self, serializer):
        zaak = Zaak(
            zaaktype=serializer.validated_data["zaaktype"],
            vertrouwelijkheidaanduiding=serializer.validated_data["vertrouwelijkheidaanduiding"],
        )
        access.ensure_zaak_toegestaan(self.auth, zaak, {AANMAKEN})
        return services.zaak_create(data=serializer.validated_data)

    def perform_update(self, serializer):
        self.ensure_may_write(serializer.instance, WIJZIGEN)
        # nor may the change take the zaak beyond what the client may write
        data = serializer.validated_data
        na = Zaak(
            zaaktype=data.get("zaaktype", serializer.instance.zaaktype),
            vertrouwelijkheidaanduiding=data.get(
                "vertrouwelijkheidaanduiding", serializer.instance.vertrouwelijkheidaanduiding
            ),
        )
        access.ensure_zaak_toegestaan(self.auth, na, WIJZIGEN)
        return services.zaak_update(zaak=serializer.instance, data=data)

    def perform_destroy(self, instance):
        services.zaak_delete(zaak=instance)

    def _expanded(self, instances, data, paths: str):
        if not paths:
            return data
        # what `expand` may follow from each zaak, in one query per relation
        prefetch_related_objects(instances, "zaaktype", "hoofdzaak", "resultaat")
        return expand.expand_many(instances, data, paths, self.get_serializer_context(), self.auth)

    def _list_response(self, queryset, expand_paths: str, *, aantal: int | None = None) -> Response:
        """One page of zaken: the page's ids first, then those rows with their related uuids.

        OFFSET on the joined query makes PostgreSQL join every row it skips; the ids alone
        come from the primary key index. Without `expand` the page is made from rows
        (`list_representation`); `expand` follows relations of model instances. `aantal`: the
        number of zaken in `queryset` when it is known (`_aantal`), else they are counted.
        """
        ids = list(self.paginate_queryset(ZakenLijst(queryset.values_list("pk", flat=True), aantal=aantal)))
        if not expand_paths:
            return self.get_paginated_response(zaken_representations(zaken_pagina_rijen(ids=ids), request=self.request))
        page = zaken_pagina(ids=ids)
        data = self.get_serializer(page, many=True).data
        return self.get_paginated_response(self._expanded(page, data, expand_paths))

    def _aantal(self) -> int | None:
        """The list's `count` from the zaaktellingen when no filter narrows it (ordering does
        not), exact as a count of the rows; None when a filter does, and the rows are counted."""
        if self.request.query_params.keys() & LIJST_FILTERS:
            return None
        return zaken_aantal(zichtbaar=self.lijst_zichtbaar)

    def list(self, request, *args, **kwargs):
        return self._list_response(
            self.filter_queryset(self.get_queryset()), request.query_params.get("expand", ""), aantal=self._aantal()
        )

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        zaken_relaties_laden([instance])
        data = self.get_serializer(instance).data
        return Response(self._expanded([instance], [data], request.query_params.get("expand", ""))[0])

    @extend_schema(
        summary="Voer een (complexe) zoekopdracht uit op ZAAKen.",
        description="Zoeken/filteren gaat normaal via de `list` operatie, deze is echter niet geschikt voor "
        "zoekopdrachten met veel waarden. In de body worden de filters van de lijst meegegeven, de `__in` "
        "filters als arrays.",
        request={"application/json": filters.zaak_zoek_schema()},
        responses={200: serializers.ZaakSerializer(many=True)},
    )
    @action(detail=False, methods=["post"], url_path="_zoek")
    def zoek(self, request, *args, **kwargs):
        body = request.data if isinstance(request.data, dict) else {}
        if body.get("zaakgeometrie"):
            raise exceptions.ValidationError(
                {
                    "zaakgeometrie": [
                        exceptions.ErrorDetail("Zoeken op geometrie wordt niet ondersteund.", "unsupported")
                    ]
                }
            )
        query = {}
        for key, value in body.items():
            if key in ("uuid__in", "zaaktype__in", "zaakgeometrie", "expand"):
                continue
            if value is None:
                continue
            if isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, dict | list) for v in value)):
                raise exceptions.ValidationError(
                    {key: [exceptions.ErrorDetail("Geef een waarde of lijst.", "invalid")]}
                )
            if isinstance(value, list):
                value = ",".join(str(item) for item in value)
            elif isinstance(value, bool):
                value = "true" if value else "false"
            query[key] = str(value)  # the filters read text, as from a query string
        queryset = access.zaken_zichtbaar(self.get_queryset(), self.auth, {LEZEN})
        filterset = filters.ZaakFilter(data=_camel_keys(query), queryset=queryset, request=request)
        if not filterset.is_valid():
            raise exceptions.ValidationError(filterset.errors)
        queryset = filterset.qs
        if body.get("uuid__in") is not None:
            uuids = []
            for value in body["uuid__in"] or []:
                try:
                    uuids.append(uuid.UUID(str(value)))
                except ValueError:
                    raise exceptions.ValidationError(
                        {"uuid__in": [exceptions.ErrorDetail(f"`{value}` is geen UUID.", code="invalid")]}
                    ) from None
            queryset = queryset.filter(uuid__in=uuids)
        if body.get("zaaktype__in") is not None:
            uuids = [uuid_in_url(str(url), ZaakType) for url in body["zaaktype__in"] or []]
            queryset = queryset.filter(zaaktype__uuid__in=[u for u in uuids if u])
        return self._list_response(queryset, str(body.get("expand") or ""))


def _camel_keys(params) -> dict:
    """The parser made body keys snake_case; the filters are named in camelCase."""
    return {"__".join(camel_name(part) for part in key.split("__")): params.get(key) for key in params}


# --- the parts of a zaak ------------------------------------------------------------------------


class OnderdeelWriteMixin:
    """Create/update/delete through `zaak_services.onderdeel_save`/`onderdeel_delete`."""

    def perform_create(self, serializer):
        self.ensure_may_write(serializer.validated_data["zaak"], self.required_scopes["create"])
        model = self.get_queryset().model
        return services.onderdeel_save(instance=model(), data=dict(serializer.validated_data))

    def perform_update(self, serializer):
        self.ensure_may_write(serializer.instance.zaak, self.required_scopes["update"])
        return services.onderdeel_save(instance=serializer.instance, data=dict(serializer.validated_data))

    def perform_destroy(self, instance):
        self.ensure_may_write(instance.zaak, self.required_scopes["destroy"])
        services.onderdeel_delete(instance=instance)


@extend_schema_view(
    list=extend_schema(
        summary="Alle STATUSsen van ZAAKen opvragen.",
        description="Deze lijst kan gefilterd wordt met query-string parameters.",
    ),
    retrieve=extend_schema(
        summary="Een specifieke STATUS van een ZAAK opvragen.",
        description="Een specifieke STATUS van een ZAAK opvragen.",
    ),
    create=extend_schema(
        summary="Maak een STATUS aan voor een ZAAK.",
        description="Er wordt gevalideerd op:\n- geldigheid URL naar de ZAAK en het STATUSTYPE (van het zaaktype "
        "van de zaak);\n- bij de eindstatus: een resultaat (`resultaat-does-not-exist`), geen open deelzaken "
        "(`deelzaken-not-closed`), alle gerelateerde informatieobjecten ontgrendeld (`informatieobject-locked`) en met "
        "`indicatieGebruiksrecht` gezet (`indicatiegebruiksrecht-unset`).\n\n"
        "Opmerkingen:\n- De eindstatus (het statustype met het hoogste volgnummer) sluit de zaak: `einddatum` wordt "
        "gezet, en `archiefnominatie`, `startdatumBewaartermijn` en `archiefactiedatum` worden afgeleid uit het "
        "resultaattype (brondatumArchiefprocedure).\n- Een andere status bij een afgesloten zaak heropent haar (scope "
        "`zaken.heropenen`): einddatum en archiveringsgegevens worden leeggemaakt.",
    ),
)
class StatusViewSet(CreateMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ZaakOnderdeelViewSet):
    """Statussen: the eindstatus closes the zaak and derives its archiving parameters."""

    queryset = (
        Status.objects.select_related("zaak", "statustype", "gezetdoor")
        .prefetch_related(
            Prefetch("zaak__statussen", queryset=Status.objects.only("uuid", "zaak_id", "datum_status_gezet")),
            Prefetch("zaakinformatieobjecten", queryset=ZaakInformatieObject.objects.only("uuid", "status_id")),
        )
        .order_by("-pk")
    )
    serializer_class = serializers.StatusSerializer
    resource = "status"
    required_scopes = {
        "list": {LEZEN},
        "retrieve": {LEZEN},
        "create": {AANMAKEN, STATUSSEN_TOEVOEGEN, HEROPENEN},
    }

    @property
    def filterset_class(self):
        return filters.StatusFilter if self.action == "list" else None

    def perform_create(self, serializer):
        zaak = serializer.validated_data["zaak"]
        access.ensure_zaak_toegestaan(self.auth, zaak, self.required_scopes["create"])
        if zaak.is_closed:
            eind = services.is_eindstatus(Status(**serializer.validated_data))
            if not eind and not access.zaak_toegestaan(self.auth, zaak, {HEROPENEN}):
                raise exceptions.PermissionDenied("Een afgesloten zaak heropenen vraagt de scope `zaken.heropenen`.")
            if eind and not access.zaak_toegestaan(self.auth, zaak, {GEFORCEERD}):
                raise exceptions.PermissionDenied(
                    "De zaak is afgesloten: een status toevoegen kan alleen met de scope `zaken.geforceerd-bijwerken`."
                )
        return services.status_create(data=dict(serializer.validated_data))


@extend_schema_view(
    list=extend_schema(
        summary="Alle RESULTAATen van ZAAKen opvragen.",
        description="Deze lijst kan gefilterd wordt met query-string parameters.",
    ),
    retrieve=extend_schema(
        summary="Een specifiek RESULTAAT opvragen.", description="Een specifiek RESULTAAT opvragen."
    ),
    create=extend_schema(
        summary="Maak een RESULTAAT bij een ZAAK aan.",
        description="Het RESULTAATTYPE hoort bij het zaaktype van de zaak; een zaak heeft één "
        "resultaat. Bij een afgesloten zaak worden de archiveringsgegevens opnieuw afgeleid.",
    ),
    update=extend_schema(
        summary="Werk een RESULTAAT in zijn geheel bij.",
        description="Bij een afgesloten zaak worden de archiveringsgegevens opnieuw afgeleid.",
    ),
    partial_update=extend_schema(
        summary="Werk een RESULTAAT deels bij.",
        description="Bij een afgesloten zaak worden de archiveringsgegevens opnieuw afgeleid.",
    ),
    destroy=extend_schema(summary="Verwijder een RESULTAAT van een ZAAK.", description="Verwijder een RESULTAAT."),
)
class ResultaatViewSet(
    OnderdeelWriteMixin,
    CreateMixin,
    UpdateMixin,
    DestroyMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    ZaakOnderdeelViewSet,
):
    """Resultaten: the resultaattype decides how the zaak is archived."""

    queryset = Resultaat.objects.select_related("zaak", "resultaattype").order_by("-pk")
    serializer_class = serializers.ResultaatSerializer
    resource = "resultaat"
    required_scopes = ONDERDEEL_SCOPES

    @property
    def filterset_class(self):
        return filters.ResultaatFilter if self.action == "list" else None

    def perform_create(self, serializer):
        # A zaak has one resultaat: that answer (400 `unique`) comes before the scope of a closed zaak.
        if Resultaat.objects.filter(zaak=serializer.validated_data["zaak"]).exists():
            raise exceptions.ValidationError(
                {"zaak": [exceptions.ErrorDetail("De zaak heeft al een resultaat.", "unique")]}
            )
        return super().perform_create(serializer)


@extend_schema_view(
    list=extend_schema(
        summary="Alle ROLlen bij ZAAKen opvragen.",
        description="Deze lijst kan gefilterd wordt met query-string parameters.",
    ),
    retrieve=extend_schema(
        summary="Een specifieke ROL bij een ZAAK opvragen.", description="Een specifieke ROL bij een ZAAK opvragen."
    ),
    create=extend_schema(
        summary="Maak een ROL aan bij een ZAAK.",
        description="Het ROLTYPE bepaalt `omschrijving` en `omschrijvingGeneriek`.",
    ),
    destroy=extend_schema(summary="Verwijder een ROL van een ZAAK.", description="Verwijder een ROL."),
)
class RolViewSet(
    OnderdeelWriteMixin,
    CreateMixin,
    DestroyMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    ZaakOnderdeelViewSet,
):
    """Rollen: who is involved in a zaak, and how."""

    queryset = (
        Rol.objects.select_related("zaak", "roltype")
        .prefetch_related(Prefetch("statussen", queryset=Status.objects.only("uuid", "gezetdoor_id")))
        .order_by("-pk")
    )
    serializer_class = serializers.RolSerializer
    resource = "rol"
    required_scopes = {"list": {LEZEN}, "retrieve": {LEZEN}, "create": WIJZIGEN, "destroy": WIJZIGEN}

    @property
    def filterset_class(self):
        return filters.RolFilter if self.action == "list" else None


@extend_schema_view(
    list=extend_schema(
        summary="Alle ZAAKOBJECTen opvragen.", description="Deze lijst kan gefilterd wordt met query-string parameters."
    ),
    retrieve=extend_schema(
        summary="Een specifiek ZAAKOBJECT opvragen.", description="Een specifiek ZAAKOBJECT opvragen."
    ),
    create=extend_schema(
        summary="Maak een ZAAKOBJECT aan.",
        description="Maak een ZAAKOBJECT aan. Bij een "
        "afgesloten zaak met afleidingswijze `zaakobject` volgt de archiefactiedatum.",
    ),
    update=extend_schema(summary="Werk een ZAAKOBJECT zijn geheel bij.", description="Werk een ZAAKOBJECT bij."),
    partial_update=extend_schema(summary="Werk een ZAAKOBJECT deels bij.", description="Werk een ZAAKOBJECT bij."),
    destroy=extend_schema(summary="Verwijder een ZAAKOBJECT.", description="Verwijder een ZAAKOBJECT."),
)
class ZaakObjectViewSet(
    OnderdeelWriteMixin,
    CreateMixin,
    UpdateMixin,
    DestroyMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    ZaakOnderdeelViewSet,
):
    """Zaakobjecten: what a zaak is about, in a registration or described here."""

    queryset = ZaakObject.objects.select_related("zaak", "zaakobjecttype").order_by("-pk")
    serializer_class = serializers.ZaakObjectSerializer
    resource = "zaakobject"
    required_scopes = KOPPELING_SCOPES

    @property
    def filterset_class(self):
        return filters.ZaakObjectFilter if self.action == "list" else None


@extend_schema_view(
    list=extend_schema(
        summary="Alle ZAAK-INFORMATIEOBJECT relaties opvragen.",
        description="Deze lijst kan gefilterd wordt met query-string parameters.",
    ),
    retrieve=extend_schema(
        summary="Een specifieke ZAAK-INFORMATIEOBJECT relatie opvragen.",
        description="Een specifieke ZAAK-INFORMATIEOBJECT relatie opvragen.",
    ),
    create=extend_schema(
        summary="Maak een ZAAK-INFORMATIEOBJECT relatie aan.",
        description="Er wordt gevalideerd op:\n- geldigheid zaak URL;\n- geldigheid informatieobject URL (het "
        "document wordt opgevraagd in de Documenten API);\n- `zaak.archiefstatus` moet gelijk zijn aan "
        "`nog_te_archiveren` (`zaak-archiefstatus-invalid`);\n- de combinatie informatieobject en zaak moet uniek "
        "zijn.\n\nDe registratiedatum wordt op 'NU' gezet, de `aardRelatie` op `hoort_bij`. In de Documenten API "
        "wordt de gespiegelde relatie (objectinformatieobject) aangemaakt.",
    ),
    update=extend_schema(
        summary="Werk een ZAAK-INFORMATIEOBJECT relatie in zijn geheel bij.",
        description="`zaak` en `informatieobject` mogen niet gewijzigd worden.",
    ),
    partial_update=extend_schema(
        summary="Werk een ZAAK-INFORMATIEOBJECT relatie deels bij.",
        description="`zaak` en `informatieobject` mogen niet gewijzigd worden.",
    ),
    destroy=extend_schema(
        summary="Verwijder een ZAAK-INFORMATIEOBJECT relatie.",
        description="De gespiegelde relatie in de Documenten API wordt ook verwijderd.",
    ),
)
class ZaakInformatieObjectViewSet(
    CreateMixin, UpdateMixin, DestroyMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ZaakOnderdeelViewSet
):
    """Zaakinformatieobjecten: the documents of a zaak, mirrored in the Documenten API."""

    queryset = ZaakInformatieObject.objects.select_related("zaak", "status").order_by("-pk")
    serializer_class = serializers.ZaakInformatieObjectSerializer
    pagination_class = None
    resource = "zaakinformatieobject"
    required_scopes = KOPPELING_SCOPES

    @property
    def filterset_class(self):
        return filters.ZaakInformatieObjectFilter if self.action == "list" else None

    def perform_create(self, serializer):
        self.ensure_may_write(serializer.validated_data["zaak"], self.required_scopes["create"])
        return services.zaakinformatieobject_create(
            data=dict(serializer.validated_data), zichtbaar=access.document_zichtbaar(self.auth)
        )

    def after_commit_create(self, instance) -> None:
        services.zaakinformatieobject_spiegelen(zio=instance)

    def undo_elsewhere(self, instance) -> None:
        services.spiegel_opruimen(
            informatieobject=instance.informatieobject, object_url=services.zaken_url(instance.zaak)
        )

    def perform_update(self, serializer):
        self.ensure_may_write(serializer.instance.zaak, self.required_scopes["update"])
        return services.zaakinformatieobject_update(zio=serializer.instance, data=dict(serializer.validated_data))

    def perform_destroy(self, instance):
        self.ensure_may_write(instance.zaak, self.required_scopes["destroy"])
        services.zaakinformatieobject_delete(zio=instance)


@extend_schema_view(
    list=extend_schema(
        summary="Alle KLANTCONTACTen opvragen.",
        description="Alle KLANTCONTACTen opvragen.\n\n**DEPRECATED**: gebruik de contactmomenten API in plaats van "
        "deze endpoint.",
    ),
    retrieve=extend_schema(
        summary="Een specifiek KLANTCONTACT bij een ZAAK opvragen.",
        description="Een specifiek KLANTCONTACT bij een ZAAK opvragen.\n\n**DEPRECATED**: gebruik de "
        "contactmomenten API in plaats van deze endpoint.",
    ),
    create=extend_schema(
        summary="Maak een KLANTCONTACT bij een ZAAK aan.",
        description="Indien geen identificatie gegeven is, dan wordt deze automatisch gegenereerd. Bij een "
        "afgesloten zaak alleen met de scope `zaken.geforceerd-bijwerken`.\n\n**DEPRECATED**: gebruik de "
        "contactmomenten API in plaats van deze endpoint.",
    ),
)
class KlantContactViewSet(
    OnderdeelWriteMixin, CreateMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ZaakOnderdeelViewSet
):
    """Klantcontacten: contacts with a klant about a zaak (deprecated by the standard)."""

    queryset = KlantContact.objects.select_related("zaak").order_by("-pk")
    serializer_class = serializers.KlantContactSerializer
    resource = "klantcontact"
    required_scopes = {"list": {LEZEN}, "retrieve": {LEZEN}, "create": WIJZIGEN}

    @property
    def filterset_class(self):
        return filters.KlantContactFilter if self.action == "list" else None


class ExterneRelatieViewSet(
    OnderdeelWriteMixin,
    CreateMixin,
    DestroyMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    ZaakOnderdeelViewSet,
):
    """A relation of a zaak to an object of another provider's API: created and deleted, never changed.

    As every other part of a zaak: a client writes it only for a zaak it may change, and on a
    closed zaak only with `zaken.geforceerd-bijwerken`.
    """

    required_scopes = {"list": {LEZEN}, "retrieve": {LEZEN}, "create": WIJZIGEN, "destroy": WIJZIGEN}
    collection = ""

    def url_of(self, instance) -> str:
        root = settings.ZAKEN_API_ROOT if settings.ZAKEN_API_ROOT.endswith("/") else settings.ZAKEN_API_ROOT + "/"
        return f"{root}{self.collection}/{instance.uuid}"


ZAAKCONTACTMOMENT_CREATE = (
    "**Er wordt gevalideerd op:**\n- geldigheid URL naar het CONTACTMOMENT: onder een geconfigureerde API-root "
    "(`EXTERNAL_API_ROOTS`) wordt het opgevraagd en moet het een contactmoment zijn (`bad-url`, "
    "`invalid-resource`); daarbuiten wordt niets opgevraagd.\n\nBij een afgesloten zaak alleen met de scope "
    "`zaken.geforceerd-bijwerken`."
)
ZAAKVERZOEK_CREATE = (
    "**Er wordt gevalideerd op**\n- geldigheid URL naar de VERZOEK: onder een geconfigureerde API-root "
    "(`EXTERNAL_API_ROOTS`) wordt het opgevraagd en moet het een verzoek zijn (`bad-url`, `invalid-resource`); "
    "daarbuiten wordt niets opgevraagd.\n\nBij een afgesloten zaak alleen met de scope "
    "`zaken.geforceerd-bijwerken`."
)


@extend_schema_view(
    list=extend_schema(summary="Alle ZAAKCONTACTMOMENTen opvragen.", description="Alle ZAAKCONTACTMOMENTen opvragen."),
    retrieve=extend_schema(
        summary="Een specifiek ZAAKCONTACTMOMENT opvragen.", description="Een specifiek ZAAKCONTACTMOMENT opvragen."
    ),
    create=extend_schema(summary="Maak een ZAAKCONTACTMOMENT aan.", description=ZAAKCONTACTMOMENT_CREATE),
    destroy=extend_schema(
        summary="Verwijder een ZAAKCONTACTMOMENT.",
        description="Verwijder een ZAAKCONTACTMOMENT. Bij een afgesloten zaak alleen met de scope "
        "`zaken.geforceerd-bijwerken`.",
    ),
)
class ZaakContactMomentViewSet(ExterneRelatieViewSet):
    """Zaakcontactmomenten: the contactmomenten (in another provider's API) about a zaak."""

    queryset = ZaakContactMoment.objects.select_related("zaak").order_by("-pk")
    serializer_class = serializers.ZaakContactMomentSerializer
    pagination_class = None
    resource = "zaakcontactmoment"
    collection = "zaakcontactmomenten"

    @property
    def filterset_class(self):
        return filters.ZaakContactMomentFilter if self.action == "list" else None


@extend_schema_view(
    list=extend_schema(summary="Alle ZAAK-VERZOEKen opvragen.", description="Alle ZAAK-VERZOEKen opvragen."),
    retrieve=extend_schema(
        summary="Een specifieke ZAAK-VERZOEK opvragen.", description="Een specifieke ZAAK-VERZOEK opvragen."
    ),
    create=extend_schema(summary="Maak een ZAAK-VERZOEK aan.", description=ZAAKVERZOEK_CREATE),
    destroy=extend_schema(
        summary="Verwijder een ZAAK-VERZOEK.",
        description="Verwijder een ZAAK-VERZOEK. Bij een afgesloten zaak alleen met de scope "
        "`zaken.geforceerd-bijwerken`.",
    ),
)
class ZaakVerzoekViewSet(ExterneRelatieViewSet):
    """Zaakverzoeken: the verzoeken (in another provider's API) that a zaak handles."""

    queryset = ZaakVerzoek.objects.select_related("zaak").order_by("-pk")
    serializer_class = serializers.ZaakVerzoekSerializer
    pagination_class = None
    resource = "zaakverzoek"
    collection = "zaakverzoeken"

    @property
    def filterset_class(self):
        return filters.ZaakVerzoekFilter if self.action == "list" else None


# --- nested under a zaak --------------------------------------------------------------------------


class NestedMixin:
    """Resources below `/zaken/{zaak_uuid}/…`: the zaak comes from the path."""

    pagination_class = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # The zaak in the path is checked before anything else: a client learns nothing about
        # a body it sends below a zaak it may not see.
        if self.kwargs.get("zaak_uuid"):
            self.get_zaak()

    def get_zaak(self) -> Zaak:
        zaak = getattr(self, "_zaak", None)
        if zaak is None:
            zaak = get_object_or_404(Zaak.objects.select_related("zaaktype"), uuid=self.kwargs["zaak_uuid"])
            scopes = self.required_scopes.get(self.action, {LEZEN})
            access.ensure_zaak_toegestaan(self.auth, zaak, set(scopes))
            self._zaak = zaak
        return zaak

    def get_queryset(self):
        return self.queryset.filter(zaak__uuid=self.kwargs.get("zaak_uuid"))

    def list(self, request, *args, **kwargs):
        self.get_zaak()
        return Response(self.get_serializer(self.get_queryset(), many=True).data)

    def get_object(self):
        self.get_zaak()
        return get_object_or_404(self.get_queryset(), uuid=self.kwargs["uuid"])


@extend_schema_view(
    list=extend_schema(summary="Alle ZAAKEIGENSCHAPpen opvragen.", description="Alle ZAAKEIGENSCHAPpen van de zaak."),
    retrieve=extend_schema(
        summary="Een specifieke ZAAKEIGENSCHAP opvragen.", description="Een specifieke ZAAKEIGENSCHAP opvragen."
    ),
    create=extend_schema(
        summary="Maak een ZAAKEIGENSCHAP aan.",
        description="De EIGENSCHAP hoort bij het zaaktype "
        "van de zaak. Bij een afgesloten zaak met afleidingswijze `eigenschap` volgt de "
        "archiefactiedatum.",
    ),
    update=extend_schema(
        summary="Werk een ZAAKEIGENSCHAP in zijn geheel bij.",
        description="Werk een ZAAKEIGENSCHAP bij; de archiefactiedatum volgt.",
    ),
    partial_update=extend_schema(
        summary="Werk een ZAAKEIGENSCHAP deels bij.",
        description="Werk een ZAAKEIGENSCHAP bij; de archiefactiedatum volgt.",
    ),
    destroy=extend_schema(summary="Verwijder een ZAAKEIGENSCHAP.", description="Verwijder een ZAAKEIGENSCHAP."),
)
@extend_schema(parameters=[ZAAK_UUID])
class ZaakEigenschapViewSet(
    NestedMixin,
    OnderdeelWriteMixin,
    CreateMixin,
    UpdateMixin,
    DestroyMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    ZaakOnderdeelViewSet,
):
    """Zaakeigenschappen: values of the eigenschappen of the zaaktype."""

    queryset = ZaakEigenschap.objects.select_related("zaak", "eigenschap").order_by("pk")
    serializer_class = serializers.ZaakEigenschapSerializer
    resource = "zaakeigenschap"
    required_scopes = ONDERDEEL_SCOPES

    def get_serializer(self, *args, **kwargs):
        data = kwargs.get("data")
        if isinstance(data, dict) and "zaak" not in data and self.kwargs.get("zaak_uuid"):
            data = {**data, "zaak": services.zaken_url(self.get_zaak())}
            kwargs["data"] = data
        return super().get_serializer(*args, **kwargs)

    def perform_create(self, serializer):
        if str(serializer.validated_data["zaak"].uuid) != str(self.kwargs["zaak_uuid"]):
            raise exceptions.ValidationError(
                {"zaak": [exceptions.ErrorDetail("De zaak in de body is niet die van het pad.", code="invalid-zaak")]}
            )
        return super().perform_create(serializer)


@extend_schema_view(
    list=extend_schema(summary="Alle ZAAKBESLUITen opvragen.", description="De besluiten bij deze zaak."),
    retrieve=extend_schema(summary="Een specifiek ZAAKBESLUIT opvragen.", description="Een specifiek ZAAKBESLUIT."),
    create=extend_schema(
        summary="Maak een ZAAKBESLUIT aan.",
        description="Registreert dat een besluit over deze zaak gaat. Het besluit moet zelf al naar de zaak "
        "verwijzen (`inconsistent-relation`); de Besluiten API doet dit automatisch bij het aanmaken of bijwerken "
        "van een besluit.",
    ),
    destroy=extend_schema(
        summary="Verwijder een ZAAKBESLUIT.",
        description="Alleen als het besluit niet meer naar de zaak verwijst (`inconsistent-relation`).",
    ),
)
@extend_schema(parameters=[ZAAK_UUID])
class ZaakBesluitViewSet(
    NestedMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    ZaakOnderdeelViewSet,
):
    """Zaakbesluiten: the besluiten about a zaak, kept in step by the Besluiten API."""

    queryset = ZaakBesluit.objects.select_related("zaak", "besluit").order_by("pk")
    serializer_class = serializers.ZaakBesluitSerializer
    resource = "zaakbesluit"
    required_scopes = {"list": {LEZEN}, "retrieve": {LEZEN}, "create": {BIJWERKEN}, "destroy": {BIJWERKEN}}

    def url_of(self, instance) -> str:
        return services.zaken_url(instance)

    @transaction.atomic
    def perform_create(self, serializer):
        zaak = self.get_zaak()
        serializer.instance = services.zaakbesluit_create(zaak=zaak, besluit=serializer.validated_data["besluit"])
        self.record(Actie.create, serializer.instance, oud=None, nieuw=dict(serializer.data), resultaat=201)

    @transaction.atomic
    def perform_destroy(self, instance):
        self.record(Actie.destroy, instance, oud=self.representation(instance), nieuw=None, resultaat=204)
        services.zaakbesluit_delete(zaakbesluit=instance)


@extend_schema_view(
    list=extend_schema(
        summary="Alle audit trail regels behorend bij de ZAAK.",
        description="Alle audit trail regels behorend bij de ZAAK.",
    ),
    retrieve=extend_schema(
        summary="Een specifieke audit trail regel opvragen.", description="Een specifieke audit trail regel opvragen."
    ),
)
@extend_schema(parameters=[ZAAK_UUID])
class ZaakAuditTrailViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The audit trail of a zaak: every change to it and its parts."""

    schema = ZakenAutoSchema()
    component = "zrc"
    lookup_field = "uuid"
    pagination_class = None
    serializer_class = serializers.AuditTrailSerializer
    required_scopes = {"list": {AUDITTRAILS_LEZEN}, "retrieve": {AUDITTRAILS_LEZEN}}
    queryset = AuditTrail.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        zaak = get_object_or_404(Zaak.objects.select_related("zaaktype"), uuid=self.kwargs["zaak_uuid"])
        access.ensure_zaak_toegestaan(self.request.auth, zaak, {AUDITTRAILS_LEZEN})
        return audittrail_for(services.zaken_url(zaak))
