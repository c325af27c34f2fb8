"""Serializers of the Catalogi API 1.3: they parse and resolve references, the services decide.

Field names, shapes and enums follow `catalogi-1.3.1.yaml`. Gegevensgroepen
(`referentieproces`, `brondatumArchiefprocedure`, …) are nested objects in the API and flat
fields in the models.
"""

from __future__ import annotations

from drf_spectacular.plumbing import build_array_type, build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.constants import Archiefnominatie, VertrouwelijkheidsAanduiding

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
    ZaakTypenRelatie,
)
from ...models.choices import (
    Afleidingswijze,
    BrondatumObjecttype,
    EigenschapFormaat,
    Richting,
    RolOmschrijvingGeneriek,
)
from ...selectors import version_for
from ...services import catalogi_url
from .fields import (
    NAMESPACE,
    DurationField,
    GegevensgroepSerializer,
    ObjectDatumField,
    OptioneleEmailField,
    OptioneleUrlField,
    UrlsField,
    VerwijzingenField,
    VerwijzingField,
    detail_url,
    uuid_from_url,
)

URL_HELP = "URL-referentie naar dit object. Dit is de unieke identificatie en locatie van dit object."
ZAAKTYPE_IDENTIFICATIE_HELP = "Unieke identificatie van het ZAAKTYPE binnen de CATALOGUS waarin het ZAAKTYPE voorkomt."
BEGIN_OBJECT_HELP = "De datum waarop de eerst versie van het object ontstaan is."
EINDE_OBJECT_HELP = "De datum van de aller laatste versie van het object."


def choices_help(text: str, choices) -> str:
    """Help text with the standard's 'Uitleg bij mogelijke waarden' list."""
    lines = "\n".join(f"* `{value}` - {label}" for value, label in choices.choices)
    return f"{text}\n\nUitleg bij mogelijke waarden:\n\n{lines}"


def _url(view: str, **kwargs) -> dict:
    return {"view_name": f"{NAMESPACE}:{view}-detail", "lookup_field": "uuid", **kwargs}


@extend_schema_field(build_array_type(build_basic_type(OpenApiTypes.STR)))
class NamenField(serializers.ReadOnlyField):
    """The names (`omschrijving`) of related objects."""

    def __init__(self, attribute: str, **kwargs) -> None:
        self.attribute = attribute
        super().__init__(**kwargs)

    def to_representation(self, value):
        return [getattr(obj, self.attribute) for obj in value.all()]


def does_not_exist(field_name: str, message: str) -> serializers.ValidationError:
    return serializers.ValidationError({field_name: [serializers.ErrorDetail(message, code="does_not_exist")]})


class ReferenceResolver:
    """Resolve `VerwijzingenField`/`VerwijzingField` values (URL or name) within a catalogus."""

    def _resolve_one(self, value: str, model, catalogus: Catalogus, datum, field_name: str):
        name = model._meta.verbose_name
        if value.startswith(("http://", "https://")):
            uuid = uuid_from_url(value, model)
            obj = model.objects.filter(uuid=uuid).first() if uuid else None
            if obj is None:
                raise does_not_exist(field_name, f"`{value}` is geen {name} van deze Catalogi API.")
            return obj
        obj = version_for(model=model, catalogus_id=catalogus.pk, naam=value, datum=datum)
        if obj is None:
            raise does_not_exist(field_name, f"Er is geen {name} met {model.version_key} `{value}` in deze catalogus.")
        return obj

    def resolve(self, attrs: dict, references: dict, catalogus: Catalogus, datum) -> dict:
        for name, model in references.items():
            if name not in attrs:
                continue
            value = attrs[name]
            if isinstance(value, list):
                resolved = [self._resolve_one(item, model, catalogus, datum, name) for item in value]
                attrs[name] = list(dict.fromkeys(resolved))
            else:
                attrs[name] = self._resolve_one(value, model, catalogus, datum, name)
        return attrs


class OnderdeelSerializer(ReferenceResolver, serializers.HyperlinkedModelSerializer):
    """Base of the parts of a zaaktype: `zaaktype`, `zaaktypeIdentificatie`, object dates."""

    references: dict = {}

    zaaktype_identificatie = serializers.CharField(
        source="zaaktype.identificatie", read_only=True, help_text=ZAAKTYPE_IDENTIFICATIE_HELP
    )
    begin_object = ObjectDatumField("begin", help_text=BEGIN_OBJECT_HELP)
    einde_object = ObjectDatumField("einde", help_text=EINDE_OBJECT_HELP)

    def validate(self, attrs):
        zaaktype = attrs.get("zaaktype") or getattr(self.instance, "zaaktype", None)
        if zaaktype is not None and self.references:
            datum = attrs.get("begin_geldigheid") or zaaktype.begin_geldigheid
            attrs = self.resolve(attrs, self.references, zaaktype.catalogus, datum)
        return attrs


# --- catalogus -------------------------------------------------------------------------------


