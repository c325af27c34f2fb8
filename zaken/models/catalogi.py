"""The catalogue (ZGW Catalogi API 1.3): zaaktypen and everything that describes them.

Published objects (`concept=False`) are immutable: a change is a new version, a new
object with the same identificatie (zaaktype) or omschrijving (informatieobjecttype,
besluittype) in the same catalogus and a geldigheid that does not overlap.
"""

from __future__ import annotations

import uuid as _uuid

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce

from common.constants import Archiefnominatie, VertrouwelijkheidsAanduiding

from ..archiving import validate_duration
from .choices import (
    AardRelatie,
    Afleidingswijze,
    BrondatumObjecttype,
    EigenschapFormaat,
    IndicatieInternOfExtern,
    Richting,
    RolOmschrijvingGeneriek,
)

UUID_HELP = "Unieke resource identifier (UUID4)."
CONCEPT_HELP = (
    "Geeft aan of het object een concept betreft. Concepten zijn niet-definitieve versies en zouden niet "
    "gebruikt moeten worden buiten deze API."
)


def _rsin_elfproef(value: str) -> None:
    """An RSIN has nine digits and passes the elfproef (weights 9…2 and -1)."""
    from django.core.exceptions import ValidationError

    if len(value) != 9 or not value.isdigit():
        raise ValidationError("Een RSIN bestaat uit 9 cijfers.", code="invalid-length")
    total = sum(int(digit) * weight for digit, weight in zip(value[:8], range(9, 1, -1), strict=True))
    if (total - int(value[8])) % 11:
        raise ValidationError("Dit RSIN voldoet niet aan de elfproef.", code="invalid")


class DurationField(models.CharField):
    """An ISO 8601 duration (`P10Y`, `P6M`, `P42D`) kept as written."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("validators", [validate_duration])
        super().__init__(*args, **kwargs)


class GeldigheidMixin(models.Model):
    begin_geldigheid = models.DateField(help_text="De datum waarop het is ontstaan.")
    einde_geldigheid = models.DateField(
        null=True, blank=True, help_text="De datum waarop het is opgeheven (de laatste dag dat het geldt)."
    )

    class Meta:
        abstract = True


class OptioneleGeldigheidMixin(models.Model):
    begin_geldigheid = models.DateField(
        null=True, blank=True, help_text="De datum waarop het is ontstaan; leeg: die van het ZAAKTYPE."
    )
    einde_geldigheid = models.DateField(
        null=True, blank=True, help_text="De datum waarop het is opgeheven; leeg: die van het ZAAKTYPE."
    )

    class Meta:
        abstract = True


class VersionQuerySet(models.QuerySet):
    """Querysets of versioned types: annotate `begin_object` and `einde_object`.

    An object's versions share catalogus and `version_key` (identificatie or omschrijving).
    `begin_object` is the begin of the first version, `einde_object` the end of the last.
    """

    def with_object_dates(self):
        key = self.model.version_key
        versions = self.model.objects.filter(catalogus_id=OuterRef("catalogus_id"), **{key: OuterRef(key)})
        return self.annotate(
            begin_object=Subquery(versions.order_by("begin_geldigheid").values("begin_geldigheid")[:1]),
            einde_object=Subquery(versions.order_by("-begin_geldigheid").values("einde_geldigheid")[:1]),
        )

    def geldig_op(self, datum):
        """Objects valid on `datum` (begin and einde inclusive)."""
        return self.filter(
            models.Q(begin_geldigheid__lte=datum),
            models.Q(einde_geldigheid__isnull=True) | models.Q(einde_geldigheid__gte=datum),
        )


class OnderdeelQuerySet(models.QuerySet):
    """Parts of a zaaktype: their geldigheid falls back to the zaaktype's."""

    def with_object_dates(self):
        versions = ZaakType.objects.filter(
            catalogus_id=OuterRef("zaaktype__catalogus_id"), identificatie=OuterRef("zaaktype__identificatie")
        )
        return self.annotate(
            begin_object=Subquery(versions.order_by("begin_geldigheid").values("begin_geldigheid")[:1]),
            einde_object=Subquery(versions.order_by("-begin_geldigheid").values("einde_geldigheid")[:1]),
        )

    def geldig_op(self, datum):
        fields = {f.name for f in self.model._meta.get_fields()}
        if "begin_geldigheid" not in fields:
            return self.filter(
                models.Q(zaaktype__begin_geldigheid__lte=datum),
                models.Q(zaaktype__einde_geldigheid__isnull=True) | models.Q(zaaktype__einde_geldigheid__gte=datum),
            )
        return self.annotate(
            _begin=Coalesce("begin_geldigheid", "zaaktype__begin_geldigheid"),
            _einde=Coalesce("einde_geldigheid", "zaaktype__einde_geldigheid"),
        ).filter(models.Q(_begin__lte=datum), models.Q(_einde__isnull=True) | models.Q(_einde__gte=datum))


