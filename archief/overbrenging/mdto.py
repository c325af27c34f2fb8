"""MDTO sidecars for cases and their documents, from ZGW API data.

The input is what the ZGW APIs return (a zaak, its zaaktype, resultaattype and statussen
from the Zaken and Catalogi APIs, each document from the Documenten API) plus the
selectielijst resultaat and the transfer agreement. A zaak becomes a `Dossier`, each of
its documents an `Archiefstuk` with one `bestand`. Every sidecar is validated against
MDTO-XML1.0.1.xsd as it is made; an invalid one raises and never reaches a package.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from lxml import etree

from .xmlschemas import MDTO_NS, mdto_schema, serialise_validated

M = "{%s}" % MDTO_NS  # noqa: UP031 - the Clark notation prefix of every MDTO element
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{MDTO_NS} https://www.nationaalarchief.nl/mdto/MDTO-XML1.0.1.xsd"

AGGREGATIENIVEAUS = "Begrippenlijst Aggregatieniveaus MDTO"
WAARDERINGEN = "Begrippenlijst Waarderingen MDTO"
EVENTTYPEN = "Begrippenlijst EventTypeLijst MDTO"
CHECKSUMALGORITMEN = "Begrippenlijst ChecksumAlgoritme MDTO"
ZGW_BEGRIPPEN = "ZGW Zaken API"

# Waardering per archiefnominatie (ZGW) in MDTO's waarderingen: B(lijvend) or V(ernietigen).
WAARDERING = {
    "blijvend_bewaren": ("Blijvend te bewaren", "B"),
    "vernietigen": ("Tijdelijk te bewaren", "V"),
}
# Our checksum algorithm names, hashlib's, and MDTO's label for them.
CHECKSUM_ALGORITMEN = {"sha256": "SHA256", "sha512": "SHA512"}


@dataclass(frozen=True)
class Verwijzing:
    """A reference to an object outside the sidecar: a name and optionally its kenmerk."""

    naam: str
    kenmerk: str = ""
    bron: str = ""


@dataclass(frozen=True)
class SipAfspraak:
    """What the transfer agreement fixes about the package (see models.Overbrengingsafspraak)."""

    archiefvormer: Verwijzing
    identificatiebron: str
    beperking_label: str
    beperking_code: str
    beperking_jaren: int
    titel: str = "Overbrenging"
    contact: str = "informatiebeheer"
    doel: str = "e-Depot"
    container_vorm: str = "tar"
    max_omvang: int = 4 * 1024**3
    checksum_algoritme: str = "sha256"


@dataclass
class DocumentGegevens:
    """A document of the Documenten API and how to read its content (a chunk iterator)."""

    informatieobject: dict
    inhoud: Callable[[], Iterable[bytes]]
    informatieobjecttype: dict | None = None


@dataclass
class ZaakGegevens:
    """A zaak with what the Zaken, Catalogi and Selectielijst APIs say about it."""

    zaak: dict
    zaaktype: dict
    documenten: list[DocumentGegevens] = field(default_factory=list)
    resultaattype: dict | None = None
    selectielijst_resultaat: dict | None = None
    statussen: list[dict] = field(default_factory=list)

    @property
    def identificatie(self) -> str:
        return self.zaak.get("identificatie") or self.zaak["url"].rstrip("/").rsplit("/", 1)[-1]


def _sub(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, M + tag)
    if text is not None:
        element.text = text
    return element


def _begrip(parent: etree._Element, tag: str, label: str, lijst: str, code: str = "") -> None:
    element = _sub(parent, tag)
    _sub(element, "begripLabel", label)
    if code:
        _sub(element, "begripCode", code)
    _sub(_sub(element, "begripBegrippenlijst"), "verwijzingNaam", lijst)


def _verwijzing(parent: etree._Element, tag: str, ref: Verwijzing) -> None:
    element = _sub(parent, tag)
    _sub(element, "verwijzingNaam", ref.naam)
    if ref.kenmerk:
        identificatie = _sub(element, "verwijzingIdentificatie")
        _sub(identificatie, "identificatieKenmerk", ref.kenmerk)
        _sub(identificatie, "identificatieBron", ref.bron)


def _identificatie(parent: etree._Element, kenmerk: str, bron: str) -> None:
    element = _sub(parent, "identificatie")
    _sub(element, "identificatieKenmerk", kenmerk)
    _sub(element, "identificatieBron", bron)


def _event(parent: etree._Element, label: str, tijd: str, resultaat: str = "") -> None:
    element = _sub(parent, "event")
    _begrip(element, "eventType", label, EVENTTYPEN)
    _sub(element, "eventTijd", tijd)
    if resultaat:
        _sub(element, "eventResultaat", resultaat)


def _root(kind: str) -> tuple[etree._Element, etree._Element]:
    root = etree.Element(M + "MDTO", nsmap={None: MDTO_NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    return root, _sub(root, kind)


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


def _beperking(parent: etree._Element, zaak: dict, vertrouwelijkheid: str, afspraak: SipAfspraak) -> None:
    """beperkingGebruik: `openbaar` stays open; anything else gets the agreement's
    openbaarheidsbeperking, running from the closing of the case for its agreed years."""
    element = _sub(parent, "beperkingGebruik")
    if vertrouwelijkheid == "openbaar" or not afspraak.beperking_jaren:
        _begrip(element, "beperkingGebruikType", "Openbaar", "Openbaarheid Archiefwet")
        return
    _begrip(
        element, "beperkingGebruikType", afspraak.beperking_label, "Openbaarheid Archiefwet", afspraak.beperking_code
    )
    _sub(element, "beperkingGebruikNadereBeschrijving", f"Vertrouwelijkheidaanduiding: {vertrouwelijkheid}.")
    termijn = _sub(element, "beperkingGebruikTermijn")
    _begrip(termijn, "termijnTriggerStartLooptijd", "Afsluiting zaak", ZGW_BEGRIPPEN)
    einddatum = zaak.get("einddatum")
    if einddatum:
        _sub(termijn, "termijnStartdatumLooptijd", einddatum)
    _sub(termijn, "termijnLooptijd", f"P{afspraak.beperking_jaren}Y")
    if einddatum:
        _sub(
            termijn, "termijnEinddatum", str(add_years(dt.date.fromisoformat(einddatum), afspraak.beperking_jaren).year)
        )


def beperking_einddatum(zaak: dict, vertrouwelijkheid: str, afspraak: SipAfspraak) -> int | None:
    """The year the openbaarheidsbeperking ends, None when the record is public."""
    if vertrouwelijkheid == "openbaar" or not afspraak.beperking_jaren or not zaak.get("einddatum"):
        return None
    return add_years(dt.date.fromisoformat(zaak["einddatum"]), afspraak.beperking_jaren).year


def _waardering(parent: etree._Element, gegevens: ZaakGegevens) -> None:
    nominatie = gegevens.zaak.get("archiefnominatie") or (gegevens.selectielijst_resultaat or {}).get("waardering")
    label, code = WAARDERING.get(nominatie or "", ("Nog niet gewaardeerd", "N"))
    _begrip(parent, "waardering", label, WAARDERINGEN, code)


def _bewaartermijn(parent: etree._Element, gegevens: ZaakGegevens) -> None:
    start = gegevens.zaak.get("startdatumBewaartermijn")
    looptijd = (gegevens.selectielijst_resultaat or {}).get("bewaartermijn")
    if not start and not looptijd:
        return
    element = _sub(parent, "bewaartermijn")
    _begrip(element, "termijnTriggerStartLooptijd", "Afsluiting zaak", ZGW_BEGRIPPEN)
    if start:
        _sub(element, "termijnStartdatumLooptijd", start)
    if looptijd:
        _sub(element, "termijnLooptijd", looptijd)


def _informatiecategorie(parent: etree._Element, gegevens: ZaakGegevens) -> None:
    resultaat = gegevens.selectielijst_resultaat
    if not resultaat:
        return
    jaar = resultaat.get("jaar") or ""
    lijst = f"Selectielijst gemeenten en intergemeentelijke organen {jaar}".strip()
    _begrip(parent, "informatiecategorie", resultaat.get("naam") or "", lijst, resultaat.get("volledigNummer") or "")


def zaak_verwijzing(gegevens: ZaakGegevens, afspraak: SipAfspraak) -> Verwijzing:
    return Verwijzing(_zaak_naam(gegevens), gegevens.identificatie, afspraak.identificatiebron)


def document_verwijzing(document: DocumentGegevens, afspraak: SipAfspraak) -> Verwijzing:
    eio = document.informatieobject
    return Verwijzing(eio.get("titel") or eio["identificatie"], eio["identificatie"], afspraak.identificatiebron)


def _zaak_naam(gegevens: ZaakGegevens) -> str:
    return (
        gegevens.zaak.get("omschrijving")
        or f"{gegevens.zaaktype.get('omschrijving') or 'Zaak'} {gegevens.identificatie}".strip()
    )


def dossier_xml(gegevens: ZaakGegevens, afspraak: SipAfspraak, onderdelen: list[Verwijzing]) -> bytes:
    """The MDTO informatieobject (aggregatieniveau Dossier) of a zaak."""
    zaak, zaaktype = gegevens.zaak, gegevens.zaaktype
    root, io = _root("informatieobject")
    _identificatie(io, gegevens.identificatie, afspraak.identificatiebron)
    _identificatie(io, zaak["url"], "ZGW Zaken API")
    _sub(io, "naam", _zaak_naam(gegevens))
    _begrip(io, "aggregatieniveau", "Dossier", AGGREGATIENIVEAUS)
    if zaaktype.get("omschrijving"):
        _begrip(io, "classificatie", zaaktype["omschrijving"], "Zaaktypecatalogus", zaaktype.get("identificatie", ""))
    if zaak.get("toelichting"):
        _sub(io, "omschrijving", zaak["toelichting"])
    if zaak.get("startdatum"):
        dekking = _sub(io, "dekkingInTijd")
        _begrip(dekking, "dekkingInTijdType", "Looptijd zaak", ZGW_BEGRIPPEN)
        _sub(dekking, "dekkingInTijdBegindatum", zaak["startdatum"])
        if zaak.get("einddatum"):
            _sub(dekking, "dekkingInTijdEinddatum", zaak["einddatum"])
    if zaak.get("registratiedatum"):
        _event(io, "Aanmaak", zaak["registratiedatum"])
    for status in sorted(gegevens.statussen, key=lambda s: s.get("datumStatusGezet") or ""):
        if status.get("datumStatusGezet"):
            _event(io, "Statuswijziging", status["datumStatusGezet"], status.get("statustoelichting") or "")
    if zaak.get("einddatum"):
        _event(io, "Afsluiting", zaak["einddatum"])
    _waardering(io, gegevens)
    _bewaartermijn(io, gegevens)
    _informatiecategorie(io, gegevens)
    for onderdeel in onderdelen:
        _verwijzing(io, "bevatOnderdeel", onderdeel)
    _verwijzing(io, "archiefvormer", afspraak.archiefvormer)
    if zaaktype.get("omschrijving"):
        _verwijzing(io, "activiteit", Verwijzing(zaaktype["omschrijving"], zaaktype.get("url", ""), "ZGW Catalogi API"))
    _beperking(io, zaak, zaak.get("vertrouwelijkheidaanduiding") or "", afspraak)
    return serialise_validated(root, mdto_schema(), f"De MDTO van zaak {gegevens.identificatie}")


def archiefstuk_xml(
    document: DocumentGegevens, gegevens: ZaakGegevens, afspraak: SipAfspraak, bestand: Verwijzing
) -> bytes:
    """The MDTO informatieobject (aggregatieniveau Archiefstuk) of a document of the zaak."""
    eio = document.informatieobject
    root, io = _root("informatieobject")
    _identificatie(io, eio["identificatie"], afspraak.identificatiebron)
    _identificatie(io, eio["url"], "ZGW Documenten API")
    _sub(io, "naam", eio.get("titel") or eio["identificatie"])
    _begrip(io, "aggregatieniveau", "Archiefstuk", AGGREGATIENIVEAUS)
    iotype = document.informatieobjecttype or {}
    if iotype.get("omschrijving"):
        _begrip(io, "classificatie", iotype["omschrijving"], "Zaaktypecatalogus")
    if eio.get("beschrijving"):
        _sub(io, "omschrijving", eio["beschrijving"])
    if eio.get("taal"):
        _sub(io, "taal", eio["taal"])
    for label, key in (("Aanmaak", "creatiedatum"), ("Ontvangst", "ontvangstdatum"), ("Verzending", "verzenddatum")):
        if eio.get(key):
            _event(io, label, eio[key])
    _waardering(io, gegevens)
    _bewaartermijn(io, gegevens)
    _informatiecategorie(io, gegevens)
    _verwijzing(io, "isOnderdeelVan", zaak_verwijzing(gegevens, afspraak))
    _verwijzing(io, "heeftRepresentatie", bestand)
    _verwijzing(io, "archiefvormer", afspraak.archiefvormer)
    _beperking(io, gegevens.zaak, eio.get("vertrouwelijkheidaanduiding") or "", afspraak)
    return serialise_validated(root, mdto_schema(), f"De MDTO van document {eio['identificatie']}")


def bestand_xml(
    *,
    naam: str,
    kenmerk: str,
    bron: str,
    omvang: int,
    formaat_label: str,
    formaat_code: str,
    formaat_lijst: str,
    algoritme: str,
    waarde: str,
    datum: dt.datetime,
    representatie_van: Verwijzing,
) -> bytes:
    """The MDTO bestand of a content file."""
    root, bestand = _root("bestand")
    _identificatie(bestand, kenmerk, bron)
    _sub(bestand, "naam", naam)
    _sub(bestand, "omvang", str(omvang))
    _begrip(bestand, "bestandsformaat", formaat_label, formaat_lijst, formaat_code)
    checksum = _sub(bestand, "checksum")
    _begrip(checksum, "checksumAlgoritme", CHECKSUM_ALGORITMEN[algoritme], CHECKSUMALGORITMEN)
    _sub(checksum, "checksumWaarde", waarde)
    _sub(checksum, "checksumDatum", datum.isoformat(timespec="seconds"))
    _verwijzing(bestand, "isRepresentatieVan", representatie_van)
    return serialise_validated(root, mdto_schema(), f"De MDTO van bestand {naam}")