class CatalogusSerializer(serializers.HyperlinkedModelSerializer):
    contactpersoon_beheer_emailadres = OptioneleEmailField(
        max_length=254,
        help_text="Het emailadres van de contactpersoon die verantwoordelijk is voor het beheer van de CATALOGUS.",
    )
    zaaktypen = UrlsField(help_text="URL-referenties naar ZAAKTYPEn die in deze CATALOGUS worden ontsloten.")
    besluittypen = UrlsField(help_text="URL-referenties naar BESLUITTYPEn die in deze CATALOGUS worden ontsloten.")
    informatieobjecttypen = UrlsField(
        help_text="URL-referenties naar INFORMATIEOBJECTTYPEn die in deze CATALOGUS worden ontsloten."
    )

    class Meta:
        model = Catalogus
        fields = (
            "url",
            "domein",
            "rsin",
            "contactpersoon_beheer_naam",
            "contactpersoon_beheer_telefoonnummer",
            "contactpersoon_beheer_emailadres",
            "zaaktypen",
            "besluittypen",
            "informatieobjecttypen",
            "naam",
            "versie",
            "begindatum_versie",
        )
        extra_kwargs = {"url": _url("catalogus", help_text=URL_HELP)}


# --- zaaktype --------------------------------------------------------------------------------


class ReferentieProcesSerializer(GegevensgroepSerializer):
    naam = serializers.CharField(
        source="referentieproces_naam", max_length=80, help_text="De naam van het Referentieproces."
    )
    link = OptioneleUrlField(
        source="referentieproces_link",
        max_length=200,
        help_text="De URL naar de beschrijving van het Referentieproces",
    )


class BronCatalogusSerializer(GegevensgroepSerializer):
    url = serializers.URLField(source="broncatalogus_url", max_length=200, help_text="URL-referentie broncatalogus")
    domein = serializers.CharField(
        source="broncatalogus_domein",
        max_length=5,
        help_text="Het domein van de CATALOGUS waaraan het ZAAKTYPE is ontleend.",
    )
    rsin = serializers.CharField(
        source="broncatalogus_rsin",
        max_length=9,
        help_text="Het RSIN van de INGESCHREVEN NIET-NATUURLIJK PERSOON die beheerder is van de CATALOGUS waaraan "
        "het ZAAKTYPE is ontleend.",
    )


class BronZaaktypeSerializer(GegevensgroepSerializer):
    url = serializers.URLField(source="bronzaaktype_url", max_length=200, help_text="URL-referentie bronzaaktype")
    identificatie = serializers.CharField(
        source="bronzaaktype_identificatie",
        max_length=50,
        help_text="De Zaaktype-identificatie van het bronzaaktype binnen de CATALOGUS.",
    )
    omschrijving = serializers.CharField(
        source="bronzaaktype_omschrijving",
        max_length=80,
        help_text="De Zaaktype-omschrijving van het bronzaaktype, zoals gehanteerd in de Broncatalogus.",
    )


class ZaakTypenRelatieSerializer(serializers.ModelSerializer):
    zaaktype = serializers.CharField(
        source="gerelateerd_zaaktype",
        max_length=200,
        help_text="URL-referentie naar het gerelateerde zaaktype, mogelijk in een extern ZTC; bij het schrijven "
        "ook de `identificatie` van een zaaktype in dezelfde catalogus.",
    )
    aard_relatie = serializers.ChoiceField(
        choices=ZaakTypenRelatie._meta.get_field("aard_relatie").choices,
        help_text="Omschrijving van de aard van de relatie van zaken van het ZAAKTYPE tot zaken van het andere "
        "ZAAKTYPE",
    )

    class Meta:
        model = ZaakTypenRelatie
        fields = ("zaaktype", "aard_relatie", "toelichting")