class Catalogus(models.Model):
    """A catalogue of zaaktypen, informatieobjecttypen and besluittypen for one domain."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text=UUID_HELP)
    domein = models.CharField(
        max_length=5,
        help_text="Een afkorting waarmee wordt aangegeven voor welk domein in een CATALOGUS ZAAKTYPEn zijn uitgewerkt.",
    )
    rsin = models.CharField(
        "RSIN",
        max_length=9,
        validators=[_rsin_elfproef],
        help_text="Het door een kamer toegekend uniek nummer voor de INGESCHREVEN NIET-NATUURLIJK PERSOON die de "
        "eigenaar is van een CATALOGUS.",
    )
    contactpersoon_beheer_naam = models.CharField(
        max_length=40,
        help_text="De naam van de contactpersoon die verantwoordelijk is voor het beheer van de CATALOGUS.",
    )
    contactpersoon_beheer_telefoonnummer = models.CharField(
        max_length=20,
        blank=True,
        help_text="Het telefoonnummer van de contactpersoon die verantwoordelijk is voor het beheer van de CATALOGUS.",
    )
    contactpersoon_beheer_emailadres = models.EmailField(
        max_length=254,
        blank=True,
        help_text="Het emailadres van de contactpersoon die verantwoordelijk is voor het beheer van de CATALOGUS.",
    )
    naam = models.CharField(
        max_length=200, blank=True, help_text="De benaming die is gegeven aan de zaaktypecatalogus."
    )
    versie = models.CharField(
        max_length=20, blank=True, help_text="Versie-aanduiding van de van toepassing zijnde zaaktypecatalogus."
    )
    begindatum_versie = models.DateField(
        null=True, blank=True, help_text="Datum waarop de versie van de zaaktypecatalogus van toepassing is geworden."
    )

    class Meta:
        verbose_name = "catalogus"
        verbose_name_plural = "catalogussen"
        constraints = [models.UniqueConstraint(fields=["domein", "rsin"], name="catalogus_domein_rsin_uniek")]

    def __str__(self) -> str:
        return f"{self.naam or self.domein} ({self.rsin})"


class InformatieObjectType(GeldigheidMixin, models.Model):
    """The kind of document (informatieobject) as the organisation handles it."""

    version_key = "omschrijving"

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text=UUID_HELP)
    catalogus = models.ForeignKey(
        Catalogus,
        on_delete=models.PROTECT,
        related_name="informatieobjecttypen",
        help_text="De CATALOGUS waartoe dit INFORMATIEOBJECTTYPE behoort.",
    )
    omschrijving = models.CharField(
        max_length=80, help_text="Omschrijving van de aard van informatieobjecten van dit INFORMATIEOBJECTTYPE."
    )
    vertrouwelijkheidaanduiding = models.CharField(
        max_length=20,
        choices=VertrouwelijkheidsAanduiding.choices,
        help_text="Aanduiding van de mate waarin informatieobjecten van dit INFORMATIEOBJECTTYPE voor de "
        "openbaarheid bestemd zijn.",
    )
    informatieobjectcategorie = models.CharField(
        max_length=80, help_text="Typering van de aard van informatieobjecten van dit INFORMATIEOBJECTTYPE."
    )
    trefwoord = models.JSONField(
        default=list,
        blank=True,
        help_text="Trefwoord(en) waarmee informatieobjecten van het INFORMATIEOBJECTTYPE kunnen worden "
        "gekarakteriseerd.",
    )
    omschrijving_generiek_informatieobjecttype = models.CharField(
        max_length=80, blank=True, help_text="Algemeen gehanteerde omschrijving van het type informatieobject."
    )
    omschrijving_generiek_definitie = models.CharField(
        max_length=255, blank=True, help_text="Nauwkeurige beschrijving van het generieke type informatieobject."
    )
    omschrijving_generiek_herkomst = models.CharField(
        max_length=12,
        blank=True,
        help_text="De naam van de waardenverzameling, of van de beherende organisatie daarvan, waaruit de waarde "
        "is overgenomen.",
    )
    omschrijving_generiek_hierarchie = models.CharField(
        max_length=80, blank=True, help_text="De plaats in de rangorde van het informatieobjecttype."
    )
    omschrijving_generiek_opmerking = models.CharField(
        max_length=255, blank=True, help_text="Zinvolle toelichting bij het informatieobjecttype."
    )
    concept = models.BooleanField(default=True, help_text=CONCEPT_HELP)

    objects = VersionQuerySet.as_manager()

    class Meta:
        verbose_name = "informatieobjecttype"
        verbose_name_plural = "informatieobjecttypen"

    def __str__(self) -> str:
        return f"{self.omschrijving} ({self.begin_geldigheid})"


class BesluitType(GeldigheidMixin, models.Model):
    """The kind of decision (besluit) that zaken of related zaaktypen may lead to."""

    version_key = "omschrijving"

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text=UUID_HELP)
    catalogus = models.ForeignKey(
        Catalogus,
        on_delete=models.PROTECT,
        related_name="besluittypen",
        help_text="De CATALOGUS waartoe dit BESLUITTYPE behoort.",
    )
    omschrijving = models.CharField(
        max_length=80, blank=True, help_text="Omschrijving van de aard van BESLUITen van het BESLUITTYPE."
    )
    omschrijving_generiek = models.CharField(
        max_length=80,
        blank=True,
        help_text="Algemeen gehanteerde omschrijving van de aard van BESLUITen van het BESLUITTYPE.",
    )
    besluitcategorie = models.CharField(
        max_length=40, blank=True, help_text="Typering van de aard van BESLUITen van het BESLUITTYPE."
    )
    reactietermijn = DurationField(
        blank=True,
        help_text="Een tijdsduur in ISO 8601 formaat, gerekend vanaf de verzend- of publicatiedatum, waarbinnen "
        "verweer tegen een besluit van het besluittype mogelijk is.",
    )
    publicatie_indicatie = models.BooleanField(
        help_text="Aanduiding of BESLUITen van dit BESLUITTYPE gepubliceerd moeten worden."
    )
    publicatietekst = models.TextField(
        blank=True, help_text="De generieke tekst van de publicatie van BESLUITen van dit BESLUITTYPE."
    )
    publicatietermijn = DurationField(
        blank=True,
        help_text="Een tijdsduur in ISO 8601 formaat, gerekend vanaf de verzend- of publicatiedatum, dat "
        "BESLUITen van dit BESLUITTYPE gepubliceerd moeten blijven.",
    )
    toelichting = models.TextField(blank=True, help_text="Een eventuele toelichting op dit BESLUITTYPE.")
    informatieobjecttypen = models.ManyToManyField(
        InformatieObjectType,
        blank=True,
        related_name="besluittypen",
        help_text="De INFORMATIEOBJECTTYPEn van informatieobjecten waarin besluiten van dit BESLUITTYPE worden "
        "vastgelegd.",
    )
    concept = models.BooleanField(default=True, help_text=CONCEPT_HELP)

    objects = VersionQuerySet.as_manager()

    class Meta:
        verbose_name = "besluittype"
        verbose_name_plural = "besluittypen"

    def __str__(self) -> str:
        return f"{self.omschrijving or self.uuid} ({self.begin_geldigheid})"


class ZaakType(GeldigheidMixin, models.Model):
    """A kind of case: its process, its parts, and how its records are archived."""

    version_key = "identificatie"

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text=UUID_HELP)
    catalogus = models.ForeignKey(
        Catalogus,
        on_delete=models.PROTECT,
        related_name="zaaktypen",
        help_text="De CATALOGUS waartoe dit ZAAKTYPE behoort.",
    )
    identificatie = models.CharField(
        max_length=50,
        help_text="Unieke identificatie van het ZAAKTYPE binnen de CATALOGUS waarin het ZAAKTYPE voorkomt; "
        "versies van een zaaktype delen hun identificatie.",
    )
    omschrijving = models.CharField(max_length=80, help_text="Omschrijving van de aard van ZAAKen van het ZAAKTYPE.")
    omschrijving_generiek = models.CharField(
        max_length=80,
        blank=True,
        help_text="Algemeen gehanteerde omschrijving van de aard van ZAAKen van het ZAAKTYPE.",
    )
    vertrouwelijkheidaanduiding = models.CharField(
        max_length=20,
        choices=VertrouwelijkheidsAanduiding.choices,
        help_text="Aanduiding van de mate waarin zaakdossiers van ZAAKen van dit ZAAKTYPE voor de openbaarheid "
        "bestemd zijn.",
    )
    doel = models.TextField(
        help_text="Een omschrijving van hetgeen beoogd is te bereiken met een zaak van dit zaaktype."
    )
    aanleiding = models.TextField(
        help_text="Een omschrijving van de gebeurtenis die leidt tot het starten van een ZAAK van dit ZAAKTYPE."
    )
    toelichting = models.TextField(
        blank=True,
        help_text="Een eventuele toelichting op dit zaaktype, zoals een beschrijving van het procesverloop op de "
        "hoofdlijnen.",
    )
    indicatie_intern_of_extern = models.CharField(
        max_length=6,
        choices=IndicatieInternOfExtern.choices,
        help_text="Een aanduiding waarmee onderscheid wordt gemaakt tussen ZAAKTYPEn die Intern respectievelijk "
        "Extern geïnitieerd worden.",
    )
    handeling_initiator = models.CharField(
        max_length=20,
        help_text="Werkwoord dat hoort bij de handeling die de initiator verricht bij dit zaaktype, meestal "
        "'aanvragen', 'indienen' of 'melden'.",
    )
    onderwerp = models.CharField(max_length=80, help_text="Het onderwerp van ZAAKen van dit ZAAKTYPE.")
    handeling_behandelaar = models.CharField(
        max_length=20,
        help_text="Werkwoord dat hoort bij de handeling die de behandelaar verricht bij het afdoen van ZAAKen van "
        "dit ZAAKTYPE.",
    )
    doorlooptijd = DurationField(
        help_text="De periode waarbinnen volgens wet- en regelgeving een ZAAK van het ZAAKTYPE afgerond dient te zijn."
    )
    servicenorm = DurationField(
        blank=True,
        help_text="De periode waarbinnen verwacht wordt dat een ZAAK van het ZAAKTYPE afgerond wordt conform de "
        "geldende servicenormen.",
    )
    opschorting_en_aanhouding_mogelijk = models.BooleanField(
        help_text="Aanduiding die aangeeft of ZAAKen van dit ZAAKTYPE kunnen worden opgeschort en/of aangehouden."
    )
    verlenging_mogelijk = models.BooleanField(
        help_text="Aanduiding die aangeeft of de doorlooptijd van ZAAKen van dit ZAAKTYPE kan worden verlengd."
    )
    verlengingstermijn = DurationField(
        blank=True,
        help_text="Een tijdsduur in ISO 8601 formaat waarmee de doorlooptijd kan worden verlengd; alleen als "
        "verlenging mogelijk is.",
    )
    trefwoorden = models.JSONField(
        default=list,
        blank=True,
        help_text="Trefwoorden waarmee ZAAKen van het ZAAKTYPE kunnen worden gekarakteriseerd.",
    )
    publicatie_indicatie = models.BooleanField(
        help_text="Aanduiding of (het starten van) een ZAAK van dit ZAAKTYPE gepubliceerd moet worden."
    )
    publicatietekst = models.TextField(
        blank=True, help_text="De generieke tekst van de publicatie van ZAAKen van dit ZAAKTYPE."
    )
    verantwoordingsrelatie = models.JSONField(
        default=list,
        blank=True,
        help_text="De relatie tussen ZAAKen van dit ZAAKTYPE en de beleidsmatige en/of financiële verantwoording.",
    )
    producten_of_diensten = models.JSONField(
        default=list,
        help_text="URLs van de producten of diensten die door ZAAKen van dit ZAAKTYPE worden voortgebracht.",
    )
    selectielijst_procestype = models.URLField(
        max_length=200,
        blank=True,
        help_text="URL-referentie naar het PROCESTYPE in de Selectielijst API: de vanuit archiveringsoptiek "
        "onderkende groep processen waartoe dit zaaktype behoort.",
    )
    referentieproces_naam = models.CharField(max_length=80, help_text="De naam van het Referentieproces.")
    referentieproces_link = models.URLField(
        max_length=200, blank=True, help_text="De URL naar de beschrijving van het Referentieproces."
    )
    verantwoordelijke = models.CharField(
        max_length=50,
        help_text="De (soort) organisatorische eenheid of (functie van) medewerker die verantwoordelijk is voor de "
        "uitvoering van zaken van het ZAAKTYPE.",
    )
    broncatalogus_url = models.URLField(max_length=200, blank=True, help_text="URL-referentie broncatalogus.")
    broncatalogus_domein = models.CharField(
        max_length=5, blank=True, help_text="Het domein van de CATALOGUS waaraan het ZAAKTYPE is ontleend."
    )
    broncatalogus_rsin = models.CharField(
        max_length=9,
        blank=True,
        help_text="Het RSIN van de beheerder van de CATALOGUS waaraan het ZAAKTYPE is ontleend.",
    )
    bronzaaktype_url = models.URLField(max_length=200, blank=True, help_text="URL-referentie bronzaaktype.")
    bronzaaktype_identificatie = models.CharField(
        max_length=50, blank=True, help_text="De zaaktype-identificatie van het bronzaaktype binnen de CATALOGUS."
    )
    bronzaaktype_omschrijving = models.CharField(
        max_length=80, blank=True, help_text="De zaaktype-omschrijving van het bronzaaktype."
    )
    versiedatum = models.DateField(
        help_text="De datum waarop de (gewijzigde) kenmerken van het ZAAKTYPE geldig zijn geworden."
    )
    besluittypen = models.ManyToManyField(
        BesluitType,
        blank=True,
        related_name="zaaktypen",
        help_text="De BESLUITTYPEN die mogelijk zijn binnen dit ZAAKTYPE.",
    )
    deelzaaktypen = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=False,
        related_name="hoofdzaaktypen",
        help_text="De ZAAKTYPE(n) waaronder ZAAKen als deelzaak kunnen voorkomen bij ZAAKen van dit ZAAKTYPE.",
    )
    informatieobjecttypen = models.ManyToManyField(
        InformatieObjectType,
        through="ZaakTypeInformatieObjectType",
        blank=True,
        related_name="zaaktypen",
        help_text="De INFORMATIEOBJECTTYPEn die relevant zijn voor dit ZAAKTYPE.",
    )
    concept = models.BooleanField(default=True, help_text=CONCEPT_HELP)

    objects = VersionQuerySet.as_manager()

    class Meta:
        verbose_name = "zaaktype"
        verbose_name_plural = "zaaktypen"
        indexes = [models.Index(fields=["catalogus", "identificatie"])]

    def __str__(self) -> str:
        return f"{self.identificatie} {self.omschrijving} ({self.begin_geldigheid})"


class ZaakTypenRelatie(models.Model):
    """A zaaktype whose zaken are relevant for zaken of this zaaktype, possibly in another catalogue."""

    zaaktype = models.ForeignKey(
        ZaakType, on_delete=models.CASCADE, related_name="zaaktypenrelaties", help_text="Het ZAAKTYPE."
    )
    gerelateerd_zaaktype = models.URLField(
        max_length=200, help_text="URL-referentie naar het gerelateerde zaaktype, mogelijk in een externe catalogus."
    )
    aard_relatie = models.CharField(
        max_length=15,
        choices=AardRelatie.choices,
        help_text="Omschrijving van de aard van de relatie van zaken van het ZAAKTYPE tot zaken van het andere "
        "ZAAKTYPE.",
    )
    toelichting = models.CharField(
        max_length=255, blank=True, help_text="Een toelichting op de aard van de relatie tussen beide ZAAKTYPEN."
    )

    class Meta:
        verbose_name = "zaaktypenrelatie"
        verbose_name_plural = "zaaktypenrelaties"

    def __str__(self) -> str:
        return f"{self.zaaktype} → {self.gerelateerd_zaaktype} ({self.aard_relatie})"


class ZaakObjectType(models.Model):
    """A kind of object (from another registration) that zaken of the zaaktype are about."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text=UUID_HELP)
    zaaktype = models.ForeignKey(
        ZaakType,
        on_delete=models.CASCADE,
        related_name="zaakobjecttypen",
        help_text="Het ZAAKTYPE waartoe dit ZAAKOBJECTTYPE behoort.",
    )
    ander_objecttype = models.BooleanField(
        help_text="Aanduiding waarmee wordt aangegeven of het ZAAKOBJECTTYPE een ander, niet in RSGB en RGBZ "
        "voorkomend, objecttype betreft."
    )
    objecttype = models.URLField(
        max_length=200, help_text="URL-referentie naar de OBJECTTYPE waartoe dit ZAAKOBJECTTYPE behoort."
    )
    relatie_omschrijving = models.CharField(
        max_length=80,
        help_text="Omschrijving van de betrekking van het Objecttype op zaken van het gerelateerde ZAAKTYPE.",
    )
    begin_geldigheid = models.DateField(help_text="De datum waarop het is ontstaan.")
    einde_geldigheid = models.DateField(null=True, blank=True, help_text="De datum waarop het is opgeheven.")

    objects = OnderdeelQuerySet.as_manager()

    class Meta:
        verbose_name = "zaakobjecttype"
        verbose_name_plural = "zaakobjecttypen"

    def __str__(self) -> str:
        return self.relatie_omschrijving

    @property
    def catalogus(self) -> Catalogus:
        """The catalogus of the zaaktype this is part of."""
        return self.zaaktype.catalogus


