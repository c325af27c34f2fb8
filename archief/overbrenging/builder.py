"""Building an MDTO SIP from cases: plan the containers, then stream each one.

Layout of every container (and of the folder form):

    <zaak>/<zaak>.MDTO.xml                          the Dossier
    <zaak>/<document>/<document>.MDTO.xml           an Archiefstuk
    <zaak>/<document>/<bestand>                     its content
    <zaak>/<document>/<bestand>.bestand.MDTO.xml    the bestand

and beside each container `<naam>.pakbon.xml` and `<naam>.<algoritme>` (a checksum line
`sha256sum -c` understands). A zaak never spans two containers: the plan assigns whole
zaken to containers from their metadata (`bestandsomvang`) so that none exceeds the
agreed size, before a byte of content is read. A zaak bigger than the limit on its own
gets a container of its own and is reported.

Each content byte is read once: it is written, hashed for the bestand sidecar (and for
the document's `integriteit`, when that uses another algorithm), and hashed into the
container checksum as it passes. When the result differs from `integriteit`, or the
stream breaks off or has another length than announced, the whole zaak is rolled back
out of the container and reported as failed with the reason; the others go on. So is a
zaak whose data no XML document can hold (a control character, a lone surrogate, a field
missing: data from another provider, or stored before input was checked).

With the same input and the same `clock`, the output is byte for byte the same.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from common.clients import ClientError

from . import mdto
from .containers import EXTENSIONS, WRITERS, ContentSizeError
from .mdto import DocumentGegevens, SipAfspraak, Verwijzing, ZaakGegevens
from .names import (
    BESTAND_SIDECAR_SUFFIX,
    INFORMATIEOBJECT_SIDECAR_SUFFIX,
    MAX_CONTENT_NAME_LENGTH,
    MAX_NAME_LENGTH,
    UniqueNames,
    sanitise,
)
from .pakbon import Pakbon, pakbon_xml
from .pronom import SNIFF_BYTES, extension_for, identify
from .xmlschemas import SchemaInvalidError

logger = logging.getLogger(__name__)

# The ZGW `integriteit.algoritme` values hashlib can compute.
INTEGRITEIT_ALGORITMEN = {"md5": "md5", "sha_1": "sha1", "sha_256": "sha256", "sha_512": "sha512", "sha_3": "sha3_256"}
# Room in the plan for each sidecar (a few KiB; titles and descriptions are bounded by the
# ZGW field lengths), per document listed in its dossier's sidecar, and per container
# member for its tar (pax) or zip headers with the longest possible path.
SIDECAR_ALLOWANCE = 16 * 1024
ONDERDEEL_ALLOWANCE = 2 * 1024
MEMBER_ALLOWANCE = 8 * 1024
FOLDER_MAX = len(INFORMATIEOBJECT_SIDECAR_SUFFIX)


# Answers that say a case or document is gone for good: that item fails, the rest goes on.
GONE = (404, 410)
# What a zaak's own data can raise while its sidecars are made (lxml refuses control
# characters with ValueError, UTF-8 refuses lone surrogates with UnicodeError, a missing
# field is a KeyError): that zaak fails, not the package. An outage (ClientError) or the
# disk (OSError) is no such error and stops the step, to be retried.
DATA_ERRORS = (ValueError, TypeError, KeyError, AttributeError, etree.LxmlError)


class ItemError(Exception):
    """One zaak cannot go into the package; `code` says why in a word, the message in full."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class ItemResultaat:
    zaak_url: str
    identificatie: str
    map: str = ""
    ok: bool = False
    code: str = ""
    fout: str = ""
    aantal_documenten: int = 0
    bytes: int = 0
    waarschuwingen: list[str] = field(default_factory=list)


@dataclass
class ContainerResultaat:
    volgnummer: int
    naam: str
    pad: Path
    pakbon_pad: Path
    omvang: int
    checksum: str
    items: list[ItemResultaat]


def _folder_name(names: UniqueNames, raw: str) -> str:
    # A folder's sidecar is `<folder>.MDTO.xml`, which must stay within the limit too.
    return names.claim(raw, max_length=MAX_NAME_LENGTH - FOLDER_MAX)


def _documents_sorted(gegevens: ZaakGegevens) -> list[DocumentGegevens]:
    return sorted(
        gegevens.documenten, key=lambda d: (d.informatieobject.get("identificatie") or "", d.informatieobject["url"])
    )