class ZaakTypeSerializer(ReferenceResolver, serializers.HyperlinkedModelSerializer):
    referentieproces = ReferentieProcesSerializer(
        source="*", help_text="Het Referentieproces dat ten grondslag ligt aan dit ZAAKTYPE."
    )
    broncatalogus = BronCatalogusSerializer(
        source="*", required=False, allow_null=True, help_text="De CATALOGUS waaraan het ZAAKTYPE is ontleend."
    )
    bronzaaktype = BronZaaktypeSerializer(
        source="*",
        required=False,
        allow_null=True,
        help_text="Het zaaktype binnen de CATALOGUS waaraan dit ZAAKTYPE is ontleend.",
    )
    doorlooptijd = DurationField(
        help_text="De periode waarbinnen volgens wet- en regelgeving een ZAAK van het ZAAKTYPE afgerond dient te "
        "zijn, in kalenderdagen."
    )
    servicenorm = DurationField(
        required=False,
        allow_null=True,
        help_text="De periode waarbinnen verwacht wordt dat een ZAAK van het ZAAKTYPE afgerond wordt conform de "
        "geldende servicenormen van de zaakbehandelende organisatie(s).",
    )
    verlengingstermijn = DurationField(
        required=False,
        allow_null=True,
        help_text="Een tijdsduur in ISO 8601 formaat waarmee de Doorlooptijd behandeling van ZAAKen van dit "
        "ZAAKTYPE kan worden verlengd. Mag alleen een waarde bevatten als verlenging mogelijk is.",
    )
    trefwoorden = serializers.ListField(
        child=serializers.CharField(max_length=30),
        required=False,
        help_text="Een trefwoord waarmee ZAAKen van het ZAAKTYPE kunnen worden gekarakteriseerd.",
    )
    verantwoordingsrelatie = serializers.ListField(
        child=serializers.CharField(max_length=40),
        required=False,
        help_text="De relatie tussen ZAAKen van dit ZAAKTYPE en de beleidsmatige en/of financiële verantwoording.",
    )
    selectielijst_procestype = OptioneleUrlField(
        max_length=200,
        help_text="URL-referentie naar een vanuit archiveringsoptiek onderkende groep processen met dezelfde "
        "kenmerken (PROCESTYPE in de Selectielijst API).",
    )
    producten_of_diensten = serializers.ListField(
        child=serializers.URLField(max_length=1000),
        help_text="Het product of de dienst die door ZAAKen van dit ZAAKTYPE wordt voortgebracht.",
    )
    zaakobjecttypen = UrlsField(help_text="URL-referenties naar de ZAAKOBJECTTYPEN van dit ZAAKTYPE.")
    statustypen = UrlsField(help_text="URL-referenties naar de STATUSTYPEN die mogelijk zijn binnen dit ZAAKTYPE.")
    resultaattypen = UrlsField(
        help_text="URL-referenties naar de RESULTAATTYPEN die mogelijk zijn binnen dit ZAAKTYPE."
    )
    eigenschappen = UrlsField(
        help_text="URL-referenties naar de EIGENSCHAPPEN die aanwezig moeten zijn in ZAKEN van dit ZAAKTYPE."
    )
    informatieobjecttypen = UrlsField(
        help_text="URL-referenties naar de INFORMATIEOBJECTTYPEN die mogelijk zijn binnen dit ZAAKTYPE."
    )
    roltypen = UrlsField(help_text="URL-referenties naar de ROLTYPEN die mogelijk zijn binnen dit ZAAKTYPE.")
    besluittypen = VerwijzingenField(
        naam="een BESLUITTYPE van deze Catalogi API, of de `omschrijving` van een besluittype in dezelfde catalogus",
        required=False,
        help_text="De BESLUITTYPEN die mogelijk zijn binnen dit ZAAKTYPE: bij het schrijven hun `omschrijving` "
        "(of URL), bij het lezen hun URL.",
    )
    deelzaaktypen = VerwijzingenField(
        naam="een ZAAKTYPE van deze Catalogi API, of de `identificatie` van een zaaktype in dezelfde catalogus",
        required=False,
        help_text="De ZAAKTYPE(n) waaronder ZAAKen als deelzaak kunnen voorkomen bij ZAAKen van dit ZAAKTYPE: bij "
        "het schrijven hun `identificatie` (of URL), bij het lezen hun URL.",
    )
    gerelateerde_zaaktypen = ZaakTypenRelatieSerializer(
        many=True,
        source="zaaktypenrelaties",
        required=False,
        help_text="De ZAAKTYPEn van zaken die relevant zijn voor zaken van dit ZAAKTYPE.",
    )
    begin_object = ObjectDatumField("begin", help_text=BEGIN_OBJECT_HELP)
    einde_object = ObjectDatumField("einde", help_text=EINDE_OBJECT_HELP)

    references = {"besluittypen": BesluitType, "deelzaaktypen": ZaakType}

    class Meta:
        model = ZaakType
        fields = (
            "url",
            "identificatie",
            "omschrijving",
            "omschrijving_generiek",
            "vertrouwelijkheidaanduiding",
            "doel",
            "aanleiding",
            "toelichting",
            "indicatie_intern_of_extern",
            "handeling_initiator",
            "onderwerp",
            "handeling_behandelaar",
            "doorlooptijd",
            "servicenorm",
            "opschorting_en_aanhouding_mogelijk",
            "verlenging_mogelijk",
            "verlengingstermijn",
            "trefwoorden",
            "publicatie_indicatie",
            "publicatietekst",
            "verantwoordingsrelatie",
            "producten_of_diensten",
            "selectielijst_procestype",
            "referentieproces",
            "verantwoordelijke",
            "zaakobjecttypen",
            "broncatalogus",
            "bronzaaktype",
            "catalogus",
            "statustypen",
            "resultaattypen",
            "eigenschappen",
            "informatieobjecttypen",
            "roltypen",
            "besluittypen",
            "deelzaaktypen",
            "gerelateerde_zaaktypen",
            "begin_geldigheid",
            "einde_geldigheid",
            "begin_object",
            "einde_object",
            "versiedatum",
            "concept",
        )
        extra_kwargs = {
            "url": _url("zaaktype", help_text=URL_HELP),
            "catalogus": _url("catalogus"),
            "concept": {"read_only": True},
            "vertrouwelijkheidaanduiding": {
                "help_text": choices_help(
                    "Aanduiding van de mate waarin zaakdossiers van ZAAKen van dit ZAAKTYPE voor de openbaarheid "
                    "bestemd zijn.",
                    VertrouwelijkheidsAanduiding,
                )
            },
        }

    def validate(self, attrs):
        catalogus = attrs.get("catalogus") or getattr(self.instance, "catalogus", None)
        if catalogus is None:
            return attrs
        datum = attrs.get("begin_geldigheid") or getattr(self.instance, "begin_geldigheid", None)
        attrs = self.resolve(attrs, self.references, catalogus, datum)
        for relatie in attrs.get("zaaktypenrelaties", []):
            verwijzing = relatie["gerelateerd_zaaktype"]
            if verwijzing.startswith(("http://", "https://")):
                continue
            zaaktype = version_for(model=ZaakType, catalogus_id=catalogus.pk, naam=verwijzing, datum=datum)
            if zaaktype is None:
                raise does_not_exist(
                    "gerelateerde_zaaktypen", f"Er is geen zaaktype met identificatie `{verwijzing}` in deze catalogus."
                )
            relatie["gerelateerd_zaaktype"] = catalogi_url(zaaktype)
        return attrs


