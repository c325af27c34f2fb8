"""The VNG Selectielijst: procestypen, their resultaten, and generic result descriptions.

The content is reference data published by VNG; it is loaded by a data migration from
`archief/data/` and never edited here. Other systems refer to it by URL, so the uuids
are the ones VNG published.
"""

from __future__ import annotations

import uuid as _uuid

from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.utils import timezone

from common.constants import Archiefnominatie
from common.werk import Lease

# Explicit upper bounds keep the published schema the same on every database backend.
SMALL_INTEGER_MAX = 32767
INTEGER_MAX = 2147483647

# ISO 8601 durations in years, months and days, as the Selectielijst uses them (P10Y, P1Y6M, P42D).
iso_duration_validator = RegexValidator(
    r"^P(?=\d)(\d+Y)?(\d+M)?(\d+D)?$", "Geef een ISO 8601 duur in jaren, maanden en dagen op, bijvoorbeeld P10Y."
)


class Procestermijn(models.TextChoices):
    nihil = "nihil", "Nihil"
    bestaansduur_procesobject = (
        "bestaansduur_procesobject",
        "De bestaans- of geldigheidsduur van het procesobject.",
    )
    ingeschatte_bestaansduur_procesobject = (
        "ingeschatte_bestaansduur_procesobject",
        "De ingeschatte maximale bestaans- of geldigheidsduur van het procesobject.",
    )
    vast_te_leggen_datum = (
        "vast_te_leggen_datum",
        "De tijdens het proces vast te leggen datum waarop de geldigheid van het procesobject komt te vervallen.",
    )
    samengevoegd_met_bewaartermijn = (
        "samengevoegd_met_bewaartermijn",
        "De procestermijn is samengevoegd met de bewaartermijn.",
    )


