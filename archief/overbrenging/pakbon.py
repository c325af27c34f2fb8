"""The pakbon (delivery note) of one container of a SIP.

Holds what the MDTO SIP specification asks of it: a unique id, title, target location,
the hash of the package, the time of creation, archiefvormer, contact, the counts of
informatieobjecten and bestanden, the count and total bytes of the content files, and
the special (unidentified) formats. It lies beside its container, since it carries the
container's own checksum. Validated against `schemas/pakbon.xsd` when made and when read.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from lxml import etree

from .xmlschemas import PAKBON_NS, pakbon_schema, parse_untrusted, schema_errors, serialise_validated

P = "{%s}" % PAKBON_NS  # noqa: UP031 - the Clark notation prefix of every pakbon element


@dataclass
class Pakbon:
    identificatie: str
    titel: str
    doel: str
    naam: str
    volgnummer: int
    aantal_pakketten: int
    vorm: str
    checksum_algoritme: str
    checksum_waarde: str
    aanmaakdatum: dt.datetime
    archiefvormer: str
    contact: str
    aantal_informatieobjecten: int = 0
    aantal_bestanden: int = 0
    aantal_inhoudsbestanden: int = 0
    omvang_inhoudsbestanden: int = 0
    omvang: int | None = None
    bijzondere_formaten: Counter = field(default_factory=Counter)
    dossiers: list[tuple[str, str]] = field(default_factory=list)  # (map, identificatie)


def _sub(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, P + tag)
    if text is not None:
        element.text = text
    return element


def pakbon_xml(pakbon: Pakbon) -> bytes:
    root = etree.Element(P + "pakbon", nsmap={None: PAKBON_NS})
    _sub(root, "identificatie", pakbon.identificatie)
    _sub(root, "titel", pakbon.titel)
    _sub(root, "doel", pakbon.doel)
    pakket = _sub(root, "pakket")
    _sub(pakket, "naam", pakbon.naam)
    _sub(pakket, "volgnummer", str(pakbon.volgnummer))
    _sub(pakket, "aantalPakketten", str(pakbon.aantal_pakketten))
    _sub(pakket, "vorm", pakbon.vorm)
    if pakbon.omvang is not None:
        _sub(pakket, "omvang", str(pakbon.omvang))
    checksum = _sub(pakket, "checksum")
    _sub(checksum, "algoritme", pakbon.checksum_algoritme)
    _sub(checksum, "waarde", pakbon.checksum_waarde)
    _sub(root, "aanmaakdatum", pakbon.aanmaakdatum.isoformat(timespec="seconds"))
    _sub(root, "archiefvormer", pakbon.archiefvormer)
    _sub(root, "contact", pakbon.contact)
    _sub(root, "aantalInformatieobjecten", str(pakbon.aantal_informatieobjecten))
    _sub(root, "aantalBestanden", str(pakbon.aantal_bestanden))
    _sub(root, "aantalInhoudsbestanden", str(pakbon.aantal_inhoudsbestanden))
    _sub(root, "omvangInhoudsbestanden", str(pakbon.omvang_inhoudsbestanden))
    formaten = _sub(root, "bijzondereBestandsformaten")
    for label, aantal in sorted(pakbon.bijzondere_formaten.items()):
        _sub(formaten, "bestandsformaat", label).set("aantal", str(aantal))
    dossiers = _sub(root, "dossiers")
    for map_naam, identificatie in pakbon.dossiers:
        element = _sub(dossiers, "dossier")
        element.set("map", map_naam)
        element.set("identificatie", identificatie)
    return serialise_validated(root, pakbon_schema(), f"De pakbon van {pakbon.naam}")


class PakbonError(ValueError):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


def read_pakbon(data: bytes) -> Pakbon:
    """A pakbon from outside: parsed safely and validated, else PakbonError."""
    try:
        tree = parse_untrusted(data)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise PakbonError([f"de pakbon is geen leesbare XML: {exc}"]) from exc
    errors = schema_errors(pakbon_schema(), tree)
    if errors:
        raise PakbonError([f"de pakbon voldoet niet aan pakbon.xsd: {error}" for error in errors])
    root = tree.getroot()

    def text(path: str) -> str:
        return root.findtext(_path(path)) or ""

    omvang = root.findtext(_path("pakket/omvang"))
    return Pakbon(
        identificatie=text("identificatie"),
        titel=text("titel"),
        doel=text("doel"),
        naam=text("pakket/naam"),
        volgnummer=int(text("pakket/volgnummer")),
        aantal_pakketten=int(text("pakket/aantalPakketten")),
        vorm=text("pakket/vorm"),
        omvang=int(omvang) if omvang else None,
        checksum_algoritme=text("pakket/checksum/algoritme"),
        checksum_waarde=text("pakket/checksum/waarde"),
        aanmaakdatum=dt.datetime.fromisoformat(text("aanmaakdatum")),
        archiefvormer=text("archiefvormer"),
        contact=text("contact"),
        aantal_informatieobjecten=int(text("aantalInformatieobjecten")),
        aantal_bestanden=int(text("aantalBestanden")),
        aantal_inhoudsbestanden=int(text("aantalInhoudsbestanden")),
        omvang_inhoudsbestanden=int(text("omvangInhoudsbestanden")),
        bijzondere_formaten=Counter(
            {
                element.text or "": int(element.get("aantal"))
                for element in root.iterfind(_path("bijzondereBestandsformaten/bestandsformaat"))
            }
        ),
        dossiers=[
            (element.get("map"), element.get("identificatie")) for element in root.iterfind(_path("dossiers/dossier"))
        ],
    )


def _path(path: str) -> str:
    return "/".join(P + part for part in path.split("/"))