# --- informatieobjecttype and besluittype ------------------------------------------------------


class OmschrijvingGeneriekSerializer(GegevensgroepSerializer):
    informatieobjecttype_omschrijving_generiek = serializers.CharField(
        source="omschrijving_generiek_informatieobjecttype",
        max_length=80,
        help_text="Algemeen gehanteerde omschrijving van het type informatieobject.",
    )
    definitie_informatieobjecttype_omschrijving_generiek = serializers.CharField(
        source="omschrijving_generiek_definitie",
        max_length=255,
        help_text="Nauwkeurige beschrijving van het generieke type informatieobject",
    )
    herkomst_informatieobjecttype_omschrijving_generiek = serializers.CharField(
        source="omschrijving_generiek_herkomst",
        max_length=12,
        help_text="De naam van de waardenverzameling, of van de beherende organisatie daarvan, waaruit de waarde "
        "is overgenomen.",
    )
    hierarchie_informatieobjecttype_omschrijving_generiek = serializers.CharField(
        source="omschrijving_generiek_hierarchie",
        max_length=80,
        help_text="De plaats in de rangorde van het informatieobjecttype.",
    )
    opmerking_informatieobjecttype_omschrijving_generiek = serializers.CharField(
        source="omschrijving_generiek_opmerking",
        max_length=255,
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="Zinvolle toelichting bij het informatieobjecttype",
    )

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        values["omschrijving_generiek_opmerking"] = values.get("omschrijving_generiek_opmerking") or ""
        return values


class InformatieObjectTypeSerializer(serializers.HyperlinkedModelSerializer):
    trefwoord = serializers.ListField(
        child=serializers.CharField(max_length=30),
        required=False,
        help_text="Trefwoord(en) waarmee informatieobjecten van het INFORMATIEOBJECTTYPE kunnen worden "
        "gekarakteriseerd.",
    )
    omschrijving_generiek = OmschrijvingGeneriekSerializer(
        source="*", required=False, allow_null=True, help_text="Generieke omschrijving van het informatieobjecttype."
    )
    zaaktypen = UrlsField(help_text="URL-referenties naar de ZAAKTYPEn waarvoor dit INFORMATIEOBJECTTYPE relevant is.")
    besluittypen = UrlsField(
        help_text="URL-referenties naar de BESLUITTYPEn van besluiten die in informatieobjecten van dit "
        "INFORMATIEOBJECTTYPE worden vastgelegd."
    )
    begin_object = ObjectDatumField("begin", help_text=BEGIN_OBJECT_HELP)
    einde_object = ObjectDatumField("einde", help_text=EINDE_OBJECT_HELP)

    class Meta:
        model = InformatieObjectType
        fields = (
            "url",
            "catalogus",
            "omschrijving",
            "vertrouwelijkheidaanduiding",
            "begin_geldigheid",
            "einde_geldigheid",
            "begin_object",
            "einde_object",
            "concept",
            "zaaktypen",
            "besluittypen",
            "informatieobjectcategorie",
            "trefwoord",
            "omschrijving_generiek",
        )
        extra_kwargs = {
            "url": _url("informatieobjecttype", help_text=URL_HELP),
            "catalogus": _url("catalogus"),
            "concept": {"read_only": True},
        }


