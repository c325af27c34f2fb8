"""The only place where the archive calls other components: the ZGW contracts.

archief/ reads and changes cases, decisions and documents only through the ZGW Zaken
1.5, Catalogi 1.3, Besluiten 1.0 and Documenten 1.5 APIs (and the Selectielijst API),
at the roots in settings, so it works unchanged against another ZGW provider. Every call
is chosen by the URL's API root; URLs outside the configured roots are refused.
The report reads the Woo publications through the Publicaties API
(openbaarmaking/openapi/openbaarmaking.yaml) at `OPENBAARMAKING_API_ROOT`.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from django.conf import settings

from common.clients import APIClient, ClientError
from common.downloads import download_accept
from common.safe_urls import root_of

logger = logging.getLogger(__name__)


class NotFoundError(ClientError):
    """The object does not (or no longer) exist."""


class ZGW:
    """One set of API clients for one job (a sync, an archiving run, a destruction).

    `transport`, when given, carries every call (tests use it to point the archive at a
    stand-in for another ZGW provider). Catalogue objects are cached for the job: they
    rarely change and a resync reads the same zaaktype for every zaak.
    """

    def __init__(self, transport: httpx.BaseTransport | None = None) -> None:
        self.transport = transport or default_transport
        self._clients: dict[str, APIClient] = {}
        self._cache: dict[str, dict] = {}

    # --- plumbing ---------------------------------------------------------------------------

    def _client(self, root: str) -> APIClient:
        if root not in self._clients:
            self._clients[root] = APIClient(root, transport=self.transport)
        return self._clients[root]

    def _for_url(self, url: str) -> APIClient:
        roots = [
            settings.ZAKEN_API_ROOT,
            settings.CATALOGI_API_ROOT,
            settings.BESLUITEN_API_ROOT,
            settings.DOCUMENTEN_API_ROOT,
            settings.SELECTIELIJST_API_ROOT,
        ]
        found = root_of(url, sorted((r for r in roots if r), key=len, reverse=True))
        return self._client(found[1] if found else settings.ZAKEN_API_ROOT)

    def close(self) -> None:
        for client in self._clients.values():
            client.close()

    def __enter__(self) -> ZGW:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def get(self, url: str) -> dict:
        response = self._for_url(url).request("GET", url)
        if response.status_code == 404:
            raise NotFoundError(f"{url} does not exist", status=404)
        return self._for_url(url)._json(response, (200,))

    def get_cached(self, url: str) -> dict:
        if url not in self._cache:
            self._cache[url] = self.get(url)
        return self._cache[url]

    def get_or_none(self, url: str) -> dict | None:
        try:
            return self.get(url)
        except NotFoundError:
            return None

    def delete(self, url: str) -> bool:
        """Delete `url`; False when it was already gone (so a rerun destroys nothing twice).

        After an error or a timeout the object is read again, and gone (404 or 410) means
        deleted: a provider may fail after it committed the delete (Open Zaak 1.30 answers
        500 to the DELETE of a zaak with a resultaat, with the zaak already gone), and an
        answer lost on the way says nothing about what happened. Still there, or unreadable:
        the error stands.
        """
        client = self._for_url(url)
        try:
            response = client.request("DELETE", url)
        except ClientError:
            if self._gone(client, url):
                logger.warning("delete_failed_but_gone", extra={"url": url, "error": "no answer"})
                return True
            raise
        if response.status_code in (404, 410):
            return False
        if response.status_code == 204:
            return True
        if self._gone(client, url):
            logger.warning("delete_failed_but_gone", extra={"url": url, "status": response.status_code})
            return True
        client._json(response, (204,))
        return True

    @staticmethod
    def _gone(client: APIClient, url: str) -> bool:
        try:
            return client.request("GET", url).status_code in (404, 410)
        except ClientError:
            return False

    # --- Zaken API --------------------------------------------------------------------------

    def zaken(self, params: dict | None = None) -> Iterator[dict]:
        return self._client(settings.ZAKEN_API_ROOT).list("zaken", params)

    def zaakinformatieobjecten(self, *, zaak: str | None = None, informatieobject: str | None = None) -> list[dict]:
        params = {k: v for k, v in {"zaak": zaak, "informatieobject": informatieobject}.items() if v}
        return list(self._client(settings.ZAKEN_API_ROOT).list("zaakinformatieobjecten", params))

    def zaak_update(self, url: str, data: dict) -> dict:
        return self._client(settings.ZAKEN_API_ROOT).partial_update(url, data)

    def zaak_create(self, data: dict) -> dict:
        return self._client(settings.ZAKEN_API_ROOT).create("zaken", data)

    def zaakinformatieobject_create(self, *, zaak: str, informatieobject: str, titel: str) -> dict:
        return self._client(settings.ZAKEN_API_ROOT).create(
            "zaakinformatieobjecten", {"zaak": zaak, "informatieobject": informatieobject, "titel": titel}
        )

    # --- Catalogi API -----------------------------------------------------------------------

    @property
    def catalogi(self) -> APIClient:
        return self._client(settings.CATALOGI_API_ROOT)

    def zaaktypen(self) -> Iterator[dict]:
        return self._client(settings.CATALOGI_API_ROOT).list("zaaktypen")

    def resultaattypen(self, zaaktype: str) -> list[dict]:
        return list(self._client(settings.CATALOGI_API_ROOT).list("resultaattypen", {"zaaktype": zaaktype}))

    # --- Besluiten API ----------------------------------------------------------------------

    def besluiten(self, zaak: str) -> list[dict]:
        return list(self._client(settings.BESLUITEN_API_ROOT).list("besluiten", {"zaak": zaak}))

    def besluitinformatieobjecten(self, *, besluit: str | None = None, informatieobject: str | None = None) -> list:
        params = {k: v for k, v in {"besluit": besluit, "informatieobject": informatieobject}.items() if v}
        return list(self._client(settings.BESLUITEN_API_ROOT).list("besluitinformatieobjecten", params))

    # --- Documenten API ---------------------------------------------------------------------

    def download(self, informatieobject: str) -> bytes:
        """The content of a document; empty when it has none (Open Zaak answers that with 204)."""
        client = self._for_url(informatieobject)
        url = informatieobject.rstrip("/") + "/download"
        response = client.request("GET", url, headers={"Accept": download_accept()})
        if response.status_code == 204:
            return b""
        if response.status_code != 200:
            raise ClientError(f"GET {url} answered {response.status_code}", status=response.status_code)
        return response.content

    def informatieobject_status_zetten(self, url: str, status: str) -> dict:
        """Set a document's status: lock, PATCH with the lock, unlock (Documenten API 1.5)."""
        client = self._for_url(url)
        lock = client._json(client.request("POST", url.rstrip("/") + "/lock", json={}), (200,))["lock"]
        try:
            return client.partial_update(url, {"status": status, "lock": lock})
        finally:
            client._json(client.request("POST", url.rstrip("/") + "/unlock", json={"lock": lock}), (204,))

    def informatieobject_create(
        self,
        *,
        titel: str,
        bestandsnaam: str,
        formaat: str,
        inhoud: bytes,
        informatieobjecttype: str,
        bronorganisatie: str,
        **extra: Any,
    ) -> dict:
        data = {
            "bronorganisatie": bronorganisatie,
            "titel": titel,
            "bestandsnaam": bestandsnaam,
            "formaat": formaat,
            "inhoud": base64.b64encode(inhoud).decode(),
            "informatieobjecttype": informatieobjecttype,
            "taal": "dut",
            **extra,
        }
        return self._client(settings.DOCUMENTEN_API_ROOT).create("enkelvoudiginformatieobjecten", data)


