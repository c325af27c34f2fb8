"""Documents (ZGW Documenten API 1.5): information objects, their versions and their files.

An `InformatieObject` is the document as such: its uuid (the URL clients keep), its lock
and its relations. Each change writes a new `EnkelvoudigInformatieObject`, one version of
the metadata with the file it had at that moment; versions are never changed afterwards,
except for `indicatieGebruiksrecht` on the latest, which follows the gebruiksrechten.

Files live in the `documenten` storage (Django's storage API: local disk by default,
S3-compatible storage by setting). Large files arrive in `BestandsDeel`en; the version
has no file until every part is in (on local disk each part is written straight into its
place in the file; elsewhere the parts are merged at the end).
"""

from __future__ import annotations

import uuid as _uuid

from django.core.files.storage import storages
from django.db import models
from django.utils import timezone

from common import volgnummers
from common.constants import VertrouwelijkheidsAanduiding

UUID_HELP = "Unieke resource identifier (UUID4)."


def documenten_storage():
    """The storage that holds document files (`STORAGES["documenten"]`)."""
    return storages["documenten"]


class Status(models.TextChoices):
    in_bewerking = "in_bewerking", "In bewerking"
    concept = "concept", "Concept"
    definitief = "definitief", "Definitief"
    ter_vaststelling = "ter_vaststelling", "Ter vaststelling"
    vastgesteld = "vastgesteld", "Vastgesteld"
    gearchiveerd = "gearchiveerd", "Gearchiveerd"


class OndertekeningSoort(models.TextChoices):
    analoog = "analoog", "Analoog"
    digitaal = "digitaal", "Digitaal"
    pki = "pki", "PKI"


class ChecksumAlgoritme(models.TextChoices):
    crc_16 = "crc_16", "CRC-16"
    crc_32 = "crc_32", "CRC-32"
    crc_64 = "crc_64", "CRC-64"
    fletcher_4 = "fletcher_4", "Fletcher-4"
    fletcher_8 = "fletcher_8", "Fletcher-8"
    fletcher_16 = "fletcher_16", "Fletcher-16"
    fletcher_32 = "fletcher_32", "Fletcher-32"
    hmac = "hmac", "HMAC"
    md5 = "md5", "MD5"
    sha_1 = "sha_1", "SHA-1"
    sha_256 = "sha_256", "SHA-256"
    sha_512 = "sha_512", "SHA-512"
    sha_3 = "sha_3", "SHA-3"


class ObjectType(models.TextChoices):
    besluit = "besluit", "Besluit"
    zaak = "zaak", "Zaak"
    verzoek = "verzoek", "Verzoek"


