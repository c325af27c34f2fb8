"""Benchmark: upload and download of one large file through the Documenten API, in parts.

Starts gunicorn as `bin/run` does (`config/gunicorn.py`: 2 workers of 4 threads, access log
on) on a fresh SQLite database and a storage folder of its own, makes a published
informatieobjecttype through the Catalogi API, then over real HTTP: announces the file with
`bestandsomvang`, PUTs every bestandsdeel as multipart/form-data (`lock`, `inhoud`),
unlocks, and downloads it again. Prints the throughput of each direction beside a plain
disk copy (`shutil.copyfile` + sync; the median of three before and three after the
transfers) of the same file on the same disk, and the peak resident memory (VmHWM) of the
server's workers and master process.

    python manage.py bench_documenten --size 1GiB
    python manage.py bench_documenten --size 64MiB     # CI size
"""

from __future__ import annotations

import hashlib
import http.client
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from common.auth import jwt_encode

UNITS = {"": 1, "B": 1, "KIB": 1024, "MIB": 1024**2, "GIB": 1024**3, "KB": 1000, "MB": 1000**2, "GB": 1000**3}
CHUNK = 1024 * 1024
# The disk copy is short and swings with what else the machine does: the median of a few
# before and as many after the transfers (whatever comes first gets the memory just freed).
DISK_COPIES = 3


