"""Enumerations of the ZGW Catalogi API 1.3, with the standard's values and explanations."""

from django.db import models


class Afleidingswijze(models.TextChoices):
    """How the brondatum (start of the archiefactietermijn) of a closed zaak is derived."""

    afgehandeld = "afgehandeld", "De termijn start op de datum waarop de zaak is afgehandeld."
    ander_datumkenmerk = (
        "ander_datumkenmerk",
        "De termijn start op de datum die is vastgelegd in een ander datumveld dan de datumvelden "
        "waarop de overige waarden betrekking hebben.",
    )
    eigenschap = "eigenschap", "De termijn start op de datum die vermeld is in een zaaktype-specifieke eigenschap."
    gerelateerde_zaak = "gerelateerde_zaak", "De termijn start op de datum waarop de gerelateerde zaak is afgehandeld."
    hoofdzaak = "hoofdzaak", "De termijn start op de datum waarop de gerelateerde hoofdzaak is afgehandeld."
    ingangsdatum_besluit = "ingangsdatum_besluit", "De termijn start op de datum van inwerkingtreding van het besluit."
    termijn = "termijn", "De termijn start een vast aantal jaren na de datum waarop de zaak is afgehandeld."
    vervaldatum_besluit = "vervaldatum_besluit", "De termijn start op de dag na de datum waarop het besluit vervalt."
    zaakobject = "zaakobject", "De termijn start op de einddatum geldigheid van het zaakobject."


class BrondatumObjecttype(models.TextChoices):
    """The kind of object in a registration that represents the procesobject."""

    adres = "adres", "Adres"
    besluit = "besluit", "Besluit"
    buurt = "buurt", "Buurt"
    enkelvoudig_document = "enkelvoudig_document", "Enkelvoudig document"
    gemeente = "gemeente", "Gemeente"
    gemeentelijke_openbare_ruimte = "gemeentelijke_openbare_ruimte", "Gemeentelijke openbare ruimte"
    huishouden = "huishouden", "Huishouden"
    inrichtingselement = "inrichtingselement", "Inrichtingselement"
    kadastrale_onroerende_zaak = "kadastrale_onroerende_zaak", "Kadastrale onroerende zaak"
    kunstwerkdeel = "kunstwerkdeel", "Kunstwerkdeel"
    maatschappelijke_activiteit = "maatschappelijke_activiteit", "Maatschappelijke activiteit"
    medewerker = "medewerker", "Medewerker"
    natuurlijk_persoon = "natuurlijk_persoon", "Natuurlijk persoon"
    niet_natuurlijk_persoon = "niet_natuurlijk_persoon", "Niet-natuurlijk persoon"
    openbare_ruimte = "openbare_ruimte", "Openbare ruimte"
    organisatorische_eenheid = "organisatorische_eenheid", "Organisatorische eenheid"
    pand = "pand", "Pand"
    spoorbaandeel = "spoorbaandeel", "Spoorbaandeel"
    status = "status", "Status"
    terreindeel = "terreindeel", "Terreindeel"
    terrein_gebouwd_object = "terrein_gebouwd_object", "Terrein gebouwd object"
    vestiging = "vestiging", "Vestiging"
    waterdeel = "waterdeel", "Waterdeel"
    wegdeel = "wegdeel", "Wegdeel"
    wijk = "wijk", "Wijk"
    woonplaats = "woonplaats", "Woonplaats"
    woz_deelobject = "woz_deelobject", "WOZ-deel object"
    woz_object = "woz_object", "WOZ-object"
    woz_waarde = "woz_waarde", "WOZ-waarde"
    zakelijk_recht = "zakelijk_recht", "Zakelijk recht"
    overige = "overige", "Overige"


class IndicatieInternOfExtern(models.TextChoices):
    intern = "intern", "Intern"
    extern = "extern", "Extern"


class AardRelatie(models.TextChoices):
    vervolg = "vervolg", "Vervolg"
    bijdrage = "bijdrage", "Bijdrage"
    onderwerp = "onderwerp", "Onderwerp"


class Richting(models.TextChoices):
    inkomend = "inkomend", "Inkomend"
    intern = "intern", "Intern"
    uitgaand = "uitgaand", "Uitgaand"


class RolOmschrijvingGeneriek(models.TextChoices):
    adviseur = "adviseur", "(Adviseur) Kennis in dienst stellen van de behandeling van (een deel van) een zaak."
    behandelaar = "behandelaar", "(Behandelaar) De vakinhoudelijke behandeling doen van (een deel van) een zaak."
    belanghebbende = "belanghebbende", "(Belanghebbende) Vanuit eigen en objectief belang rechtstreeks betrokken zijn."
    beslisser = "beslisser", "(Beslisser) Nemen van besluiten die voor de uitkomst van een zaak noodzakelijk zijn."
    initiator = "initiator", "(Initiator) Aanleiding geven tot de start van een zaak."
    klantcontacter = (
        "klantcontacter",
        "(Klantcontacter) Het eerste aanspreekpunt zijn voor vragen van burgers en bedrijven.",
    )
    zaakcoordinator = (
        "zaakcoordinator",
        "(Zaakcoördinator) Er voor zorg dragen dat de behandeling van de zaak in samenhang uitgevoerd wordt.",
    )
    mede_initiator = "mede_initiator", "Mede-initiator"


class EigenschapFormaat(models.TextChoices):
    tekst = "tekst", "Tekst"
    getal = "getal", "Getal"
    datum = "datum", "Datum"
    datum_tijd = "datum_tijd", "Datum/tijd"


class SelectielijstProcestermijn(models.TextChoices):
    """The values of `procestermijn` of a resultaat in the Selectielijst."""

    nihil = "nihil", "Nihil"
    bestaansduur_procesobject = "bestaansduur_procesobject", "De bestaans- of geldigheidsduur van het procesobject."
    ingeschatte_bestaansduur_procesobject = (
        "ingeschatte_bestaansduur_procesobject",
        "De ingeschatte maximale bestaans- of geldigheidsduur van het procesobject.",
    )
    vast_te_leggen_datum = "vast_te_leggen_datum", "De tijdens het proces vast te leggen datum waarop de termijn start."
    samengevoegd_met_bewaartermijn = (
        "samengevoegd_met_bewaartermijn",
        "De procestermijn is samengevoegd met de bewaartermijn.",
    )