class InformatieObject(models.Model):
    """The document across its versions: what is addressed, locked and related."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text=UUID_HELP)
    lock = models.CharField(
        max_length=100, blank=True, help_text="Hash string, which represents the id of the lock of the document."
    )

    class Meta:
        verbose_name = "informatieobject"
        verbose_name_plural = "informatieobjecten"

    def __str__(self) -> str:
        return str(self.uuid)

    @property
    def latest(self) -> EnkelvoudigInformatieObject:
        return self.versies.order_by("-versie").first()


class EnkelvoudigInformatieObject(models.Model):
    """One version of a document's metadata, with the file it had at that moment."""

    informatieobject = models.ForeignKey(
        InformatieObject, on_delete=models.CASCADE, related_name="versies", help_text="The document of this version."
    )
    versie = models.PositiveIntegerField(
        default=1, help_text="Het (automatische) versienummer van het INFORMATIEOBJECT."
    )
    begin_registratie = models.DateTimeField(
        default=timezone.now,
        help_text="Een datumtijd in ISO8601 formaat waarop deze versie van het INFORMATIEOBJECT is aangemaakt of "
        "gewijzigd.",
    )
    identificatie = models.CharField(
        max_length=40,
        help_text="Een binnen een gegeven context ondubbelzinnige referentie naar het INFORMATIEOBJECT.",
    )
    bronorganisatie = models.CharField(
        max_length=9,
        help_text="Het RSIN van de Niet-natuurlijk persoon zijnde de organisatie die het informatieobject heeft "
        "gecreëerd of heeft ontvangen en als eerste in een samenwerkingsketen heeft vastgelegd.",
    )
    creatiedatum = models.DateField(
        help_text="Een datum of een gebeurtenis in de levenscyclus van het INFORMATIEOBJECT."
    )
    titel = models.CharField(max_length=200, help_text="De naam waaronder het INFORMATIEOBJECT formeel bekend is.")
    vertrouwelijkheidaanduiding = models.CharField(
        max_length=20,
        choices=VertrouwelijkheidsAanduiding.choices,
        blank=True,
        help_text="Aanduiding van de mate waarin het INFORMATIEOBJECT voor de openbaarheid bestemd is.",
    )
    auteur = models.CharField(
        max_length=200,
        help_text="De persoon of organisatie die in de eerste plaats verantwoordelijk is voor het creëren van de "
        "inhoud van het INFORMATIEOBJECT.",
    )
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        blank=True,
        help_text="Aanduiding van de stand van zaken van een INFORMATIEOBJECT. De waarden 'in bewerking' en "
        "'ter vaststelling' komen niet voor als het attribuut `ontvangstdatum` van een waarde is voorzien.",
    )
    formaat = models.CharField(
        max_length=255,
        blank=True,
        help_text='Het "Media Type" (voorheen "MIME type") voor de wijze waarop de inhoud van het '
        "INFORMATIEOBJECT is vastgelegd in een computerbestand. Voorbeeld: `application/msword`.",
    )
    taal = models.CharField(
        max_length=3, help_text="Een ISO 639-2/B taalcode waarin de inhoud van het INFORMATIEOBJECT is vastgelegd."
    )
    bestandsnaam = models.CharField(
        max_length=255, blank=True, help_text="De naam van het fysieke bestand waarin de inhoud is vastgelegd."
    )
    inhoud = models.FileField(
        storage=documenten_storage,
        max_length=500,
        blank=True,
        help_text="The stored file; empty while bestandsdelen are still to come.",
    )
    bestandsomvang = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="Aantal bytes dat de inhoud van INFORMATIEOBJECT in beslag neemt."
    )
    link = models.URLField(
        max_length=200, blank=True, help_text="De URL waarmee de inhoud van het INFORMATIEOBJECT op te vragen is."
    )
    beschrijving = models.TextField(
        max_length=1000, blank=True, help_text="Een generieke beschrijving van de inhoud van het INFORMATIEOBJECT."
    )
    ontvangstdatum = models.DateField(
        null=True, blank=True, help_text="De datum waarop het INFORMATIEOBJECT ontvangen is."
    )
    verzenddatum = models.DateField(
        null=True, blank=True, help_text="De datum waarop het INFORMATIEOBJECT verzonden is."
    )
    indicatie_gebruiksrecht = models.BooleanField(
        null=True,
        blank=True,
        help_text="Indicatie of er beperkingen gelden aangaande het gebruik van het informatieobject anders dan "
        "raadpleging.",
    )
    verschijningsvorm = models.TextField(blank=True, help_text="De essentiële opmaakaspecten van een INFORMATIEOBJECT.")
    ondertekening_soort = models.CharField(
        max_length=10,
        choices=OndertekeningSoort.choices,
        blank=True,
        help_text="Aanduiding van de wijze van ondertekening.",
    )
    ondertekening_datum = models.DateField(
        null=True, blank=True, help_text="De datum waarop de ondertekening plaatsvond."
    )
    integriteit_algoritme = models.CharField(
        max_length=20,
        choices=ChecksumAlgoritme.choices,
        blank=True,
        help_text="Aanduiding van algoritme, gebruikt om de checksum te maken.",
    )
    integriteit_waarde = models.CharField(max_length=128, blank=True, help_text="De waarde van de checksum.")
    integriteit_datum = models.DateField(null=True, blank=True, help_text="Datum waarop de checksum is gemaakt.")
    informatieobjecttype = models.URLField(
        max_length=200, help_text="URL-referentie naar het INFORMATIEOBJECTTYPE (in de Catalogi API)."
    )
    trefwoorden = models.JSONField(
        default=list, blank=True, help_text="Een lijst van trefwoorden gescheiden door comma's."
    )
    inhoud_is_vervallen = models.BooleanField(
        null=True,
        blank=True,
        help_text="Geeft aan of de inhoud van het informatieobject vervallen (dus niet langer geldig) is.",
    )
    integriteit_gecontroleerd_op = models.DateTimeField(
        null=True, blank=True, help_text="When the fixity task last recomputed the checksum of the file."
    )

    class Meta:
        verbose_name = "enkelvoudig informatieobject (versie)"
        verbose_name_plural = "enkelvoudige informatieobjecten (versies)"
        constraints = [models.UniqueConstraint(fields=["informatieobject", "versie"], name="documenten_unieke_versie")]
        indexes = [
            models.Index(fields=["bronorganisatie", "identificatie"]),
            models.Index(fields=["integriteit_gecontroleerd_op"]),
        ]
        ordering = ["informatieobject", "versie"]

    def __str__(self) -> str:
        return f"{self.titel} (versie {self.versie})"

    @property
    def uuid(self):
        return self.informatieobject.uuid

    @property
    def ondertekening(self) -> dict | None:
        if not self.ondertekening_soort or not self.ondertekening_datum:
            return None
        return {"soort": self.ondertekening_soort, "datum": self.ondertekening_datum}

    @property
    def integriteit(self) -> dict | None:
        if not self.integriteit_algoritme or not self.integriteit_datum:
            return None
        return {
            "algoritme": self.integriteit_algoritme,
            "waarde": self.integriteit_waarde,
            "datum": self.integriteit_datum,
        }

    @property
    def upload_complete(self) -> bool:
        """Whether the content is all in: a file, or no content expected at all."""
        return bool(self.inhoud) or not self.bestandsdelen.exists()