class ProcesType(models.Model):
    """A category of the Selectielijst: a kind of process whose records share a retention regime."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text="Unieke resource identifier (UUID4).")
    nummer = models.PositiveSmallIntegerField(
        "procestypenummer",
        validators=[MaxValueValidator(SMALL_INTEGER_MAX)],
        help_text="Nummer van de selectielijstcategorie.",
    )
    jaar = models.PositiveIntegerField(
        validators=[MaxValueValidator(INTEGER_MAX)], help_text="Het jaartal waartoe dit procestype behoort."
    )
    naam = models.CharField("procestypenaam", max_length=100, help_text="Benaming van het procestype.")
    omschrijving = models.CharField(
        "procestypeomschrijving", max_length=300, help_text="Omschrijving van het procestype."
    )
    toelichting = models.TextField("procestypetoelichting", help_text="Toelichting van het procestype.")
    procesobject = models.CharField(
        max_length=80,
        help_text="Object waar de uitvoering van het proces op van toepassing is en waarvan de bestaans- of "
        "geldigheidsduur eventueel van belang is bij het bepalen van de start van de bewaartermijn.",
    )

    class Meta:
        verbose_name = "procestype"
        verbose_name_plural = "procestypen"
        constraints = [models.UniqueConstraint(fields=["jaar", "nummer"], name="archief_procestype_jaar_nummer")]

    def __str__(self) -> str:
        return f"{self.nummer} - {self.naam} ({self.jaar})"


class Resultaat(models.Model):
    """A result of a procestype in the Selectielijst, with its waardering and bewaartermijn.

    Results form a tree of depth two: a generic result (`1.1`) may have specific results
    (`1.1.1`, `1.1.2`) that refine it. A resultaattype in a catalogue points at one of
    these as its selectielijstklasse.
    """

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text="Unieke resource identifier (UUID4).")
    proces_type = models.ForeignKey(
        ProcesType,
        on_delete=models.CASCADE,
        related_name="resultaten",
        verbose_name="procestype",
        help_text="Het procestype waartoe dit resultaat behoort.",
    )
    generiek_resultaat = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="specifieke_resultaten",
        limit_choices_to={"generiek_resultaat__isnull": True},
        help_text="Bij een specifiek resultaat: het generieke resultaat dat het verfijnt.",
    )
    nummer = models.PositiveSmallIntegerField(
        validators=[MaxValueValidator(SMALL_INTEGER_MAX)],
        help_text="Nummer van het resultaat. Dit wordt samengesteld met het procestype en generiek resultaat "
        "indien van toepassing.",
    )
    naam = models.CharField(max_length=40, help_text="Benaming van het resultaat.")
    omschrijving = models.CharField(max_length=150, blank=True, help_text="Omschrijving van het specifieke resultaat.")
    herkomst = models.CharField(
        max_length=200,
        blank=True,
        help_text="Voorbeeld: 'Risicoanalyse', 'Systeemanalyse' of verwijzing naar Wet- en regelgeving. "
        "Leeg bij een vervallen resultaat.",
    )
    waardering = models.CharField(
        max_length=50,
        choices=Archiefnominatie.choices,
        blank=True,
        help_text="Of zaken met dit resultaat blijvend bewaard of na de bewaartermijn vernietigd worden. "
        "Leeg bij een vervallen resultaat.",
    )
    procestermijn = models.CharField(
        max_length=50,
        choices=Procestermijn.choices,
        blank=True,
        help_text="De periode dat het procesobject nog van belang is voor de bedrijfsvoering; de bewaartermijn "
        "begint na afloop ervan. Leeg als de selectielijst er geen noemt.",
    )
    bewaartermijn = models.CharField(
        max_length=20,
        null=True,
        blank=True,
        validators=[iso_duration_validator],
        help_text="Hoe lang zaken met dit resultaat bewaard worden, als ISO 8601 duur (bijvoorbeeld P10Y). "
        "Leeg bij blijvend bewaren.",
    )
    toelichting = models.TextField(blank=True, help_text="Toelichting bij het resultaat.")

    # The taakgebieden (policy areas) for which the result is relevant.
    algemeen_bestuur_en_inrichting_organisatie = models.BooleanField(
        default=False, help_text="Relevant voor het taakgebied algemeen bestuur en inrichting organisatie."
    )
    bedrijfsvoering_en_personeel = models.BooleanField(
        default=False, help_text="Relevant voor het taakgebied bedrijfsvoering en personeel."
    )
    publieke_informatie_en_registratie = models.BooleanField(
        default=False, help_text="Relevant voor het taakgebied publieke informatie en registratie."
    )
    burgerzaken = models.BooleanField(default=False, help_text="Relevant voor het taakgebied burgerzaken.")
    veiligheid = models.BooleanField(default=False, help_text="Relevant voor het taakgebied veiligheid.")
    verkeer_en_vervoer = models.BooleanField(
        default=False, help_text="Relevant voor het taakgebied verkeer en vervoer."
    )
    economie = models.BooleanField(default=False, help_text="Relevant voor het taakgebied economie.")
    onderwijs = models.BooleanField(default=False, help_text="Relevant voor het taakgebied onderwijs.")
    sport_cultuur_en_recreatie = models.BooleanField(
        "sport, cultuur en recreatie",
        default=False,
        help_text="Relevant voor het taakgebied sport, cultuur en recreatie.",
    )
    sociaal_domein = models.BooleanField(default=False, help_text="Relevant voor het taakgebied sociaal domein.")
    # Spelled as in the standard ("volksgezonheid"), since the API field name derives from it.
    volksgezonheid_en_milieu = models.BooleanField(
        "volksgezondheid en milieu",
        default=False,
        help_text="Relevant voor het taakgebied volksgezondheid en milieu.",
    )
    vhrosv = models.BooleanField(
        "VHROSV",
        default=False,
        help_text="Relevant voor het taakgebied volkshuisvesting, ruimtelijke ordening en stedelijke vernieuwing.",
    )
    heffen_belastingen = models.BooleanField(
        "heffen belastingen etc.", default=False, help_text="Relevant voor het taakgebied heffen belastingen etc."
    )
    alle_taakgebieden = models.BooleanField(default=False, help_text="Relevant voor alle taakgebieden.")
    procestermijn_opmerking = models.CharField(
        max_length=20, blank=True, help_text="Voorbeeld: '25 jaar', '30 jaar', '5 of 10 jaar'."
    )

    class Meta:
        verbose_name = "selectielijstresultaat"
        verbose_name_plural = "selectielijstresultaten"
        constraints = [
            models.UniqueConstraint(
                fields=["proces_type", "nummer"],
                condition=models.Q(generiek_resultaat__isnull=True),
                name="archief_resultaat_generiek_nummer",
            ),
            models.UniqueConstraint(
                fields=["generiek_resultaat", "nummer"],
                condition=models.Q(generiek_resultaat__isnull=False),
                name="archief_resultaat_specifiek_nummer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volledig_nummer} - {self.naam}"

    @property
    def generiek(self) -> bool:
        return self.generiek_resultaat_id is None

    @property
    def specifiek(self) -> bool:
        return not self.generiek

    @property
    def volledig_nummer(self) -> str:
        """The number as the Selectielijst prints it: procestype, generic result, specific result (`1.1.2`)."""
        parts = [self.proces_type.nummer]
        if self.generiek_resultaat is not None:
            parts.append(self.generiek_resultaat.nummer)
        parts.append(self.nummer)
        return ".".join(str(part) for part in parts)


class ResultaatTypeOmschrijvingGeneriek(models.Model):
    """A generic description of the kind of result a case can have (ImZTC referentielijst)."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text="Unieke resource identifier (UUID4).")
    omschrijving = models.CharField(
        max_length=20, help_text="Algemeen gehanteerde omschrijving van de aard van het resultaat van zaken."
    )
    definitie = models.CharField(max_length=255, help_text="Nauwkeurige beschrijving van het generieke type resultaat.")
    opmerking = models.CharField(
        max_length=255,
        blank=True,
        help_text="Zinvolle toelichting bij de waarde van de generieke omschrijving van het resultaat.",
    )

    class Meta:
        verbose_name = "generieke resultaattypeomschrijving"
        verbose_name_plural = "generieke resultaattypeomschrijvingen"

    def __str__(self) -> str:
        return self.omschrijving


