"""Archives, transfer agreements, transfers and their items, containers and history.

A transfer (overbrenging) moves permanently kept cases to the regional archive under an
agreement (overbrengingsafspraak). Cases and documents stay in the Zaken and Documenten
APIs; we keep their URLs and what the transfer needs to know about them. Every
transition of a transfer is recorded with who and when (`OverbrengingGebeurtenis`), and
the work is checkpointed per item and per container so an interrupted run resumes.
"""

from __future__ import annotations

import uuid as _uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from common.werk import Lease

from .mdto import SipAfspraak, Verwijzing


class Archiefinstelling(models.Model):
    """The archive that receives the records (a regional historical centre, for instance)."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text="Unieke resource identifier (UUID4).")
    naam = models.CharField(max_length=200, help_text="Naam van de archiefinstelling.")
    identificatie = models.CharField(
        max_length=200, blank=True, help_text="Kenmerk van de instelling, bijvoorbeeld haar OIN of TOOI-URI."
    )
    contact = models.CharField(max_length=200, blank=True, help_text="Contactpersoon of -adres voor overbrengingen.")

    class Meta:
        verbose_name = "archiefinstelling"
        verbose_name_plural = "archiefinstellingen"

    def __str__(self) -> str:
        return self.naam


class DoelType(models.TextChoices):
    lokaal = "lokaal", "Lokale map"
    sftp = "sftp", "SFTP"
    s3 = "s3", "S3-compatibele opslag"


class ContainerVorm(models.TextChoices):
    tar = "tar", "tar"
    zip = "zip", "zip"


class ChecksumAlgoritme(models.TextChoices):
    sha256 = "sha256", "SHA-256"
    sha512 = "sha512", "SHA-512"


class LokaleKopie(models.TextChoices):
    bewaren = "bewaren", "Bewaren"
    inhoud_vernietigen = "inhoud_vernietigen", "Inhoud vernietigen, metagegevens bewaren"


class Overbrengingsafspraak(models.Model):
    """What the archive and the archiefvormer agreed about transfers."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text="Unieke resource identifier (UUID4).")
    archiefinstelling = models.ForeignKey(
        Archiefinstelling, on_delete=models.PROTECT, related_name="afspraken", help_text="De ontvangende instelling."
    )
    naam = models.CharField(max_length=200, help_text="Naam van de afspraak.")
    archiefvormer_naam = models.CharField(max_length=200, help_text="De organisatie die de stukken heeft gevormd.")
    archiefvormer_identificatie = models.CharField(
        max_length=200, blank=True, help_text="Kenmerk van de archiefvormer, bijvoorbeeld de URL in het register."
    )
    archiefvormer_bron = models.CharField(
        max_length=200, default="Register van Overheidsorganisaties", help_text="Herkomst van dat kenmerk."
    )
    identificatiebron = models.CharField(
        max_length=200, help_text="Herkomst van de kenmerken van zaken en documenten (het zaaksysteem)."
    )
    contact = models.CharField(max_length=200, help_text="Contact bij de archiefvormer, vermeld op de pakbon.")

    doel_type = models.CharField(max_length=10, choices=DoelType.choices, default=DoelType.lokaal)
    doel_locatie = models.CharField(
        max_length=500,
        help_text="Lokale map, pad op de SFTP-server, of `bucket/prefix` in S3 waar de containers heen gaan.",
    )
    doel_host = models.CharField(max_length=200, blank=True, help_text="SFTP-server.")
    doel_poort = models.PositiveIntegerField(
        default=22, validators=[MaxValueValidator(65535)], help_text="Poort van de SFTP-server."
    )
    doel_gebruiker = models.CharField(max_length=100, blank=True, help_text="SFTP-gebruiker.")
    doel_sleutelbestand = models.CharField(
        max_length=500,
        blank=True,
        help_text="Pad naar de privésleutel voor SFTP (geheimen staan nooit in de database).",
    )
    doel_hostsleutel = models.CharField(
        max_length=2000,
        blank=True,
        help_text="Publieke sleutel van de SFTP-server (`ssh-ed25519 AAAA…`); leeg: de known_hosts van het systeem.",
    )
    doel_endpoint = models.CharField(max_length=500, blank=True, help_text="Endpoint van S3-compatibele opslag.")

    container_vorm = models.CharField(max_length=3, choices=ContainerVorm.choices, default=ContainerVorm.tar)
    max_container_omvang = models.BigIntegerField(
        default=4 * 1024**3,
        validators=[MinValueValidator(1024**2)],
        help_text="Maximale omvang van één container in bytes.",
    )
    checksum_algoritme = models.CharField(max_length=10, choices=ChecksumAlgoritme.choices, default="sha256")

    vervroegd_toegestaan = models.BooleanField(
        default=False, help_text="Of zaken jonger dan de wettelijke overbrengingstermijn mee mogen (met instemming)."
    )
    vervroegd_zaaktypen = models.JSONField(
        default=list, blank=True, help_text="Zaaktype-URL's waarvoor vervroegde overbrenging geldt; leeg: alle."
    )
    vervroegd_einddatum_vanaf = models.DateField(
        null=True, blank=True, help_text="Vervroegd alleen voor zaken met een einddatum op of na deze datum."
    )
    vervroegd_einddatum_tot = models.DateField(
        null=True, blank=True, help_text="Vervroegd alleen voor zaken met een einddatum op of voor deze datum."
    )

    beperking_grond = models.CharField(
        max_length=300,
        blank=True,
        help_text="Standaard openbaarheidsbeperking voor niet-openbare stukken, met haar grond "
        "(bijvoorbeeld art. 15 lid 1 sub a Archiefwet 1995).",
    )
    beperking_code = models.CharField(max_length=100, blank=True, help_text="Code van die grond.")
    beperking_jaren = models.PositiveSmallIntegerField(
        default=0,
        validators=[MaxValueValidator(200)],
        help_text="Duur van de beperking in jaren na de einddatum van de zaak; 0: geen beperking.",
    )
    lokale_kopie = models.CharField(
        max_length=20,
        choices=LokaleKopie.choices,
        default=LokaleKopie.bewaren,
        help_text="Wat er na acceptatie met de eigen kopie gebeurt.",
    )

    class Meta:
        verbose_name = "overbrengingsafspraak"
        verbose_name_plural = "overbrengingsafspraken"

    def __str__(self) -> str:
        return f"{self.naam} ({self.archiefinstelling})"

    def clean(self) -> None:
        """The delivery target must be one the operator allows (the admin form asks this)."""
        from django.core.exceptions import ValidationError

        from .targets import doel_fouten

        fouten = doel_fouten(
            doel_type=self.doel_type,
            locatie=self.doel_locatie,
            host=self.doel_host,
            poort=self.doel_poort,
            endpoint=self.doel_endpoint,
            sleutelbestand=self.doel_sleutelbestand,
        )
        if fouten:
            raise ValidationError(fouten, code="doel-niet-toegestaan")

    def sip_afspraak(self) -> SipAfspraak:
        return SipAfspraak(
            archiefvormer=Verwijzing(
                self.archiefvormer_naam, self.archiefvormer_identificatie, self.archiefvormer_bron
            ),
            identificatiebron=self.identificatiebron,
            beperking_label=self.beperking_grond or "Beperkt openbaar",
            beperking_code=self.beperking_code,
            beperking_jaren=self.beperking_jaren,
            titel=self.naam,
            contact=self.contact,
            doel=f"{self.archiefinstelling.naam}: {self.get_doel_type_display()} {self.doel_locatie}",
            container_vorm=self.container_vorm,
            max_omvang=self.max_container_omvang,
            checksum_algoritme=self.checksum_algoritme,
        )


