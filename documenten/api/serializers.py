"""Serializers of the Documenten API 1.5: parse and validate the shape, leave the rules to the services."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from common.constants import ComponentTypes, VertrouwelijkheidsAanduiding
from common.exceptions import DomainError
from common.models import AuditTrail
from common.safe_urls import resolve_url

from .. import storage
from ..models import (
    AardRelatie,
    BestandsDeel,
    ChecksumAlgoritme,
    EnkelvoudigInformatieObject,
    Gebruiksrechten,
    InformatieObject,
    IntegriteitsAfwijking,
    ObjectInformatieObject,
    ObjectType,
    OndertekeningSoort,
    PostadresType,
    Status,
    Verzending,
)

NAMESPACE = "documenten"
VOLGNUMMER_HELP = "Een volgnummer dat de volgorde van de bestandsdelen aangeeft."
OMVANG_HELP = "De grootte van dit specifieke bestandsdeel."
# Explicit bounds: a model field's bounds depend on the database backend, the contract must not.
INT64_MAX = 2**63 - 1


def informatieobject_detail_url(informatieobject: InformatieObject, request) -> str:
    return reverse(
        f"{NAMESPACE}:enkelvoudiginformatieobject-detail", kwargs={"uuid": informatieobject.uuid}, request=request
    )


def file_too_large() -> DomainError:
    """The operator's maximum for one file (DOCUMENTEN_MAX_FILE_SIZE) is exceeded."""
    return DomainError(
        f"De inhoud is groter dan de {settings.DOCUMENTEN_MAX_FILE_SIZE} bytes die deze API per bestand aanvaardt.",
        "file-too-large",
        status_code=413,
    )


class Base64Inhoud(serializers.Field):
    """Written as base64 (`format: byte`), read as the download URL (`format: uri`).

    The JSON parser of the documents decodes the base64 text while the body comes in, into
    the storage (`storage.Base64Sink`); the services keep that file.
    """

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault(
            "help_text",
            "Binaire inhoud, in base64 geëncodeerd. Gelezen: de downloadlink van de inhoud (`null` zolang niet alle "
            "bestandsdelen ontvangen zijn). Voor grote bestanden: laat dit leeg en geef `bestandsomvang`; de inhoud "
            "komt dan in bestandsdelen.",
        )
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, versie: EnkelvoudigInformatieObject):
        if not versie.inhoud:
            return None
        url = informatieobject_detail_url(versie.informatieobject, self.context.get("request"))
        return f"{url}/download?versie={versie.versie}"

    def to_internal_value(self, data):
        if isinstance(data, storage.DecodedContent):
            return data  # decoded by the parser while the body came in (`parsers.InhoudJSONParser`)
        if not isinstance(data, str):
            raise serializers.ValidationError("Geef de inhoud als base64-tekst.", code="invalid")
        try:
            return storage.base64_decode(data, max_size=settings.DOCUMENTEN_MAX_FILE_SIZE)
        except storage.FileTooLargeError as exc:
            raise file_too_large() from exc
        except storage.InvalidBase64Error as exc:
            raise serializers.ValidationError(str(exc), code="invalid") from exc


class Base64InhoudExtension(OpenApiSerializerFieldExtension):
    target_class = Base64Inhoud

    def map_serializer_field(self, auto_schema, direction):
        fmt = "byte" if direction == "request" else "uri"
        return {"type": "string", "format": fmt, "nullable": True, "description": self.target.help_text}


@extend_schema_field({"type": "string", "format": "uri"})
class InformatieObjectUrlField(serializers.Field):
    """The URL of a document in this API, read into its InformatieObject."""

    default_error_messages = {
        "bad-url": "De URL is geen (ENKELVOUDIG) INFORMATIEOBJECT van deze API.",
        "does_not_exist": "Het (ENKELVOUDIG) INFORMATIEOBJECT bestaat niet.",
    }

    def to_representation(self, informatieobject: InformatieObject) -> str:
        return informatieobject_detail_url(informatieobject, self.context.get("request"))

    def to_internal_value(self, data) -> InformatieObject:
        if not isinstance(data, str):
            self.fail("bad-url")
        match = resolve_url(data)
        if match is None or match.namespace != NAMESPACE or match.url_name != "enkelvoudiginformatieobject-detail":
            self.fail("bad-url")
        informatieobject = InformatieObject.objects.filter(uuid=match.kwargs["uuid"]).first()
        if informatieobject is None:
            self.fail("does_not_exist")
        return informatieobject


