"""Viewsets of the Catalogi API 1.3: parse with the serializers, decide in the services."""

from __future__ import annotations

from django.db.models import Max, OuterRef, Subquery
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from common.exceptions import TITLES
from common.schema import PROBLEM, AutoSchema, ValidatieFoutSerializer

from ... import services
from ...models import (
    BesluitType,
    Catalogus,
    Eigenschap,
    InformatieObjectType,
    ResultaatType,
    RolType,
    StatusType,
    ZaakObjectType,
    ZaakType,
    ZaakTypeInformatieObjectType,
)
from . import filters, serializers

SCOPE_LEZEN = "catalogi.lezen"
SCOPE_SCHRIJVEN = "catalogi.schrijven"
SCOPE_GEFORCEERD_SCHRIJVEN = "catalogi.geforceerd-schrijven"
SCOPE_GEFORCEERD_VERWIJDEREN = "catalogi.geforceerd-verwijderen"
SCOPE_ZAKEN_LEZEN = "zaken.lezen"
SCOPE_DOCUMENTEN_LEZEN = "documenten.lezen"

LEZEN = {SCOPE_LEZEN}
SCHRIJVEN = {SCOPE_SCHRIJVEN}
BIJWERKEN = {SCOPE_SCHRIJVEN, SCOPE_GEFORCEERD_SCHRIJVEN}
VERWIJDEREN = {SCOPE_SCHRIJVEN, SCOPE_GEFORCEERD_VERWIJDEREN}

ANNOTATIONS = ("begin_object", "einde_object", "hoogste_volgnummer")

CONCEPT_UPDATE = (
    "Dit kan alleen als het een concept betreft; van een gepubliceerd object mag alleen `eindeGeldigheid` "
    "gezet worden (met alleen dat veld in een PATCH). Met de scope `catalogi.geforceerd-schrijven` gelden "
    "deze beperkingen niet."
)
BESLUITTYPE_ZAAKTYPEN = (
    "`zaaktypen` is alleen-lezen: de relatie wordt gelegd op het ZAAKTYPE (`besluittypen`). Een client van "
    "Catalogi 1.0-1.2 die `zaaktypen` toch schrijft, relateert daarmee de genoemde zaaktypen die nog niet "
    "gerelateerd zijn, met de regels van het zaaktype: dezelfde catalogus (`relations-incorrect-catalogus`) en "
    "alleen een concept-zaaktype (`non-concept-relation`). Weglaten ontkoppelt niets."
)


ONDERDEEL_CREATE = (
    "Dit kan alleen als het ZAAKTYPE een concept is (`non-concept-zaaktype`), ook met de scope "
    "`catalogi.geforceerd-schrijven`: een gepubliceerde versie krijgt geen nieuwe onderdelen."
)
ONDERDEEL_WRITE = (
    "Dit kan alleen als het ZAAKTYPE een concept is (`non-concept-zaaktype`). Met de scope "
    "`catalogi.geforceerd-schrijven` geldt deze beperking niet."
)
ONDERDEEL_DELETE = (
    "Dit kan alleen als het ZAAKTYPE een concept is (`non-concept-zaaktype`). Met de scope "
    "`catalogi.geforceerd-verwijderen` geldt deze beperking niet."
)


class CatalogiAutoSchema(AutoSchema):
    """Documents the scopes of each operation, as the standard does, and the 400 of a DELETE
    (refused by a rule of the catalogue, e.g. for a published object)."""

    def get_auth(self):
        auth = super().get_auth()
        scopes = (getattr(self.view, "required_scopes", None) or {}).get(getattr(self.view, "action", None))
        if not auth or not scopes:
            return auth
        expression = " | ".join(sorted(scopes))
        return [{"JWT-Claims": [f"({expression})" if len(scopes) > 1 else expression]}]

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction == "response" and self.method.upper() == "DELETE" and "400" not in responses:
            responses["400"] = self._get_response_for_code(ValidatieFoutSerializer, "400", [PROBLEM])
            responses["400"]["description"] = TITLES[400]
            responses = dict(sorted(responses.items()))
        return responses