def sort_zaken(zaken: Iterable[ZaakGegevens]) -> list[ZaakGegevens]:
    """The order of a package: by identificatie, then URL, whatever order the API listed."""
    return sorted(zaken, key=lambda z: (z.identificatie, z.zaak["url"]))


def content_size(gegevens: ZaakGegevens) -> int:
    return sum(int(d.informatieobject.get("bestandsomvang") or 0) for d in gegevens.documenten)


def estimated_size(inhoud: int, documenten: int) -> int:
    """An upper bound of the bytes a zaak takes in a container: its content, and per
    document and dossier room for headers, folders and sidecars."""
    sidecars = 1 + 2 * documenten
    members = 1 + 1 + 4 * documenten  # the folder and its sidecar; per document a folder, two sidecars, the file
    return inhoud + sidecars * SIDECAR_ALLOWANCE + documenten * ONDERDEEL_ALLOWANCE + members * MEMBER_ALLOWANCE


def plan_containers(sizes: list[int], max_omvang: int) -> list[list[int]]:
    """Indexes into `sizes` (estimated sizes of zaken, in package order) per container,
    each container at most `max_omvang`; a zaak larger than that on its own gets one alone."""
    containers: list[list[int]] = []
    current: list[int] = []
    used = 0
    for index, size in enumerate(sizes):
        if current and used + size > max_omvang:
            containers.append(current)
            current, used = [], 0
        current.append(index)
        used += size
    if current:
        containers.append(current)
    return containers


class _Stream:
    """Hashes a document's content as it passes and keeps its first bytes for identification."""

    def __init__(self, chunks: Iterable[bytes], algorithms: set[str]) -> None:
        self._chunks = chunks
        self.hashes = {name: hashlib.new(name) for name in algorithms}
        self.head = b""

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._chunks:
            if not chunk:
                continue
            if len(self.head) < SNIFF_BYTES:
                self.head += bytes(chunk[: SNIFF_BYTES - len(self.head)])
            for digest in self.hashes.values():
                digest.update(chunk)
            yield chunk