class BesluitTypeSerializer(ReferenceResolver, serializers.HyperlinkedModelSerializer):
    zaaktypen = UrlsField(help_text="ZAAKTYPE met ZAAKen die relevant kunnen zijn voor dit BESLUITTYPE")
    reactietermijn = DurationField(
        required=False,
        allow_null=True,
        help_text="Een tijdsduur in ISO 8601 formaat, gerekend vanaf de verzend- of publicatiedatum, waarbinnen "
        "verweer tegen een besluit van het besluittype mogelijk is.",
    )
    publicatietermijn = DurationField(
        required=False,
        allow_null=True,
        help_text="Een tijdsduur in ISO 8601 formaat, gerekend vanaf de verzend- of publicatiedatum, dat BESLUITen "
        "van dit BESLUITTYPE gepubliceerd moeten blijven.",
    )
    informatieobjecttypen = VerwijzingenField(
        naam="een INFORMATIEOBJECTTYPE van deze Catalogi API, of de `omschrijving` van een informatieobjecttype in "
        "dezelfde catalogus",
        required=False,
        help_text="De INFORMATIEOBJECTTYPEn van informatieobjecten waarin besluiten van dit BESLUITTYPE worden "
        "vastgelegd: bij het schrijven hun `omschrijving` (of URL), bij het lezen hun URL.",
    )
    resultaattypen = UrlsField(
        help_text="De RESULTAATTYPEn waarvan de resultaten gepaard gaan met besluiten van dit BESLUITTYPE."
    )
    resultaattypen_omschrijving = NamenField(
        "omschrijving",
        source="resultaattypen",
        help_text="Omschrijving van de aard van resultaten van het RESULTAATTYPE.",
    )
    vastgelegd_in = NamenField(
        "omschrijving",
        source="informatieobjecttypen",
        help_text="Omschrijving van de aard van informatieobjecten van dit INFORMATIEOBJECTTYPE.",
    )
    begin_object = ObjectDatumField("begin", help_text=BEGIN_OBJECT_HELP)
    einde_object = ObjectDatumField("einde", help_text=EINDE_OBJECT_HELP)

    references = {"informatieobjecttypen": InformatieObjectType}

    class Meta:
        model = BesluitType
        fields = (
            "url",
            "catalogus",
            "zaaktypen",
            "omschrijving",
            "omschrijving_generiek",
            "besluitcategorie",
            "reactietermijn",
            "publicatie_indicatie",
            "publicatietekst",
            "publicatietermijn",
            "toelichting",
            "informatieobjecttypen",
            "begin_geldigheid",
            "einde_geldigheid",
            "begin_object",
            "einde_object",
            "concept",
            "resultaattypen",
            "resultaattypen_omschrijving",
            "vastgelegd_in",
        )
        extra_kwargs = {
            "url": _url("besluittype", help_text=URL_HELP),
            "catalogus": _url("catalogus"),
            "concept": {"read_only": True},
        }

    def to_internal_value(self, data):
        attrs = super().to_internal_value(data)
        if isinstance(data, dict) and data.get("zaaktypen"):
            attrs["zaaktypen"] = self._zaaktypen(data["zaaktypen"])
        return attrs

    def _zaaktypen(self, value) -> list[ZaakType]:
        """`zaaktypen` as a client of Catalogi 1.0-1.2 writes it (read-only since 1.3)."""
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise serializers.ValidationError(
                {"zaaktypen": [serializers.ErrorDetail("Verwacht een lijst van URL's.", code="not_a_list")]}
            )
        zaaktypen = []
        for url in value:
            uuid = uuid_from_url(url, ZaakType)
            zaaktype = ZaakType.objects.filter(uuid=uuid).first() if uuid else None
            if zaaktype is None:
                raise does_not_exist("zaaktypen", f"`{url}` is geen ZAAKTYPE van deze Catalogi API.")
            zaaktypen.append(zaaktype)
        return zaaktypen

    def validate(self, attrs):
        catalogus = attrs.get("catalogus") or getattr(self.instance, "catalogus", None)
        datum = attrs.get("begin_geldigheid") or getattr(self.instance, "begin_geldigheid", None)
        return self.resolve(attrs, self.references, catalogus, datum) if catalogus else attrs


# --- parts of a zaaktype ---------------------------------------------------------------------


class CheckListItemSerializer(serializers.Serializer):
    itemnaam = serializers.CharField(max_length=30, help_text="De betekenisvolle benaming van het checklistitem")
    toelichting = serializers.CharField(
        max_length=1000,
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text="Beschrijving van de overwegingen bij het controleren van het aandachtspunt",
    )
    vraagstelling = serializers.CharField(
        max_length=255,
        help_text="Een betekenisvolle vraag waaruit blijkt waarop het aandachtspunt gecontroleerd moet worden.",
    )
    verplicht = serializers.BooleanField(
        default=False,
        help_text="Het al dan niet verplicht zijn van controle van het aandachtspunt voorafgaand aan het bereiken "
        "van de status van het gerelateerde STATUSTYPE.",
    )