# --- The retention index ------------------------------------------------------------------
#
# archief/ reaches cases and documents only through the ZGW contracts. What the archive
# needs to know about them (to propose destruction, to archive, to report) is copied here,
# keyed by URL, kept current by notifications and healed by a periodic full resync. The
# admin and the report read only these tables, never another app's.


class ZGWArchiefstatus(models.TextChoices):
    """`archiefstatus` of a zaak in the ZGW Zaken API."""

    nog_te_archiveren = "nog_te_archiveren", "De zaak cq. het zaakdossier is nog niet als geheel gearchiveerd."
    gearchiveerd = "gearchiveerd", "De zaak cq. het zaakdossier is als geheel niet-wijzigbaar bewaarbaar gemaakt."
    gearchiveerd_procestermijn_onbekend = (
        "gearchiveerd_procestermijn_onbekend",
        "De zaak cq. het zaakdossier is als geheel niet-wijzigbaar bewaarbaar gemaakt maar de vernietigingsdatum "
        "kan nog niet bepaald worden.",
    )
    overgedragen = "overgedragen", "De zaak cq. het zaakdossier is overgebracht naar een archiefbewaarplaats."


class DocumentStatus(models.TextChoices):
    """`status` of an EnkelvoudigInformatieObject in the ZGW Documenten API."""

    in_bewerking = "in_bewerking", "In bewerking"
    ter_vaststelling = "ter_vaststelling", "Ter vaststelling"
    definitief = "definitief", "Definitief"
    gearchiveerd = "gearchiveerd", "Gearchiveerd"
    onbekend = "", "Onbekend"