class OndertekeningSerializer(serializers.Serializer):
    soort = serializers.ChoiceField(
        choices=OndertekeningSoort.choices,
        help_text="Aanduiding van de wijze van ondertekening van het INFORMATIEOBJECT",
    )
    datum = serializers.DateField(
        help_text="De datum waarop de ondertekening van het INFORMATIEOBJECT heeft plaatsgevonden."
    )


class IntegriteitSerializer(serializers.Serializer):
    algoritme = serializers.ChoiceField(
        choices=ChecksumAlgoritme.choices, help_text="Aanduiding van algoritme, gebruikt om de checksum te maken."
    )
    waarde = serializers.CharField(max_length=128, help_text="De waarde van de checksum.")
    datum = serializers.DateField(help_text="Datum waarop de checksum is gemaakt.")


class BestandsDeelSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="URL-referentie naar dit object.")
    volgnummer = serializers.IntegerField(read_only=True, help_text=VOLGNUMMER_HELP)
    omvang = serializers.IntegerField(read_only=True, help_text=OMVANG_HELP)
    voltooid = serializers.BooleanField(read_only=True, help_text="Geeft aan of de upload van dit deel voltooid is.")
    lock = serializers.SerializerMethodField(help_text="Hash string, die de lock van het INFORMATIEOBJECT bevat.")

    class Meta:
        model = BestandsDeel
        fields = ("url", "volgnummer", "omvang", "voltooid", "lock")
        read_only_fields = ("volgnummer", "omvang")

    @extend_schema_field({"type": "string", "format": "uri"})
    def get_url(self, deel: BestandsDeel) -> str:
        return reverse(
            f"{NAMESPACE}:bestandsdeel-detail", kwargs={"uuid": deel.uuid}, request=self.context.get("request")
        )

    def get_lock(self, deel: BestandsDeel) -> str:
        return deel.informatieobject.informatieobject.lock


