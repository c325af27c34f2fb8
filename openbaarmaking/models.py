"""Woo publications: what is published, by whom, in which information category, and when.

A publicatie groups documents of the Documenten API (referred to by URL; title, dates,
format and size are copied from there so the sitemaps are built from this database
alone) under one or more Woo information categories. Its status only moves forward:
`concept` → `gepubliceerd` → `ingetrokken`.
"""

from __future__ import annotations

import uuid as _uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from common.werk import Lease

TERMIJN_DAGEN_MAX = 3650
# Bytes of the largest file a document may report; explicit, so the schema is the same on every backend.
BESTANDSOMVANG_MAX = 2**53


class Informatiecategorie(models.Model):
    """A Woo information category of the TOOI list `scw_woo_informatiecategorieen` (17 + art. 3.1).

    Loaded by a data migration from `data/woo-informatiecategorieen.json`; never edited here.
    """

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text="Unieke resource identifier (UUID4).")
    identifier = models.URLField(
        max_length=255, unique=True, help_text="De TOOI-identifier (URI) van de informatiecategorie."
    )
    naam = models.CharField(max_length=255, help_text="De naam van de informatiecategorie.")
    naam_meervoud = models.CharField(max_length=255, help_text="De naam in het meervoud.")
    definitie = models.TextField(help_text="De definitie, zoals de Woo haar geeft.")
    oorsprong = models.CharField(max_length=50, help_text="Waar de categorie vandaan komt (`waardelijst`).")
    volgorde = models.PositiveIntegerField(help_text="De volgorde in de TOOI-waardelijst.")
    nummer = models.PositiveSmallIntegerField(
        unique=True,
        validators=[MaxValueValidator(99)],
        help_text="Het nummer van de categorie in de sitemapindex-naam (`sitemapindex-diwoo-infocatNNN.xml`): "
        "1 tot en met 17 in de volgorde van de Woo, 18 voor de inspanningsverplichting van art. 3.1.",
    )

    class Meta:
        verbose_name = "informatiecategorie"
        verbose_name_plural = "informatiecategorieën"
        ordering = ["volgorde"]

    def __str__(self) -> str:
        return f"{self.nummer:03d} {self.naam}"


class Organisatie(models.Model):
    """An organisation that publishes, is responsible for or drew up a publication."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text="Unieke resource identifier (UUID4).")
    naam = models.CharField(max_length=255, help_text="De naam van de organisatie, bijvoorbeeld `gemeente Utrecht`.")
    identifier = models.URLField(
        max_length=255,
        unique=True,
        help_text="De TOOI-identifier (URI) van de organisatie, uit de organisatielijsten van DiWoo, "
        "bijvoorbeeld `https://identifier.overheid.nl/tooi/id/gemeente/gm0344`.",
    )

    class Meta:
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class PublicatieStatus(models.TextChoices):
    concept = "concept", "Concept"
    gepubliceerd = "gepubliceerd", "Gepubliceerd"
    ingetrokken = "ingetrokken", "Ingetrokken"


class Publicatieregel(models.Model):
    """Which informatieobjecttype belongs to which Woo category, and how its documents publish."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text="Unieke resource identifier (UUID4).")
    informatieobjecttype = models.URLField(
        max_length=1000,
        unique=True,
        help_text="URL-referentie naar het INFORMATIEOBJECTTYPE (in de Catalogi API) waarvan definitieve, "
        "openbare documenten onder deze regel vallen.",
    )
    informatiecategorie = models.ForeignKey(
        Informatiecategorie,
        on_delete=models.PROTECT,
        related_name="publicatieregels",
        help_text="De Woo-informatiecategorie van de publicaties die deze regel maakt.",
    )
    automatisch_publiceren = models.BooleanField(
        default=False,
        help_text="Publiceer documenten van dit type meteen; anders wachten ze als concept tot de "
        "publicatiemedewerker ze publiceert, uiterlijk op de deadline.",
    )
    termijn_dagen = models.PositiveSmallIntegerField(
        default=14,
        validators=[MinValueValidator(0), MaxValueValidator(TERMIJN_DAGEN_MAX)],
        help_text="Het aantal dagen nadat een document definitief werd waarbinnen het gepubliceerd moet zijn "
        "(de deadline van de concept-publicatie).",
    )

    class Meta:
        verbose_name = "publicatieregel"
        verbose_name_plural = "publicatieregels"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.informatieobjecttype} → {self.informatiecategorie.naam}"


