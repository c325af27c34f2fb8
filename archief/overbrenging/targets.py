"""Where containers are delivered: a local directory, an SFTP server or S3-compatible storage.

All targets share one small interface so the transfer does not care which it is. A
container is written under a temporary name and renamed when complete, so the archive
never sees half a file under the final name; a target that already holds the complete
file (same size and checksum) is not written again, so a resumed transfer delivers
nothing twice. `checksum` reads the delivered file back, for verification.

The local directory is complete here. SFTP (paramiko) and S3 (boto3) are optional
dependencies, imported only when such a target is used.

Targets are the operator's: an agreement (API input) may name only an SFTP server on
`OVERBRENGING_SFTP_HOSTS`, an S3 endpoint on `OVERBRENGING_S3_ENDPOINTS`, or a directory
under `OVERBRENGING_LOCAL_ROOT` (symlinks and `..` resolved first). `doel_fouten` says what
is wrong at input; `doel_voor` checks again before every delivery, so an agreement stored
before a setting changed cannot reach further than the settings allow now. Every failure to
connect gets one message, so the worker cannot be used to tell an open port from a closed one.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from django.conf import settings

from common.exceptions import DomainError
from common.safe_urls import normalise_url

from .names import name_violations

logger = logging.getLogger(__name__)

CHUNK = 1024 * 1024


class DeliveryError(Exception):
    """The target refused or failed a delivery."""


# The one answer for every failure to reach a target: refused, timed out, no SSH there, a
# wrong host key. The details go to the log, for the operator.
ONBEREIKBAAR = "Het afleverdoel is niet bereikbaar of weigerde de verbinding."


def lokale_map_pad(locatie: str) -> Path | None:
    """The directory `locatie` names, resolved, if it lies under OVERBRENGING_LOCAL_ROOT."""
    root = Path(settings.OVERBRENGING_LOCAL_ROOT).resolve()
    if not locatie or "\x00" in locatie:
        return None
    pad = (root / locatie).resolve()
    return pad if pad.is_relative_to(root) else None


def _sftp_toegestaan(host: str, poort: int) -> bool:
    toegestaan = {entry.strip().lower() for entry in settings.OVERBRENGING_SFTP_HOSTS}
    return f"{host.strip().lower()}:{poort}" in toegestaan


def _s3_toegestaan(endpoint: str) -> bool:
    toegestaan = set(settings.OVERBRENGING_S3_ENDPOINTS)
    if not endpoint:
        return "default" in toegestaan
    normalised = normalise_url(endpoint)
    return normalised is not None and normalised in {normalise_url(e) for e in toegestaan if e != "default"}


def sleutelbestand_pad(sleutelbestand: str) -> Path | None:
    """The SFTP key file `sleutelbestand` names, resolved, if it lies under
    OVERBRENGING_SLEUTEL_ROOT: a file on this machine is the operator's, never any path an
    API client names."""
    root = Path(settings.OVERBRENGING_SLEUTEL_ROOT).resolve()
    if "\x00" in sleutelbestand:
        return None
    pad = (root / sleutelbestand).resolve()
    return pad if pad.is_relative_to(root) and pad != root else None


def doel_fouten(
    *, doel_type: str, locatie: str, host: str = "", poort: int = 22, endpoint: str = "", sleutelbestand: str = ""
) -> dict[str, str]:
    """Per field, why this delivery target is not one the operator allows (empty: allowed)."""
    if doel_type == "sftp":
        if not _sftp_toegestaan(host, poort):
            return {"doel_host": f"{host}:{poort} staat niet in OVERBRENGING_SFTP_HOSTS van deze installatie."}
        if sleutelbestand and sleutelbestand_pad(sleutelbestand) is None:
            return {
                "doel_sleutelbestand": "Een sleutelbestand moet onder OVERBRENGING_SLEUTEL_ROOT van deze "
                "installatie liggen."
            }
        return {}
    if doel_type == "s3":
        if not _s3_toegestaan(endpoint):
            return {"doel_endpoint": "Dit endpoint staat niet in OVERBRENGING_S3_ENDPOINTS van deze installatie."}
        return {}
    if lokale_map_pad(locatie) is None:
        return {"doel_locatie": "Een lokale map moet onder OVERBRENGING_LOCAL_ROOT van deze installatie liggen."}
    return {}


def _checked(naam: str) -> str:
    problems = name_violations(naam)
    if problems:
        raise DeliveryError(f"{naam!r} is geen veilige bestandsnaam: {'; '.join(problems)}")
    return naam


class Doel(Protocol):
    def omvang(self, naam: str) -> int | None: ...

    def plaats(self, bron: Path, naam: str) -> None: ...

    def checksum(self, naam: str, algorithm: str) -> str: ...


class LokaleMap:
    """A directory on this machine (or a mounted share)."""

    def __init__(self, locatie: str | Path) -> None:
        self.root = Path(locatie)

    def _pad(self, naam: str) -> Path:
        return self.root / _checked(naam)

    def omvang(self, naam: str) -> int | None:
        pad = self._pad(naam)
        return pad.stat().st_size if pad.is_file() else None

    def plaats(self, bron: Path, naam: str) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        doel = self._pad(naam)
        tijdelijk = self.root / f".{naam}.deel"
        tijdelijk.unlink(missing_ok=True)
        try:
            # Same file system: a hard link costs no copy and no extra space.
            os.link(bron, tijdelijk)
        except OSError:
            with open(bron, "rb") as src, open(tijdelijk, "wb") as dst:
                shutil.copyfileobj(src, dst, CHUNK)
                dst.flush()
                os.fsync(dst.fileno())
        os.replace(tijdelijk, doel)

    def checksum(self, naam: str, algorithm: str) -> str:
        digest = hashlib.new(algorithm)
        with open(self._pad(naam), "rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
        return digest.hexdigest()


class SFTPMap:
    """A directory on an SFTP server (paramiko).

    The client key comes from a file, never the database; the server is trusted only by
    its host key: the one the agreement records, or the system's known_hosts.
    """

    def __init__(
        self, *, host: str, poort: int, gebruiker: str, sleutelbestand: str, locatie: str, hostsleutel: str = ""
    ) -> None:
        self.host, self.poort, self.gebruiker, self.sleutelbestand = host, poort, gebruiker, sleutelbestand
        self.locatie = locatie.rstrip("/")
        self.hostsleutel = hostsleutel

    @contextmanager
    def _sftp(self) -> Iterator:
        import paramiko

        client = paramiko.SSHClient()
        client.load_system_host_keys()
        if self.hostsleutel:
            keytype, data = self.hostsleutel.split()[:2]
            name = self.host if self.poort == 22 else f"[{self.host}]:{self.poort}"
            client.get_host_keys().add(name, keytype, paramiko.PKey.from_type_string(keytype, base64.b64decode(data)))
        client.set_missing_host_key_policy(paramiko.RejectPolicy())
        try:
            client.connect(
                self.host,
                port=self.poort,
                username=self.gebruiker,
                key_filename=self.sleutelbestand or None,
                look_for_keys=False,
                allow_agent=False,
                timeout=30,
            )
            yield client.open_sftp()
        except (paramiko.SSHException, OSError) as exc:
            if isinstance(exc, FileNotFoundError):
                raise
            logger.warning(
                "overbrenging_sftp_onbereikbaar", extra={"host": self.host, "poort": self.poort, "fout": str(exc)}
            )
            raise DeliveryError(ONBEREIKBAAR) from exc
        finally:
            client.close()

    def omvang(self, naam: str) -> int | None:
        with self._sftp() as sftp:
            try:
                return sftp.stat(f"{self.locatie}/{_checked(naam)}").st_size
            except FileNotFoundError:
                return None

    def plaats(self, bron: Path, naam: str) -> None:
        with self._sftp() as sftp:
            tijdelijk = f"{self.locatie}/.{_checked(naam)}.deel"
            sftp.put(str(bron), tijdelijk, confirm=True)
            sftp.posix_rename(tijdelijk, f"{self.locatie}/{naam}")

    def checksum(self, naam: str, algorithm: str) -> str:
        digest = hashlib.new(algorithm)
        with self._sftp() as sftp, sftp.open(f"{self.locatie}/{_checked(naam)}", "rb") as handle:
            handle.prefetch()
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
        return digest.hexdigest()


class S3Map:
    """A prefix in an S3-compatible bucket (boto3); credentials from the environment."""

    def __init__(self, *, locatie: str, endpoint: str = "") -> None:
        bucket, _, prefix = locatie.partition("/")
        self.bucket, self.prefix, self.endpoint = bucket, prefix.strip("/"), endpoint

    def _client(self):
        import boto3
        from botocore.config import Config

        # Few retries: an unreachable endpoint should fail the step, which Celery retries.
        return boto3.client(
            "s3", endpoint_url=self.endpoint or None, config=Config(retries={"max_attempts": 2}, connect_timeout=10)
        )

    @contextmanager
    def _bereikbaar(self) -> Iterator[None]:
        from boto3.exceptions import Boto3Error
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            yield
        except (BotoCoreError, ClientError, Boto3Error) as exc:  # no connection, no S3 there, refused: one answer
            logger.warning("overbrenging_s3_onbereikbaar", extra={"endpoint": self.endpoint, "fout": str(exc)})
            raise DeliveryError(ONBEREIKBAAR) from exc

    def _key(self, naam: str) -> str:
        return f"{self.prefix}/{_checked(naam)}" if self.prefix else _checked(naam)

    def omvang(self, naam: str) -> int | None:
        from botocore.exceptions import ClientError

        with self._bereikbaar():
            try:
                return self._client().head_object(Bucket=self.bucket, Key=self._key(naam))["ContentLength"]
            except ClientError as exc:
                if exc.response.get("Error", {}).get("Code") not in ("404", "NoSuchKey"):
                    raise
                return None

    def plaats(self, bron: Path, naam: str) -> None:
        # An S3 object appears only when its upload completes: no temporary name needed.
        with self._bereikbaar():
            self._client().upload_file(str(bron), self.bucket, self._key(naam))

    def checksum(self, naam: str, algorithm: str) -> str:
        digest = hashlib.new(algorithm)
        with self._bereikbaar():
            body = self._client().get_object(Bucket=self.bucket, Key=self._key(naam))["Body"]
            for chunk in body.iter_chunks(CHUNK):
                digest.update(chunk)
        return digest.hexdigest()


def doel_voor(afspraak) -> Doel:
    """The delivery target an agreement names, if the settings allow it now."""
    fouten = doel_fouten(
        doel_type=afspraak.doel_type,
        locatie=afspraak.doel_locatie,
        host=afspraak.doel_host,
        poort=afspraak.doel_poort,
        endpoint=afspraak.doel_endpoint,
        sleutelbestand=afspraak.doel_sleutelbestand,
    )
    if fouten:
        raise DomainError(" ".join(fouten.values()), code="doel-niet-toegestaan")
    if afspraak.doel_type == "sftp":
        sleutel = sleutelbestand_pad(afspraak.doel_sleutelbestand) if afspraak.doel_sleutelbestand else None
        return SFTPMap(
            host=afspraak.doel_host,
            poort=afspraak.doel_poort,
            gebruiker=afspraak.doel_gebruiker,
            sleutelbestand=str(sleutel) if sleutel else "",
            locatie=afspraak.doel_locatie,
            hostsleutel=afspraak.doel_hostsleutel,
        )
    if afspraak.doel_type == "s3":
        return S3Map(locatie=afspraak.doel_locatie, endpoint=afspraak.doel_endpoint)
    return LokaleMap(lokale_map_pad(afspraak.doel_locatie))