class IndexZaakType(models.Model):
    """A zaaktype as the archive sees it: whether its archiving parameters are complete."""

    url = models.URLField(max_length=1000, unique=True, help_text="URL of the zaaktype in the Catalogi API.")
    identificatie = models.CharField(max_length=50, blank=True, help_text="`identificatie` of the zaaktype.")
    omschrijving = models.CharField(max_length=100, blank=True, help_text="`omschrijving` of the zaaktype.")
    concept = models.BooleanField(default=False, help_text="Whether the zaaktype is still a concept.")
    archiveringsgebreken = models.JSONField(
        default=list,
        blank=True,
        help_text="What is missing in its archiving parameters (per resultaattype); empty when complete.",
    )
    gesynchroniseerd_op = models.DateTimeField(help_text="When this row was last read from the Catalogi API.")

    class Meta:
        verbose_name = "zaaktype (index)"
        verbose_name_plural = "zaaktypen (index)"
        ordering = ["omschrijving", "url"]

    def __str__(self) -> str:
        return self.omschrijving or self.url

    @property
    def archiveringsparameters_compleet(self) -> bool:
        return not self.archiveringsgebreken


class IndexZaak(models.Model):
    """The archive-relevant metadata of one zaak, read through the Zaken and Catalogi APIs."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text="Unique identifier in the archive's index.")
    url = models.URLField(max_length=1000, unique=True, help_text="URL of the zaak in the Zaken API.")
    identificatie = models.CharField(max_length=40, blank=True, help_text="`identificatie` of the zaak.")
    bronorganisatie = models.CharField(max_length=9, blank=True, help_text="RSIN of the bronorganisatie.")
    omschrijving = models.CharField(max_length=80, blank=True, help_text="`omschrijving` of the zaak.")
    zaaktype = models.URLField(max_length=1000, db_index=True, help_text="URL of the zaaktype in the Catalogi API.")
    zaaktype_omschrijving = models.CharField(max_length=100, blank=True, help_text="`omschrijving` of the zaaktype.")
    startdatum = models.DateField(null=True, blank=True, help_text="`startdatum` of the zaak.")
    einddatum = models.DateField(
        null=True, blank=True, db_index=True, help_text="`einddatum` of the zaak; empty while it is open."
    )
    resultaat = models.URLField(max_length=1000, blank=True, help_text="URL of the resultaat of the zaak.")
    resultaattype = models.URLField(max_length=1000, blank=True, help_text="URL of the resultaattype.")
    resultaat_omschrijving = models.CharField(
        max_length=30, blank=True, help_text="`omschrijving` of the resultaattype."
    )
    selectielijstklasse = models.URLField(
        max_length=1000, blank=True, help_text="URL of the Selectielijst resultaat of the resultaattype."
    )
    selectielijstklasse_nummer = models.CharField(
        max_length=20, blank=True, help_text="Full number of the selectielijstklasse, e.g. `11.1.2`."
    )
    selectielijst_jaar = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(INTEGER_MAX)],
        help_text="Version (year) of the Selectielijst the selectielijstklasse belongs to.",
    )
    archiefnominatie = models.CharField(
        max_length=20, choices=Archiefnominatie.choices, blank=True, db_index=True, help_text="`archiefnominatie`."
    )
    archiefactiedatum = models.DateField(
        null=True, blank=True, db_index=True, help_text="`archiefactiedatum`: when the archiefactie is due."
    )
    archiefstatus = models.CharField(
        max_length=40,
        choices=ZGWArchiefstatus.choices,
        default=ZGWArchiefstatus.nog_te_archiveren,
        db_index=True,
        help_text="`archiefstatus` of the zaak.",
    )
    archiveringsblokkade = models.TextField(
        blank=True, help_text="Why the archiving step could not archive this closed zaak; empty otherwise."
    )
    gesynchroniseerd_op = models.DateTimeField(help_text="When this row was last read through the APIs.")

    class Meta:
        verbose_name = "zaak (index)"
        verbose_name_plural = "zaken (index)"
        ordering = ["archiefactiedatum", "identificatie", "pk"]
        indexes = [models.Index(fields=["archiefnominatie", "archiefactiedatum"])]

    def __str__(self) -> str:
        return self.identificatie or self.url


class IndexDocument(models.Model):
    """A document (EnkelvoudigInformatieObject) of an indexed zaak, with its status and fixity."""

    zaak = models.ForeignKey(IndexZaak, on_delete=models.CASCADE, related_name="documenten", help_text="The zaak.")
    url = models.URLField(max_length=1000, help_text="URL of the informatieobject in the Documenten API.")
    identificatie = models.CharField(max_length=40, blank=True, help_text="`identificatie` of the document.")
    titel = models.CharField(max_length=200, blank=True, help_text="`titel` of the document.")
    status = models.CharField(
        max_length=20, choices=DocumentStatus.choices, blank=True, help_text="`status` of the document."
    )
    integriteit_algoritme = models.CharField(max_length=20, blank=True, help_text="`integriteit.algoritme`.")
    integriteit_waarde = models.CharField(max_length=128, blank=True, help_text="`integriteit.waarde`.")
    integriteit_gecontroleerd_op = models.DateTimeField(
        null=True, blank=True, help_text="When the content was last downloaded and its checksum compared."
    )
    integriteit_in_orde = models.BooleanField(
        null=True, blank=True, help_text="Result of the last fixity check; empty when never checked."
    )
    versie = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(INTEGER_MAX)],
        help_text="`versie` of the document when the index last read it.",
    )
    basis_sha256 = models.CharField(
        max_length=64,
        blank=True,
        help_text="SHA-256 of the content at the archive's first read, for a document whose provider stores no "
        "usable `integriteit` (Open Zaak stores none unless the client sent one); later reads are checked "
        "against it. Empty until that first read.",
    )
    basis_versie = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(INTEGER_MAX)],
        help_text="The `versie` whose content `basis_sha256` is; a new version needs a new baseline.",
    )

    class Meta:
        verbose_name = "document (index)"
        verbose_name_plural = "documenten (index)"
        constraints = [models.UniqueConstraint(fields=["zaak", "url"], name="archief_indexdocument_zaak_url")]

    def __str__(self) -> str:
        return self.titel or self.url


# --- Vernietigingslijsten -------------------------------------------------------------------


class VernietigingslijstStatus(models.TextChoices):
    nieuw = "nieuw", "Nieuw"
    klaar_voor_beoordeling = "klaar_voor_beoordeling", "Klaar voor beoordeling"
    wijzigingen_gevraagd = "wijzigingen_gevraagd", "Wijzigingen gevraagd"
    beoordeeld = "beoordeeld", "Beoordeeld"
    klaar_voor_archivaris = "klaar_voor_archivaris", "Klaar voor de archivaris"
    klaar_voor_vernietiging = "klaar_voor_vernietiging", "Klaar voor vernietiging"
    vernietigd = "vernietigd", "Vernietigd"
    mislukt = "mislukt", "Vernietiging (deels) mislukt"


class Vernietigingslijst(Lease):
    """A proposal to destroy a set of zaken, reviewed and approved before Celery carries it out."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text="Unique resource identifier (UUID4).")
    naam = models.CharField(max_length=200, help_text="Name of the list.")
    toelichting = models.TextField(blank=True, help_text="Why these zaken are proposed together.")
    status = models.CharField(
        max_length=30,
        choices=VernietigingslijstStatus.choices,
        default=VernietigingslijstStatus.nieuw,
        db_index=True,
        help_text="Where the list is in its review and destruction.",
    )
    auteur = models.ForeignKey(
        "auth.User",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The record manager who proposed the list.",
    )
    beoordelaar = models.ForeignKey(
        "auth.User",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The reviewer who must approve the list before the archivist sees it.",
    )
    medebeoordelaars = models.ManyToManyField(
        "auth.User",
        related_name="+",
        blank=True,
        help_text="Optional co-reviewers; each must approve as well.",
    )
    archivaris = models.ForeignKey(
        "auth.User",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The archivist who gives the final approval.",
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now, help_text="When the list was proposed.")
    vernietigen_vanaf = models.DateTimeField(
        null=True,
        blank=True,
        help_text="After the archivist's approval: the earliest moment the destruction is carried out.",
    )
    uitgevoerd_op = models.DateTimeField(null=True, blank=True, help_text="When the destruction last ran.")
    verklaring = models.URLField(
        max_length=1000,
        blank=True,
        help_text="URL of the verklaring van vernietiging (XLSX), stored as a document in the Documenten API.",
    )
    verklaring_csv = models.URLField(
        max_length=1000,
        blank=True,
        help_text="URL of the machine-readable verklaring van vernietiging (CSV) in the Documenten API.",
    )
    verklaring_zaak = models.URLField(
        max_length=1000, blank=True, help_text="URL of the zaak the verklaring van vernietiging is stored on."
    )

    class Meta:
        verbose_name = "vernietigingslijst"
        verbose_name_plural = "vernietigingslijsten"
        ordering = ["-aangemaakt_op", "-pk"]
        permissions = [
            ("propose_vernietigingslijst", "Can propose a vernietigingslijst (record manager)"),
            ("review_vernietigingslijst", "Can review a vernietigingslijst (reviewer)"),
            ("coreview_vernietigingslijst", "Can co-review a vernietigingslijst (co-reviewer)"),
            ("approve_vernietigingslijst", "Can give the final approval of a vernietigingslijst (archivist)"),
        ]

    def __str__(self) -> str:
        return self.naam