class Publicaties:
    """The Publicaties API, read-only: what the report needs to know about Woo publications."""

    def __init__(self, transport: httpx.BaseTransport | None = None) -> None:
        if not settings.OPENBAARMAKING_API_ROOT:
            raise ClientError("OPENBAARMAKING_API_ROOT is niet ingesteld.")
        self._client = APIClient(settings.OPENBAARMAKING_API_ROOT, transport=transport)

    def concepten_met_deadline_tot(self, datum: dt.date) -> Iterator[dict]:
        """Concept publications whose deadline is on or before `datum`."""
        return self._client.list("publicaties", {"status": "concept", "deadline__lte": datum.isoformat()})

    def documenten(self, publicatie: str) -> list[dict]:
        """The documents of one publication (each names its document in the Documenten API)."""
        return list(self._client.list("documenten", {"publicatie": publicatie}))

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Publicaties:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


@contextmanager
def zgw_session(zgw: ZGW | None) -> Iterator[ZGW]:
    """The caller's clients when given (left open for the caller), else new ones closed afterwards."""
    if zgw is not None:
        yield zgw
        return
    with ZGW() as own:
        yield own


# Tests may point every archive job at a stand-in ZGW provider (see tests/zgw_fake.py).
default_transport: httpx.BaseTransport | None = None