class BestandsDeel(models.Model):
    """One part of a large file, uploaded on its own (`PUT /bestandsdelen/{uuid}`)."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text=UUID_HELP)
    informatieobject = models.ForeignKey(
        EnkelvoudigInformatieObject,
        on_delete=models.CASCADE,
        related_name="bestandsdelen",
        help_text="The version whose file this is a part of.",
    )
    volgnummer = models.PositiveIntegerField(help_text="Een volgnummer dat de volgorde van de bestandsdelen aangeeft.")
    omvang = models.PositiveBigIntegerField(help_text="De grootte van dit specifieke bestandsdeel.")
    inhoud = models.FileField(
        storage=documenten_storage, max_length=500, blank=True, help_text="The stored part, once uploaded."
    )
    sha256_state = models.BinaryField(
        null=True,
        blank=True,
        editable=False,
        help_text="The running SHA-256 of the file up to and including this part (see `documenten.sha256`), "
        "when every part before it was hashed as it was written.",
    )

    class Meta:
        verbose_name = "bestandsdeel"
        verbose_name_plural = "bestandsdelen"
        ordering = ["informatieobject", "volgnummer"]
        constraints = [
            models.UniqueConstraint(fields=["informatieobject", "volgnummer"], name="documenten_uniek_volgnummer")
        ]

    def __str__(self) -> str:
        return f"{self.informatieobject} deel {self.volgnummer}"

    @property
    def voltooid(self) -> bool:
        return bool(self.inhoud)


class Gebruiksrechten(models.Model):
    """Conditions for using a document other than reading it."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text=UUID_HELP)
    informatieobject = models.ForeignKey(
        InformatieObject, on_delete=models.CASCADE, related_name="gebruiksrechten", help_text="The document."
    )
    startdatum = models.DateTimeField(
        help_text="Begindatum van de periode waarin de gebruiksrechtvoorwaarden van toepassing zijn."
    )
    einddatum = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Einddatum van de periode waarin de gebruiksrechtvoorwaarden van toepassing zijn.",
    )
    omschrijving_voorwaarden = models.TextField(
        help_text="Omschrijving van de van toepassing zijnde voorwaarden aan het gebruik anders dan raadpleging."
    )

    class Meta:
        verbose_name = "gebruiksrecht"
        verbose_name_plural = "gebruiksrechten"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.omschrijving_voorwaarden[:50]


