"""Benchmark: package and deliver a transfer to a local directory, beside `sha256sum`.

    python manage.py benchmark_overbrenging                # 1,000 cases x 5 documents, 2 GiB
    python manage.py benchmark_overbrenging --reduced      # 100 cases x 5 documents, 200 MiB

Writes the documents' content as files first (as a file-backed document store holds
them), then in the same run:
1. `sha256sum` over exactly those files: the reference throughput (one read, one hash);
2. the SIP build (MDTO sidecars validated against the XSD, every content byte read once,
   hashed for the bestand sidecar and the integriteit check, hashed into the container
   checksum, written into tar containers split at the maximum size) and delivery of the
   containers, pakbonnen and checksum files to a local directory;
3. verification, which reads each delivered container back (reported on its own).
A second reference, hashlib's SHA-256 over the same files, is printed as well: on CPUs
with SHA instructions OpenSSL hashes faster than coreutils, so it is the stricter one.

Prints throughput in MiB/s of content for each, our share of `sha256sum`'s, and the
peak resident memory of this process. Targets: at least 70% of `sha256sum`, under 250 MB.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand

from archief.overbrenging.builder import SipBuilder
from archief.overbrenging.mdto import DocumentGegevens, SipAfspraak, Verwijzing, ZaakGegevens
from archief.overbrenging.targets import LokaleMap
from archief.overbrenging.validation import validate_package

MiB = 1024**2
GiB = 1024**3
CHUNK = MiB
CLOCK = dt.datetime(2026, 11, 29, 12, 0, tzinfo=dt.UTC)


def _file_chunks(path: Path):
    def opener():
        with open(path, "rb") as handle:
            while chunk := handle.read(CHUNK):
                yield chunk

    return opener


class Command(BaseCommand):
    help = "Meet het verpakken en afleveren van een overbrenging naast sha256sum over dezelfde bestanden."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--zaken", type=int, default=1000)
        parser.add_argument("--documenten", type=int, default=5, help="Documenten per zaak.")
        parser.add_argument("--totaal", type=int, default=2 * GiB, help="Bytes inhoud in totaal (standaard 2 GiB).")
        parser.add_argument("--reduced", action="store_true", help="100 zaken, 200 MiB.")
        parser.add_argument("--max-container", type=int, default=GiB, help="Maximale containeromvang.")
        parser.add_argument("--map", help="Werkmap (standaard een tijdelijke map, daarna opgeruimd).")
        parser.add_argument("--valideer", action="store_true", help="Ook validate_sip over het afgeleverde pakket.")

    def handle(self, *args, **options) -> None:
        zaken, documenten, totaal = options["zaken"], options["documenten"], options["totaal"]
        if options["reduced"]:
            zaken, totaal = 100, 200 * MiB
        root = Path(options["map"] or tempfile.mkdtemp(prefix="benchmark-overbrenging-"))
        try:
            self._run(root, zaken, documenten, totaal, options)
        finally:
            if not options["map"]:
                shutil.rmtree(root, ignore_errors=True)

    def _run(self, root: Path, zaken: int, documenten: int, totaal: int, options) -> None:
        bron, staging, edepot = root / "documenten", root / "werk", root / "edepot"
        bron.mkdir(parents=True, exist_ok=True)
        grootte = totaal // (zaken * documenten)
        self.stdout.write(f"Inhoud schrijven: {zaken} zaken x {documenten} documenten x {grootte} bytes ...")
        gegevens = self._gegevens(bron, zaken, documenten, grootte)
        files = sorted(bron.iterdir())
        content_bytes = sum(p.stat().st_size for p in files)

        start = time.perf_counter()
        for batch in range(0, len(files), 500):
            subprocess.run(["sha256sum", *map(str, files[batch : batch + 500])], check=True, stdout=subprocess.DEVNULL)
        reference = time.perf_counter() - start
        # A second, stricter reference: OpenSSL's SHA-256 through hashlib, which is faster
        # than coreutils' sha256sum where the CPU has SHA instructions.
        start = time.perf_counter()
        for path in files:
            with open(path, "rb") as handle:
                hashlib.file_digest(handle, "sha256")
        reference_hashlib = time.perf_counter() - start

        afspraak = SipAfspraak(
            archiefvormer=Verwijzing("Gemeente Benchmark"),
            identificatiebron="Benchmark",
            beperking_label="Beperkt openbaar",
            beperking_code="",
            beperking_jaren=75,
            max_omvang=options["max_container"],
        )
        builder = SipBuilder(afspraak, naam="benchmark", clock=CLOCK, out_dir=staging)
        doel = LokaleMap(edepot)
        start = time.perf_counter()
        containers = builder.build(gegevens)
        for container in containers:
            doel.plaats(container.pad, container.pad.name)
            doel.plaats(container.pakbon_pad, container.pakbon_pad.name)
            checksum_file = staging / f"{container.pad.name}.sha256"
            doel.plaats(checksum_file, checksum_file.name)
        ours = time.perf_counter() - start

        start = time.perf_counter()
        for container in containers:
            assert doel.checksum(container.pad.name, "sha256") == container.checksum, container.pad.name
        verification = time.perf_counter() - start

        failed = [item.fout for c in containers for item in c.items if not item.ok]
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        mib = content_bytes / MiB
        self.stdout.write(
            f"content: {zaken} cases x {documenten} documents, {content_bytes} bytes ({mib:.0f} MiB); "
            f"{len(containers)} tar containers of at most {options['max_container']} bytes; {len(failed)} failed items"
        )
        self.stdout.write(
            f"sha256sum over the same files:   {reference:7.2f} s  {mib / reference:8.1f} MiB/s  (reference)"
        )
        self.stdout.write(
            f"hashlib.sha256 over the files:   {reference_hashlib:7.2f} s  {mib / reference_hashlib:8.1f} MiB/s  "
            "(stricter reference)"
        )
        self.stdout.write(
            f"package + deliver (local dir):   {ours:7.2f} s  {mib / ours:8.1f} MiB/s  "
            f"({100 * reference / ours:.0f}% of sha256sum, target >= 70%; "
            f"{100 * reference_hashlib / ours:.0f}% of hashlib.sha256)"
        )
        self.stdout.write(
            f"verify (read back containers):   {verification:7.2f} s  {mib / verification:8.1f} MiB/s  "
            f"(package + deliver + verify: {100 * reference / (ours + verification):.0f}% of sha256sum)"
        )
        self.stdout.write(f"peak resident memory:            {peak / MiB:7.1f} MiB  (target < 250 MB)")
        if options["valideer"]:
            report = validate_package(edepot)
            self.stdout.write(f"validate_sip: {'ok' if report.ok else report.violations[:5]}")
        os.sync()

    def _gegevens(self, bron: Path, zaken: int, documenten: int, grootte: int) -> list[ZaakGegevens]:
        # Distinct content per file from a random block and a per-file header; cheap to write.
        block = os.urandom(4 * MiB)
        result = []
        for z in range(1, zaken + 1):
            docs = []
            for d in range(1, documenten + 1):
                identificatie = f"DOC-{z:05d}-{d}"
                path = bron / f"{identificatie}.pdf"
                digest = hashlib.sha256()
                with open(path, "wb") as handle:
                    head = f"%PDF-1.7\n% {identificatie}\n".encode()
                    remaining = grootte
                    for piece in (head, block):
                        while remaining > 0 and piece:
                            part = piece[:remaining]
                            handle.write(part)
                            digest.update(part)
                            remaining -= len(part)
                            if piece is head:
                                break
                eio = {
                    "url": f"http://localhost:8000/documenten/api/v1/enkelvoudiginformatieobjecten/{z}-{d}",
                    "identificatie": identificatie,
                    "titel": f"Document {d} van zaak {z}",
                    "vertrouwelijkheidaanduiding": "openbaar",
                    "status": "gearchiveerd",
                    "formaat": "application/pdf",
                    "taal": "dut",
                    "bestandsnaam": path.name,
                    "bestandsomvang": grootte,
                    "creatiedatum": "2005-01-01",
                    "integriteit": {"algoritme": "sha_256", "waarde": digest.hexdigest(), "datum": "2005-01-01"},
                }
                docs.append(DocumentGegevens(eio, _file_chunks(path)))
            result.append(
                ZaakGegevens(
                    zaak={
                        "url": f"http://localhost:8000/zaken/api/v1/zaken/{z}",
                        "identificatie": f"ZAAK-{z:05d}",
                        "omschrijving": f"Benchmarkzaak {z}",
                        "startdatum": "2005-01-01",
                        "einddatum": "2005-06-30",
                        "registratiedatum": "2005-01-01",
                        "archiefnominatie": "blijvend_bewaren",
                        "archiefstatus": "gearchiveerd",
                        "vertrouwelijkheidaanduiding": "zaakvertrouwelijk",
                    },
                    zaaktype={"url": "http://localhost:8000/catalogi/api/v1/zaaktypen/1", "omschrijving": "Benchmark"},
                    documenten=docs,
                )
            )
        return result
