"""Models of the Zaken API 1.5: zaken and what belongs to them.

A zaak refers to its catalogue objects (zaaktype, statustype, …) with foreign keys: the
catalogue lives in this same app. Everything outside the app (documents, betrokkenen,
objects in registrations) is a URL. Gegevensgroepen (`verlenging`, `opschorting`,
`processobject`) are flat fields here and nested objects in the API.
"""

from __future__ import annotations

import uuid as _uuid

from django.db import models
from django.utils import timezone

from common import tijd, volgnummers
from common.constants import Archiefnominatie, Archiefstatus, VertrouwelijkheidsAanduiding

from .catalogi import Eigenschap, ResultaatType, RolType, StatusType, ZaakObjectType, ZaakType
from .choices import BrondatumObjecttype, RolOmschrijvingGeneriek

UUID_HELP = "Unieke resource identifier (UUID4)"


class Betalingsindicatie(models.TextChoices):
    nvt = "nvt", "Er is geen sprake van te betalen, met de zaak gemoeide, kosten."
    nog_niet = "nog_niet", "De met de zaak gemoeide kosten zijn (nog) niet betaald."
    gedeeltelijk = "gedeeltelijk", "De met de zaak gemoeide kosten zijn gedeeltelijk betaald."
    geheel = "geheel", "De met de zaak gemoeide kosten zijn geheel betaald."


class BetrokkeneType(models.TextChoices):
    natuurlijk_persoon = "natuurlijk_persoon", "Natuurlijk persoon"
    niet_natuurlijk_persoon = "niet_natuurlijk_persoon", "Niet-natuurlijk persoon"
    vestiging = "vestiging", "Vestiging"
    organisatorische_eenheid = "organisatorische_eenheid", "Organisatorische eenheid"
    medewerker = "medewerker", "Medewerker"


class IndicatieMachtiging(models.TextChoices):
    gemachtigde = "gemachtigde", "De betrokkene in de rol bij de zaak is door een andere betrokkene gemachtigd."
    machtiginggever = "machtiginggever", "De betrokkene in de rol bij de zaak heeft een andere betrokkene gemachtigd."


class ZaakInformatieObjectAard(models.TextChoices):
    hoort_bij = "hoort_bij", "Hoort bij, omgekeerd: kent"
    legt_vast = "legt_vast", "Legt vast, omgekeerd: kan vastgelegd zijn als"