class EnkelvoudigInformatieObjectSerializer(serializers.ModelSerializer):
    """One version of a document; `url` always names the document, `versie` the version."""

    url = serializers.SerializerMethodField(help_text="URL-referentie naar dit object.")
    inhoud = Base64Inhoud()
    vertrouwelijkheidaanduiding = serializers.ChoiceField(
        choices=VertrouwelijkheidsAanduiding.choices,
        required=False,
        allow_blank=True,
        help_text="Aanduiding van de mate waarin het INFORMATIEOBJECT voor de openbaarheid bestemd is. Zonder "
        "waarde: die van het INFORMATIEOBJECTTYPE.",
    )
    status = serializers.ChoiceField(
        choices=Status.choices,
        required=False,
        allow_blank=True,
        help_text="Aanduiding van de stand van zaken van een INFORMATIEOBJECT. De waarden 'in bewerking' en "
        "'ter vaststelling' komen niet voor als het attribuut `ontvangstdatum` van een waarde is voorzien.",
    )
    ondertekening = OndertekeningSerializer(
        required=False,
        allow_null=True,
        help_text="Aanduiding van de rechtskracht van een informatieobject.",
    )
    integriteit = IntegriteitSerializer(
        required=False,
        allow_null=True,
        help_text="Uitdrukking van mate van volledigheid en onbeschadigd zijn van digitaal bestand. Voor elk "
        "opgeslagen bestand zet de API hier de SHA-256 die bij het schrijven berekend is.",
    )
    versie = serializers.IntegerField(
        read_only=True, help_text="Het (automatische) versienummer van het INFORMATIEOBJECT."
    )
    bestandsomvang = serializers.IntegerField(
        min_value=0,
        max_value=INT64_MAX,
        required=False,
        allow_null=True,
        help_text="Aantal bytes dat de inhoud van INFORMATIEOBJECT in beslag neemt.",
    )
    locked = serializers.SerializerMethodField(help_text="Geeft aan of het document gelocked is.")
    bestandsdelen = BestandsDeelSerializer(many=True, read_only=True, help_text="De nog te uploaden bestandsdelen.")
    trefwoorden = serializers.ListField(
        child=serializers.CharField(max_length=100),
        required=False,
        allow_null=True,
        help_text="Een lijst van trefwoorden gescheiden door comma's.",
    )

    class Meta:
        model = EnkelvoudigInformatieObject
        fields = (
            "url",
            "identificatie",
            "bronorganisatie",
            "creatiedatum",
            "titel",
            "vertrouwelijkheidaanduiding",
            "auteur",
            "status",
            "formaat",
            "taal",
            "versie",
            "begin_registratie",
            "bestandsnaam",
            "inhoud",
            "bestandsomvang",
            "link",
            "beschrijving",
            "ontvangstdatum",
            "verzenddatum",
            "indicatie_gebruiksrecht",
            "verschijningsvorm",
            "ondertekening",
            "integriteit",
            "informatieobjecttype",
            "locked",
            "bestandsdelen",
            "trefwoorden",
            "inhoud_is_vervallen",
        )
        read_only_fields = ("begin_registratie",)
        extra_kwargs = {
            "identificatie": {"required": False},
            "taal": {"min_length": 3},
        }

    @extend_schema_field({"type": "string", "format": "uri"})
    def get_url(self, versie: EnkelvoudigInformatieObject) -> str:
        return informatieobject_detail_url(versie.informatieobject, self.context.get("request"))

    def get_locked(self, versie: EnkelvoudigInformatieObject) -> bool:
        return bool(versie.informatieobject.lock)

    def to_representation(self, versie):
        data = super().to_representation(versie)
        data["trefwoorden"] = versie.trefwoorden or []
        return data


class EnkelvoudigInformatieObjectWithLockSerializer(EnkelvoudigInformatieObjectSerializer):
    lock = serializers.CharField(
        write_only=True,
        help_text="Lock die vereist is om het INFORMATIEOBJECT bij te werken (zie `lock`).",
    )

    class Meta(EnkelvoudigInformatieObjectSerializer.Meta):
        fields = (*EnkelvoudigInformatieObjectSerializer.Meta.fields, "lock")


class EnkelvoudigInformatieObjectZoekSerializer(serializers.Serializer):
    uuid__in = serializers.ListField(
        child=serializers.UUIDField(), help_text="Array of unieke resource identifiers (UUID4)"
    )
    expand = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Haal details van gelinkte resources direct op (zie de `expand` van de lijst): "
        "`informatieobjecttype`.",
    )


class LockSerializer(serializers.Serializer):
    lock = serializers.CharField(read_only=True, help_text="Hash string, die de lock van het INFORMATIEOBJECT bevat.")


class UnlockSerializer(serializers.Serializer):
    lock = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        help_text="De lock van het INFORMATIEOBJECT; zonder lock alleen met de scope `documenten.geforceerd-unlock`.",
    )


class BestandsDeelUploadSerializer(serializers.Serializer):
    inhoud = serializers.FileField(write_only=True, help_text="Binaire inhoud van dit bestandsdeel.")
    lock = serializers.CharField(help_text="Hash string, die de lock van het INFORMATIEOBJECT bevat.")


class BestandsDeelResponseSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="URL-referentie naar dit object.")
    volgnummer = serializers.IntegerField(read_only=True, help_text=VOLGNUMMER_HELP)
    omvang = serializers.IntegerField(read_only=True, help_text=OMVANG_HELP)
    lock = serializers.SerializerMethodField(help_text="Hash string, die de lock van het INFORMATIEOBJECT bevat.")
    voltooid = serializers.BooleanField(read_only=True, help_text="Geeft aan of de upload van dit deel voltooid is.")

    class Meta:
        model = BestandsDeel
        fields = ("url", "lock", "omvang", "voltooid", "volgnummer")

    @extend_schema_field({"type": "string", "format": "uri"})
    def get_url(self, deel: BestandsDeel) -> str:
        return reverse(
            f"{NAMESPACE}:bestandsdeel-detail", kwargs={"uuid": deel.uuid}, request=self.context.get("request")
        )

    def get_lock(self, deel: BestandsDeel) -> str:
        return deel.informatieobject.informatieobject.lock


