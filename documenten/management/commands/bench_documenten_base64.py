"""Benchmark: one large file through the Documenten API as base64 `inhoud` and in
bestandsdelen, with the server worker's peak memory beside the file size.

For each way of uploading, gunicorn starts afresh as `bin/run` starts it
(`config/gunicorn.py`: 2 workers of 4 threads) on a SQLite database and a storage folder of
its own, so the peak resident memory (VmHWM) of its workers belongs to that transfer alone.
Then, over real HTTP:

- base64: one `POST /enkelvoudiginformatieobjecten` whose JSON carries the whole file as
  base64 `inhoud`, encoded by the client while it sends (the body is never whole in the
  client's memory either);
- bestandsdelen: the file announced with `bestandsomvang`, its parts PUT as
  multipart/form-data, then unlocked;

and each time the file is downloaded again and its SHA-256 compared with the source and
with `integriteit`. Printed per way: the throughput of the upload and the download, and the
workers' peak memory after start-up (idle) and after the transfers.

    python manage.py bench_documenten_base64 --size 1GiB
    python manage.py bench_documenten_base64 --size 20MiB     # CI size
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import os
import shutil
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

from .bench_documenten import CHUNK, PartClient, _gunicorn, children, free_port, parse_size, peak_rss_kib

EIO = "/documenten/api/v1/enkelvoudiginformatieobjecten"
# The client reads and encodes the file this many bytes at a time (a multiple of 3, so every
# piece encodes without padding but the last).
ENCODE_BLOCK = 3 * 1024 * 1024
METHODS = ("base64", "bestandsdelen")


def _metadata(iotype: str) -> dict:
    return {
        "bronorganisatie": "002220647",
        "creatiedatum": "2024-05-01",
        "titel": "Benchmark",
        "auteur": "bench",
        "taal": "dut",
        "bestandsnaam": "bench.bin",
        "informatieobjecttype": iotype,
    }


class Command(BaseCommand):
    help = "Upload and download a large file as base64 inhoud and in bestandsdelen; print the worker's peak memory."

    def add_arguments(self, parser):
        parser.add_argument("--size", default="1GiB", help="File size, e.g. 1GiB (default) or 20MiB for CI.")
        parser.add_argument("--workdir", default="", help="Folder for the file and the servers' storage.")

    def handle(self, *args, **options):
        size = parse_size(options["size"])
        workdir = Path(options["workdir"] or tempfile.mkdtemp(prefix="bench-base64-", dir=settings.VAR_DIR))
        workdir.mkdir(parents=True, exist_ok=True)
        try:
            self._run(size, workdir)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)

    def _run(self, size: int, workdir: Path) -> None:
        started, load = time.time(), os.getloadavg()
        source = workdir / "source.bin"
        self.stdout.write(f"Writing a {size / 2**20:.0f} MiB test file ...")
        expected = self._write_source(source, size)
        results = {method: self._transfer(method, source, size, expected, workdir) for method in METHODS}
        self._report(size, started, load, results)

    def _transfer(self, method: str, source: Path, size: int, expected: str, workdir: Path) -> dict:
        """Upload and download the file one way, on a fresh server; its figures."""
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{workdir / f'{method}.sqlite3'}",
            "SITE_URL": base,
            "MEDIA_ROOT": str(workdir / f"media-{method}"),
            "DOCUMENTEN_STORAGE_OPTIONS": "",
        }
        env.pop("CELERY_BROKER_URL", None)
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], env=env, check=True, cwd=settings.BASE_DIR)
        server = _gunicorn("config.wsgi", port, env, workdir / f"server-{method}.log")
        try:
            self._wait(base)
            token = jwt_encode(settings.API_CLIENT_ID, settings.API_CLIENT_SECRET, user_id="bench")
            headers = {"Authorization": f"Bearer {token}", "Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}
            with httpx.Client(base_url=base, headers=headers, timeout=600) as client:
                iotype = self._iotype(client)
                # both workers have served requests of every kind but the transfer: their idle peak
                for _ in range(8):
                    client.get(EIO).raise_for_status()
                idle = max((peak_rss_kib(pid) for pid in children(server.pid)), default=0)
                how = "as base64 inhoud" if method == "base64" else "in bestandsdelen"
                self.stdout.write(f"Uploading {size / 2**20:.0f} MiB {how} ...")
                began = time.perf_counter()
                if method == "base64":
                    document = self._upload_base64(base, headers, iotype, source, size)
                else:
                    document = self._upload_parts(client, headers, iotype, source, size)
                upload = time.perf_counter() - began
                document = client.get(document["url"]).json()
                target = workdir / f"download-{method}.bin"
                parts = PartClient(base, headers)
                began = time.perf_counter()
                parts.download(document["inhoud"], target)
                download = time.perf_counter() - began
                parts.close()
            peak = max((peak_rss_kib(pid) for pid in children(server.pid)), default=0)
        finally:
            server.terminate()
            server.wait(timeout=30)
        if self._sha_of(target) != expected or document["integriteit"]["waarde"] != expected:
            raise CommandError(f"{method}: the downloaded file or the stored SHA-256 differs from the source.")
        target.unlink()
        shutil.rmtree(workdir / f"media-{method}", ignore_errors=True)
        return {"upload": upload, "download": download, "idle": idle, "peak": peak}

    def _upload_base64(self, base: str, headers: dict, iotype: str, source: Path, size: int) -> dict:
        """POST the document with the file as base64 `inhoud`, encoded while it is sent."""
        metadata = json.dumps(_metadata(iotype))
        head = (metadata[:-1] + ', "inhoud": "').encode()
        tail = b'"}'
        encoded_length = 4 * ((size + 2) // 3)
        address = urlsplit(base)
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=600)
        try:
            connection.putrequest("POST", EIO)
            for name, value in headers.items():
                connection.putheader(name, value)
            connection.putheader("Content-Type", "application/json")
            connection.putheader("Content-Length", str(len(head) + encoded_length + len(tail)))
            connection.endheaders(head)
            with open(source, "rb") as handle:
                while block := handle.read(ENCODE_BLOCK):
                    connection.send(base64.b64encode(block))
            connection.send(tail)
            response = connection.getresponse()
            body = response.read()
        finally:
            connection.close()
        if response.status != 201:
            raise CommandError(f"Create with base64 answered {response.status}: {body[:500]!r}")
        return json.loads(body)

    def _upload_parts(self, client: httpx.Client, headers: dict, iotype: str, source: Path, size: int) -> dict:
        response = client.post(EIO, json={**_metadata(iotype), "bestandsomvang": size})
        if response.status_code != 201:
            raise CommandError(f"Create answered {response.status_code}: {response.text[:500]}")
        document = response.json()
        parts = PartClient(str(client.base_url), headers)
        offset = 0
        with open(source, "rb") as handle:
            for deel in document["bestandsdelen"]:
                status, body = parts.put_part(deel["url"], deel["lock"], handle, offset, deel["omvang"])
                if status != 200:
                    raise CommandError(f"Part {deel['volgnummer']} answered {status}: {body[:500]!r}")
                offset += deel["omvang"]
        parts.close()
        lock = document["bestandsdelen"][0]["lock"] if document["bestandsdelen"] else ""
        unlock = client.post(document["url"] + "/unlock", json={"lock": lock})
        if unlock.status_code != 204:
            raise CommandError(f"Unlock answered {unlock.status_code}: {unlock.text[:500]}")
        return document

    def _write_source(self, path: Path, size: int) -> str:
        digest = hashlib.sha256()
        block = os.urandom(CHUNK)
        with open(path, "wb") as handle:
            written = 0
            while written < size:
                data = block[: min(CHUNK, size - written)]
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

    def _iotype(self, client: httpx.Client) -> str:
        root = "/catalogi/api/v1/"
        catalogus = client.post(
            root + "catalogussen", json={"domein": "BENCH", "rsin": "002220647", "contactpersoonBeheerNaam": "Bench"}
        )
        catalogus.raise_for_status()
        iotype = client.post(
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
        client.post(iotype.json()["url"] + "/publish").raise_for_status()
        return iotype.json()["url"]

    def _report(self, size: int, started: float, load: tuple, results: dict) -> None:
        mib = size / 2**20

        def rate(seconds: float) -> str:
            return f"{mib / seconds:8.1f} MiB/s {seconds:7.2f} s" if seconds else "       -"

        moment = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(started))
        lines = [
            f"measured       {moment}, load average before {load[0]:.2f}, after {os.getloadavg()[0]:.2f} (1 min)",
            f"file size      {mib:.0f} MiB",
            "way            upload                    download                  worker peak RSS idle -> after transfer",
        ]
        for method, result in results.items():
            lines.append(
                f"{method:<14} {rate(result['upload'])}   {rate(result['download'])}   "
                f"{result['idle'] / 1024:7.1f} MiB -> {result['peak'] / 1024:7.1f} MiB "
                f"(+{(result['peak'] - result['idle']) / 1024:.1f} MiB for a {mib:.0f} MiB file)"
            )
        lines.append("SHA-256 of each download and of `integriteit` match the source.")
        self.stdout.write("\n".join(lines))