class ItemStatus(models.TextChoices):
    voorgesteld = "voorgesteld", "Voorgesteld"
    uitgezonderd = "uitgezonderd", "Uitgezonderd"
    vernietigd = "vernietigd", "Vernietigd"
    mislukt = "mislukt", "Vernietiging mislukt"
    overgeslagen = "overgeslagen", "Overgeslagen (niet meer vernietigbaar)"
    verdwenen = "verdwenen", "Verdwenen (bestond niet meer, niet aantoonbaar door deze lijst vernietigd)"


class VernietigingslijstItem(models.Model):
    """One zaak on a list, with a snapshot of what the verklaring van vernietiging needs.

    The snapshot is taken when the zaak is added and refreshed just before it is
    destroyed: after destruction nothing is left to read it from.
    """

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text="Unique resource identifier (UUID4).")
    lijst = models.ForeignKey(Vernietigingslijst, on_delete=models.CASCADE, related_name="items", help_text="The list.")
    zaak = models.URLField(max_length=1000, help_text="URL of the zaak in the Zaken API.")
    identificatie = models.CharField(max_length=40, blank=True, help_text="`identificatie` of the zaak.")
    zaaktype = models.URLField(max_length=1000, blank=True, help_text="URL of the zaaktype.")
    zaaktype_omschrijving = models.CharField(max_length=100, blank=True, help_text="`omschrijving` of the zaaktype.")
    startdatum = models.DateField(null=True, blank=True, help_text="`startdatum` of the zaak.")
    einddatum = models.DateField(null=True, blank=True, help_text="`einddatum` of the zaak.")
    resultaat_omschrijving = models.CharField(max_length=30, blank=True, help_text="The resultaattype.")
    selectielijstklasse = models.URLField(max_length=1000, blank=True, help_text="URL of the selectielijstklasse.")
    selectielijstklasse_nummer = models.CharField(max_length=20, blank=True, help_text="E.g. `11.1.2`.")
    selectielijst_jaar = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(INTEGER_MAX)], help_text="Version of the Selectielijst."
    )
    archiefactiedatum = models.DateField(null=True, blank=True, help_text="`archiefactiedatum` of the zaak.")
    status = models.CharField(
        max_length=20, choices=ItemStatus.choices, default=ItemStatus.voorgesteld, help_text="What became of it."
    )
    uitzonderingsreden = models.TextField(blank=True, help_text="Why the zaak was taken off the list.")
    uitgezonderd_door = models.ForeignKey(
        "auth.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+", help_text="Who excluded it."
    )
    verwijderd = models.JSONField(
        default=list,
        blank=True,
        help_text="URLs of the objects already destroyed for this zaak, so a rerun skips them.",
    )
    documenten = models.JSONField(
        default=list,
        blank=True,
        help_text="URLs of the zaak's documents, noted before their relations are removed, so a rerun still "
        "finds them.",
    )
    fout = models.TextField(
        blank=True,
        help_text="Why the last destruction attempt failed, or why the zaak was not destroyed (overgeslagen, "
        "verdwenen).",
    )
    vernietigd_op = models.DateTimeField(null=True, blank=True, help_text="When the zaak was destroyed.")

    class Meta:
        verbose_name = "vernietigingslijstitem"
        verbose_name_plural = "vernietigingslijstitems"
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["lijst", "zaak"], name="archief_item_lijst_zaak")]

    def __str__(self) -> str:
        return self.identificatie or self.zaak