class GebruiksrechtenSerializer(serializers.HyperlinkedModelSerializer):
    informatieobject = InformatieObjectUrlField(help_text="URL-referentie naar het INFORMATIEOBJECT.")

    class Meta:
        model = Gebruiksrechten
        fields = ("url", "informatieobject", "startdatum", "einddatum", "omschrijving_voorwaarden")
        extra_kwargs = {
            "url": {"lookup_field": "uuid", "view_name": f"{NAMESPACE}:gebruiksrechten-detail"},
            "einddatum": {"required": False},
        }


class ObjectInformatieObjectSerializer(serializers.HyperlinkedModelSerializer):
    informatieobject = InformatieObjectUrlField(help_text="URL-referentie naar het INFORMATIEOBJECT.")
    object_type = serializers.ChoiceField(choices=ObjectType.choices, help_text="Het type van het gerelateerde OBJECT.")

    class Meta:
        model = ObjectInformatieObject
        fields = ("url", "informatieobject", "object", "object_type")
        extra_kwargs = {"url": {"lookup_field": "uuid", "view_name": f"{NAMESPACE}:objectinformatieobject-detail"}}
        validators: list = []  # uniqueness is a rule of the service (`unique`, as the standard names it)


class BinnenlandsCorrespondentieadresVerzendingSerializer(serializers.Serializer):
    huisletter = serializers.CharField(
        max_length=1,
        required=False,
        allow_blank=True,
        help_text="Een door of namens het bevoegd gemeentelijk orgaan ten aanzien van een adresseerbaar object "
        "toegekende toevoeging aan een huisnummer in de vorm van een alfanumeriek teken.",
    )
    huisnummer = serializers.IntegerField(
        min_value=1,
        max_value=99999,
        help_text="Een door of namens het bevoegd gemeentelijk orgaan ten aanzien van een adresseerbaar object "
        "toegekende nummering.",
    )
    huisnummer_toevoeging = serializers.CharField(
        max_length=4,
        required=False,
        allow_blank=True,
        help_text="Een door of namens het bevoegd gemeentelijk orgaan ten aanzien van een adresseerbaar object "
        "toegekende nadere toevoeging aan een huisnummer of een combinatie van huisnummer en huisletter.",
    )
    naam_openbare_ruimte = serializers.CharField(
        max_length=80,
        help_text="Een door het bevoegde gemeentelijke orgaan aan een GEMEENTELIJKE OPENBARE RUIMTE toegekende "
        "benaming.",
    )
    postcode = serializers.CharField(
        max_length=6,
        required=False,
        allow_blank=True,
        help_text="De door TNT Post vastgestelde code behorende bij een bepaalde combinatie van een naam van een "
        "woonplaats, naam van een openbare ruimte en een huisnummer.",
    )
    woonplaatsnaam = serializers.CharField(
        max_length=80, help_text="De door het bevoegde gemeentelijke orgaan aan een WOONPLAATS toegekende benaming."
    )


class BuitenlandsCorrespondentieadresVerzendingSerializer(serializers.Serializer):
    adres_buitenland1 = serializers.CharField(
        max_length=35,
        help_text="Het eerste deel dat behoort bij het afwijkend buitenlandse correspondentieadres van de "
        "betrokkene in zijn/haar rol bij de zaak.",
    )
    adres_buitenland2 = serializers.CharField(
        max_length=35,
        required=False,
        allow_blank=True,
        help_text="Het tweede deel dat behoort bij het afwijkend buitenlandse correspondentieadres van de "
        "betrokkene in zijn/haar rol bij de zaak.",
    )
    adres_buitenland3 = serializers.CharField(
        max_length=35,
        required=False,
        allow_blank=True,
        help_text="Het derde deel dat behoort bij het afwijkend buitenlandse correspondentieadres van de "
        "betrokkene in zijn/haar rol bij de zaak.",
    )
    land_postadres = serializers.URLField(
        max_length=200,
        help_text="Het LAND dat behoort bij het afwijkend buitenlandse correspondentieadres van de betrokkene in "
        "zijn/haar rol bij de zaak.",
    )


