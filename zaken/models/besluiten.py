"""Models of the Besluiten API 1.0: besluiten and the documents they rest on."""

from __future__ import annotations

import uuid as _uuid

from django.db import models

from .catalogi import BesluitType
from .zaken import Zaak

UUID_HELP = "Unieke resource identifier (UUID4)"


class Vervalreden(models.TextChoices):
    tijdelijk = "tijdelijk", "Besluit met tijdelijke werking"
    ingetrokken_overheid = "ingetrokken_overheid", "Besluit ingetrokken door overheid"
    ingetrokken_belanghebbende = "ingetrokken_belanghebbende", "Besluit ingetrokken o.v.v. belanghebbende"


class Besluit(models.Model):
    """A decision of an administrative body, often the outcome of a zaak."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text=UUID_HELP)
    identificatie = models.CharField(
        max_length=50,
        help_text="Identificatie van het besluit binnen de organisatie die het besluit heeft vastgesteld.",
    )
    verantwoordelijke_organisatie = models.CharField(
        max_length=9,
        help_text="Het RSIN van de niet-natuurlijk persoon zijnde de organisatie die het besluit heeft vastgesteld.",
    )
    besluittype = models.ForeignKey(
        BesluitType, on_delete=models.PROTECT, related_name="besluiten", help_text="Het BESLUITTYPE."
    )
    zaak = models.ForeignKey(
        Zaak,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="besluiten",
        help_text="De ZAAK waarvan dit besluit de uitkomst is.",
    )
    datum = models.DateField(help_text="De beslisdatum (AWB) van het besluit.")
    toelichting = models.TextField(blank=True, help_text="Toelichting bij het besluit.")
    bestuursorgaan = models.CharField(
        max_length=50,
        blank=True,
        help_text="Een orgaan van een rechtspersoon krachtens "
        "publiekrecht ingesteld of een persoon of college, met enig openbaar gezag "
        "bekleed onder wiens verantwoordelijkheid het besluit vastgesteld is.",
    )
    ingangsdatum = models.DateField(help_text="Ingangsdatum van de werkingsperiode van het besluit.")
    vervaldatum = models.DateField(
        null=True, blank=True, help_text="Datum waarop de werkingsperiode van het besluit eindigt."
    )
    vervalreden = models.CharField(
        max_length=30,
        choices=Vervalreden.choices,
        blank=True,
        help_text="De omschrijving die aangeeft op grond waarvan het besluit is of komt te vervallen.",
    )
    publicatiedatum = models.DateField(null=True, blank=True, help_text="Datum waarop het besluit gepubliceerd wordt.")
    verzenddatum = models.DateField(null=True, blank=True, help_text="Datum waarop het besluit verzonden is.")
    uiterlijke_reactiedatum = models.DateField(
        null=True, blank=True, help_text="De datum tot wanneer verweer tegen het besluit mogelijk is."
    )

    class Meta:
        verbose_name = "besluit"
        verbose_name_plural = "besluiten"
        constraints = [
            models.UniqueConstraint(
                fields=["verantwoordelijke_organisatie", "identificatie"], name="besluit_identificatie_uniek"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.verantwoordelijke_organisatie} - {self.identificatie}"


class BesluitInformatieObject(models.Model):
    """A document (in the Documenten API) the besluit is recorded in or rests on."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text=UUID_HELP)
    besluit = models.ForeignKey(
        Besluit, on_delete=models.CASCADE, related_name="besluitinformatieobjecten", help_text="Het BESLUIT."
    )
    informatieobject = models.URLField(
        max_length=1000,
        help_text="URL-referentie naar het INFORMATIEOBJECT (in de "
        "Documenten API) waarin (een deel van) het besluit beschreven is.",
    )

    class Meta:
        verbose_name = "besluitinformatieobject"
        verbose_name_plural = "besluitinformatieobjecten"
        constraints = [
            models.UniqueConstraint(fields=["besluit", "informatieobject"], name="bio_uniek"),
        ]

    def __str__(self) -> str:
        return self.informatieobject


class ZaakBesluit(models.Model):
    """The zaak's side of a besluit about it (`/zaken/{uuid}/besluiten`), kept in step with `Besluit.zaak`."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text=UUID_HELP)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="zaakbesluiten", help_text="De ZAAK.")
    besluit = models.ForeignKey(
        Besluit, on_delete=models.CASCADE, related_name="zaakbesluiten", help_text="Het BESLUIT."
    )

    class Meta:
        verbose_name = "zaakbesluit"
        verbose_name_plural = "zaakbesluiten"
        constraints = [models.UniqueConstraint(fields=["zaak", "besluit"], name="zaakbesluit_uniek")]

    def __str__(self) -> str:
        return f"{self.zaak} - {self.besluit}"
