"""The only place where openbaarmaking calls other apps: through their OpenAPI contracts.

- The Documenten API (ZGW 1.5) tells us a document's status, confidentiality, type and
  the metadata a publication shows, and serves the file we stream to the public.
- The Catalogi API (ZGW 1.3) confirms that a publicatieregel names a real
  informatieobjecttype, and lists the types the admin offers to choose from.
Both are reached through `common.clients.APIClient` at the API roots in settings, so they
can be any ZGW provider. A URL outside the expected API root is refused before it is called.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
from django.conf import settings
from django.utils.dateparse import parse_date, parse_datetime

from common.auth import jwt_encode
from common.clients import APIClient, ClientError, URLNotAllowedError, http_client
from common.downloads import download_accept
from common.safe_urls import segments_below, url_under

logger = logging.getLogger(__name__)

DEFINITIEF = "definitief"
GEARCHIVEERD = "gearchiveerd"
# `gearchiveerd` follows `definitief` (Documenten API 1.5): a document archived before it was
# published is as final, and as publishable, as a definitive one.
DEFINITIEVE_STATUSSEN = (DEFINITIEF, GEARCHIVEERD)
OPENBAAR = "openbaar"


class BadReferenceError(Exception):
    """A URL does not lead to the resource it should (`bad-url` or `invalid-resource`)."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


class ProviderUnavailableError(Exception):
    """The provider did not answer as its contract says; try again later."""