class BuitenlandsCorrespondentiepostadresVerzendingSerializer(serializers.Serializer):
    post_bus_of_antwoordnummer = serializers.IntegerField(
        min_value=1,
        max_value=9999,
        help_text="De numerieke aanduiding zoals deze door de Nederlandse PTT is vastgesteld voor postbusadressen "
        "en antwoordnummeradressen.",
    )
    postadres_postcode = serializers.CharField(
        max_length=6,
        help_text="De officiële Nederlandse PTT codering, bestaande uit een numerieke woonplaatscode en een "
        "alfabetische lettercode.",
    )
    postadres_type = serializers.ChoiceField(
        choices=PostadresType.choices, help_text="Aanduiding van het soort postadres."
    )
    woonplaatsnaam = serializers.CharField(
        max_length=80, help_text="De door het bevoegde gemeentelijke orgaan aan een WOONPLAATS toegekende benaming."
    )


VERZENDING_KANAAL = (
    " Een verzending gaat via precies één kanaal: één van `binnenlandsCorrespondentieadres`, "
    "`buitenlandsCorrespondentieadres`, `correspondentiePostadres`, `faxnummer`, `emailadres`, `telefoonnummer` of "
    "`mijnOverheid` (`true`)."
)


class VerzendingSerializer(serializers.HyperlinkedModelSerializer):
    informatieobject = InformatieObjectUrlField(
        help_text="URL-referentie naar het informatieobject dat is ontvangen of verzonden."
    )
    aard_relatie = serializers.ChoiceField(
        choices=AardRelatie.choices,
        help_text="Omschrijving van de aard van de relatie van de BETROKKENE tot het INFORMATIEOBJECT.",
    )
    ontvangstdatum = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="De datum waarop het INFORMATIEOBJECT ontvangen is. Verplicht te registreren voor "
        "INFORMATIEOBJECTen die van buiten de zaakbehandelende organisatie(s) ontvangen zijn. Vervangt het "
        "gelijknamige attribuut uit Informatieobject. Verplicht gevuld wanneer aardRelatie de waarde 'afzender' "
        "heeft.",
    )
    verzenddatum = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="De datum waarop het INFORMATIEOBJECT verzonden is, zoals deze op het INFORMATIEOBJECT vermeld "
        "is. Eenzelfde informatieobject kan niet tegelijk inkomend en uitgaand zijn: alle verzendingen van een "
        "informatieobject hebben dezelfde `aardRelatie`. Vervangt het gelijknamige attribuut uit Informatieobject. "
        "Verplicht gevuld wanneer aardRelatie de waarde 'geadresseerde' heeft.",
    )
    binnenlands_correspondentieadres = BinnenlandsCorrespondentieadresVerzendingSerializer(
        required=False,
        allow_null=True,
        help_text="Het correspondentieadres, betreffende een adresseerbaar object, van de BETROKKENE, zijnde "
        "afzender of geadresseerde, zoals vermeld in het ontvangen of verzonden INFORMATIEOBJECT indien dat afwijkt "
        "van het reguliere binnenlandse correspondentieadres van BETROKKENE." + VERZENDING_KANAAL,
    )
    buitenlands_correspondentieadres = BuitenlandsCorrespondentieadresVerzendingSerializer(
        required=False,
        allow_null=True,
        help_text="De gegevens van het adres in het buitenland van BETROKKENE, zijnde afzender of geadresseerde, "
        "zoals vermeld in het ontvangen of verzonden INFORMATIEOBJECT en dat afwijkt van de reguliere "
        "correspondentiegegevens van BETROKKENE." + VERZENDING_KANAAL,
    )
    correspondentie_postadres = BuitenlandsCorrespondentiepostadresVerzendingSerializer(
        required=False,
        allow_null=True,
        help_text="De gegevens die tezamen een postbusadres of antwoordnummeradres vormen van BETROKKENE, zijnde "
        "afzender of geadresseerde, zoals vermeld in het ontvangen of verzonden INFORMATIEOBJECT en dat afwijkt van "
        "de reguliere correspondentiegegevens van BETROKKENE." + VERZENDING_KANAAL,
    )
    faxnummer = serializers.CharField(
        max_length=15,
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text="faxnummer van de ontvanger of afzender.",
    )
    emailadres = serializers.CharField(
        max_length=100,
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text="emailadres van de ontvanger of afzender.",
    )
    mijn_overheid = serializers.BooleanField(
        required=False, help_text="is het informatieobject verzonden via mijnOverheid naar de ontvanger."
    )
    telefoonnummer = serializers.CharField(
        max_length=15,
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text="telefoonnummer van de ontvanger of afzender.",
    )

    class Meta:
        model = Verzending
        fields = (
            "url",
            "betrokkene",
            "informatieobject",
            "aard_relatie",
            "toelichting",
            "ontvangstdatum",
            "verzenddatum",
            "contact_persoon",
            "contactpersoonnaam",
            "binnenlands_correspondentieadres",
            "buitenlands_correspondentieadres",
            "correspondentie_postadres",
            "faxnummer",
            "emailadres",
            "mijn_overheid",
            "telefoonnummer",
        )
        extra_kwargs = {"url": {"lookup_field": "uuid", "view_name": f"{NAMESPACE}:verzending-detail"}}