class Beoordeling(models.Model):
    """The judgement of one reviewer, co-reviewer or the archivist on a list."""

    class Rol(models.TextChoices):
        beoordelaar = "beoordelaar", "Beoordelaar"
        medebeoordelaar = "medebeoordelaar", "Medebeoordelaar"
        archivaris = "archivaris", "Archivaris"

    class Oordeel(models.TextChoices):
        akkoord = "akkoord", "Akkoord"
        wijzigingen_gevraagd = "wijzigingen_gevraagd", "Wijzigingen gevraagd"

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text="Unique resource identifier (UUID4).")
    lijst = models.ForeignKey(
        Vernietigingslijst, on_delete=models.CASCADE, related_name="beoordelingen", help_text="The list."
    )
    gebruiker = models.ForeignKey("auth.User", on_delete=models.PROTECT, related_name="+", help_text="Who judged.")
    rol = models.CharField(max_length=20, choices=Rol.choices, help_text="In which role.")
    oordeel = models.CharField(max_length=30, choices=Oordeel.choices, help_text="The judgement.")
    toelichting = models.TextField(blank=True, help_text="The comment with it.")
    ronde = models.PositiveIntegerField(help_text="The review round: it goes up each time the author resubmits.")
    datum = models.DateTimeField(default=timezone.now, help_text="When.")

    class Meta:
        verbose_name = "beoordeling"
        verbose_name_plural = "beoordelingen"
        ordering = ["datum", "pk"]

    def __str__(self) -> str:
        return f"{self.gebruiker} ({self.rol}): {self.oordeel}"