class Status(models.TextChoices):
    concept = "concept", "Concept (selectie)"
    goedgekeurd = "goedgekeurd", "Goedgekeurd door archivaris"
    verpakken = "verpakken", "Wordt verpakt"
    afgeleverd = "afgeleverd", "Afgeleverd"
    geverifieerd = "geverifieerd", "Geverifieerd, wacht op acceptatie"
    geaccepteerd = "geaccepteerd", "Geaccepteerd"
    deels_geaccepteerd = "deels_geaccepteerd", "Deels geaccepteerd"
    afgewezen = "afgewezen", "Afgewezen"
    afgerond = "afgerond", "Afgerond"


class Overbrenging(Lease):
    """One transfer: a selection of cases under an agreement, and its progress."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text="Unieke resource identifier (UUID4).")
    afspraak = models.ForeignKey(
        Overbrengingsafspraak, on_delete=models.PROTECT, related_name="overbrengingen", help_text="De afspraak."
    )
    naam = models.CharField(max_length=100, help_text="Naam van het pakket; elke container heet `<naam>-NNN`.")
    omschrijving = models.CharField(max_length=500, blank=True, help_text="Toelichting op de selectie.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.concept, db_index=True)
    vervroegd = models.BooleanField(default=False, help_text="Of er zaken vóór de wettelijke termijn meegaan.")
    peilmoment = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Het moment waarop het pakket is samengesteld; vast, zodat een hervatting hetzelfde pakket maakt.",
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    fout = models.TextField(blank=True, help_text="De laatste fout die het werk stilzette, als die er is.")
    ontvangstbewijs = models.FileField(
        upload_to="overbrenging/ontvangstbewijzen/", blank=True, help_text="Het ontvangstbewijs van het archief."
    )
    verklaring = models.URLField(
        max_length=1000, blank=True, help_text="De verklaring van overbrenging in de Documenten API."
    )

    class Meta:
        verbose_name = "overbrenging"
        verbose_name_plural = "overbrengingen"
        ordering = ["-aangemaakt_op"]
        permissions = [
            ("propose_overbrenging", "Mag een overbrenging samenstellen (recordmanager)"),
            ("approve_overbrenging", "Mag een overbrenging goedkeuren (archivaris)"),
            ("record_verdict_overbrenging", "Mag het oordeel van het archief vastleggen (archivaris)"),
        ]

    def __str__(self) -> str:
        return self.naam


class ItemStatus(models.TextChoices):
    geselecteerd = "geselecteerd", "Geselecteerd"
    verpakt = "verpakt", "Verpakt"
    fout = "fout", "Fout"
    geaccepteerd = "geaccepteerd", "Geaccepteerd door het archief"
    afgewezen = "afgewezen", "Afgewezen door het archief"
    overgedragen = "overgedragen", "Overgedragen"


class OverbrengingItem(models.Model):
    """A case in a transfer, with its state and the archive's verdict."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text="Unieke resource identifier (UUID4).")
    overbrenging = models.ForeignKey(Overbrenging, on_delete=models.CASCADE, related_name="items")
    zaak = models.URLField(max_length=1000, help_text="URL-referentie naar de zaak in de Zaken API.")
    identificatie = models.CharField(max_length=40, help_text="Identificatie van de zaak.")
    zaaktype = models.URLField(max_length=1000, blank=True, help_text="URL-referentie naar het zaaktype.")
    einddatum = models.DateField(null=True, blank=True)
    vervroegd = models.BooleanField(default=False, help_text="Gaat vóór de wettelijke termijn mee.")
    omvang = models.BigIntegerField(default=0, help_text="Bytes inhoud van de documenten.")
    documenten = models.JSONField(default=list, blank=True, help_text="URL's van de documenten van de zaak.")
    container = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(99999)], help_text="Volgnummer van de container."
    )
    map = models.CharField(max_length=255, blank=True, help_text="Naam van de map van de zaak in het pakket.")
    status = models.CharField(max_length=20, choices=ItemStatus.choices, default=ItemStatus.geselecteerd)
    fout_code = models.CharField(max_length=40, blank=True)
    fout = models.TextField(blank=True, help_text="Waarom deze zaak niet mee kon.")
    reden = models.TextField(blank=True, help_text="De toelichting van het archief bij acceptatie of afwijzing.")
    beoordeeld_op = models.DateTimeField(null=True, blank=True)
    beoordeeld_door = models.CharField(max_length=200, blank=True)
    beperking_einde = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(9999)],
        help_text="Het jaar waarin de openbaarheidsbeperking vervalt; leeg: openbaar.",
    )
    vertrouwelijkheidaanduiding = models.CharField(max_length=30, blank=True)
    archiefstatus_gezet = models.BooleanField(default=False, help_text="Archiefstatus overgedragen is gezet.")
    lokale_kopie_verwerkt = models.BooleanField(default=False)

    class Meta:
        verbose_name = "overgebrachte zaak"
        verbose_name_plural = "overgebrachte zaken"
        ordering = ["identificatie", "zaak"]
        constraints = [models.UniqueConstraint(fields=["overbrenging", "zaak"], name="overbrenging_item_uniek")]

    def __str__(self) -> str:
        return self.identificatie