class ObjectInformatieObject(models.Model):
    """A relation of a document with a zaak or besluit, mirrored from the Zaken or Besluiten API."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text=UUID_HELP)
    informatieobject = models.ForeignKey(
        InformatieObject, on_delete=models.CASCADE, related_name="objectinformatieobjecten", help_text="The document."
    )
    object = models.URLField(
        max_length=1000, help_text="URL-referentie naar het gerelateerde OBJECT (in deze of een andere API)."
    )
    object_type = models.CharField(
        max_length=10, choices=ObjectType.choices, help_text="Het type van het gerelateerde OBJECT."
    )

    class Meta:
        verbose_name = "objectinformatieobject"
        verbose_name_plural = "objectinformatieobjecten"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["informatieobject", "object"], name="documenten_unieke_objectrelatie")
        ]

    def __str__(self) -> str:
        return f"{self.object_type} {self.object}"


class AardRelatie(models.TextChoices):
    afzender = "afzender", "Afzender"
    geadresseerde = "geadresseerde", "Geadresseerde"


class PostadresType(models.TextChoices):
    antwoordnummer = "antwoordnummer", "Antwoordnummer"
    postbusnummer = "postbusnummer", "Postbusnummer"


class Verzending(models.Model):
    """A document received from, or sent to, a betrokkene (VERZENDING), over exactly one channel.

    The three address groups are kept as the JSON objects the API exchanges (their fields are
    checked by the serializer); a verzending has one of them, or one of the other channels
    (faxnummer, emailadres, telefoonnummer, mijnOverheid).
    """

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text=UUID_HELP)
    informatieobject = models.ForeignKey(
        InformatieObject, on_delete=models.CASCADE, related_name="verzendingen", help_text="The document."
    )
    betrokkene = models.URLField(
        max_length=200,
        help_text="URL-referentie naar de betrokkene waarvan het informatieobject is ontvangen of waaraan dit is "
        "verzonden.",
    )
    aard_relatie = models.CharField(
        max_length=20,
        choices=AardRelatie.choices,
        help_text="Omschrijving van de aard van de relatie van de BETROKKENE tot het INFORMATIEOBJECT.",
    )
    toelichting = models.CharField(
        max_length=200, blank=True, help_text="Verduidelijking van de afzender- of geadresseerde-relatie."
    )
    ontvangstdatum = models.DateField(
        null=True, blank=True, help_text="De datum waarop het INFORMATIEOBJECT ontvangen is."
    )
    verzenddatum = models.DateField(
        null=True, blank=True, help_text="De datum waarop het INFORMATIEOBJECT verzonden is."
    )
    contact_persoon = models.URLField(
        max_length=1000,
        help_text="URL-referentie naar de persoon die als aanspreekpunt fungeert voor de BETROKKENE inzake het "
        "ontvangen of verzonden INFORMATIEOBJECT.",
    )
    contactpersoonnaam = models.CharField(
        max_length=40, blank=True, help_text="De opgemaakte naam van de persoon die als aanspreekpunt fungeert."
    )
    binnenlands_correspondentieadres = models.JSONField(
        null=True, blank=True, help_text="Het binnenlandse correspondentieadres van de BETROKKENE."
    )
    buitenlands_correspondentieadres = models.JSONField(
        null=True, blank=True, help_text="Het adres in het buitenland van de BETROKKENE."
    )
    correspondentie_postadres = models.JSONField(
        null=True, blank=True, help_text="Het postbus- of antwoordnummeradres van de BETROKKENE."
    )
    faxnummer = models.CharField(
        max_length=15, null=True, blank=True, help_text="Faxnummer van de ontvanger of afzender."
    )
    emailadres = models.CharField(
        max_length=100, null=True, blank=True, help_text="E-mailadres van de ontvanger of afzender."
    )
    mijn_overheid = models.BooleanField(
        default=False, help_text="Is het informatieobject verzonden via MijnOverheid naar de ontvanger."
    )
    telefoonnummer = models.CharField(
        max_length=15, null=True, blank=True, help_text="Telefoonnummer van de ontvanger of afzender."
    )

    class Meta:
        verbose_name = "verzending"
        verbose_name_plural = "verzendingen"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.aard_relatie} {self.betrokkene}"


class IntegriteitsAfwijking(models.Model):
    """A stored file whose SHA-256 no longer matches the one taken at write time (or that is gone).

    Written by the periodic fixity task; read by record managers in the admin and by other
    apps through `GET /integriteitsafwijkingen` of the Documenten API.
    """

    class Soort(models.TextChoices):
        afwijkend = "afwijkend", "Checksum wijkt af"
        ontbreekt = "ontbreekt", "Bestand ontbreekt"

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text=UUID_HELP)
    versie = models.ForeignKey(
        EnkelvoudigInformatieObject,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="integriteitsafwijkingen",
        help_text="The version whose file did not match.",
    )
    informatieobject_uuid = models.UUIDField(help_text="UUID of the document, kept when the document is deleted.")
    versienummer = models.PositiveIntegerField(help_text="Version number of the document.")
    bestand = models.CharField(max_length=500, help_text="Name of the file in the documenten storage.")
    soort = models.CharField(max_length=20, choices=Soort.choices, help_text="What the check found.")
    verwacht = models.CharField(max_length=128, help_text="The SHA-256 recorded at write time (hex).")
    gevonden = models.CharField(max_length=128, blank=True, help_text="The SHA-256 computed now (hex); empty if gone.")
    gecontroleerd_op = models.DateTimeField(default=timezone.now, help_text="When the check found it.")

    class Meta:
        verbose_name = "integriteitsafwijking"
        verbose_name_plural = "integriteitsafwijkingen"
        ordering = ["-gecontroleerd_op", "-pk"]

    def __str__(self) -> str:
        return f"{self.informatieobject_uuid} v{self.versienummer}: {self.get_soort_display()}"


class Volgnummer(volgnummers.Volgnummer):
    """The counters behind generated identificaties of documents (`common.volgnummers`):
    soort `document` per bronorganisatie and year of registration."""

    class Meta(volgnummers.Volgnummer.Meta):
        pass