class Publicatie(models.Model):
    """A Woo publication: one or more documents, published together under Woo categories."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text="Unieke resource identifier (UUID4).")
    officiele_titel = models.CharField(max_length=1000, help_text="De officiële titel van de publicatie.")
    verkorte_titel = models.CharField(max_length=255, blank=True, help_text="Een verkorte titel.")
    omschrijving = models.TextField(blank=True, help_text="Een korte omschrijving van de inhoud.")
    informatiecategorieen = models.ManyToManyField(
        Informatiecategorie,
        related_name="publicaties",
        help_text="De Woo-informatiecategorieën waaronder de publicatie valt (ten minste één).",
    )
    publisher = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="De organisatie die de publicatie openbaar maakt.",
    )
    verantwoordelijke = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="De organisatie die verantwoordelijk is voor de inhoud.",
    )
    opsteller = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="De organisatie die de documenten opstelde.",
    )
    status = models.CharField(
        max_length=20,
        choices=PublicatieStatus.choices,
        default=PublicatieStatus.concept,
        help_text="`concept` → `gepubliceerd` → `ingetrokken`; andere overgangen zijn er niet.",
    )
    registratiedatum = models.DateTimeField(default=timezone.now, help_text="Wanneer de publicatie is aangemaakt.")
    datum_gepubliceerd = models.DateTimeField(null=True, blank=True, help_text="Wanneer de publicatie openbaar werd.")
    datum_ingetrokken = models.DateTimeField(null=True, blank=True, help_text="Wanneer de publicatie is ingetrokken.")
    deadline = models.DateField(
        null=True, blank=True, help_text="De datum waarop een concept uiterlijk gepubliceerd moet zijn."
    )
    reden_intrekking = models.URLField(
        max_length=255,
        blank=True,
        help_text="De reden van intrekking: een URI uit de TOOI-lijst `ccw_plooi_reden_intrekking_of_vervanging`.",
    )
    toelichting_intrekking = models.TextField(blank=True, help_text="Een toelichting bij de intrekking.")
    kenmerken = models.JSONField(
        default=list, blank=True, help_text="Kenmerken van de publicatie in andere systemen (`kenmerk`, `bron`)."
    )
    bron_document = models.URLField(
        max_length=1000,
        blank=True,
        help_text="Het document (in de Documenten API) waarvoor een publicatieregel deze publicatie maakte; "
        "leeg voor een publicatie die met de hand is aangemaakt.",
    )
    publicatieregel = models.ForeignKey(
        Publicatieregel,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="publicaties",
        help_text="De regel die deze publicatie maakte.",
    )
    laatst_gewijzigd = models.DateTimeField(default=timezone.now, help_text="De laatste wijziging.")

    class Meta:
        verbose_name = "publicatie"
        verbose_name_plural = "publicaties"
        ordering = ["-registratiedatum", "-pk"]
        constraints = [
            # One publication per source document, however often its notifications arrive.
            models.UniqueConstraint(
                fields=["bron_document"], condition=~Q(bron_document=""), name="publicatie_uniek_bron_document"
            ),
        ]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return self.officiele_titel


class PublicatieDocument(models.Model):
    """A document of a publicatie: a reference to the Documenten API with what the sitemaps need."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text="Unieke resource identifier (UUID4).")
    publicatie = models.ForeignKey(
        Publicatie, on_delete=models.CASCADE, related_name="documenten", help_text="De publicatie."
    )
    document = models.URLField(
        max_length=1000, help_text="URL-referentie naar het ENKELVOUDIGINFORMATIEOBJECT in de Documenten API."
    )
    identificatie = models.CharField(max_length=40, blank=True, help_text="De identificatie van het document.")
    officiele_titel = models.CharField(max_length=1000, help_text="De titel van het document (uit de Documenten API).")
    creatiedatum = models.DateField(help_text="De creatiedatum van het document (uit de Documenten API).")
    bestandsnaam = models.CharField(max_length=255, blank=True, help_text="De bestandsnaam (uit de Documenten API).")
    formaat = models.CharField(max_length=255, blank=True, help_text="Het MIME-type (uit de Documenten API).")
    bestandsomvang = models.BigIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(BESTANDSOMVANG_MAX)],
        help_text="De grootte van het bestand in bytes (uit de Documenten API).",
    )
    taal = models.CharField(max_length=3, blank=True, help_text="De taal, ISO 639-2/B (uit de Documenten API).")
    vastgesteld_op = models.DateTimeField(
        help_text="Wanneer het document definitief werd: `beginRegistratie` van de definitieve versie."
    )
    registratiedatum = models.DateTimeField(default=timezone.now, help_text="Wanneer het document is toegevoegd.")
    laatst_gewijzigd = models.DateTimeField(
        default=timezone.now, help_text="De laatste wijziging van het document of zijn publicatie (`lastmod`)."
    )

    class Meta:
        verbose_name = "document van een publicatie"
        verbose_name_plural = "documenten van publicaties"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["publicatie", "document"], name="publicatiedocument_uniek_per_publicatie")
        ]
        indexes = [models.Index(fields=["document"])]

    def __str__(self) -> str:
        return self.officiele_titel