class Overgang(models.Model):
    """One state transition of a list: who moved it, when, from where to where, and why."""

    lijst = models.ForeignKey(
        Vernietigingslijst, on_delete=models.CASCADE, related_name="overgangen", help_text="The list."
    )
    van = models.CharField(max_length=30, choices=VernietigingslijstStatus.choices, blank=True, help_text="From.")
    naar = models.CharField(max_length=30, choices=VernietigingslijstStatus.choices, help_text="To.")
    gebruiker = models.ForeignKey(
        "auth.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who made the transition; empty when the system did (the destruction task).",
    )
    toelichting = models.TextField(blank=True, help_text="The comment given with the transition.")
    datum = models.DateTimeField(default=timezone.now, help_text="When.")

    class Meta:
        verbose_name = "overgang"
        verbose_name_plural = "overgangen"
        ordering = ["datum", "pk"]

    def __str__(self) -> str:
        return f"{self.van or '-'} → {self.naar}"


class WachttijdWijziging(models.Model):
    """A change of an approved list's waiting period: who, when, from which end to which, and why."""

    lijst = models.ForeignKey(
        Vernietigingslijst, on_delete=models.CASCADE, related_name="wachttijdwijzigingen", help_text="The list."
    )
    gebruiker = models.ForeignKey(
        "auth.User", on_delete=models.PROTECT, related_name="+", help_text="Who changed the waiting period."
    )
    datum = models.DateTimeField(default=timezone.now, help_text="When.")
    oud = models.DateTimeField(null=True, blank=True, help_text="The end of the waiting period before the change.")
    nieuw = models.DateTimeField(help_text="The end of the waiting period after the change.")
    reden = models.TextField(help_text="Why the waiting period was changed.")

    class Meta:
        verbose_name = "wijziging van de wachttijd"
        verbose_name_plural = "wijzigingen van de wachttijd"
        ordering = ["datum", "pk"]

    def __str__(self) -> str:
        return f"{self.oud} → {self.nieuw}"