class SipBuilder:
    """Builds the containers of one package.

    `naam` is the package name (each container `<naam>-NNN`), `clock` the moment stamped
    on everything, `out_dir` the folder the containers and their pakbonnen go to.
    """

    def __init__(
        self,
        afspraak: SipAfspraak,
        *,
        naam: str,
        clock: dt.datetime,
        out_dir: Path,
        vorm: str | None = None,
    ) -> None:
        self.afspraak = afspraak
        self.naam = sanitise(naam, max_length=100)
        self.clock = clock.replace(microsecond=0)
        self.out_dir = Path(out_dir)
        self.vorm = vorm or afspraak.container_vorm
        self.algoritme = afspraak.checksum_algoritme

    def container_naam(self, volgnummer: int) -> str:
        return f"{self.naam}-{volgnummer:03d}"

    def container_pad(self, volgnummer: int) -> Path:
        naam = self.container_naam(volgnummer)
        return self.out_dir / (naam + EXTENSIONS.get(self.vorm, ""))

    def build(
        self, zaken: Iterable[ZaakGegevens], *, on_item: Callable[[ItemResultaat], None] | None = None
    ) -> list[ContainerResultaat]:
        """The whole package at once (the preview command and the tests use this)."""
        ordered = sort_zaken(zaken)
        sizes = [estimated_size(content_size(z), len(z.documenten)) for z in ordered]
        plan = plan_containers(sizes, self.afspraak.max_omvang)
        return [
            self.build_container(index + 1, len(plan), [ordered[i] for i in indexes], on_item=on_item)
            for index, indexes in enumerate(plan)
        ]

    def build_container(
        self,
        volgnummer: int,
        aantal: int,
        zaken: list[ZaakGegevens],
        *,
        on_item: Callable[[ItemResultaat], None] | None = None,
    ) -> ContainerResultaat:
        """One container with its pakbon and checksum file; replaces a partial one from an earlier run."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        pad = self.container_pad(volgnummer)
        naam = self.container_naam(volgnummer)
        if self.vorm == "map":
            _remove_tree(pad)
        writer = WRITERS[self.vorm](pad, algorithm=self.algoritme, mtime=self.clock)
        pakbon = Pakbon(
            identificatie=f"{self.naam}/{volgnummer:03d}",
            titel=self.afspraak.titel,
            doel=self.afspraak.doel,
            naam=pad.name,
            volgnummer=volgnummer,
            aantal_pakketten=aantal,
            vorm=self.vorm,
            checksum_algoritme=mdto.CHECKSUM_ALGORITMEN[self.algoritme],
            checksum_waarde="",
            aanmaakdatum=self.clock,
            archiefvormer=self.afspraak.archiefvormer.naam,
            contact=self.afspraak.contact,
        )
        folders = UniqueNames()
        items = []
        try:
            for gegevens in zaken:
                item = ItemResultaat(zaak_url=gegevens.zaak["url"], identificatie=gegevens.identificatie)
                mark = writer.mark()
                folder_mark = folders.snapshot()
                try:
                    counts = self._write_zaak(writer, folders, gegevens, item)
                except (ItemError, ContentSizeError, SchemaInvalidError, *DATA_ERRORS) as exc:
                    writer.rollback(mark)
                    folders.restore(folder_mark)
                    item.ok, item.map = False, ""
                    item.code = getattr(exc, "code", None) or (
                        "omvang"
                        if isinstance(exc, ContentSizeError)
                        else "schema"
                        if isinstance(exc, SchemaInvalidError)
                        else "gegevens"
                    )
                    item.fout = (
                        str(exc)
                        if isinstance(exc, ItemError | ContentSizeError | SchemaInvalidError)
                        else f"De gegevens van zaak {gegevens.zaak.get('url', '')} passen in geen MDTO-bestand: "
                        f"{type(exc).__name__}: {str(exc).encode('ascii', 'backslashreplace').decode('ascii')}"
                    )
                    logger.warning("overbrenging_item_failed", extra={"zaak": item.zaak_url, "error": item.fout})
                else:
                    item.ok = True
                    pakbon.aantal_informatieobjecten += counts["informatieobjecten"]
                    pakbon.aantal_bestanden += counts["bestanden"]
                    pakbon.aantal_inhoudsbestanden += counts["inhoud"]
                    pakbon.omvang_inhoudsbestanden += counts["bytes"]
                    pakbon.bijzondere_formaten.update(counts["bijzonder"])
                    pakbon.dossiers.append((item.map, gegevens.identificatie))
                items.append(item)
                if on_item:
                    on_item(item)
        except BaseException:
            writer.abort()  # a failure beyond one item (an outage, the worker stopping): retried as a whole
            raise
        closed = writer.close()
        pakbon.checksum_waarde = closed.checksum
        pakbon.omvang = closed.size if self.vorm != "map" else None
        pakbon_pad = self.out_dir / f"{naam}.pakbon.xml"
        if self.vorm == "map":
            pakbon_pad = pad / "pakbon.xml"
        pakbon_pad.write_bytes(pakbon_xml(pakbon))
        if self.vorm != "map":
            (self.out_dir / f"{pad.name}.{self.algoritme}").write_text(f"{closed.checksum}  {pad.name}\n")
        return ContainerResultaat(volgnummer, naam, pad, pakbon_pad, closed.size, closed.checksum, items)

    def _write_zaak(self, writer, folders: UniqueNames, gegevens: ZaakGegevens, item: ItemResultaat) -> Counter:
        counts: Counter = Counter(bijzonder=Counter())
        zaak_map = _folder_name(folders, gegevens.identificatie)
        item.map = zaak_map
        documents = _documents_sorted(gegevens)
        doc_folders = UniqueNames()
        # Claim every document folder first: the dossier sidecar lists them.
        planned = []
        for document in documents:
            eio = document.informatieobject
            doc_map = _folder_name(doc_folders, eio.get("identificatie") or eio["url"].rstrip("/").rsplit("/", 1)[-1])
            raw_name = (
                eio.get("bestandsnaam")
                or f"{eio.get('identificatie') or 'document'}.{extension_for(eio.get('formaat', ''))}"
            )
            # The file shares its folder with the folder's own sidecar; keep the names apart.
            file_names = UniqueNames()
            file_names.claim(doc_map + INFORMATIEOBJECT_SIDECAR_SUFFIX, max_length=MAX_NAME_LENGTH)
            bestandsnaam = file_names.claim(raw_name, max_length=MAX_CONTENT_NAME_LENGTH)
            planned.append((document, doc_map, bestandsnaam))
        onderdelen = [mdto.document_verwijzing(document, self.afspraak) for document, _, _ in planned]
        writer.add_directory(zaak_map)
        writer.add_bytes(
            f"{zaak_map}/{zaak_map}{INFORMATIEOBJECT_SIDECAR_SUFFIX}",
            mdto.dossier_xml(gegevens, self.afspraak, onderdelen),
        )
        counts["informatieobjecten"] += 1
        for document, doc_map, bestandsnaam in planned:
            self._write_document(
                writer, gegevens, document, f"{zaak_map}/{doc_map}", doc_map, bestandsnaam, counts, item
            )
        item.aantal_documenten = len(planned)
        item.bytes = counts["bytes"]
        return counts

    def _write_document(
        self,
        writer,
        gegevens: ZaakGegevens,
        document: DocumentGegevens,
        folder: str,
        doc_map: str,
        bestandsnaam: str,
        counts: Counter,
        item: ItemResultaat,
    ) -> None:
        eio = document.informatieobject
        identificatie = eio.get("identificatie") or doc_map
        if eio.get("status") not in (None, "gearchiveerd"):
            raise ItemError(
                f"Document {identificatie} heeft status {eio.get('status')}, niet gearchiveerd.", code="status"
            )
        bestand_ref = Verwijzing(bestandsnaam, f"{identificatie}/bestand", self.afspraak.identificatiebron)
        writer.add_directory(folder)
        writer.add_bytes(
            f"{folder}/{doc_map}{INFORMATIEOBJECT_SIDECAR_SUFFIX}",
            mdto.archiefstuk_xml(document, gegevens, self.afspraak, bestand_ref),
        )
        integriteit = eio.get("integriteit") or {}
        integriteit_algoritme = INTEGRITEIT_ALGORITMEN.get(integriteit.get("algoritme") or "")
        if not integriteit_algoritme or not integriteit.get("waarde"):
            item.waarschuwingen.append(f"Document {identificatie} heeft geen integriteit om tegen te controleren.")
        algorithms = {self.algoritme} | ({integriteit_algoritme} if integriteit_algoritme else set())
        size = int(eio.get("bestandsomvang") or 0)
        try:
            stream = _Stream(document.inhoud(), algorithms)
            written = writer.add_stream(f"{folder}/{bestandsnaam}", size, stream)
        except ContentSizeError as exc:
            raise ItemError(
                f"Document {identificatie}: de inhoud heeft een andere omvang dan bestandsomvang ({exc}).",
                code="omvang",
            ) from exc
        except ClientError as exc:
            if exc.status not in GONE:
                raise  # the provider is unreachable or failing: retry the whole step later
            raise ItemError(f"Document {identificatie}: de inhoud is er niet meer ({exc}).", code="inhoud") from exc
        except (OSError, ValueError) as exc:
            raise ItemError(
                f"Document {identificatie}: de inhoud kon niet gelezen worden: {exc}", code="inhoud"
            ) from exc
        if integriteit_algoritme and integriteit.get("waarde"):
            actual = stream.hashes[integriteit_algoritme].hexdigest()
            if actual.lower() != integriteit["waarde"].lower():
                raise ItemError(
                    f"Document {identificatie}: de checksum van de inhoud ({integriteit['algoritme']} {actual}) "
                    f"komt niet overeen met de integriteit ({integriteit['waarde']}); het bestand is gewijzigd "
                    "of beschadigd en gaat niet mee.",
                    code="integriteit",
                )
        formaat = identify(stream.head, media_type=eio.get("formaat") or "", filename=bestandsnaam)
        writer.add_bytes(
            f"{folder}/{bestandsnaam}{BESTAND_SIDECAR_SUFFIX}",
            mdto.bestand_xml(
                naam=bestandsnaam,
                kenmerk=bestand_ref.kenmerk,
                bron=bestand_ref.bron,
                omvang=written,
                formaat_label=formaat.label,
                formaat_code=formaat.code,
                formaat_lijst=formaat.begrippenlijst,
                algoritme=self.algoritme,
                waarde=stream.hashes[self.algoritme].hexdigest(),
                datum=self.clock,
                representatie_van=mdto.document_verwijzing(document, self.afspraak),
            ),
        )
        counts["informatieobjecten"] += 1
        counts["bestanden"] += 1
        counts["inhoud"] += 1
        counts["bytes"] += written
        if not formaat.bekend:
            counts["bijzonder"][formaat.label] += 1


def _remove_tree(path: Path) -> None:
    if not path.exists():
        return
    for child in sorted(path.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if child.is_dir() and not child.is_symlink():
            child.rmdir()
        else:
            child.unlink()
    path.rmdir()
