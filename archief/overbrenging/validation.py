"""Pre-ingest validation of a SIP: the checks an archive runs before it accepts a package.

Works on any package, ours or from elsewhere: a container (`.tar` or `.zip` with its
`<naam>.pakbon.xml` beside it), an unpacked package (a folder with `pakbon.xml`), or a
delivery folder holding several containers. Each rule has a name; the report lists every
violation with its rule and path, and is empty for a sound package.

Rules:
- `structuur`: every folder is an informatieobject with its own `<map>.MDTO.xml`; every
  content file has `<bestand>.bestand.MDTO.xml` beside it and every such sidecar its file;
  top-level folders are Dossiers; only plain files and folders (no links or devices).
- `naam`: every path component at most 255 characters, none of `< > : " / \\ | ? * # &`
  or space, not starting with a dot, unique within its folder (case-insensitively);
  no absolute paths and no `..`.
- `xsd`: every sidecar is XML without DTD or entities, has root `<MDTO>` with the kind of
  object its name says, and validates against MDTO-XML1.0.1.xsd.
- `verwijzing`: every object has exactly one parent: an Archiefstuk's `isOnderdeelVan`
  names its folder's Dossier, a bestand's `isRepresentatieVan` the informatieobject of its
  folder, and the bestand's `naam` its file; an aggregation's `bevatOnderdeel`, when
  given, names exactly the folders inside it.
- `checksum`: each file's size and checksum equal its bestand sidecar's `omvang` and
  `checksum`; the container's checksum equals the pakbon's and the checksum file's.
- `pakbon`: present and valid against pakbon.xsd; its counts of informatieobjecten,
  bestanden and content files, total content bytes, dossiers and special formats equal
  what the package holds; container numbers are complete. A pakbon that is a link (to
  a file elsewhere) is refused like a linked sidecar, and never read.
- `omvang`: nothing hostile is read. A sidecar or pakbon larger than
  `OVERBRENGING_SIDECAR_MAX_BYTES` (by its declared size, before reading, and again while
  reading) is refused unread; a zip member whose declared size is more than
  `OVERBRENGING_ZIP_MAX_RATIO` times its compressed size (a zip bomb) is refused unread.
  Content files are hashed streaming, in fixed chunks.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tarfile
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings
from lxml import etree

from .containers import EXTENSIONS, manifest_hash
from .names import BESTAND_SIDECAR_SUFFIX, INFORMATIEOBJECT_SIDECAR_SUFFIX, name_violations
from .pakbon import Pakbon, PakbonError, read_pakbon
from .pronom import PRONOM_REGISTER
from .xmlschemas import MDTO_NS, mdto_schema, parse_untrusted, schema_errors

M = "{%s}" % MDTO_NS  # noqa: UP031
CHUNK = 1024 * 1024
# MDTO checksum labels (as the begrippenlijst and common practice spell them) to hashlib names.
ALGORITMEN = {
    "sha256": "sha256",
    "sha-256": "sha256",
    "sha512": "sha512",
    "sha-512": "sha512",
    "sha1": "sha1",
    "sha-1": "sha1",
    "md5": "md5",
}
RULES = ("structuur", "naam", "xsd", "verwijzing", "checksum", "pakbon", "omvang")
# Below this size a zip member's compression ratio is not judged: a small file of one
# repeated byte compresses far, and costs nothing to read.
RATIO_VANAF = 1024 * 1024


def sidecar_max() -> int:
    """The most bytes a sidecar or pakbon may have (a sidecar is a few kilobytes)."""
    return int(getattr(settings, "OVERBRENGING_SIDECAR_MAX_BYTES", 16 * 1024 * 1024))


def zip_max_ratio() -> int:
    return int(getattr(settings, "OVERBRENGING_ZIP_MAX_RATIO", 100))


@dataclass(frozen=True)
class Violation:
    regel: str
    pad: str
    melding: str

    def __str__(self) -> str:
        return f"[{self.regel}] {self.pad}: {self.melding}"


@dataclass
class Report:
    violations: list[Violation] = field(default_factory=list)
    pakketten: int = 0
    informatieobjecten: int = 0
    bestanden: int = 0
    bytes: int = 0

    @property
    def ok(self) -> bool:
        return not self.violations

    def add(self, regel: str, pad: str, melding: str) -> None:
        self.violations.append(Violation(regel, pad, melding))

    def rules_violated(self) -> set[str]:
        return {violation.regel for violation in self.violations}


@dataclass
class _Entry:
    path: str
    kind: str  # "file", "dir" or the kind of anything else ("symlink", "device")
    size: int = 0
    open: Callable[[], Iterator[bytes]] | None = None
    # Why the entry must not be read (a zip bomb), or empty.
    refused: str = ""


@dataclass
class _Sidecar:
    kind: str = ""
    aggregatieniveau: str = ""
    kenmerken: tuple[str, ...] = ()
    naam: str = ""
    onderdeel_van: tuple[str, ...] = ()
    bevat: tuple[str, ...] = ()
    representatie_van: tuple[str, ...] = ()
    omvang: int | None = None
    algoritme: str = ""
    waarde: str = ""
    formaat_code: str = ""
    formaat_label: str = ""
    formaat_lijst: str = ""


def _chunks(handle) -> Iterator[bytes]:
    while True:
        chunk = handle.read(CHUNK)
        if not chunk:
            return
        yield chunk


def _tar_entries(path: Path) -> Iterator[_Entry]:
    with tarfile.open(path, mode="r|") as archive:
        for member in archive:
            if member.isdir():
                yield _Entry(member.name, "dir")
            elif member.isreg():
                handle = archive.extractfile(member)
                yield _Entry(member.name, "file", member.size, lambda handle=handle: _chunks(handle))
            else:
                kind = "symlink" if member.issym() else "hardlink" if member.islnk() else "special"
                yield _Entry(member.name, kind)


def _zip_entries(path: Path) -> Iterator[_Entry]:
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            mode = info.external_attr >> 16
            if info.is_dir():
                yield _Entry(info.filename.rstrip("/"), "dir")
            elif mode and (mode & 0o170000) not in (0, 0o100000):
                yield _Entry(info.filename, "symlink" if (mode & 0o170000) == 0o120000 else "special")
            else:

                def opener(info=info):
                    with archive.open(info) as handle:
                        yield from _chunks(handle)

                yield _Entry(info.filename, "file", info.file_size, opener, refused=_zip_bomb(info))


def _zip_bomb(info: zipfile.ZipInfo) -> str:
    """Why a zip member must not be unpacked, judged by the central directory alone."""
    ratio = zip_max_ratio()
    if info.file_size > RATIO_VANAF and info.file_size > ratio * max(info.compress_size, 1):
        return (
            f"pakt uit tot {info.file_size} bytes uit {info.compress_size} bytes, meer dan {ratio} keer: "
            "niet gelezen (zipbom)"
        )
    return ""


def _read_capped(chunks: Iterator[bytes], limit: int) -> bytes | None:
    """At most `limit` bytes of a stream; None when there is more (nothing more is read)."""
    parts, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > limit:
            return None
        parts.append(chunk)
    return b"".join(parts)


def _folder_entries(root: Path) -> Iterator[_Entry]:
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if relative == "pakbon.xml" and not path.is_symlink():
            continue  # read by _load_pakbon; a linked one is reported here too
        if path.is_symlink():
            yield _Entry(relative, "symlink")
        elif path.is_dir():
            yield _Entry(relative, "dir")
        elif path.is_file():

            def opener(path=path):
                with open(path, "rb") as handle:
                    yield from _chunks(handle)

            yield _Entry(relative, "file", path.stat().st_size, opener)
        else:
            yield _Entry(relative, "special")


def _texts(element: etree._Element, path: str) -> tuple[str, ...]:
    return tuple(node.text or "" for node in element.iterfind(path, namespaces={"m": MDTO_NS}))


def _capped_chunks(handle, limit: int) -> Iterator[bytes]:
    while chunk := handle.read(min(CHUNK, limit + 1)):
        yield chunk


def _read_sidecar(data: bytes, where: str, report: Report) -> _Sidecar | None:
    try:
        tree = parse_untrusted(data)
    except (etree.XMLSyntaxError, ValueError) as exc:
        report.add("xsd", where, f"geen veilige, leesbare XML: {exc}")
        return None
    errors = schema_errors(mdto_schema(), tree)
    if errors:
        report.add("xsd", where, "voldoet niet aan MDTO-XML1.0.1.xsd: " + "; ".join(errors[:3]))
        return None
    root = tree.getroot()
    child = root[0]
    sidecar = _Sidecar(kind=etree.QName(child).localname)
    sidecar.kenmerken = _texts(child, "m:identificatie/m:identificatieKenmerk")
    sidecar.naam = child.findtext(M + "naam") or ""
    if sidecar.kind == "informatieobject":
        sidecar.aggregatieniveau = child.findtext(f"{M}aggregatieniveau/{M}begripLabel") or ""
        sidecar.onderdeel_van = _texts(child, "m:isOnderdeelVan/m:verwijzingIdentificatie/m:identificatieKenmerk")
        sidecar.bevat = _texts(child, "m:bevatOnderdeel/m:verwijzingIdentificatie/m:identificatieKenmerk")
    else:
        sidecar.omvang = int(child.findtext(M + "omvang"))
        sidecar.algoritme = child.findtext(f"{M}checksum/{M}checksumAlgoritme/{M}begripLabel") or ""
        sidecar.waarde = child.findtext(f"{M}checksum/{M}checksumWaarde") or ""
        sidecar.formaat_label = child.findtext(f"{M}bestandsformaat/{M}begripLabel") or ""
        sidecar.formaat_code = child.findtext(f"{M}bestandsformaat/{M}begripCode") or ""
        sidecar.formaat_lijst = child.findtext(f"{M}bestandsformaat/{M}begripBegrippenlijst/{M}verwijzingNaam") or ""
        sidecar.representatie_van = _texts(
            child, "m:isRepresentatieVan/m:verwijzingIdentificatie/m:identificatieKenmerk"
        )
    return sidecar


def _normalised(path: str, report: Report) -> str | None:
    if path.startswith("/") or path.startswith("\\"):
        report.add("naam", path, "absoluut pad")
        return None
    pure = PurePosixPath(path)
    parts = [part for part in pure.parts if part != "."]
    if ".." in parts:
        report.add("naam", path, "het pad verwijst naar een bovenliggende map (..)")
        return None
    return "/".join(parts)


def _file_hash(path: Path, algorithm: str) -> str:
    digest = hashlib.new(algorithm)
    with open(path, "rb") as handle:
        for chunk in _chunks(handle):
            digest.update(chunk)
    return digest.hexdigest()


def _hash_name(label: str) -> str | None:
    return ALGORITMEN.get(label.strip().lower())


class _PackageCheck:
    """The checks of one package (one container or one unpacked folder)."""

    def __init__(self, label: str, pakbon: Pakbon | None, report: Report) -> None:
        self.label = label
        self.pakbon = pakbon
        self.report = report
        self.algorithms = {"sha256"}
        if pakbon and _hash_name(pakbon.checksum_algoritme):
            self.algorithms.add(_hash_name(pakbon.checksum_algoritme))
        self.dirs: set[str] = set()
        self.files: dict[str, tuple[int, dict[str, str] | None]] = {}
        self.sidecars: dict[str, _Sidecar | None] = {}
        # path -> (size, digests); digests None for a file refused unread.
        # Hashes of the sidecars too: the checksum of an unpacked package covers every file.
        self.sidecar_digests: dict[str, dict[str, str]] = {}

    def where(self, path: str) -> str:
        return f"{self.label}:{path}"

    def visit(self, entry: _Entry) -> None:
        path = _normalised(entry.path, self.report)
        if path is None:
            return
        if not path:
            return
        if entry.kind not in ("file", "dir"):
            self.report.add("structuur", self.where(path), f"geen gewoon bestand of map maar een {entry.kind}")
            return
        parents = PurePosixPath(path).parents
        for parent in list(parents)[:-1]:
            self.dirs.add(parent.as_posix())
        if entry.kind == "dir":
            self.dirs.add(path)
            return
        if path in self.files or path in self.sidecars:
            self.report.add("naam", self.where(path), "komt twee keer voor")
            return
        if entry.refused:
            self.report.add("omvang", self.where(path), entry.refused)
            if path.endswith(INFORMATIEOBJECT_SIDECAR_SUFFIX):
                self.sidecars[path] = None
            else:
                self.files[path] = (entry.size, None)
            return
        if path.endswith(INFORMATIEOBJECT_SIDECAR_SUFFIX):
            limit = sidecar_max()
            # The declared size first (zip directory, tar header, file system): a large
            # sidecar is refused before one byte of it is read.
            data = _read_capped(entry.open(), limit) if entry.size <= limit else None
            if data is None:
                self.report.add("omvang", self.where(path), f"een MDTO-bestand groter dan {limit} bytes: niet gelezen")
                self.sidecars[path] = None
                return
            self.sidecars[path] = _read_sidecar(data, self.where(path), self.report)
            self.sidecar_digests[path] = {name: hashlib.new(name, data).hexdigest() for name in self.algorithms}
            return
        digests = {name: hashlib.new(name) for name in self.algorithms}
        size = 0
        for chunk in entry.open():
            size += len(chunk)
            for digest in digests.values():
                digest.update(chunk)
        self.files[path] = (size, {name: digest.hexdigest() for name, digest in digests.items()})

    def finish(self, container_hash: str | None, container_size: int | None) -> None:
        self._check_names()
        counts = self._check_structure()
        self._check_pakbon(counts, container_hash, container_size)

    def _check_names(self) -> None:
        seen: dict[str, set[str]] = defaultdict(set)
        for path in sorted(self.dirs | set(self.files) | set(self.sidecars)):
            pure = PurePosixPath(path)
            for problem in name_violations(pure.name):
                self.report.add("naam", self.where(path), problem)
            folder = pure.parent.as_posix()
            key = pure.name.casefold()
            if key in seen[folder]:
                self.report.add("naam", self.where(path), "de naam is niet uniek in de map (hoofdletterongevoelig)")
            seen[folder].add(key)

    def _check_structure(self) -> Counter:
        counts: Counter = Counter()
        for folder in sorted(self.dirs):
            name = PurePosixPath(folder).name
            own = f"{folder}/{name}{INFORMATIEOBJECT_SIDECAR_SUFFIX}"
            sidecar = self.sidecars.get(own)
            if own not in self.sidecars:
                self.report.add("structuur", self.where(folder), f"de map mist haar MDTO-bestand {name}.MDTO.xml")
                continue
            if sidecar is None:
                continue
            if sidecar.kind != "informatieobject":
                self.report.add("xsd", self.where(own), "bevat geen informatieobject")
                continue
            counts["informatieobjecten"] += 1
            parent = PurePosixPath(folder).parent.as_posix()
            if parent == ".":
                if sidecar.aggregatieniveau != "Dossier":
                    self.report.add(
                        "structuur", self.where(own), f"aggregatieniveau {sidecar.aggregatieniveau!r}, verwacht Dossier"
                    )
                counts["dossiers"] += 1
            else:
                parent_sidecar = self.sidecars.get(
                    f"{parent}/{PurePosixPath(parent).name}{INFORMATIEOBJECT_SIDECAR_SUFFIX}"
                )
                if (
                    parent_sidecar is not None
                    and parent_sidecar.kind == "informatieobject"
                    and (len(sidecar.onderdeel_van) != 1 or sidecar.onderdeel_van[0] not in parent_sidecar.kenmerken)
                ):
                    self.report.add(
                        "verwijzing",
                        self.where(own),
                        "isOnderdeelVan verwijst niet (precies één keer) naar de bovenliggende map "
                        f"({', '.join(parent_sidecar.kenmerken[:1])})",
                    )
        self._check_bevat_onderdeel()
        for path, sidecar in sorted(self.sidecars.items()):
            pure = PurePosixPath(path)
            if pure.parent.as_posix() == ".":
                self.report.add("structuur", self.where(path), "een MDTO-bestand hoort in de map van zijn object")
                continue
            if path.endswith(BESTAND_SIDECAR_SUFFIX):
                content = path[: -len(BESTAND_SIDECAR_SUFFIX)]
                self._check_bestand(path, content, sidecar, counts)
            elif pure.name != f"{pure.parent.name}{INFORMATIEOBJECT_SIDECAR_SUFFIX}":
                self.report.add("structuur", self.where(path), "een MDTO-bestand dat bij geen map of bestand hoort")
        for path in sorted(self.files):
            if f"{path}{BESTAND_SIDECAR_SUFFIX}" not in self.sidecars:
                self.report.add(
                    "structuur", self.where(path), f"het bestand mist {PurePosixPath(path).name}.bestand.MDTO.xml"
                )
            if PurePosixPath(path).parent.as_posix() == ".":
                self.report.add("structuur", self.where(path), "een bestand hoort in de map van zijn informatieobject")
        return counts

    def _own_sidecar(self, folder: str) -> _Sidecar | None:
        return self.sidecars.get(f"{folder}/{PurePosixPath(folder).name}{INFORMATIEOBJECT_SIDECAR_SUFFIX}")

    def _check_bevat_onderdeel(self) -> None:
        """An aggregation that lists its parts (bevatOnderdeel) lists exactly the folders inside it."""
        for folder in sorted(self.dirs):
            sidecar = self._own_sidecar(folder)
            if sidecar is None or sidecar.kind != "informatieobject" or not sidecar.bevat:
                continue
            children = [d for d in self.dirs if PurePosixPath(d).parent.as_posix() == folder]
            kenmerken = set()
            for child in children:
                child_sidecar = self._own_sidecar(child)
                if child_sidecar is not None and child_sidecar.kenmerken:
                    kenmerken.add(child_sidecar.kenmerken[0])
            if set(sidecar.bevat) != kenmerken or len(sidecar.bevat) != len(children):
                self.report.add(
                    "verwijzing",
                    self.where(f"{folder}/{PurePosixPath(folder).name}{INFORMATIEOBJECT_SIDECAR_SUFFIX}"),
                    "bevatOnderdeel noemt niet precies de onderdelen in de map",
                )

    def _check_bestand(self, path: str, content: str, sidecar: _Sidecar | None, counts: Counter) -> None:
        if content not in self.files:
            self.report.add("structuur", self.where(path), "het bestand waar dit MDTO-bestand bij hoort ontbreekt")
            return
        size, digests = self.files[content]
        counts["inhoud"] += 1
        counts["bytes"] += size
        if sidecar is None or digests is None:
            return
        if sidecar.kind != "bestand":
            self.report.add("xsd", self.where(path), "bevat geen bestand")
            return
        counts["bestanden"] += 1
        if sidecar.formaat_lijst != PRONOM_REGISTER or not sidecar.formaat_code:
            counts[("bijzonder", sidecar.formaat_label)] += 1
        if sidecar.naam != PurePosixPath(content).name:
            self.report.add("verwijzing", self.where(path), f"naam {sidecar.naam!r} is niet de naam van het bestand")
        folder = PurePosixPath(content).parent
        owner = self.sidecars.get(f"{folder.as_posix()}/{folder.name}{INFORMATIEOBJECT_SIDECAR_SUFFIX}")
        if owner is not None and (
            len(sidecar.representatie_van) != 1 or sidecar.representatie_van[0] not in owner.kenmerken
        ):
            self.report.add(
                "verwijzing", self.where(path), "isRepresentatieVan verwijst niet naar het informatieobject van de map"
            )
        if sidecar.omvang != size:
            self.report.add(
                "checksum", self.where(content), f"omvang {size} bytes, het MDTO-bestand zegt {sidecar.omvang}"
            )
        algorithm = _hash_name(sidecar.algoritme)
        if algorithm is None:
            self.report.add("checksum", self.where(path), f"onbekend checksumalgoritme {sidecar.algoritme!r}")
        elif algorithm not in digests:
            self.report.add(
                "checksum", self.where(path), f"checksumalgoritme {sidecar.algoritme} wijkt af van de pakbon"
            )
        elif digests[algorithm] != sidecar.waarde.strip().lower():
            self.report.add(
                "checksum",
                self.where(content),
                f"de checksum ({digests[algorithm]}) is niet die van het MDTO-bestand ({sidecar.waarde})",
            )

    def _check_pakbon(self, counts: Counter, container_hash: str | None, container_size: int | None) -> None:
        pakbon = self.pakbon
        if pakbon is None:
            return
        where = self.where("pakbon")
        expected = {
            "aantalInformatieobjecten": (pakbon.aantal_informatieobjecten, counts["informatieobjecten"]),
            "aantalBestanden": (pakbon.aantal_bestanden, counts["bestanden"]),
            "aantalInhoudsbestanden": (pakbon.aantal_inhoudsbestanden, counts["inhoud"]),
            "omvangInhoudsbestanden": (pakbon.omvang_inhoudsbestanden, counts["bytes"]),
        }
        for name, (stated, actual) in expected.items():
            if stated != actual:
                self.report.add("pakbon", where, f"{name} is {stated}, het pakket bevat {actual}")
        top = sorted(PurePosixPath(d).name for d in self.dirs if PurePosixPath(d).parent.as_posix() == ".")
        if sorted(name for name, _ in pakbon.dossiers) != top:
            self.report.add("pakbon", where, "de lijst dossiers wijkt af van de mappen in het pakket")
        special = Counter({key[1]: value for key, value in counts.items() if isinstance(key, tuple)})
        if special != pakbon.bijzondere_formaten:
            self.report.add("pakbon", where, "de bijzondere bestandsformaten wijken af van de bestanden")
        algorithm = _hash_name(pakbon.checksum_algoritme)
        if algorithm is None:
            self.report.add("pakbon", where, f"onbekend checksumalgoritme {pakbon.checksum_algoritme!r}")
        elif container_hash is None:
            manifest = {path: digests[algorithm] for path, (_, digests) in self.files.items() if digests}
            manifest.update({path: digests[algorithm] for path, digests in self.sidecar_digests.items()})
            if pakbon.checksum_waarde != manifest_hash(manifest, algorithm):
                self.report.add("checksum", where, "de checksum van het pakket is niet die van de pakbon")
        elif pakbon.checksum_waarde != container_hash:
            self.report.add(
                "checksum", where, f"de checksum van de container ({container_hash}) is niet die van de pakbon"
            )
        if container_size is not None and pakbon.omvang is not None and pakbon.omvang != container_size:
            self.report.add("pakbon", where, f"omvang {pakbon.omvang}, de container is {container_size} bytes")
        self.report.informatieobjecten += counts["informatieobjecten"]
        self.report.bestanden += counts["bestanden"]
        self.report.bytes += counts["bytes"]


def _read_beside(path: Path, limit: int) -> bytes | str:
    """The bytes of a plain file that is no link, at most `limit`; else why not (a text).

    Opened without following a link (O_NOFOLLOW), so a link swapped in after a check is
    not followed either.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return "ontbreekt"
    except OSError:
        return "is een link (symlink), geen gewoon bestand: niet gelezen" if path.is_symlink() else "is niet leesbaar"
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(handle.fileno())
        if not stat.S_ISREG(status.st_mode):
            return "is geen gewoon bestand: niet gelezen"
        if status.st_size > limit:
            return f"is groter dan {limit} bytes: niet gelezen"
        data = _read_capped(_capped_chunks(handle, limit), limit)
    return data if data is not None else f"is groter dan {limit} bytes: niet gelezen"