class StatusType(OptioneleGeldigheidMixin, models.Model):
    """A status that zaken of the zaaktype can reach; the highest volgnummer is the eindstatus."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text=UUID_HELP)
    zaaktype = models.ForeignKey(
        ZaakType,
        on_delete=models.CASCADE,
        related_name="statustypen",
        help_text="Het ZAAKTYPE van ZAAKen waarin STATUSsen van dit STATUSTYPE bereikt kunnen worden.",
    )
    omschrijving = models.CharField(
        max_length=80,
        help_text="Een korte, voor de initiator van de zaak relevante, omschrijving van de aard van de STATUS.",
    )
    omschrijving_generiek = models.CharField(
        max_length=80, blank=True, help_text="Algemeen gehanteerde omschrijving van de aard van STATUSsen."
    )
    statustekst = models.CharField(
        max_length=1000,
        blank=True,
        help_text="De tekst die wordt gebruikt om de Initiator te informeren over het bereiken van een STATUS van "
        "dit STATUSTYPE.",
    )
    volgnummer = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(9999)],
        help_text="Een volgnummer voor statussen van het STATUSTYPE binnen een zaak.",
    )
    informeren = models.BooleanField(
        default=False,
        help_text="Aanduiding die aangeeft of na het zetten van een STATUS van dit STATUSTYPE de Initiator moet "
        "worden geïnformeerd.",
    )
    doorlooptijd = DurationField(
        blank=True, help_text="De gestelde norm voor de doorlooptijd voor het bereiken van STATUSsen van dit type."
    )
    toelichting = models.CharField(
        max_length=1000, blank=True, help_text="Een eventuele toelichting op dit STATUSTYPE."
    )
    checklistitem_statustype = models.JSONField(
        default=list,
        blank=True,
        help_text="Checklistitems: aandachtspunten (itemnaam, vraagstelling, verplicht, toelichting) om te "
        "controleren voordat de STATUS bereikt wordt.",
    )
    zaakobjecttype = models.ForeignKey(
        ZaakObjectType,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statustypen",
        help_text="Het ZAAKOBJECTTYPE waar dit STATUSTYPE betrekking op heeft.",
    )

    objects = OnderdeelQuerySet.as_manager()

    class Meta:
        verbose_name = "statustype"
        verbose_name_plural = "statustypen"
        ordering = ["zaaktype", "volgnummer"]
        constraints = [
            models.UniqueConstraint(fields=["zaaktype", "volgnummer"], name="statustype_volgnummer_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.volgnummer}. {self.omschrijving}"

    @property
    def is_eindstatus(self) -> bool:
        """Rule (Catalogi API): the statustype with the highest volgnummer of its zaaktype is the eindstatus."""
        hoogste = getattr(self, "hoogste_volgnummer", None)
        if hoogste is None:
            hoogste = self.zaaktype.statustypen.aggregate(hoogste=models.Max("volgnummer"))["hoogste"]
        return self.volgnummer == hoogste

    @property
    def catalogus(self) -> Catalogus:
        """The catalogus of the zaaktype this is part of."""
        return self.zaaktype.catalogus


class Eigenschap(OptioneleGeldigheidMixin, models.Model):
    """A case-type specific property that zaken of the zaaktype record."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text=UUID_HELP)
    zaaktype = models.ForeignKey(
        ZaakType,
        on_delete=models.CASCADE,
        related_name="eigenschappen",
        help_text="Het ZAAKTYPE van de ZAAKen waarvoor deze EIGENSCHAP van belang is.",
    )
    naam = models.CharField(max_length=20, help_text="De naam van de EIGENSCHAP.")
    definitie = models.CharField(max_length=255, help_text="De beschrijving van de betekenis van deze EIGENSCHAP.")
    toelichting = models.CharField(
        max_length=1000,
        blank=True,
        help_text="Een toelichting op deze EIGENSCHAP en het belang hiervan voor zaken van dit ZAAKTYPE.",
    )
    specificatie_groep = models.CharField(
        max_length=32,
        blank=True,
        help_text="Benaming van het object of groepattribuut waarvan de EIGENSCHAP een inhoudelijk gegeven "
        "specificeert.",
    )
    specificatie_formaat = models.CharField(
        max_length=20,
        choices=EigenschapFormaat.choices,
        help_text="Het soort tekens waarmee waarden van de EIGENSCHAP kunnen worden vastgelegd.",
    )
    specificatie_lengte = models.CharField(
        max_length=14, help_text="Het aantal karakters (lengte) waarmee waarden van de EIGENSCHAP worden vastgelegd."
    )
    specificatie_kardinaliteit = models.CharField(
        max_length=3,
        validators=[RegexValidator(r"^(\d+|N)$", "Een getal of `N`.")],
        help_text="Het aantal mogelijke voorkomens van waarden van deze EIGENSCHAP bij een zaak (`N`: onbeperkt).",
    )
    specificatie_waardenverzameling = models.JSONField(
        default=list, blank=True, help_text="Waarden die deze EIGENSCHAP kan hebben."
    )
    statustype = models.ForeignKey(
        StatusType,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="eigenschappen",
        help_text="Het STATUSTYPE dat deze EIGENSCHAP (onder andere) verplicht heeft, voordat een STATUS van dat "
        "STATUSTYPE kan worden gezet.",
    )

    objects = OnderdeelQuerySet.as_manager()

    class Meta:
        verbose_name = "eigenschap"
        verbose_name_plural = "eigenschappen"
        constraints = [models.UniqueConstraint(fields=["zaaktype", "naam"], name="eigenschap_naam_uniek")]

    def __str__(self) -> str:
        return self.naam

    @property
    def catalogus(self) -> Catalogus:
        """The catalogus of the zaaktype this is part of."""
        return self.zaaktype.catalogus