@dataclass(frozen=True)
class Document:
    """An ENKELVOUDIGINFORMATIEOBJECT of the Documenten API, as far as publication needs it."""

    url: str
    identificatie: str
    titel: str
    beschrijving: str
    creatiedatum: dt.date
    status: str
    vertrouwelijkheidaanduiding: str
    informatieobjecttype: str
    formaat: str
    taal: str
    bestandsnaam: str
    bestandsomvang: int | None
    inhoud: str | None
    begin_registratie: dt.datetime
    versie: int | None = None

    @property
    def is_openbaar(self) -> bool:
        return self.vertrouwelijkheidaanduiding == OPENBAAR

    @property
    def is_definitief(self) -> bool:
        """`definitief`, or `gearchiveerd`, which follows it."""
        return self.status in DEFINITIEVE_STATUSSEN

    @classmethod
    def from_api(cls, body: dict) -> Document:
        try:
            return cls(
                url=body["url"],
                identificatie=body.get("identificatie") or "",
                titel=body["titel"],
                beschrijving=body.get("beschrijving") or "",
                creatiedatum=parse_date(body["creatiedatum"]),
                status=body.get("status") or "",
                vertrouwelijkheidaanduiding=body.get("vertrouwelijkheidaanduiding") or "",
                informatieobjecttype=body["informatieobjecttype"],
                formaat=body.get("formaat") or "",
                taal=body.get("taal") or "",
                bestandsnaam=body.get("bestandsnaam") or "",
                bestandsomvang=body.get("bestandsomvang"),
                inhoud=body.get("inhoud"),
                begin_registratie=parse_datetime(body["beginRegistratie"]),
                versie=body["versie"] if isinstance(body.get("versie"), int) else None,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise BadReferenceError(
                f"{body.get('url', 'The answer')} is not an enkelvoudiginformatieobject: {exc!r}",
                code="invalid-resource",
            ) from exc


def _root(value: str) -> str:
    return value if value.endswith("/") else value + "/"


class DocumentenClient:
    """Reads the Documenten API at `settings.DOCUMENTEN_API_ROOT`.

    `transport` replaces the HTTP transport (tests use it to put a provider behind the
    contract when the real one is not part of this deployment).
    """

    transport: httpx.BaseTransport | None = None
    COLLECTION = "enkelvoudiginformatieobjecten"

    def __init__(self, api_root: str | None = None) -> None:
        self.api_root = _root(api_root or settings.DOCUMENTEN_API_ROOT)

    def _client(self) -> APIClient:
        return APIClient(self.api_root, transport=type(self).transport)

    def _check(self, url: str) -> None:
        path = segments_below(url, self.api_root)
        if path is None or len(path) != 2 or path[0] != self.COLLECTION:
            raise BadReferenceError(
                f"{url} is not an enkelvoudiginformatieobject of the Documenten API at {self.api_root}.",
                code="bad-url" if path is None else "invalid-resource",
            )

    def document(self, url: str, *, versie: int | None = None) -> Document:
        """The current version of one document (or `versie`); BadReferenceError when there is none."""
        self._check(url)
        try:
            with self._client() as client:
                response = client.request("GET", url, params={"versie": versie} if versie else None)
        except URLNotAllowedError as exc:
            raise BadReferenceError(str(exc), code="bad-url") from exc
        except ClientError as exc:
            raise ProviderUnavailableError(str(exc)) from exc
        if response.status_code in (404, 410):
            raise BadReferenceError(f"{url} answered {response.status_code}.", code="bad-url")
        if response.status_code != 200:
            raise ProviderUnavailableError(f"GET {url} answered {response.status_code}.")
        return Document.from_api(response.json())

    def definitief_sinds(self, document: Document) -> dt.datetime:
        """When the document became definitief: `beginRegistratie` of the first version of its final run.

        A `gearchiveerd` document was definitief before it was archived; its earlier versions
        (`?versie=`) say since when. A provider that keeps no versions: the current one.
        """
        sinds = document.begin_registratie
        if document.status == DEFINITIEF or not document.versie:
            return sinds
        for versie in range(document.versie - 1, 0, -1):
            try:
                eerder = self.document(document.url, versie=versie)
            except BadReferenceError:
                break
            if eerder.versie != versie or not eerder.is_definitief:
                break
            sinds = eerder.begin_registratie
        return sinds

    def documenten(self) -> Iterator[Document]:
        """Every document the Documenten API lists (the list has no filter on type or status)."""
        try:
            with self._client() as client:
                for body in client.list(self.COLLECTION):
                    yield Document.from_api(body)
        except ClientError as exc:
            raise ProviderUnavailableError(str(exc)) from exc

    @contextmanager
    def inhoud(self, document: Document) -> Iterator[httpx.Response]:
        """The file of a document as a streamed response (`download` of the Documenten API)."""
        url = url_under(document.inhoud or f"{document.url}/download", self.api_root)
        if url is None:
            raise BadReferenceError(f"{url} lies outside the Documenten API at {self.api_root}.", code="bad-url")
        token = jwt_encode(settings.API_CLIENT_ID, settings.API_CLIENT_SECRET, user_id=settings.API_CLIENT_ID)
        kwargs = {"transport": type(self).transport} if type(self).transport is not None else {}
        with http_client(url, **kwargs) as http:
            try:
                request = http.build_request(
                    "GET",
                    url,
                    headers={"Authorization": f"Bearer {token}", "Accept": download_accept(document.formaat)},
                )
                response = http.send(request, stream=True)
            except httpx.HTTPError as exc:
                raise ProviderUnavailableError(f"GET {url} failed: {exc}") from exc
            try:
                if response.status_code != 200:
                    raise ProviderUnavailableError(f"GET {url} answered {response.status_code}.")
                yield response
            finally:
                response.close()


class CatalogiClient:
    """Reads the Catalogi API at `settings.CATALOGI_API_ROOT`."""

    def __init__(self, api_root: str | None = None) -> None:
        self.api_root = _root(api_root or settings.CATALOGI_API_ROOT)

    def informatieobjecttype(self, url: str) -> dict:
        path = segments_below(url, self.api_root)
        if path is None or len(path) != 2 or path[0] != "informatieobjecttypen":
            raise BadReferenceError(
                f"{url} is not an informatieobjecttype of the Catalogi API at {self.api_root}.",
                code="bad-url" if path is None else "invalid-resource",
            )
        try:
            with APIClient(self.api_root) as client:
                response = client.request("GET", url)
        except URLNotAllowedError as exc:
            raise BadReferenceError(str(exc), code="bad-url") from exc
        except ClientError as exc:
            logger.warning("catalogi_unreachable", extra={"url": url, "error": str(exc)})
            raise BadReferenceError(f"The Catalogi API did not answer for {url}.", code="bad-url") from exc
        if response.status_code != 200:
            raise BadReferenceError(f"{url} answered {response.status_code}.", code="bad-url")
        body = response.json()
        if not isinstance(body, dict) or "omschrijving" not in body or "catalogus" not in body:
            raise BadReferenceError(f"{url} is not an informatieobjecttype.", code="invalid-resource")
        return body

    def informatieobjecttypen(self) -> list[dict]:
        """Every informatieobjecttype, concept or definitief (`status=alles`), for a picker.

        ProviderUnavailableError when the Catalogi API does not answer as its contract says.
        """
        try:
            with APIClient(self.api_root) as client:
                return list(client.list("informatieobjecttypen", {"status": "alles"}))
        except ClientError as exc:
            logger.warning("catalogi_unreachable", extra={"url": self.api_root, "error": str(exc)})
            raise ProviderUnavailableError(str(exc)) from exc