def _load_pakbon(path: Path, report: Report, label: str) -> Pakbon | None:
    data = _read_beside(path, sidecar_max())
    if isinstance(data, str):
        regel = "omvang" if "groter dan" in data else "pakbon" if data == "ontbreekt" else "structuur"
        report.add(regel, label, f"de pakbon {path.name} {data}")
        return None
    try:
        return read_pakbon(data)
    except PakbonError as exc:
        for error in exc.errors:
            report.add("pakbon", label, error)
        return None


def _validate_container(path: Path, report: Report) -> Pakbon | None:
    label = path.name
    stem = path.name.removesuffix(path.suffix)
    pakbon = _load_pakbon(path.with_name(f"{stem}.pakbon.xml"), report, label)
    check = _PackageCheck(label, pakbon, report)
    algorithm = _hash_name(pakbon.checksum_algoritme) if pakbon else "sha256"
    container_hash = _file_hash(path, algorithm or "sha256")
    try:
        entries = _tar_entries(path) if path.suffix == ".tar" else _zip_entries(path)
        for entry in entries:
            check.visit(entry)
    except (tarfile.TarError, zipfile.BadZipFile, OSError, EOFError) as exc:
        report.add("structuur", label, f"de container is niet leesbaar: {exc}")
        return pakbon
    check.finish(container_hash, path.stat().st_size)
    if pakbon and pakbon.naam != path.name:
        report.add("pakbon", f"{label}:pakbon", f"noemt container {pakbon.naam!r}")
    for checksum_file in sorted(path.parent.glob(f"{path.name}.*")):
        if checksum_file.name.endswith(".pakbon.xml") or checksum_file.suffix[1:] not in ("sha256", "sha512"):
            continue
        data = _read_beside(checksum_file, 4096)
        if isinstance(data, str):
            report.add("checksum", checksum_file.name, f"het checksumbestand {data}")
            continue
        stated = data.decode("ascii", "replace").split()[0:1]
        actual = _file_hash(path, checksum_file.suffix[1:])
        if stated != [actual]:
            report.add("checksum", checksum_file.name, "de checksum in dit bestand is niet die van de container")
    return pakbon