class RolType(OptioneleGeldigheidMixin, models.Model):
    """A role that a betrokkene can play in zaken of the zaaktype."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text=UUID_HELP)
    zaaktype = models.ForeignKey(
        ZaakType,
        on_delete=models.CASCADE,
        related_name="roltypen",
        help_text="Het ZAAKTYPE waar deze ROLTYPEn betrokken kunnen zijn.",
    )
    omschrijving = models.CharField(max_length=100, help_text="Omschrijving van de aard van de ROL.")
    omschrijving_generiek = models.CharField(
        max_length=20,
        choices=RolOmschrijvingGeneriek.choices,
        help_text="Algemeen gehanteerde omschrijving van de aard van de ROL.",
    )

    objects = OnderdeelQuerySet.as_manager()

    class Meta:
        verbose_name = "roltype"
        verbose_name_plural = "roltypen"

    def __str__(self) -> str:
        return self.omschrijving

    @property
    def catalogus(self) -> Catalogus:
        """The catalogus of the zaaktype this is part of."""
        return self.zaaktype.catalogus


class ResultaatType(OptioneleGeldigheidMixin, models.Model):
    """A result a zaak of the zaaktype can have, and how its records are archived.

    The archiving parameters are the heart of archiving by design: they decide, when a
    zaak closes, whether its dossier is kept or destroyed and from which date.
    """

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text=UUID_HELP)
    zaaktype = models.ForeignKey(
        ZaakType,
        on_delete=models.CASCADE,
        related_name="resultaattypen",
        help_text="Het ZAAKTYPE van ZAAKen waarin resultaten van dit RESULTAATTYPE bereikt kunnen worden.",
    )
    omschrijving = models.CharField(
        max_length=30, help_text="Omschrijving van de aard van resultaten van het RESULTAATTYPE."
    )
    resultaattypeomschrijving = models.URLField(
        max_length=1000,
        help_text="URL-referentie naar de generieke resultaattypeomschrijving in de Selectielijst API "
        "(`resultaattypeomschrijvingen`).",
    )
    omschrijving_generiek = models.CharField(
        max_length=20,
        blank=True,
        help_text="Waarde van de omschrijving-generiek referentie (attribuut `omschrijving`), overgenomen uit de "
        "Selectielijst API.",
    )
    selectielijstklasse = models.URLField(
        max_length=1000,
        help_text="URL-referentie naar de, voor het archiefregime bij het RESULTAATTYPE relevante, categorie in de "
        "Selectielijst Archiefbescheiden (RESULTAAT in de Selectielijst API).",
    )
    toelichting = models.TextField(
        blank=True,
        help_text="Een toelichting op dit RESULTAATTYPE en het belang hiervan voor ZAAKen waarin een resultaat van "
        "dit RESULTAATTYPE wordt geselecteerd.",
    )
    archiefnominatie = models.CharField(
        max_length=20,
        choices=Archiefnominatie.choices,
        blank=True,
        help_text="Aanduiding die aangeeft of ZAAKen met een resultaat van dit RESULTAATTYPE blijvend moeten "
        "worden bewaard of (op termijn) moeten worden vernietigd. Indien niet opgegeven: de `waardering` van de "
        "selectielijstklasse.",
    )
    archiefactietermijn = DurationField(
        blank=True,
        help_text="De termijn, na het vervallen van het bedrijfsvoeringsbelang, waarna het zaakdossier vernietigd "
        "of overgebracht moet worden. Indien niet opgegeven: de `bewaartermijn` van de selectielijstklasse.",
    )
    brondatum_archiefprocedure_afleidingswijze = models.CharField(
        max_length=20,
        choices=Afleidingswijze.choices,
        blank=True,
        help_text="Wijze van bepalen van de brondatum (de start van de archiefactietermijn).",
    )
    brondatum_archiefprocedure_datumkenmerk = models.CharField(
        max_length=80,
        blank=True,
        help_text="Naam van de attribuutsoort van het procesobject dat bepalend is voor het einde van de "
        "procestermijn.",
    )
    brondatum_archiefprocedure_einddatum_bekend = models.BooleanField(
        default=False,
        help_text="Indicatie dat de einddatum van het procesobject gedurende de uitvoering van de zaak bekend moet "
        "worden.",
    )
    brondatum_archiefprocedure_objecttype = models.CharField(
        max_length=80,
        choices=BrondatumObjecttype.choices,
        blank=True,
        help_text="Het soort object in de registratie dat het procesobject representeert.",
    )
    brondatum_archiefprocedure_registratie = models.CharField(
        max_length=80, blank=True, help_text="De naam van de registratie waarvan het procesobject deel uit maakt."
    )
    brondatum_archiefprocedure_procestermijn = DurationField(
        blank=True,
        help_text="De periode dat het zaakdossier na afronding van de zaak actief gebruikt en/of geraadpleegd "
        "wordt; alleen bij afleidingswijze `termijn`.",
    )
    procesobjectaard = models.CharField(
        max_length=200,
        blank=True,
        help_text="Omschrijving van het object, subject of gebeurtenis waarop, vanuit archiveringsoptiek, het "
        "resultaattype bij zaken van dit type betrekking heeft.",
    )
    indicatie_specifiek = models.BooleanField(
        null=True,
        blank=True,
        help_text="Aanduiding of het, vanuit archiveringsoptiek, een resultaattype betreft dat specifiek is voor "
        "een bepaalde procesobjectaard.",
    )
    procestermijn = DurationField(
        blank=True,
        help_text="De periode dat het zaakdossier na afronding van de zaak actief gebruikt en/of geraadpleegd "
        "wordt ter ondersteuning van de taakuitoefening van de organisatie.",
    )
    besluittypen = models.ManyToManyField(
        BesluitType,
        blank=True,
        related_name="resultaattypen",
        help_text="De BESLUITTYPEn van besluiten die gepaard gaan met resultaten van dit RESULTAATTYPE.",
    )
    informatieobjecttypen = models.ManyToManyField(
        InformatieObjectType,
        blank=True,
        related_name="resultaattypen",
        help_text="De INFORMATIEOBJECTTYPEn die verplicht aanwezig moeten zijn in het zaakdossier voordat een "
        "resultaat van dit RESULTAATTYPE kan worden gezet.",
    )
    zaakobjecttype = models.ForeignKey(
        ZaakObjectType,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resultaattypen",
        help_text="Het ZAAKOBJECTTYPE dat verplicht gerelateerd moet zijn aan ZAAKen van dit ZAAKTYPE voordat een "
        "resultaat van dit RESULTAATTYPE kan worden gezet.",
    )

    objects = OnderdeelQuerySet.as_manager()

    class Meta:
        verbose_name = "resultaattype"
        verbose_name_plural = "resultaattypen"
        constraints = [
            models.UniqueConstraint(fields=["zaaktype", "omschrijving"], name="resultaattype_omschrijving_uniek"),
        ]

    def __str__(self) -> str:
        return self.omschrijving

    @property
    def catalogus(self) -> Catalogus:
        """The catalogus of the zaaktype this is part of."""
        return self.zaaktype.catalogus

    @property
    def brondatum_archiefprocedure(self) -> dict:
        """The gegevensgroep as the standard names it, without the field-name prefix."""
        prefix = "brondatum_archiefprocedure_"
        return {
            field.name.removeprefix(prefix): getattr(self, field.name)
            for field in self._meta.get_fields()
            if field.name.startswith(prefix)
        }


class ZaakTypeInformatieObjectType(models.Model):
    """An informatieobjecttype relevant for a zaaktype, with its direction and order."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text=UUID_HELP)
    zaaktype = models.ForeignKey(
        ZaakType,
        on_delete=models.CASCADE,
        related_name="zaaktype_informatieobjecttypen",
        help_text="Het ZAAKTYPE.",
    )
    informatieobjecttype = models.ForeignKey(
        InformatieObjectType,
        on_delete=models.CASCADE,
        related_name="zaaktype_informatieobjecttypen",
        help_text="Het INFORMATIEOBJECTTYPE.",
    )
    volgnummer = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(999)],
        help_text="Uniek volgnummer van het ZAAK-INFORMATIEOBJECTTYPE binnen het ZAAKTYPE.",
    )
    richting = models.CharField(
        max_length=20,
        choices=Richting.choices,
        help_text="Aanduiding van de richting van informatieobjecten van het gerelateerde INFORMATIEOBJECTTYPE bij "
        "zaken van het gerelateerde ZAAKTYPE.",
    )
    statustype = models.ForeignKey(
        StatusType,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="zaaktype_informatieobjecttypen",
        help_text="Het STATUSTYPE waarbij deze INFORMATIEOBJECTTYPEn verplicht aanwezig moeten zijn.",
    )

    objects = OnderdeelQuerySet.as_manager()

    class Meta:
        verbose_name = "zaaktype-informatieobjecttype"
        verbose_name_plural = "zaaktype-informatieobjecttypen"
        constraints = [
            models.UniqueConstraint(fields=["zaaktype", "volgnummer"], name="ziot_volgnummer_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.zaaktype}: {self.informatieobjecttype}"

    @property
    def catalogus(self) -> Catalogus:
        """The catalogus of the zaaktype this is part of."""
        return self.zaaktype.catalogus