class WijzigingenSerializer(serializers.Serializer):
    oud = serializers.JSONField(
        help_text="Volledige JSON body van het object zoals dat bestond voordat de actie heeft plaatsgevonden."
    )
    nieuw = serializers.JSONField(help_text="Volledige JSON body van het object na de actie.")


class AuditTrailSerializer(serializers.ModelSerializer):
    bron = serializers.ChoiceField(
        choices=[c for c in ComponentTypes.choices if c[0] not in ("arc", "orc")],
        help_text="De naam van het component waar de wijziging in is gedaan.",
    )
    wijzigingen = serializers.SerializerMethodField(help_text="Het object voor en na de actie.")

    class Meta:
        model = AuditTrail
        fields = (
            "uuid",
            "bron",
            "applicatie_id",
            "applicatie_weergave",
            "gebruikers_id",
            "gebruikers_weergave",
            "actie",
            "actie_weergave",
            "resultaat",
            "hoofd_object",
            "resource",
            "resource_url",
            "toelichting",
            "resource_weergave",
            "aanmaakdatum",
            "wijzigingen",
        )
        read_only_fields = fields

    @extend_schema_field(WijzigingenSerializer)
    def get_wijzigingen(self, entry: AuditTrail) -> dict:
        return {"oud": entry.oud, "nieuw": entry.nieuw}


class IntegriteitsAfwijkingSerializer(serializers.HyperlinkedModelSerializer):
    versienummer = serializers.IntegerField(read_only=True, help_text="Versienummer van het INFORMATIEOBJECT.")
    informatieobject = serializers.SerializerMethodField(help_text="URL-referentie naar het INFORMATIEOBJECT.")

    class Meta:
        model = IntegriteitsAfwijking
        fields = (
            "url",
            "informatieobject",
            "versienummer",
            "bestand",
            "soort",
            "verwacht",
            "gevonden",
            "gecontroleerd_op",
        )
        extra_kwargs = {"url": {"lookup_field": "uuid", "view_name": f"{NAMESPACE}:integriteitsafwijking-detail"}}

    @extend_schema_field({"type": "string", "format": "uri"})
    def get_informatieobject(self, afwijking: IntegriteitsAfwijking) -> str:
        return reverse(
            f"{NAMESPACE}:enkelvoudiginformatieobject-detail",
            kwargs={"uuid": afwijking.informatieobject_uuid},
            request=self.context.get("request"),
        )