class StatusTypeSerializer(OnderdeelSerializer):
    catalogus = serializers.HyperlinkedRelatedField(read_only=True, **_url("catalogus"))
    is_eindstatus = serializers.BooleanField(
        read_only=True,
        help_text="Geeft aan dat dit STATUSTYPE een eindstatus betreft. Dit gegeven is afgeleid uit alle "
        "STATUSTYPEn van dit ZAAKTYPE met het hoogste volgnummer.",
    )
    doorlooptijd = DurationField(
        required=False,
        allow_null=True,
        help_text="De door de zaakbehandelende organisatie(s) gestelde norm voor de doorlooptijd voor het bereiken "
        "van STATUSsen van dit STATUSTYPE bij het desbetreffende ZAAKTYPE.",
    )
    checklistitem_statustype = CheckListItemSerializer(many=True, required=False, help_text="checklistitem")
    eigenschappen = serializers.HyperlinkedRelatedField(
        many=True,
        required=False,
        queryset=Eigenschap.objects.all(),
        help_text="de EIGENSCHAPpen die verplicht een waarde moeten hebben gekregen, voordat een STATUS van dit "
        "STATUSTYPE kan worden gezet.",
        **_url("eigenschap"),
    )
    zaakobjecttype = serializers.HyperlinkedRelatedField(
        read_only=True,
        allow_null=True,
        help_text="URL-referentie naar het ZAAKOBJECTTYPE waar dit STATUSTYPE betrekking op heeft.",
        **_url("zaakobjecttype"),
    )

    class Meta:
        model = StatusType
        fields = (
            "url",
            "omschrijving",
            "omschrijving_generiek",
            "statustekst",
            "zaaktype",
            "zaaktype_identificatie",
            "catalogus",
            "volgnummer",
            "is_eindstatus",
            "informeren",
            "doorlooptijd",
            "toelichting",
            "checklistitem_statustype",
            "eigenschappen",
            "begin_geldigheid",
            "einde_geldigheid",
            "begin_object",
            "einde_object",
            "zaakobjecttype",
        )
        extra_kwargs = {"url": _url("statustype", help_text=URL_HELP), "zaaktype": _url("zaaktype")}


class EigenschapSpecificatieSerializer(GegevensgroepSerializer):
    groep = serializers.CharField(
        source="specificatie_groep",
        max_length=32,
        required=False,
        allow_blank=True,
        help_text="Benaming van het object of groepattribuut waarvan de EIGENSCHAP een inhoudelijk gegeven "
        "specificeert.",
    )
    formaat = serializers.ChoiceField(
        source="specificatie_formaat",
        choices=EigenschapFormaat.choices,
        help_text=choices_help(
            "Het soort tekens waarmee waarden van de EIGENSCHAP kunnen worden vastgelegd.", EigenschapFormaat
        ),
    )
    lengte = serializers.CharField(
        source="specificatie_lengte",
        max_length=14,
        help_text="Het aantal karakters (lengte) waarmee waarden van de EIGENSCHAP worden vastgelegd.",
    )
    kardinaliteit = serializers.RegexField(
        r"^(\d+|N)$",
        source="specificatie_kardinaliteit",
        max_length=3,
        help_text="Het aantal mogelijke voorkomens van waarden van deze EIGENSCHAP bij een zaak van het ZAAKTYPE.",
    )
    waardenverzameling = serializers.ListField(
        source="specificatie_waardenverzameling",
        child=serializers.CharField(max_length=100),
        required=False,
        help_text="Waarden die deze EIGENSCHAP kan hebben.",
    )


class EigenschapSerializer(OnderdeelSerializer):
    catalogus = serializers.HyperlinkedRelatedField(read_only=True, **_url("catalogus"))
    specificatie = EigenschapSpecificatieSerializer(source="*", help_text="specificatie van eigenschap")
    statustype = serializers.HyperlinkedRelatedField(
        queryset=StatusType.objects.all(),
        required=False,
        allow_null=True,
        help_text="Status type moet (onder andere) deze EIGENSCHAP hebben, voordat een STATUS van het STATUSTYPE "
        "kan worden gezet.",
        **_url("statustype"),
    )

    class Meta:
        model = Eigenschap
        fields = (
            "url",
            "naam",
            "catalogus",
            "definitie",
            "specificatie",
            "toelichting",
            "zaaktype",
            "zaaktype_identificatie",
            "statustype",
            "begin_geldigheid",
            "einde_geldigheid",
            "begin_object",
            "einde_object",
        )
        extra_kwargs = {"url": _url("eigenschap", help_text=URL_HELP), "zaaktype": _url("zaaktype")}


class RolTypeSerializer(OnderdeelSerializer):
    catalogus = serializers.HyperlinkedRelatedField(
        queryset=Catalogus.objects.all(),
        required=False,
        allow_null=True,
        help_text="URL-referentie naar de CATALOGUS waartoe dit ROLTYPE behoort (die van het zaaktype).",
        **_url("catalogus"),
    )
    omschrijving_generiek = serializers.ChoiceField(
        choices=RolOmschrijvingGeneriek.choices,
        help_text=choices_help("Algemeen gehanteerde omschrijving van de aard van de ROL.", RolOmschrijvingGeneriek),
    )

    class Meta:
        model = RolType
        fields = (
            "url",
            "zaaktype",
            "zaaktype_identificatie",
            "omschrijving",
            "omschrijving_generiek",
            "catalogus",
            "begin_geldigheid",
            "einde_geldigheid",
            "begin_object",
            "einde_object",
        )
        extra_kwargs = {"url": _url("roltype", help_text=URL_HELP), "zaaktype": _url("zaaktype")}