class SitemapGeneratie(Lease):
    """One generation of the DiWoo sitemaps: files written together, served together.

    The public views serve the newest completed generation; a new one is made when a
    publicatie changed after the last one started.
    """

    gestart = models.DateTimeField(default=timezone.now, help_text="When the generation started.")
    voltooid = models.DateTimeField(null=True, blank=True, help_text="When its files were complete.")
    map = models.CharField(max_length=64, unique=True, help_text="Its folder below the sitemap root.")
    aantal_urls = models.PositiveIntegerField(default=0, help_text="URLs over all its sitemaps.")
    bezig = models.BooleanField(
        null=True,
        default=True,
        unique=True,
        help_text="True while its files are being written, empty once complete: one generation at a time.",
    )

    class Meta:
        verbose_name = "sitemapgeneratie"
        verbose_name_plural = "sitemapgeneraties"
        ordering = ["-gestart", "-pk"]

    def __str__(self) -> str:
        return f"{self.map} ({self.aantal_urls} URLs)"


class SitemapBestand(models.Model):
    """One sitemap file of a generation: at most the URL and byte limits of the sitemap protocol."""

    generatie = models.ForeignKey(SitemapGeneratie, on_delete=models.CASCADE, related_name="bestanden")
    informatiecategorie = models.ForeignKey(Informatiecategorie, on_delete=models.PROTECT, related_name="+")
    volgnummer = models.PositiveIntegerField(help_text="Position within the category's sitemapindex, from 1.")
    naam = models.CharField(max_length=100, help_text="File name, e.g. `sitemap-diwoo-infocat001-00001.xml`.")
    aantal_urls = models.PositiveIntegerField(help_text="Number of `<url>` entries.")
    grootte = models.PositiveBigIntegerField(help_text="Size in bytes.")
    sha256 = models.CharField(max_length=64, help_text="SHA-256 of the content: unchanged content keeps its lastmod.")
    lastmod = models.DateTimeField(help_text="When the content last changed.")

    class Meta:
        verbose_name = "sitemapbestand"
        verbose_name_plural = "sitemapbestanden"
        ordering = ["informatiecategorie__nummer", "volgnummer"]
        constraints = [models.UniqueConstraint(fields=["generatie", "naam"], name="sitemapbestand_uniek_per_generatie")]

    def __str__(self) -> str:
        return self.naam