class Zaak(models.Model):
    """A case: a coherent amount of work with a defined start and end (RGBZ ZAAK)."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text=UUID_HELP)
    identificatie = models.CharField(
        max_length=40,
        help_text="De unieke identificatie van de ZAAK binnen de organisatie die verantwoordelijk is voor de "
        "behandeling van de ZAAK.",
    )
    bronorganisatie = models.CharField(
        max_length=9,
        help_text="Het RSIN van de Niet-natuurlijk persoon zijnde de organisatie die de zaak heeft gecreeerd.",
    )
    omschrijving = models.CharField(max_length=80, blank=True, help_text="Een korte omschrijving van de zaak.")
    toelichting = models.TextField(max_length=1000, blank=True, help_text="Een toelichting op de zaak.")
    zaaktype = models.ForeignKey(
        ZaakType, on_delete=models.PROTECT, related_name="zaken", help_text="Het ZAAKTYPE van de ZAAK."
    )
    registratiedatum = models.DateField(
        default=tijd.vandaag,
        help_text="De datum waarop de zaakbehandelende organisatie de ZAAK heeft geregistreerd.",
    )
    verantwoordelijke_organisatie = models.CharField(
        max_length=9,
        help_text="Het RSIN van de Niet-natuurlijk persoon zijnde de organisatie die eindverantwoordelijk is voor "
        "de behandeling van de zaak.",
    )
    startdatum = models.DateField(help_text="De datum waarop met de uitvoering van de zaak is gestart.")
    einddatum = models.DateField(
        null=True, blank=True, help_text="De datum waarop de uitvoering van de zaak afgerond is."
    )
    einddatum_gepland = models.DateField(
        null=True,
        blank=True,
        help_text="De datum waarop volgens de planning verwacht wordt dat de zaak afgerond wordt.",
    )
    uiterlijke_einddatum_afdoening = models.DateField(
        null=True,
        blank=True,
        help_text="De laatste datum waarop volgens wet- en regelgeving de zaak afgerond dient te zijn.",
    )
    publicatiedatum = models.DateField(
        null=True, blank=True, help_text="Datum waarop (het starten van) de zaak gepubliceerd is of wordt."
    )
    communicatiekanaal = models.URLField(
        max_length=1000, blank=True, help_text="Het medium waarlangs de aanleiding om een zaak te starten is ontvangen."
    )
    producten_of_diensten = models.JSONField(
        default=list, blank=True, help_text="De producten en/of diensten die door de zaak worden voortgebracht."
    )
    vertrouwelijkheidaanduiding = models.CharField(
        max_length=20,
        choices=VertrouwelijkheidsAanduiding.choices,
        help_text="Aanduiding van de mate waarin het zaakdossier van de ZAAK voor de openbaarheid bestemd is.",
    )
    betalingsindicatie = models.CharField(
        max_length=12,
        choices=Betalingsindicatie.choices,
        blank=True,
        help_text="Indicatie of de, met behandeling van de zaak gemoeide, kosten betaald zijn door de desbetreffende "
        "betrokkene.",
    )
    laatste_betaaldatum = models.DateTimeField(
        null=True, blank=True, help_text="De datum waarop de meest recente betaling is verwerkt."
    )
    zaakgeometrie = models.JSONField(
        null=True, blank=True, help_text="Punt, lijn of (multi-)vlak geometrie-informatie."
    )
    verlenging_reden = models.CharField(
        max_length=200,
        blank=True,
        help_text="Omschrijving van de reden voor het verlengen van de behandeling van de zaak.",
    )
    verlenging_duur = models.CharField(
        max_length=40,
        blank=True,
        help_text="Het aantal werkbare dagen waarmee de "
        "doorlooptijd van de behandeling van de ZAAK is verlengd (of verkort).",
    )
    opschorting_indicatie = models.BooleanField(
        default=False, help_text="Aanduiding of de behandeling van de ZAAK tijdelijk is opgeschort."
    )
    opschorting_reden = models.CharField(
        max_length=200,
        blank=True,
        help_text="Omschrijving van de reden voor het opschorten van de behandeling van de zaak.",
    )
    selectielijstklasse = models.URLField(
        max_length=1000,
        blank=True,
        help_text="URL-referentie naar de categorie in de gehanteerde 'Selectielijst "
        "Archiefbescheiden' die, gezien het zaaktype en het resultaattype van de zaak, bepalend is voor het "
        "archiefregime van de zaak.",
    )
    hoofdzaak = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deelzaken",
        help_text="De verwijzing naar de ZAAK, waarom verzocht is door de initiator daarvan, die behandeld wordt in "
        "twee of meer separate ZAAKen waarvan de onderhavige ZAAK er één is.",
    )
    relevante_andere_zaken = models.JSONField(
        default=list, blank=True, help_text="Een lijst van relevante andere zaken: `url` en `aardRelatie`."
    )
    kenmerken = models.JSONField(default=list, blank=True, help_text="Lijst van kenmerken (`kenmerk`, `bron`).")
    archiefnominatie = models.CharField(
        max_length=20,
        choices=Archiefnominatie.choices,
        blank=True,
        help_text="Aanduiding of het zaakdossier blijvend bewaard of na een bepaalde termijn vernietigd moet worden.",
    )
    archiefstatus = models.CharField(
        max_length=40,
        choices=Archiefstatus.choices,
        default=Archiefstatus.nog_te_archiveren,
        help_text="Aanduiding of het zaakdossier blijvend bewaard of na een bepaalde termijn vernietigd moet worden.",
    )
    archiefactiedatum = models.DateField(
        null=True,
        blank=True,
        help_text="De datum waarop het gearchiveerde zaakdossier vernietigd moet worden dan wel "
        "overgebracht moet worden naar een archiefbewaarplaats.",
    )
    opdrachtgevende_organisatie = models.CharField(
        max_length=9,
        blank=True,
        help_text="De krachtens publiekrecht ingestelde rechtspersoon dan wel ander "
        "niet-natuurlijk persoon waarbinnen het (bestuurs)orgaan zetelt dat opdracht heeft gegeven om taken uit te "
        "voeren waaraan de zaak invulling geeft.",
    )
    processobjectaard = models.CharField(
        max_length=200,
        blank=True,
        help_text="Omschrijving van het object, subject of gebeurtenis waarop, vanuit "
        "archiveringsoptiek, de zaak betrekking heeft.",
    )
    startdatum_bewaartermijn = models.DateField(
        null=True,
        blank=True,
        help_text="De datum die de start markeert van de termijn waarop het zaakdossier "
        "vernietigd moet worden (de brondatum).",
    )
    processobject_datumkenmerk = models.CharField(
        max_length=250,
        blank=True,
        help_text="De naam van de "
        "attribuutsoort van het procesobject dat bepalend is voor het "
        "einde van de procestermijn.",
    )
    processobject_identificatie = models.CharField(
        max_length=250, blank=True, help_text="De unieke aanduiding van het procesobject."
    )
    processobject_objecttype = models.CharField(
        max_length=250, blank=True, help_text="Het soort object dat het procesobject representeert."
    )
    processobject_registratie = models.CharField(
        max_length=250, blank=True, help_text="De naam van de registratie waarvan het procesobject deel uit maakt."
    )

    class Meta:
        verbose_name = "zaak"
        verbose_name_plural = "zaken"
        constraints = [
            models.UniqueConstraint(fields=["bronorganisatie", "identificatie"], name="zaak_identificatie_uniek"),
            # The list of a client that may see every level of a zaaktype filters on the
            # zaaktype alone; that is only right if no other value can be stored.
            models.CheckConstraint(
                condition=models.Q(vertrouwelijkheidaanduiding__in=VertrouwelijkheidsAanduiding.values),
                name="zaak_vertrouwelijkheidaanduiding_geldig",
            ),
        ]
        indexes = [
            models.Index(fields=["startdatum"]),
            models.Index(fields=["archiefactiedatum"]),
            models.Index(fields=["archiefnominatie", "archiefstatus"]),
            # The list of a client authorised per zaaktype: its count and its page of ids
            # (newest first) read this index alone, the level filter included. The level is a
            # key column, not INCLUDE, which SQLite lacks; after the unique id it costs the
            # same.
            models.Index(fields=["zaaktype", "id", "vertrouwelijkheidaanduiding"], name="zaak_zaaktype_id_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.bronorganisatie} - {self.identificatie}"

    @property
    def is_closed(self) -> bool:
        return self.einddatum is not None


class ZaakTelling(models.Model):
    """How many zaken there are of a zaaktype with a vertrouwelijkheidaanduiding: the sum of
    `aantal` over the rows of that pair. Database triggers on `zaken_zaak` keep it
    (`zaken.zaaktellingen`), so it holds for every write, bulk and raw SQL included, and the
    list's `count` is a sum of a few rows instead of a count of every zaak.

    In PostgreSQL each statement that inserts or deletes zaken adds rows with its change (+n
    or -n) instead of updating the pair's row, so concurrent writers never wait for each
    other; `zaaktellingen_samenvoegen` sums them back to one row per pair now and then.
    """

    # No foreign key constraint: rows of a zaaktype stay until they are merged away, and
    # must not keep the zaaktype from being deleted once its zaken are.
    zaaktype = models.ForeignKey(
        ZaakType,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
        help_text="Het ZAAKTYPE van de getelde zaken.",
    )
    vertrouwelijkheidaanduiding = models.CharField(
        max_length=20,
        choices=VertrouwelijkheidsAanduiding.choices,
        help_text="De vertrouwelijkheidaanduiding van de getelde zaken.",
    )
    aantal = models.IntegerField(help_text="Zaken erbij (positief) of eraf (negatief).")

    class Meta:
        verbose_name = "zaaktelling"
        verbose_name_plural = "zaaktellingen"
        indexes = [
            # the sum for a client's pairs from the index alone
            models.Index(fields=["zaaktype", "vertrouwelijkheidaanduiding", "aantal"], name="zaaktelling_paar_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.zaaktype_id} {self.vertrouwelijkheidaanduiding}: {self.aantal:+d}"


class Rol(models.Model):
    """A betrokkene in a role at a zaak."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text=UUID_HELP)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="rollen", help_text="De ZAAK.")
    betrokkene = models.URLField(
        max_length=1000, blank=True, help_text="URL-referentie naar een betrokkene gerelateerd aan de ZAAK."
    )
    betrokkene_type = models.CharField(
        max_length=30, choices=BetrokkeneType.choices, help_text="Type van de `betrokkene`."
    )
    afwijkende_naam_betrokkene = models.TextField(
        max_length=625,
        blank=True,
        help_text="De naam van de betrokkene waaronder deze in relatie tot de zaak aangesproken wil worden.",
    )
    roltype = models.ForeignKey(RolType, on_delete=models.PROTECT, related_name="rollen", help_text="Het ROLTYPE.")
    omschrijving = models.CharField(
        max_length=100, help_text="Omschrijving van de aard van de ROL, afgeleid uit het ROLTYPE."
    )
    omschrijving_generiek = models.CharField(
        max_length=80,
        choices=RolOmschrijvingGeneriek.choices,
        help_text="Algemeen gehanteerde benaming van de aard van de ROL, afgeleid uit het ROLTYPE.",
    )
    roltoelichting = models.TextField(max_length=1000, blank=True, help_text="Toelichting op de rol.")
    registratiedatum = models.DateTimeField(auto_now_add=True, help_text="De datum waarop dit object is geregistreerd.")
    indicatie_machtiging = models.CharField(
        max_length=20, choices=IndicatieMachtiging.choices, blank=True, help_text="Indicatie machtiging."
    )
    contactpersoon_rol = models.JSONField(null=True, blank=True, help_text="Contactpersoon van de betrokkene.")
    betrokkene_identificatie = models.JSONField(
        null=True, blank=True, help_text="De gegevens van de betrokkene, naar zijn `betrokkeneType`."
    )

    class Meta:
        verbose_name = "rol"
        verbose_name_plural = "rollen"

    def __str__(self) -> str:
        return f"{self.omschrijving} ({self.betrokkene_type})"