class BrondatumArchiefprocedureSerializer(GegevensgroepSerializer):
    afleidingswijze = serializers.ChoiceField(
        source="brondatum_archiefprocedure_afleidingswijze",
        choices=Afleidingswijze.choices,
        help_text=choices_help("Wijze van bepalen van de brondatum.", Afleidingswijze),
    )
    datumkenmerk = serializers.CharField(
        source="brondatum_archiefprocedure_datumkenmerk",
        max_length=80,
        required=False,
        allow_blank=True,
        help_text="Naam van de attribuutsoort van het procesobject dat bepalend is voor het einde van de "
        "procestermijn.",
    )
    einddatum_bekend = serializers.BooleanField(
        source="brondatum_archiefprocedure_einddatum_bekend",
        required=False,
        help_text="Indicatie dat de einddatum van het procesobject gedurende de uitvoering van de zaak bekend moet "
        "worden. Indien deze nog niet bekend is en deze waarde staat op `true`, dan kan de zaak (nog) niet "
        "afgesloten worden.",
    )
    objecttype = serializers.ChoiceField(
        source="brondatum_archiefprocedure_objecttype",
        choices=BrondatumObjecttype.choices,
        required=False,
        allow_blank=True,
        help_text=choices_help(
            "Het soort object in de registratie dat het procesobject representeert.", BrondatumObjecttype
        ),
    )
    registratie = serializers.CharField(
        source="brondatum_archiefprocedure_registratie",
        max_length=80,
        required=False,
        allow_blank=True,
        help_text="De naam van de registratie waarvan het procesobject deel uit maakt.",
    )
    procestermijn = DurationField(
        source="brondatum_archiefprocedure_procestermijn",
        required=False,
        allow_null=True,
        help_text="De periode dat het zaakdossier na afronding van de zaak actief gebruikt en/of geraadpleegd "
        "wordt ter ondersteuning van de taakuitoefening van de organisatie. Enkel relevant indien de "
        "afleidingswijze 'termijn' is.",
    )

    def validate_empty_values(self, data):
        if data is None and self.allow_null:
            return True, {**self._empty(), "brondatum_archiefprocedure_afleidingswijze": ""}
        return super().validate_empty_values(data)


class ResultaatTypeSerializer(OnderdeelSerializer):
    omschrijving_generiek = serializers.CharField(
        read_only=True, help_text="Waarde van de omschrijving-generiek referentie (attribuut `omschrijving`)"
    )
    archiefnominatie = serializers.ChoiceField(
        choices=Archiefnominatie.choices,
        required=False,
        allow_blank=True,
        help_text=choices_help(
            "Aanduiding die aangeeft of ZAAKen met een resultaat van dit RESULTAATTYPE blijvend moeten worden "
            "bewaard of (op termijn) moeten worden vernietigd. Indien niet expliciet opgegeven wordt dit gevuld "
            "vanuit de selectielijst.",
            Archiefnominatie,
        ),
    )
    archiefactietermijn = DurationField(
        required=False,
        allow_null=True,
        help_text="De termijn, na het vervallen van het bedrijfsvoeringsbelang, waarna het zaakdossier (de ZAAK met "
        "alle bijbehorende INFORMATIEOBJECTen) van een ZAAK met een resultaat van dit RESULTAATTYPE vernietigd of "
        "overgebracht (naar een archiefbewaarplaats) moet worden. Indien niet expliciet opgegeven wordt dit gevuld "
        "vanuit de selectielijst (`bewaartermijn`).",
    )
    brondatum_archiefprocedure = BrondatumArchiefprocedureSerializer(
        source="*",
        required=False,
        allow_null=True,
        help_text="Specificatie voor het bepalen van de brondatum voor de start van de Archiefactietermijn "
        "(=brondatum) van het zaakdossier.",
    )
    procesobjectaard = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="Omschrijving van het object, subject of gebeurtenis waarop, vanuit archiveringsoptiek, het "
        "resultaattype bij zaken van dit type betrekking heeft.",
    )
    catalogus = serializers.HyperlinkedRelatedField(
        queryset=Catalogus.objects.all(),
        required=False,
        allow_null=True,
        help_text="URL-referentie naar de CATALOGUS waartoe dit RESULTAATTYPE behoort (die van het zaaktype).",
        **_url("catalogus"),
    )
    procestermijn = DurationField(
        required=False,
        allow_null=True,
        help_text="De periode dat het zaakdossier na afronding van de zaak actief gebruikt en/of geraadpleegd "
        "wordt ter ondersteuning van de taakuitoefening van de organisatie.",
    )
    besluittypen = VerwijzingenField(
        naam="een BESLUITTYPE van deze Catalogi API, of de `omschrijving` van een besluittype in dezelfde catalogus",
        required=False,
        help_text="De BESLUITTYPEn van besluiten die gepaard gaan met resultaten van dit RESULTAATTYPE: bij het "
        "schrijven hun `omschrijving` (of URL), bij het lezen hun URL.",
    )
    besluittype_omschrijving = NamenField(
        "omschrijving", source="besluittypen", help_text="Omschrijving van de aard van BESLUITen van het BESLUITTYPE."
    )
    informatieobjecttypen = VerwijzingenField(
        naam="een INFORMATIEOBJECTTYPE van deze Catalogi API, of de `omschrijving` van een informatieobjecttype in "
        "dezelfde catalogus",
        required=False,
        help_text="De INFORMATIEOBJECTTYPEn die verplicht aanwezig moeten zijn in het zaakdossier van ZAAKen van "
        "dit ZAAKTYPE voordat een resultaat van dit RESULTAATTYPE kan worden gezet.",
    )
    informatieobjecttype_omschrijving = NamenField(
        "omschrijving",
        source="informatieobjecttypen",
        help_text="Omschrijving van de aard van informatieobjecten van dit INFORMATIEOBJECTTYPE.",
    )
    zaakobjecttypen = serializers.SerializerMethodField(
        help_text="De ZAAKOBJECTTYPEn die verplicht gerelateerd moeten zijn aan ZAAKen van dit ZAAKTYPE voordat "
        "een resultaat van dit RESULTAATTYPE kan worden gezet."
    )

    references = {"besluittypen": BesluitType, "informatieobjecttypen": InformatieObjectType}

    class Meta:
        model = ResultaatType
        fields = (
            "url",
            "zaaktype",
            "zaaktype_identificatie",
            "omschrijving",
            "resultaattypeomschrijving",
            "omschrijving_generiek",
            "selectielijstklasse",
            "toelichting",
            "archiefnominatie",
            "archiefactietermijn",
            "brondatum_archiefprocedure",
            "procesobjectaard",
            "catalogus",
            "begin_geldigheid",
            "einde_geldigheid",
            "begin_object",
            "einde_object",
            "indicatie_specifiek",
            "procestermijn",
            "besluittypen",
            "besluittype_omschrijving",
            "informatieobjecttypen",
            "informatieobjecttype_omschrijving",
            "zaakobjecttypen",
        )
        extra_kwargs = {"url": _url("resultaattype", help_text=URL_HELP), "zaaktype": _url("zaaktype")}

    @extend_schema_field(build_array_type(build_basic_type(OpenApiTypes.URI)))
    def get_zaakobjecttypen(self, obj: ResultaatType) -> list[str]:
        return [detail_url(obj.zaakobjecttype, self.context.get("request"))] if obj.zaakobjecttype else []

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if "procesobjectaard" in attrs:
            attrs["procesobjectaard"] = attrs["procesobjectaard"] or ""
        return attrs


