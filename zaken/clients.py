"""The only place where the zaken app calls other apps: through their OpenAPI contracts.

The Selectielijst API (VNG-compatible, served by `archief/` by default, or VNG's own)
tells us the procestypen and resultaten of the retention schedule. Every URL a client
gives us is checked to lie under the configured API root before we follow it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings

from common.clients import APIClient, ClientError, URLNotAllowedError, fetch_reference, is_allowed_url
from common.safe_urls import segments_below, url_under

logger = logging.getLogger(__name__)


class BadReferenceError(Exception):
    """A URL in a request does not lead to the resource it should.

    `code` is `bad-url` (outside the configured API roots, or nothing answers there) or
    `invalid-resource` (something answers, but it is not the expected kind of resource).
    """

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


def foreign_reference_code(url: str) -> str:
    """The error code for a URL that is not the kind of resource asked for.

    `bad-url` when it lies outside every configured API root (it is not fetched) or nothing
    answers there with 200; `invalid-resource` when something does answer: a resource, but
    not the one asked for.
    """
    try:
        response = fetch_reference(url)
    except ClientError:
        return "bad-url"
    return "invalid-resource" if response.status_code == 200 else "bad-url"


def reference_check(url: str, *, required: tuple[str, ...], what: str, outside_roots_allowed: bool) -> None:
    """Refuse a URL to another resource unless what answers there looks like `what`.

    Under a configured API root (ours, or one of `EXTERNAL_API_ROOTS`) the URL is read:
    nothing there (no 200) is `bad-url`, something without the `required` keys is
    `invalid-resource`. Outside every root nothing is fetched (no SSRF): the URL is taken as
    given when `outside_roots_allowed`, else refused with `bad-url`.
    """
    if not is_allowed_url(url):
        if outside_roots_allowed:
            return
        raise BadReferenceError(f"{url} lies outside the configured API roots.", code="bad-url")
    try:
        response = fetch_reference(url)
    except ClientError as exc:
        raise BadReferenceError(f"Nothing answered at {url}.", code="bad-url") from exc
    if response.status_code != 200:
        raise BadReferenceError(f"{url} answered {response.status_code}.", code="bad-url")
    try:
        body = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict) or any(key not in body for key in required):
        raise BadReferenceError(f"{url} is not {what}.", code="invalid-resource")


def communicatiekanaal_check(url: str) -> None:
    """A communicatiekanaal lives in a Referentielijsten API (VNG's, or a municipality's
    own): checked when that API is configured (`EXTERNAL_API_ROOTS`), else taken as given."""
    if url:
        reference_check(url, required=("naam",), what="a communicatiekanaal", outside_roots_allowed=True)


def zaak_check(url: str) -> None:
    """A relevante andere zaak: a zaak in this or a configured Zaken API."""
    reference_check(
        url, required=("identificatie", "bronorganisatie", "zaaktype"), what="a zaak", outside_roots_allowed=False
    )


def contactmoment_check(url: str) -> None:
    """A contactmoment lives in a Contactmomenten (or Klantinteracties) API of another
    provider: checked when that API is configured (`EXTERNAL_API_ROOTS`), else taken as given."""
    reference_check(url, required=("bronorganisatie", "kanaal"), what="a contactmoment", outside_roots_allowed=True)


def verzoek_check(url: str) -> None:
    """A verzoek lives in a Verzoeken API of another provider: checked when that API is
    configured (`EXTERNAL_API_ROOTS`), else taken as given."""
    reference_check(url, required=("bronorganisatie", "status"), what="a verzoek", outside_roots_allowed=True)


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
        path = segments_below(url, self.api_root)
        if path is None:
            raise BadReferenceError(
                f"{url} lies outside the Selectielijst API at {self.api_root}.", code=foreign_reference_code(url)
            )
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


# --- Documenten API ------------------------------------------------------------------------


def documenten_transport():
    """The transport for calls to the Documenten API: None means the ordinary one
    (in-process when the Documenten API runs here). Tests put a stand-in provider here."""
    return None


class DocumentenClient:
    """The Documenten API at `settings.DOCUMENTEN_API_ROOT`: the documents a zaak or besluit
    refers to, and the mirrored objectinformatieobjecten (Documenten API 1.5)."""

    def __init__(self, api_root: str | None = None) -> None:
        self.api_root = api_root or settings.DOCUMENTEN_API_ROOT
        if not self.api_root.endswith("/"):
            self.api_root += "/"

    def _client(self) -> APIClient:
        return APIClient(self.api_root, transport=documenten_transport())

    def informatieobject(self, url: str) -> dict:
        """The EnkelvoudigInformatieObject at `url`; BadReferenceError when it is none."""
        if url_under(url, self.api_root + "enkelvoudiginformatieobjecten/") is None:
            raise BadReferenceError(
                f"{url} is geen informatieobject van de Documenten API.", code=foreign_reference_code(url)
            )
        try:
            with self._client() as client:
                response = client.request("GET", url)
        except ClientError as exc:
            raise BadReferenceError(f"De Documenten API antwoordde niet voor {url}.", code="bad-url") from exc
        if response.status_code != 200:
            raise BadReferenceError(f"{url} antwoordde {response.status_code}.", code="bad-url")
        body = response.json()
        if not isinstance(body, dict) or "identificatie" not in body or "bronorganisatie" not in body:
            raise BadReferenceError(f"{url} is geen informatieobject.", code="invalid-resource")
        return body

    def objectinformatieobject_create(self, *, informatieobject: str, object_url: str, object_type: str) -> dict:
        with self._client() as client:
            return client.create(
                "objectinformatieobjecten",
                {"informatieobject": informatieobject, "object": object_url, "objectType": object_type},
            )

    def objectinformatieobject_exists(self, *, informatieobject: str, object_url: str) -> bool:
        """Whether the Documenten API holds the mirrored relation."""
        with self._client() as client:
            params = {"informatieobject": informatieobject, "object": object_url}
            return any(True for _ in client.list("objectinformatieobjecten", params=params))

    def objectinformatieobject_delete(self, *, informatieobject: str, object_url: str) -> None:
        """Delete the mirrored relation, if the Documenten API has it."""
        with self._client() as client:
            params = {"informatieobject": informatieobject, "object": object_url}
            for relation in list(client.list("objectinformatieobjecten", params=params)):
                client.delete(relation["url"])


def object_gegevens(url: str) -> dict:
    """The JSON of an object a zaakobject refers to, when it lies under a configured API
    root; empty when it cannot be read (the brondatum then falls back to what is local)."""
    if not url or not is_allowed_url(url):
        return {}
    try:
        response = fetch_reference(url)
    except ClientError:
        logger.warning("zaakobject_unreachable", extra={"url": url})
        return {}
    if response.status_code != 200:
        return {}
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