class Status(models.Model):
    """A status a zaak reached; the one with the highest volgnummer of its statustypen closes the zaak."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text=UUID_HELP)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="statussen", help_text="De ZAAK.")
    statustype = models.ForeignKey(
        StatusType, on_delete=models.PROTECT, related_name="statussen", help_text="Het STATUSTYPE."
    )
    datum_status_gezet = models.DateTimeField(help_text="De datum waarop de ZAAK de status heeft verkregen.")
    statustoelichting = models.TextField(
        max_length=1000,
        blank=True,
        help_text="Een, voor de initiator van de zaak relevante, toelichting op de status van een zaak.",
    )
    gezetdoor = models.ForeignKey(
        Rol,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statussen",
        help_text="De BETROKKENE die in zijn/haar ROL in een ZAAK heeft geregistreerd dat "
        "STATUSsen in die ZAAK bereikt zijn.",
    )

    class Meta:
        verbose_name = "status"
        verbose_name_plural = "statussen"
        indexes = [models.Index(fields=["zaak", "datum_status_gezet"])]

    def __str__(self) -> str:
        return f"{self.statustype} ({self.datum_status_gezet:%Y-%m-%d})"


class Resultaat(models.Model):
    """The result of a zaak; its resultaattype carries the archiving parameters."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text=UUID_HELP)
    zaak = models.OneToOneField(Zaak, on_delete=models.CASCADE, related_name="resultaat", help_text="De ZAAK.")
    resultaattype = models.ForeignKey(
        ResultaatType, on_delete=models.PROTECT, related_name="resultaten", help_text="Het RESULTAATTYPE."
    )
    toelichting = models.TextField(
        max_length=1000, blank=True, help_text="Een toelichting op wat het resultaat van de zaak inhoudt."
    )

    class Meta:
        verbose_name = "resultaat"
        verbose_name_plural = "resultaten"

    def __str__(self) -> str:
        return str(self.resultaattype)