class CatalogiViewSet(viewsets.ModelViewSet):
    """Common ground of the Catalogi API viewsets: scopes, lookup by uuid, filters per action."""

    schema = CatalogiAutoSchema()
    component = "ztc"
    lookup_field = "uuid"
    list_filterset_class = None
    retrieve_filterset_class = None
    required_scopes = {
        "list": LEZEN,
        "retrieve": LEZEN,
        "create": BIJWERKEN,
        "update": BIJWERKEN,
        "partial_update": BIJWERKEN,
        "destroy": VERWIJDEREN,
    }

    @property
    def filterset_class(self):
        if self.action == "list":
            return self.list_filterset_class
        if self.action == "retrieve":
            return self.retrieve_filterset_class
        return None

    @property
    def forced_write(self) -> bool:
        """`catalogi.geforceerd-schrijven` lifts the concept rules for writes."""
        return self.request.auth.has_scope(self.component, {SCOPE_GEFORCEERD_SCHRIJVEN})

    @property
    def forced_delete(self) -> bool:
        """`catalogi.geforceerd-verwijderen` lifts the concept rules for deletes."""
        return self.request.auth.has_scope(self.component, {SCOPE_GEFORCEERD_VERWIJDEREN})

    def _fresh(self, instance):
        """Drop queryset annotations that a write may have made stale."""
        for name in ANNOTATIONS:
            instance.__dict__.pop(name, None)
        return instance


class ZaaktypeOnderdeelViewSet(CatalogiViewSet):
    """Parts of a zaaktype: they follow the concept status of their zaaktype."""

    def perform_create(self, serializer):
        serializer.instance = services.zaaktype_onderdeel_create(
            model=self.queryset.model, data=serializer.validated_data, forced=self.forced_write
        )

    def perform_update(self, serializer):
        services.zaaktype_onderdeel_update(
            onderdeel=serializer.instance, data=serializer.validated_data, forced=self.forced_write
        )
        self._fresh(serializer.instance)

    def perform_destroy(self, instance):
        services.zaaktype_onderdeel_delete(onderdeel=instance, forced=self.forced_delete)