class ContainerStatus(models.TextChoices):
    gepland = "gepland", "Gepland"
    gebouwd = "gebouwd", "Gebouwd"
    afgeleverd = "afgeleverd", "Afgeleverd"
    geverifieerd = "geverifieerd", "Geverifieerd"


class OverbrengingContainer(models.Model):
    """One container of the package: the checkpoint of the work, per container."""

    overbrenging = models.ForeignKey(Overbrenging, on_delete=models.CASCADE, related_name="containers")
    volgnummer = models.PositiveIntegerField(validators=[MaxValueValidator(99999)])
    naam = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=20, choices=ContainerStatus.choices, default=ContainerStatus.gepland)
    omvang = models.BigIntegerField(default=0)
    checksum = models.CharField(max_length=128, blank=True)
    afleverpogingen = models.PositiveSmallIntegerField(
        default=0, help_text="Afleveringen die de verificatie niet doorstonden."
    )
    gebouwd_op = models.DateTimeField(null=True, blank=True)
    afgeleverd_op = models.DateTimeField(null=True, blank=True)
    geverifieerd_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "container"
        verbose_name_plural = "containers"
        ordering = ["volgnummer"]
        constraints = [
            models.UniqueConstraint(fields=["overbrenging", "volgnummer"], name="overbrenging_container_uniek")
        ]

    def __str__(self) -> str:
        return self.naam or f"container {self.volgnummer}"


class OverbrengingGebeurtenis(models.Model):
    """A transition of a transfer: from which state to which, by whom, when."""

    overbrenging = models.ForeignKey(Overbrenging, on_delete=models.CASCADE, related_name="gebeurtenissen")
    van = models.CharField(
        max_length=20, choices=Status.choices, null=True, blank=True, help_text="Leeg bij het aanmaken."
    )
    naar = models.CharField(max_length=20, choices=Status.choices)
    door = models.CharField(max_length=200, help_text="Gebruiker of proces dat de overgang maakte.")
    op = models.DateTimeField(auto_now_add=True)
    toelichting = models.TextField(blank=True)

    class Meta:
        verbose_name = "gebeurtenis"
        verbose_name_plural = "gebeurtenissen"
        ordering = ["op", "pk"]

    def __str__(self) -> str:
        return f"{self.van or '-'} → {self.naar} ({self.door})"
