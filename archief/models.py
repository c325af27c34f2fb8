"""The VNG Selectielijst: procestypen, their resultaten, and generic result descriptions.

The content is reference data published by VNG; it is loaded by a data migration from
`archief/data/` and never edited here. Other systems refer to it by URL, so the uuids
are the ones VNG published.
"""

from __future__ import annotations

import uuid as _uuid

from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models

from common.constants import Archiefnominatie

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