def _validate_folder(path: Path, report: Report) -> Pakbon | None:
    label = path.name
    pakbon = _load_pakbon(path / "pakbon.xml", report, label)
    check = _PackageCheck(label, pakbon, report)
    for entry in _folder_entries(path):
        check.visit(entry)
    check.finish(None, None)
    return pakbon


def validate_package(path: str | Path) -> Report:
    """Every violation in the package (or delivery folder) at `path`."""
    path = Path(path)
    report = Report()
    if path.is_file() and path.suffix in EXTENSIONS.values():
        pakbonnen = [_validate_container(path, report)]
    elif path.is_dir() and os.path.lexists(path / "pakbon.xml"):
        pakbonnen = [_validate_folder(path, report)]
    elif path.is_dir():
        containers = sorted(p for p in path.iterdir() if p.is_file() and p.suffix in EXTENSIONS.values())
        folders = sorted(p for p in path.iterdir() if p.is_dir() and os.path.lexists(p / "pakbon.xml"))
        if not containers and not folders:
            report.add("structuur", path.name, "geen container (.tar, .zip) en geen uitgepakt pakket gevonden")
        pakbonnen = [_validate_container(p, report) for p in containers] + [
            _validate_folder(p, report) for p in folders
        ]
        for pakbon_path in sorted(path.glob("*.pakbon.xml")):
            stem = pakbon_path.name.removesuffix(".pakbon.xml")
            if not any(p.name.removesuffix(p.suffix) == stem for p in containers):
                report.add("structuur", pakbon_path.name, "een pakbon zonder container")
        _check_series([p for p in pakbonnen if p is not None], report)
    else:
        report.add("structuur", str(path), "geen container, pakket of map")
        return report
    report.pakketten = len(pakbonnen)
    return report


def _check_series(pakbonnen: list[Pakbon], report: Report) -> None:
    """Containers of one package number 1..N, each saying N; no dossier in two of them."""
    by_package: dict[str, list[Pakbon]] = defaultdict(list)
    for pakbon in pakbonnen:
        by_package[pakbon.identificatie.rsplit("/", 1)[0]].append(pakbon)
    for package, members in by_package.items():
        numbers = sorted(p.volgnummer for p in members)
        totals = {p.aantal_pakketten for p in members}
        if len(totals) != 1 or numbers != list(range(1, totals.pop() + 1)):
            report.add("pakbon", package, f"de containers {numbers} vormen geen volledige reeks")
        identificaties = Counter(ident for p in members for _, ident in p.dossiers)
        for ident, count in identificaties.items():
            if count > 1:
                report.add("structuur", package, f"dossier {ident} zit in {count} containers")