class ZaakObject(models.Model):
    """An object in a registration the zaak is about."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text=UUID_HELP)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="zaakobjecten", help_text="De ZAAK.")
    object = models.URLField(
        max_length=1000, blank=True, help_text="URL-referentie naar de resource die het OBJECT beschrijft."
    )
    zaakobjecttype = models.ForeignKey(
        ZaakObjectType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="zaakobjecten",
        help_text="Het ZAAKOBJECTTYPE.",
    )
    object_type = models.CharField(
        max_length=100,
        choices=BrondatumObjecttype.choices,
        help_text="Beschrijft het type OBJECT gerelateerd aan de ZAAK.",
    )
    object_type_overige = models.CharField(
        max_length=100, blank=True, help_text="Beschrijft het type OBJECT als `objectType` de waarde `overige` heeft."
    )
    object_type_overige_definitie = models.JSONField(
        null=True, blank=True, help_text="Verwijzing naar het schema van het objecttype."
    )
    relatieomschrijving = models.CharField(
        max_length=80, blank=True, help_text="Omschrijving van de betrekking tussen de ZAAK en het OBJECT."
    )
    object_identificatie = models.JSONField(
        null=True, blank=True, help_text="De gegevens van het object, naar zijn `objectType`."
    )

    class Meta:
        verbose_name = "zaakobject"
        verbose_name_plural = "zaakobjecten"

    def __str__(self) -> str:
        return f"{self.object_type} {self.object}"


class ZaakEigenschap(models.Model):
    """The value of an eigenschap of the zaaktype, for one zaak."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text=UUID_HELP)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="zaakeigenschappen", help_text="De ZAAK.")
    eigenschap = models.ForeignKey(
        Eigenschap, on_delete=models.PROTECT, related_name="zaakeigenschappen", help_text="De EIGENSCHAP."
    )
    naam = models.CharField(max_length=20, help_text="De naam van de EIGENSCHAP (overgenomen uit de Catalogi API).")
    waarde = models.TextField(help_text="De waarde van de zaakeigenschap.")

    class Meta:
        verbose_name = "zaakeigenschap"
        verbose_name_plural = "zaakeigenschappen"

    def __str__(self) -> str:
        return f"{self.naam}: {self.waarde}"