def parse_size(text: str) -> int:
    value = text.strip().upper()
    number = value.rstrip("KMGIB")
    unit = value[len(number) :]
    if not number.isdigit() or unit not in UNITS:
        raise CommandError(f"Size {text!r}: use e.g. 1GiB, 256MiB, 1000000.")
    return int(number) * UNITS[unit]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def peak_rss_kib(pid: int) -> int:
    """VmHWM: the most resident memory the process ever had."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _gunicorn(app: str, port: int, env: dict | None, log: Path) -> subprocess.Popen:
    """gunicorn with the configuration of `bin/run`; its access log and errors go to `log`."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    with open(log, "ab") as output:
        return subprocess.Popen(
            [
                str(gunicorn),
                app,
                "--config",
                str(settings.BASE_DIR / "config" / "gunicorn.py"),
                "--bind",
                f"127.0.0.1:{port}",
                "--access-logfile",
                "-",
                "--no-control-socket",
            ],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


class PartClient:
    """PUTs bestandsdelen as multipart/form-data (`lock`, then `inhoud`) over one kept-alive connection.

    The file's bytes go from the page cache to the socket with sendfile and the download
    is read into one buffer, so the client spends little of the machine's CPU on what it
    sends and receives; the server gets the same body any multipart client sends.
    """

    def __init__(self, base: str, headers: dict[str, str]) -> None:
        address = urlsplit(base)
        self._connection = http.client.HTTPConnection(address.hostname, address.port, timeout=600)
        self._headers = headers

    def close(self) -> None:
        self._connection.close()

    def put_part(self, url: str, lock: str, source, offset: int, count: int) -> tuple[int, bytes]:
        boundary = "deel" + secrets.token_hex(16)
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="lock"\r\n\r\n{lock}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="inhoud"; filename="deel.bin"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        tail = f"\r\n--{boundary}--\r\n".encode()
        connection = self._connection
        connection.putrequest("PUT", urlsplit(url).path)
        for name, value in self._headers.items():
            connection.putheader(name, value)
        connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
        connection.putheader("Content-Length", str(len(head) + count + len(tail)))
        connection.endheaders(head)
        if count:
            connection.sock.sendfile(source, offset, count)
        connection.send(tail)
        response = connection.getresponse()
        return response.status, response.read()

    def download(self, url: str, target: Path) -> int:
        self._connection.request("GET", urlsplit(url).path, headers=self._headers)
        response = self._connection.getresponse()
        if response.status != 200:
            raise CommandError(f"Download answered {response.status}: {response.read()[:500]!r}")
        buffer = bytearray(CHUNK)
        view = memoryview(buffer)
        received = 0
        with open(target, "wb", buffering=0) as handle:
            while count := response.readinto(buffer):
                handle.write(view[:count])
                received += count
        return received


class Command(BaseCommand):
    help = "Upload and download a large file through the Documenten API in parts; compare with a disk copy."

    def add_arguments(self, parser):
        parser.add_argument("--size", default="1GiB", help="File size, e.g. 1GiB (default) or 64MiB for CI.")
        parser.add_argument("--workdir", default="", help="Folder for the file, the copy and the server's storage.")

    def handle(self, *args, **options):
        size = parse_size(options["size"])
        workdir = Path(options["workdir"] or tempfile.mkdtemp(prefix="bench-documenten-", dir=settings.VAR_DIR))
        workdir.mkdir(parents=True, exist_ok=True)
        try:
            self._run(size, workdir)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)

    def _run(self, size: int, workdir: Path) -> None:
        self._started = time.time()
        self._load = os.getloadavg()
        source = workdir / "source.bin"
        self.stdout.write(f"Writing a {size / 2**20:.0f} MiB test file ...")
        expected = self._write_source(source, size)

        before = [self._disk_copy(source, workdir / f"copy-{n}.bin") for n in range(DISK_COPIES)]

        port = free_port()
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
            "SITE_URL": f"http://127.0.0.1:{port}",
            "MEDIA_ROOT": str(workdir / "media"),
            "DOCUMENTEN_STORAGE_OPTIONS": "",
        }
        env.pop("CELERY_BROKER_URL", None)
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], env=env, check=True, cwd=settings.BASE_DIR)
        server = _gunicorn("config.wsgi", port, env, workdir / "server.log")
        try:
            base = f"http://127.0.0.1:{port}"
            self._wait(base)
            token = jwt_encode(settings.API_CLIENT_ID, settings.API_CLIENT_SECRET, user_id="bench")
            headers = {"Authorization": f"Bearer {token}", "Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}
            self._headers = headers
            with httpx.Client(base_url=base, headers=headers, timeout=600) as http:
                iotype = self._iotype(http)
                upload_seconds, document = self._upload(http, iotype, source, size)
                download_seconds = self._download(http, document, workdir / "download.bin")
            rss_worker = max((peak_rss_kib(pid) for pid in children(server.pid)), default=0)
            rss_master = peak_rss_kib(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)

        after = [self._disk_copy(source, workdir / f"copy-{n}.bin") for n in range(DISK_COPIES, 2 * DISK_COPIES)]
        copies = before + after
        sink_seconds = self._sink(source, size, workdir)
        if self._sha_of(workdir / "download.bin") != expected or document["integriteit"]["waarde"] != expected:
            raise CommandError("The downloaded file or the stored SHA-256 differs from the source.")
        self._report(size, copies, sink_seconds, upload_seconds, download_seconds, rss_worker, rss_master)

    def _disk_copy(self, source: Path, target: Path) -> float:
        """One copy, synced to disk; the source is synced first so only the copy is timed.

        The copy stays until the end of the run, as the uploaded and downloaded files do:
        a copy into memory another copy just freed is several times faster on this virtual
        machine than one into memory not touched for a while, and the transfers get no such
        freed memory either.
        """
        os.sync()
        started = time.perf_counter()
        shutil.copyfile(source, target)
        os.sync()
        return time.perf_counter() - started

    def _sink(self, source: Path, size: int, workdir: Path) -> float:
        """PUT the file in the same parts to gunicorn serving a body-dropping app (`_bench_sink`)."""
        port = free_port()
        server = _gunicorn("documenten.management.commands._bench_sink:app", port, None, workdir / "sink.log")
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.time() + 30
            while time.time() < deadline:
                try:
                    httpx.put(base, content=b"", timeout=2)
                    break
                except httpx.HTTPError:
                    time.sleep(0.2)
            part = settings.DOCUMENTEN_BESTANDSDEEL_SIZE
            client = PartClient(base, {})
            started = time.perf_counter()
            with open(source, "rb") as handle:
                for offset in range(0, size, part):
                    status, body = client.put_part(base + "/", "x", handle, offset, min(part, size - offset))
                    if status != 204:
                        raise CommandError(f"The sink answered {status}: {body[:500]!r}")
            client.close()
            return time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=30)

    def _write_source(self, path: Path, size: int) -> str:
        digest = hashlib.sha256()
        block = os.urandom(CHUNK)
        with open(path, "wb") as handle:
            written = 0
            while written < size:
                data = block[: min(CHUNK, size - written)]
                # vary each block so nothing downstream can take a shortcut on repeats
                data = written.to_bytes(8, "big") + data[8:] if len(data) >= 8 else data
                handle.write(data)
                digest.update(data)
                written += len(data)
        return digest.hexdigest()

    def _sha_of(self, path: Path) -> str:
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
        return digest.hexdigest()

    def _wait(self, base: str) -> None:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                httpx.get(base + "/documenten/api/v1/schema/openapi.yaml", timeout=2)
                return
            except httpx.HTTPError:
                time.sleep(0.3)
        raise CommandError("The server did not start.")

    def _iotype(self, http: httpx.Client) -> str:
        root = "/catalogi/api/v1/"
        catalogus = http.post(
            root + "catalogussen", json={"domein": "BENCH", "rsin": "002220647", "contactpersoonBeheerNaam": "Bench"}
        )
        catalogus.raise_for_status()
        iotype = http.post(
            root + "informatieobjecttypen",
            json={
                "catalogus": catalogus.json()["url"],
                "omschrijving": "Groot bestand",
                "vertrouwelijkheidaanduiding": "openbaar",
                "informatieobjectcategorie": "Bestand",
                "beginGeldigheid": "2020-01-01",
            },
        )
        iotype.raise_for_status()
        http.post(iotype.json()["url"] + "/publish").raise_for_status()
        return iotype.json()["url"]

    def _upload(self, http: httpx.Client, iotype: str, source: Path, size: int) -> tuple[float, dict]:
        started = time.perf_counter()
        response = http.post(
            "/documenten/api/v1/enkelvoudiginformatieobjecten",
            json={
                "bronorganisatie": "002220647",
                "creatiedatum": "2024-05-01",
                "titel": "Benchmark",
                "auteur": "bench",
                "taal": "dut",
                "bestandsnaam": "bench.bin",
                "bestandsomvang": size,
                "informatieobjecttype": iotype,
            },
        )
        if response.status_code != 201:
            raise CommandError(f"Create answered {response.status_code}: {response.text[:500]}")
        document = response.json()
        delen = document["bestandsdelen"]
        self.stdout.write(f"Uploading {len(delen)} parts of {delen[0]['omvang'] / 2**20:.0f} MiB ..." if delen else "")
        client = PartClient(str(http.base_url), self._headers)
        offset = 0
        with open(source, "rb") as handle:
            for deel in delen:
                status, body = client.put_part(deel["url"], deel["lock"], handle, offset, deel["omvang"])
                if status != 200:
                    raise CommandError(f"Part {deel['volgnummer']} answered {status}: {body[:500]!r}")
                offset += deel["omvang"]
        client.close()
        unlock = http.post(document["url"] + "/unlock", json={"lock": delen[0]["lock"] if delen else ""})
        if unlock.status_code != 204:
            raise CommandError(f"Unlock answered {unlock.status_code}: {unlock.text[:500]}")
        seconds = time.perf_counter() - started
        return seconds, http.get(document["url"]).json()

    def _download(self, http: httpx.Client, document: dict, target: Path) -> float:
        client = PartClient(str(http.base_url), self._headers)
        os.sync()  # what the upload left in the page cache is not the download's to write out
        started = time.perf_counter()
        client.download(document["inhoud"], target)
        os.sync()
        seconds = time.perf_counter() - started
        client.close()
        return seconds

    def _report(self, size, copies, sink, upload, download, rss_worker, rss_master) -> None:
        mib = size / 2**20
        # The true median of the copies' times (the mean of the middle two for an even count).
        disk = statistics.median(copies)

        def rate(seconds: float) -> float:
            return mib / seconds if seconds else float("inf")

        started = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(self._started))
        lines = [
            f"measured                          {started}, load average before {self._load[0]:.2f}, "
            f"after {os.getloadavg()[0]:.2f} (1 min)",
            f"file size                         {mib:10.0f} MiB",
            f"disk copy (shutil.copyfile, sync) {rate(disk):10.1f} MiB/s   {disk:7.2f} s   "
            f"median of {len(copies)}, in order: " + ", ".join(f"{rate(c):.0f}" for c in copies) + " MiB/s",
            f"HTTP ceiling (PUTs, body dropped) {rate(sink):10.1f} MiB/s   {sink:7.2f} s   "
            f"{rate(sink) / rate(disk):5.0%} of disk copy",
            f"upload in parts (HTTP)            {rate(upload):10.1f} MiB/s   {upload:7.2f} s   "
            f"{rate(upload) / rate(disk):5.0%} of disk copy",
            f"download (HTTP, streamed)         {rate(download):10.1f} MiB/s   {download:7.2f} s   "
            f"{rate(download) / rate(disk):5.0%} of disk copy",
            f"server peak RSS (largest worker)  {rss_worker / 1024:10.1f} MiB",
            f"server peak RSS (master)          {rss_master / 1024:10.1f} MiB",
            "SHA-256 of the download and of `integriteit` match the source.",
        ]
        self.stdout.write("\n".join(lines))
