"""The only place where the zaken app calls other apps: through their OpenAPI contracts.

The Selectielijst API (VNG-compatible, served by `archief/` by default, or VNG's own)
tells us the procestypen and resultaten of the retention schedule. Every URL a client
gives us is checked to lie under the configured API root before we follow it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings

from common.clients import APIClient, ClientError, URLNotAllowedError, api_roots

logger = logging.getLogger(__name__)


class BadReferenceError(Exception):
    """A URL in a request does not lead to the resource it should.

    `code` is `bad-url` (outside the configured API roots, or nothing answers there) or
    `invalid-resource` (something answers, but it is not the expected kind of resource).
    """

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class SelectielijstResultaat:
    """A resultaat (selectielijstklasse) of the Selectielijst, as far as archiving needs it."""

    url: str
    proces_type: str
    procestermijn: str
    waardering: str
    bewaartermijn: str

    def as_dict(self) -> dict[str, str]:
        return {
            "url": self.url,
            "procesType": self.proces_type,
            "procestermijn": self.procestermijn,
            "waardering": self.waardering,
            "bewaartermijn": self.bewaartermijn,
        }


class SelectielijstClient:
    """Reads the Selectielijst API at `settings.SELECTIELIJST_API_ROOT`."""

    def __init__(self, api_root: str | None = None) -> None:
        self.api_root = api_root or settings.SELECTIELIJST_API_ROOT
        if not self.api_root.endswith("/"):
            self.api_root += "/"

    def _fetch(self, url: str, collection: str, required: tuple[str, ...]) -> dict:
        if not url.startswith(self.api_root):
            raise BadReferenceError(
                f"{url} lies outside the Selectielijst API at {self.api_root}.",
                code="bad-url" if not url.startswith(tuple(api_roots())) else "invalid-resource",
            )
        path = url[len(self.api_root) :].split("?")[0].strip("/").split("/")
        if len(path) != 2 or path[0] != collection:
            raise BadReferenceError(
                f"{url} is not a `{collection}` resource of the Selectielijst API.", code="invalid-resource"
            )
        try:
            with APIClient(self.api_root) as client:
                response = client.request("GET", url)
        except URLNotAllowedError as exc:
            raise BadReferenceError(str(exc), code="bad-url") from exc
        except ClientError as exc:
            logger.warning("selectielijst_unreachable", extra={"url": url, "error": str(exc)})
            raise BadReferenceError(f"The Selectielijst API did not answer for {url}.", code="bad-url") from exc
        if response.status_code != 200:
            raise BadReferenceError(f"{url} answered {response.status_code}.", code="bad-url")
        try:
            body = response.json()
        except ValueError as exc:
            raise BadReferenceError(f"{url} did not answer with JSON.", code="invalid-resource") from exc
        if not isinstance(body, dict) or any(key not in body for key in required):
            raise BadReferenceError(f"{url} is not a `{collection}` resource.", code="invalid-resource")
        return body

    def resultaat(self, url: str) -> SelectielijstResultaat:
        body = self._fetch(url, "resultaten", ("procesType", "waardering"))
        return SelectielijstResultaat(
            url=url,
            proces_type=body["procesType"] or "",
            procestermijn=body.get("procestermijn") or "",
            waardering=body.get("waardering") or "",
            bewaartermijn=body.get("bewaartermijn") or "",
        )

    def resultaattypeomschrijving(self, url: str) -> str:
        """The generic omschrijving of a resultaattypeomschrijving."""
        return self._fetch(url, "resultaattypeomschrijvingen", ("omschrijving",))["omschrijving"]

    def procestype(self, url: str) -> dict:
        return self._fetch(url, "procestypen", ("nummer", "naam"))