class ZaakInformatieObject(models.Model):
    """A document (in the Documenten API) that belongs to the zaak."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text=UUID_HELP)
    zaak = models.ForeignKey(
        Zaak, on_delete=models.CASCADE, related_name="zaakinformatieobjecten", help_text="De ZAAK."
    )
    informatieobject = models.URLField(
        max_length=1000, help_text="URL-referentie naar het INFORMATIEOBJECT (in de Documenten API)."
    )
    aard_relatie = models.CharField(
        max_length=20,
        choices=ZaakInformatieObjectAard.choices,
        default=ZaakInformatieObjectAard.hoort_bij,
        help_text="Aard van de relatie.",
    )
    titel = models.CharField(
        max_length=200, blank=True, help_text="De naam waaronder het INFORMATIEOBJECT binnen de OBJECT bekend is."
    )
    beschrijving = models.TextField(
        blank=True, help_text="Een op het object gerichte beschrijving van de inhoud van het INFORMATIEOBJECT."
    )
    registratiedatum = models.DateTimeField(
        auto_now_add=True,
        help_text="De datum waarop de behandelende organisatie "
        "het INFORMATIEOBJECT heeft geregistreerd bij het OBJECT.",
    )
    vernietigingsdatum = models.DateTimeField(
        null=True,
        blank=True,
        help_text="De datum waarop het informatieobject uit het zaakdossier verwijderd moet worden.",
    )
    status = models.ForeignKey(
        Status,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="zaakinformatieobjecten",
        help_text="De bij de desbetreffende ZAAK behorende STATUS waarvoor het ZAAK-INFORMATIEOBJECT relevant is.",
    )

    class Meta:
        verbose_name = "zaakinformatieobject"
        verbose_name_plural = "zaakinformatieobjecten"
        constraints = [
            models.UniqueConstraint(fields=["zaak", "informatieobject"], name="zio_uniek"),
        ]

    def __str__(self) -> str:
        return self.informatieobject


class KlantContact(models.Model):
    """A contact with a klant about a zaak (deprecated in the standard for the Contactmomenten API)."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text=UUID_HELP)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="klantcontacten", help_text="De ZAAK.")
    identificatie = models.CharField(
        max_length=14, help_text="De unieke aanduiding van een KLANTCONTACT; gegenereerd als zij niet gegeven is."
    )
    datumtijd = models.DateTimeField(help_text="De datum en het tijdstip waarop het KLANTCONTACT begint.")
    kanaal = models.CharField(max_length=20, blank=True, help_text="Het communicatiekanaal waarlangs het contact liep.")
    onderwerp = models.CharField(max_length=200, blank=True, help_text="Het onderwerp waarover contact is geweest.")
    toelichting = models.TextField(max_length=1000, blank=True, help_text="Een toelichting op het contact.")

    class Meta:
        verbose_name = "klantcontact"
        verbose_name_plural = "klantcontacten"

    def __str__(self) -> str:
        return self.identificatie