# --- catalogus -------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Alle CATALOGUSsen opvragen.", description="Deze lijst kan gefilterd wordt met query-string parameters."
    ),
    retrieve=extend_schema(
        summary="Een specifieke CATALOGUS opvragen.", description="Een specifieke CATALOGUS opvragen."
    ),
    create=extend_schema(
        summary="Maak een CATALOGUS aan.",
        description="Maak een CATALOGUS aan. Een combinatie van `domein` en `rsin` komt maar één keer voor.",
    ),
)
class CatalogusViewSet(
    mixins.CreateModelMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Catalogussen: the catalogue of a domain, with its zaaktypen, informatieobjecttypen and besluittypen."""

    queryset = Catalogus.objects.prefetch_related("zaaktypen", "besluittypen", "informatieobjecttypen").order_by("pk")
    serializer_class = serializers.CatalogusSerializer
    filterset_class = filters.CatalogusFilter
    lookup_field = "uuid"
    component = "ztc"
    required_scopes = {"list": LEZEN, "retrieve": LEZEN, "create": SCHRIJVEN}

    def perform_create(self, serializer):
        serializer.instance = services.catalogus_create(data=serializer.validated_data)


# --- zaaktype --------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Alle ZAAKTYPEn opvragen.",
        description="Deze lijst kan gefilterd wordt met query-string parameters. Zonder `status` alleen de "
        "gepubliceerde (definitieve) zaaktypen.",
    ),
    retrieve=extend_schema(
        summary="Een specifieke ZAAKTYPE opvragen.",
        description="Een specifieke ZAAKTYPE opvragen. Met `datumGeldigheid` alleen als het zaaktype op die datum "
        "geldig is.",
        parameters=[
            OpenApiParameter(
                "datumGeldigheid", OpenApiTypes.DATE, description="filter objecten op hun geldigheids datum."
            )
        ],
    ),
    create=extend_schema(
        summary="Maak een ZAAKTYPE aan.",
        description="Maak een ZAAKTYPE aan, als concept.\n\nEr wordt gevalideerd op:\n"
        "- geldigheid `catalogus` URL, dit moet een catalogus binnen dezelfde API zijn;\n"
        "- uniciteit `catalogus` en `omschrijving`: dezelfde omschrijving mag enkel opnieuw gebruikt worden met "
        "een andere geldigheidsperiode dan die van de gepubliceerde zaaktypen (`overlap`, ook bij publiceren);\n"
        "- `besluittypen` (`omschrijving` of URL) en `deelzaaktypen` (`identificatie` of URL) horen bij dezelfde "
        "catalogus;\n"
        "- `selectielijstProcestype` is een PROCESTYPE in de Selectielijst API.",
    ),
    update=extend_schema(summary="Werk een ZAAKTYPE in zijn geheel bij.", description=CONCEPT_UPDATE),
    partial_update=extend_schema(summary="Werk een ZAAKTYPE deels bij.", description=CONCEPT_UPDATE),
    destroy=extend_schema(
        summary="Verwijder een ZAAKTYPE.",
        description="Verwijder een ZAAKTYPE, met zijn statustypen, resultaattypen, roltypen, eigenschappen en "
        "zaakobjecttypen. Dit kan alleen als het een concept betreft (`non-concept-object`), behalve met de scope "
        "`catalogi.geforceerd-verwijderen`.",
    ),
)
class ZaakTypeViewSet(CatalogiViewSet):
    """Zaaktypen: the kinds of case, with their process and archiving parameters.

    A zaaktype is written as a concept and published when complete. Publishing checks that
    every zaak of the type can be archived automatically (archiving by design).
    """

    queryset = (
        ZaakType.objects.with_object_dates()
        .select_related("catalogus")
        .prefetch_related(
            "statustypen",
            "resultaattypen",
            "eigenschappen",
            "roltypen",
            "besluittypen",
            "deelzaaktypen",
            "zaaktypenrelaties",
            "informatieobjecttypen",
            "zaakobjecttypen",
        )
        .order_by("pk")
    )
    serializer_class = serializers.ZaakTypeSerializer
    list_filterset_class = filters.ZaakTypeFilter
    retrieve_filterset_class = filters.ZaakTypeDetailFilter
    required_scopes = {
        "list": {SCOPE_LEZEN, SCOPE_DOCUMENTEN_LEZEN, SCOPE_ZAKEN_LEZEN},
        "retrieve": {SCOPE_LEZEN, SCOPE_DOCUMENTEN_LEZEN, SCOPE_ZAKEN_LEZEN},
        "create": SCHRIJVEN,
        "update": BIJWERKEN,
        "partial_update": BIJWERKEN,
        "destroy": VERWIJDEREN,
        "publish": SCHRIJVEN,
    }

    def perform_create(self, serializer):
        serializer.instance = services.zaaktype_create(data=serializer.validated_data)

    def perform_update(self, serializer):
        services.zaaktype_update(
            zaaktype=serializer.instance,
            data=serializer.validated_data,
            partial=serializer.partial,
            forced=self.forced_write,
        )
        self._fresh(serializer.instance)

    def perform_destroy(self, instance):
        services.zaaktype_delete(zaaktype=instance, forced=self.forced_delete)

    @extend_schema(
        summary="Publiceer het concept ZAAKTYPE.",
        description="Publiceren van het zaaktype zorgt ervoor dat dit in een Zaken API kan gebruikt worden. Na het "
        "publiceren van een zaaktype zijn geen inhoudelijke wijzigingen meer mogelijk - ook niet de statustypen, "
        "eigenschappen... etc. Indien er na het publiceren nog wat gewijzigd moet worden, dan moet je een nieuwe "
        "versie aanmaken.\n\n"
        "Een zaaktype wordt alleen gepubliceerd als het compleet is en zijn zaken automatisch gearchiveerd kunnen "
        "worden; anders volgt een 400 met één `invalidParams`-regel per bezwaar:\n"
        "- `concept-relation`: gerelateerde besluittypen, informatieobjecttypen of deelzaaktypen zijn nog concept;\n"
        "- `archiefparameters-incomplete` (naam `resultaattypen.<uuid>`), per resultaattype zonder "
        "archiefnominatie, archiefactietermijn (behalve bij blijvend bewaren), geldige brondatumArchiefprocedure "
        "of een selectielijstklasse die bij het procestype en de afleidingswijze past.",
        request=None,
        responses={200: serializers.ZaakTypeSerializer},
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, uuid=None):
        zaaktype = services.zaaktype_publish(zaaktype=self.get_object())
        return Response(self.get_serializer(self._fresh(zaaktype)).data)


# --- informatieobjecttype and besluittype ------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Alle INFORMATIEOBJECTTYPEn opvragen.",
        description="Deze lijst kan gefilterd wordt met query-string parameters. Zonder `status` alleen de "
        "gepubliceerde (definitieve) informatieobjecttypen.",
    ),
    retrieve=extend_schema(
        summary="Een specifieke INFORMATIEOBJECTTYPE opvragen.",
        description="Een specifieke INFORMATIEOBJECTTYPE opvragen.",
    ),
    create=extend_schema(
        summary="Maak een INFORMATIEOBJECTTYPE aan.",
        description="Maak een INFORMATIEOBJECTTYPE aan, als concept. Versies (dezelfde `omschrijving` in dezelfde "
        "catalogus) mogen elkaar in geldigheid niet overlappen (`overlap`).",
    ),
    update=extend_schema(
        summary="Werk een INFORMATIEOBJECTTYPE in zijn geheel bij.",
        description=CONCEPT_UPDATE + " Een informatieobjecttype dat bij een gepubliceerd besluittype hoort, "
        "verandert ook niet meer (`non-concept-relation`).",
    ),
    partial_update=extend_schema(
        summary="Werk een INFORMATIEOBJECTTYPE deels bij.",
        description=CONCEPT_UPDATE + " Een informatieobjecttype dat bij een gepubliceerd besluittype hoort, "
        "verandert ook niet meer (`non-concept-relation`).",
    ),
    destroy=extend_schema(
        summary="Verwijder een INFORMATIEOBJECTTYPE.",
        description="Verwijder een INFORMATIEOBJECTTYPE. Dit kan alleen als het een concept betreft dat niet bij een "
        "gepubliceerd besluittype hoort, behalve met de scope `catalogi.geforceerd-verwijderen`.",
    ),
)
class InformatieObjectTypeViewSet(CatalogiViewSet):
    """Informatieobjecttypen: the kinds of document, with their confidentiality."""

    queryset = (
        InformatieObjectType.objects.with_object_dates()
        .select_related("catalogus")
        .prefetch_related("zaaktypen", "besluittypen")
        .order_by("pk")
    )
    serializer_class = serializers.InformatieObjectTypeSerializer
    list_filterset_class = filters.InformatieObjectTypeFilter
    required_scopes = {**CatalogiViewSet.required_scopes, "create": SCHRIJVEN, "publish": SCHRIJVEN}

    def perform_create(self, serializer):
        serializer.instance = services.informatieobjecttype_create(data=serializer.validated_data)

    def perform_update(self, serializer):
        services.informatieobjecttype_update(
            informatieobjecttype=serializer.instance,
            data=serializer.validated_data,
            partial=serializer.partial,
            forced=self.forced_write,
        )
        self._fresh(serializer.instance)

    def perform_destroy(self, instance):
        services.informatieobjecttype_delete(informatieobjecttype=instance, forced=self.forced_delete)

    @extend_schema(
        summary="Publiceer het concept INFORMATIEOBJECTTYPE.",
        description="Publiceren van het informatieobjecttype zorgt ervoor dat dit in een Documenten API kan gebruikt "
        "worden. Na het publiceren van een informatieobjecttype zijn geen inhoudelijke wijzigingen meer mogelijk. "
        "Indien er na het publiceren nog wat gewijzigd moet worden, dan moet je een nieuwe versie aanmaken.",
        request=None,
        responses={200: serializers.InformatieObjectTypeSerializer},
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, uuid=None):
        informatieobjecttype = services.informatieobjecttype_publish(informatieobjecttype=self.get_object())
        return Response(self.get_serializer(informatieobjecttype).data)


@extend_schema_view(
    list=extend_schema(
        summary="Alle BESLUITTYPEn opvragen.",
        description="Deze lijst kan gefilterd wordt met query-string parameters. Zonder `status` alleen de "
        "gepubliceerde (definitieve) besluittypen.",
    ),
    retrieve=extend_schema(
        summary="Een specifieke BESLUITTYPE opvragen.", description="Een specifieke BESLUITTYPE opvragen."
    ),
    create=extend_schema(
        summary="Maak een BESLUITTYPE aan.",
        description="Maak een BESLUITTYPE aan, als concept.\n\nEr wordt gevalideerd op:\n"
        "- geldigheid `catalogus` URL, dit moet een catalogus binnen dezelfde API zijn;\n"
        "- `informatieobjecttypen` (`omschrijving` of URL) horen bij dezelfde catalogus;\n"
        "- versies (dezelfde `omschrijving` in dezelfde catalogus) overlappen elkaar niet in geldigheid.\n\n"
        + BESLUITTYPE_ZAAKTYPEN,
    ),
    update=extend_schema(
        summary="Werk een BESLUITTYPE in zijn geheel bij.",
        description=CONCEPT_UPDATE + " Een besluittype met gepubliceerde informatieobjecttypen verandert ook niet "
        "meer (`non-concept-relation`).\n\n" + BESLUITTYPE_ZAAKTYPEN,
    ),
    partial_update=extend_schema(
        summary="Werk een BESLUITTYPE deels bij.",
        description=CONCEPT_UPDATE + " Een besluittype met gepubliceerde informatieobjecttypen verandert ook niet "
        "meer (`non-concept-relation`).\n\n" + BESLUITTYPE_ZAAKTYPEN,
    ),
    destroy=extend_schema(
        summary="Verwijder een BESLUITTYPE.",
        description="Verwijder een BESLUITTYPE. Dit kan alleen als het een concept betreft zonder gepubliceerde "
        "informatieobjecttypen, behalve met de scope `catalogi.geforceerd-verwijderen`.",
    ),
)
class BesluitTypeViewSet(CatalogiViewSet):
    """Besluittypen: the kinds of decision that zaken may lead to."""

    queryset = (
        BesluitType.objects.with_object_dates()
        .select_related("catalogus")
        .prefetch_related("zaaktypen", "informatieobjecttypen", "resultaattypen")
        .order_by("pk")
    )
    serializer_class = serializers.BesluitTypeSerializer
    list_filterset_class = filters.BesluitTypeFilter
    required_scopes = {**CatalogiViewSet.required_scopes, "create": SCHRIJVEN, "publish": SCHRIJVEN}

    def perform_create(self, serializer):
        serializer.instance = services.besluittype_create(data=serializer.validated_data)

    def perform_update(self, serializer):
        services.besluittype_update(
            besluittype=serializer.instance,
            data=serializer.validated_data,
            partial=serializer.partial,
            forced=self.forced_write,
        )
        self._fresh(serializer.instance)

    def perform_destroy(self, instance):
        services.besluittype_delete(besluittype=instance, forced=self.forced_delete)

    @extend_schema(
        summary="Publiceer het concept BESLUITTYPE.",
        description="Publiceren van het besluittype zorgt ervoor dat dit in een Besluiten API kan gebruikt worden. "
        "Na het publiceren van een besluittype zijn geen inhoudelijke wijzigingen meer mogelijk. Indien er na het "
        "publiceren nog wat gewijzigd moet worden, dan moet je een nieuwe versie aanmaken.",
        request=None,
        responses={200: serializers.BesluitTypeSerializer},
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, uuid=None):
        besluittype = services.besluittype_publish(besluittype=self.get_object())
        return Response(self.get_serializer(besluittype).data)


# --- parts of a zaaktype ---------------------------------------------------------------------


def _onderdeel_schema(naam: str, meervoud: str, extra: str = "") -> dict:
    return {
        "list": extend_schema(
            summary=f"Alle {meervoud} opvragen.",
            description="Deze lijst kan gefilterd wordt met query-string parameters. Zonder `status` alleen die van "
            "gepubliceerde zaaktypen.",
        ),
        "retrieve": extend_schema(
            summary=f"Een specifieke {naam} opvragen.", description=f"Een specifieke {naam} opvragen."
        ),
        "create": extend_schema(summary=f"Maak een {naam} aan.", description=ONDERDEEL_CREATE + extra),
        "update": extend_schema(summary=f"Werk een {naam} in zijn geheel bij.", description=ONDERDEEL_WRITE + extra),
        "partial_update": extend_schema(summary=f"Werk een {naam} deels bij.", description=ONDERDEEL_WRITE + extra),
        "destroy": extend_schema(summary=f"Verwijder een {naam}.", description=ONDERDEEL_DELETE),
    }


@extend_schema_view(
    **_onderdeel_schema(
        "STATUSTYPE",
        "STATUSTYPEn",
        " Het `volgnummer` is uniek binnen het zaaktype; het statustype met het hoogste volgnummer is de "
        "eindstatus. De `eigenschappen` horen bij hetzelfde zaaktype.",
    )
)
class StatusTypeViewSet(ZaaktypeOnderdeelViewSet):
    """Statustypen: the statuses zaken of a zaaktype go through."""

    queryset = (
        StatusType.objects.with_object_dates()
        .annotate(
            hoogste_volgnummer=Subquery(
                StatusType.objects.filter(zaaktype=OuterRef("zaaktype"))
                .values("zaaktype")
                .annotate(hoogste=Max("volgnummer"))
                .values("hoogste")
            )
        )
        .select_related("zaaktype__catalogus", "zaakobjecttype")
        .prefetch_related("eigenschappen")
        .order_by("pk")
    )
    serializer_class = serializers.StatusTypeSerializer
    list_filterset_class = filters.StatusTypeFilter


@extend_schema_view(
    **_onderdeel_schema(
        "RESULTAATTYPE",
        "RESULTAATTYPEn",
        "\n\nDe archiefparameters worden gecontroleerd:\n"
        "- `resultaattypeomschrijving` en `selectielijstklasse` zijn resources in de Selectielijst API "
        "(`bad-url`, `invalid-resource`); `omschrijvingGeneriek` komt uit de resultaattypeomschrijving;\n"
        "- de selectielijstklasse hoort bij de `selectielijstProcestype` van het zaaktype (`procestype-mismatch`);\n"
        "- de afleidingswijze past bij de procestermijn van de selectielijstklasse "
        "(`invalid-afleidingswijze-for-procestermijn`);\n"
        "- de velden van `brondatumArchiefprocedure` die de afleidingswijze vraagt zijn gevuld, de andere leeg "
        "(`required`, `must-be-empty`, één regel per veld);\n"
        "- zonder `archiefnominatie` of `archiefactietermijn` worden de `waardering` en `bewaartermijn` van de "
        "selectielijstklasse overgenomen.",
    )
)
class ResultaatTypeViewSet(ZaaktypeOnderdeelViewSet):
    """Resultaattypen: the results a zaak can have, and how its records are archived."""

    queryset = (
        ResultaatType.objects.with_object_dates()
        .select_related("zaaktype__catalogus", "zaakobjecttype")
        .prefetch_related("besluittypen", "informatieobjecttypen")
        .order_by("pk")
    )
    serializer_class = serializers.ResultaatTypeSerializer
    list_filterset_class = filters.ResultaatTypeFilter

    def perform_create(self, serializer):
        serializer.instance = services.resultaattype_create(data=serializer.validated_data, forced=self.forced_write)

    def perform_update(self, serializer):
        services.resultaattype_update(
            resultaattype=serializer.instance, data=serializer.validated_data, forced=self.forced_write
        )
        self._fresh(serializer.instance)


@extend_schema_view(**_onderdeel_schema("ROLTYPE", "ROLTYPEn"))
class RolTypeViewSet(ZaaktypeOnderdeelViewSet):
    """Roltypen: the roles betrokkenen play in zaken of a zaaktype."""

    queryset = RolType.objects.with_object_dates().select_related("zaaktype__catalogus").order_by("pk")
    serializer_class = serializers.RolTypeSerializer
    list_filterset_class = filters.RolTypeFilter


@extend_schema_view(
    **_onderdeel_schema(
        "EIGENSCHAP",
        "EIGENSCHAPpen",
        " De `naam` is uniek binnen het zaaktype; het `statustype` hoort bij hetzelfde zaaktype.",
    )
)
class EigenschapViewSet(ZaaktypeOnderdeelViewSet):
    """Eigenschappen: the case-type specific properties zaken record."""

    queryset = Eigenschap.objects.with_object_dates().select_related("zaaktype__catalogus", "statustype").order_by("pk")
    serializer_class = serializers.EigenschapSerializer
    list_filterset_class = filters.EigenschapFilter


ZIOT_REGEL = (
    "Dit kan zolang het ZAAKTYPE of het INFORMATIEOBJECTTYPE een concept is (ztc-010); zijn ze allebei "
    "gepubliceerd, dan niet meer (`non-concept-relation`){}."
)
ZIOT_EXTRA = (
    " Het `informatieobjecttype` (URL of `omschrijving`) hoort bij de catalogus van het zaaktype "
    "(`relations-incorrect-catalogus`); het `volgnummer` is uniek binnen het zaaktype."
)


@extend_schema_view(
    **(
        _onderdeel_schema("ZAAKTYPE-INFORMATIEOBJECTTYPE relatie", "ZAAKTYPE-INFORMATIEOBJECTTYPE relaties")
        | {
            "create": extend_schema(
                summary="Maak een ZAAKTYPE-INFORMATIEOBJECTTYPE relatie aan.",
                description=ZIOT_REGEL.format("") + ZIOT_EXTRA,
            ),
            "update": extend_schema(
                summary="Werk een ZAAKTYPE-INFORMATIEOBJECTTYPE relatie in zijn geheel bij.",
                description=ZIOT_REGEL.format(", behalve met de scope `catalogi.geforceerd-schrijven`") + ZIOT_EXTRA,
            ),
            "partial_update": extend_schema(
                summary="Werk een ZAAKTYPE-INFORMATIEOBJECTTYPE relatie deels bij.",
                description=ZIOT_REGEL.format(", behalve met de scope `catalogi.geforceerd-schrijven`") + ZIOT_EXTRA,
            ),
            "destroy": extend_schema(
                summary="Verwijder een ZAAKTYPE-INFORMATIEOBJECTTYPE relatie.",
                description=ZIOT_REGEL.format(", behalve met de scope `catalogi.geforceerd-verwijderen`"),
            ),
        }
    )
)
class ZaakTypeInformatieObjectTypeViewSet(ZaaktypeOnderdeelViewSet):
    """Zaaktype-informatieobjecttypen: which documents belong to a zaaktype, in which direction."""

    queryset = ZaakTypeInformatieObjectType.objects.select_related(
        "zaaktype__catalogus", "informatieobjecttype", "statustype"
    ).order_by("pk")
    serializer_class = serializers.ZaakTypeInformatieObjectTypeSerializer
    list_filterset_class = filters.ZaakTypeInformatieObjectTypeFilter


@extend_schema_view(
    **_onderdeel_schema(
        "ZAAKOBJECTTYPE",
        "ZAAKOBJECTTYPEn",
        " De `statustypen` en `resultaattypen` horen bij hetzelfde zaaktype.",
    )
)
class ZaakObjectTypeViewSet(ZaaktypeOnderdeelViewSet):
    """Zaakobjecttypen: the kinds of object zaken of a zaaktype are about."""

    queryset = (
        ZaakObjectType.objects.with_object_dates()
        .select_related("zaaktype__catalogus")
        .prefetch_related("statustypen", "resultaattypen")
        .order_by("pk")
    )
    serializer_class = serializers.ZaakObjectTypeSerializer
    list_filterset_class = filters.ZaakObjectTypeFilter