class ZaakTypeInformatieObjectTypeSerializer(OnderdeelSerializer):
    catalogus = serializers.HyperlinkedRelatedField(read_only=True, **_url("catalogus"))
    informatieobjecttype = VerwijzingField(
        naam="informatieobjecttype",
        help_text="Het INFORMATIEOBJECTTYPE: bij het schrijven de URL of de `omschrijving` van een "
        "informatieobjecttype in de catalogus van het zaaktype, bij het lezen de URL.",
    )
    richting = serializers.ChoiceField(
        choices=Richting.choices,
        help_text=choices_help(
            "Aanduiding van de richting van informatieobjecten van het gerelateerde INFORMATIEOBJECTTYPE bij zaken "
            "van het gerelateerde ZAAKTYPE.",
            Richting,
        ),
    )
    statustype = serializers.HyperlinkedRelatedField(
        queryset=StatusType.objects.all(),
        required=False,
        allow_null=True,
        help_text="URL-referentie naar het STATUSTYPE waarbij deze INFORMATIEOBJECTTYPEn verplicht aanwezig moeten "
        "zijn.",
        **_url("statustype"),
    )

    references = {"informatieobjecttype": InformatieObjectType}

    class Meta:
        model = ZaakTypeInformatieObjectType
        fields = (
            "url",
            "zaaktype",
            "zaaktype_identificatie",
            "catalogus",
            "informatieobjecttype",
            "volgnummer",
            "richting",
            "statustype",
        )
        extra_kwargs = {"url": _url("zaaktypeinformatieobjecttype", help_text=URL_HELP), "zaaktype": _url("zaaktype")}


class ZaakObjectTypeSerializer(OnderdeelSerializer):
    catalogus = serializers.HyperlinkedRelatedField(
        queryset=Catalogus.objects.all(),
        required=False,
        help_text="URL-referentie naar de CATALOGUS waartoe dit ZAAKOBJECTTYPE behoort (die van het zaaktype).",
        **_url("catalogus"),
    )
    resultaattypen = serializers.HyperlinkedRelatedField(
        many=True,
        required=False,
        queryset=ResultaatType.objects.all(),
        help_text="URL-referenties naar de RESULTAATTYPEN.",
        **_url("resultaattype"),
    )
    statustypen = serializers.HyperlinkedRelatedField(
        many=True,
        required=False,
        queryset=StatusType.objects.all(),
        help_text="URL-referenties naar de STATUSTYPEN.",
        **_url("statustype"),
    )

    class Meta:
        model = ZaakObjectType
        fields = (
            "url",
            "ander_objecttype",
            "begin_geldigheid",
            "einde_geldigheid",
            "begin_object",
            "einde_object",
            "objecttype",
            "relatie_omschrijving",
            "zaaktype",
            "zaaktype_identificatie",
            "resultaattypen",
            "statustypen",
            "catalogus",
        )
        extra_kwargs = {"url": _url("zaakobjecttype", help_text=URL_HELP), "zaaktype": _url("zaaktype")}