class ZaakContactMoment(models.Model):
    """A contactmoment (in a Contactmomenten or Klantinteracties API of another provider) about the zaak."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text=UUID_HELP)
    zaak = models.ForeignKey(
        Zaak, on_delete=models.CASCADE, related_name="zaakcontactmomenten", help_text="URL-referentie naar de ZAAK."
    )
    contactmoment = models.URLField(
        max_length=1000, help_text="URL-referentie naar het CONTACTMOMENT (in de Klantinteractie API)"
    )

    class Meta:
        verbose_name = "zaakcontactmoment"
        verbose_name_plural = "zaakcontactmomenten"

    def __str__(self) -> str:
        return self.contactmoment


class ZaakVerzoek(models.Model):
    """A verzoek (in a Verzoeken API of another provider) that the zaak handles."""

    uuid = models.UUIDField(unique=True, default=_uuid.uuid4, help_text=UUID_HELP)
    zaak = models.ForeignKey(
        Zaak, on_delete=models.CASCADE, related_name="zaakverzoeken", help_text="URL-referentie naar de ZAAK."
    )
    verzoek = models.URLField(max_length=1000, help_text="URL-referentie naar het VERZOEK (in de Klantinteractie API)")

    class Meta:
        verbose_name = "zaakverzoek"
        verbose_name_plural = "zaakverzoeken"

    def __str__(self) -> str:
        return self.verzoek


class Volgnummer(volgnummers.Volgnummer):
    """The counters behind generated identificaties of zaken, besluiten and klantcontacten
    (`common.volgnummers`): soort `zaak` per bronorganisatie and year of registratie, `besluit`
    per verantwoordelijke organisatie and year of the besluit, `klantcontact` running on."""

    class Meta(volgnummers.Volgnummer.Meta):
        pass


class SpiegelVerwijdering(models.Model):
    """A mirrored relation (objectinformatieobject) in the Documenten API that is to go, because
    its zaakinformatieobject or besluitinformatieobject went here.

    Written in the same transaction as the removal, carried out after the commit and, while the
    Documenten API does not answer, again by the beat (`zaken.tasks.spiegels_verwijderen`): the
    removal is never lost and never waits inside our transaction."""

    informatieobject = models.URLField(max_length=1000, help_text="URL of the document.")
    object = models.URLField(max_length=1000, help_text="URL of the zaak or besluit the relation was with.")
    aangemaakt = models.DateTimeField(default=timezone.now)
    pogingen = models.PositiveIntegerField(default=0, help_text="Attempts so far.")
    volgende_poging = models.DateTimeField(default=timezone.now, help_text="Not tried again before this moment.")
    laatste_fout = models.TextField(blank=True, help_text="What the Documenten API said the last time.")

    class Meta:
        verbose_name = "te verwijderen spiegelrelatie"
        verbose_name_plural = "te verwijderen spiegelrelaties"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.informatieobject} ↔ {self.object}"
