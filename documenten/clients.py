"""The only place where the documenten app calls other apps: through their OpenAPI contracts.

- the Catalogi API tells whether an informatieobjecttype exists and is published, and its
  default vertrouwelijkheidaanduiding;
- the Zaken and Besluiten APIs tell whether a zaak or besluit exists and whether it holds
  the relation (zaakinformatieobject, besluitinformatieobject) that an
  objectinformatieobject mirrors.

URLs are only followed when they lie under a configured API root (no SSRF).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

from common.clients import APIClient, ClientError, URLNotAllowedError, is_allowed_url
from common.safe_urls import url_under

logger = logging.getLogger(__name__)


class BadReferenceError(Exception):
    """A URL in a request does not lead to the resource it should.

    `code` is `bad-url` (outside the configured API roots, or nothing answers with 200),
    `invalid-resource` (something answers, but not the expected kind of resource) or
    `not-published` (an informatieobjecttype that is still a concept).
    """

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class InformatieObjectType:
    url: str
    omschrijving: str
    vertrouwelijkheidaanduiding: str
    concept: bool


def _fetch(api_root: str, url: str, required: tuple[str, ...], what: str) -> dict:
    """GET `url` through the contract of `api_root` and check it looks like `what`."""
    if not is_allowed_url(url):
        raise BadReferenceError(f"{url} lies outside the configured API roots.", code="bad-url")
    try:
        with APIClient(api_root) as client:
            response = client.request("GET", url)
    except URLNotAllowedError as exc:
        raise BadReferenceError(str(exc), code="bad-url") from exc
    except ClientError as exc:
        logger.warning("reference_unreachable", extra={"url": url, "error": str(exc)})
        raise BadReferenceError(f"Nothing answered at {url}.", code="bad-url") from exc
    if response.status_code != 200:
        raise BadReferenceError(f"{url} answered {response.status_code}.", code="bad-url")
    try:
        body = response.json()
    except ValueError as exc:
        raise BadReferenceError(f"{url} did not answer with JSON.", code="invalid-resource") from exc
    if url_under(url, api_root) is None or not isinstance(body, dict) or any(key not in body for key in required):
        raise BadReferenceError(f"{url} is not {what}.", code="invalid-resource")
    return body


def informatieobjecttype_body(url: str) -> dict:
    """The informatieobjecttype at `url` in the Catalogi API, as that API represents it."""
    return _fetch(
        settings.CATALOGI_API_ROOT,
        url,
        ("omschrijving", "vertrouwelijkheidaanduiding", "concept", "catalogus"),
        "an informatieobjecttype",
    )


def informatieobjecttype_fetch(url: str) -> InformatieObjectType:
    """The informatieobjecttype at `url` in the Catalogi API."""
    body = informatieobjecttype_body(url)
    return InformatieObjectType(
        url=url,
        omschrijving=body["omschrijving"],
        vertrouwelijkheidaanduiding=body["vertrouwelijkheidaanduiding"] or "",
        concept=bool(body["concept"]),
    )


# object_type -> (API root setting, required keys of the object, relation collection, its object field)
RELATIONS = {
    "zaak": ("ZAKEN_API_ROOT", ("zaaktype", "bronorganisatie", "identificatie"), "zaakinformatieobjecten", "zaak"),
    "besluit": (
        "BESLUITEN_API_ROOT",
        ("besluittype", "verantwoordelijkeOrganisatie"),
        "besluitinformatieobjecten",
        "besluit",
    ),
}


def object_relation_check(
    *,
    object_type: str,
    object_url: str,
    informatieobject_url: str,
    zichtbaar: Callable[[str, dict], bool] | None = None,
) -> None:
    """Refuse unless `object_url` is a zaak or besluit that holds a relation with the document.

    Raises BadReferenceError with `bad-url`/`invalid-resource` about the object, or with
    `inconsistent-relation` when the object exists but has no such relation. An object the
    client may not see (`zichtbaar(object_type, object)` false) is refused as one that is not
    there, so the answer tells nothing of it.
    """
    if object_type not in RELATIONS:
        raise BadReferenceError(
            f"Relations with a {object_type} cannot be checked: no such API is configured.", code="invalid-resource"
        )
    setting, required, collection, field = RELATIONS[object_type]
    api_root = getattr(settings, setting)
    body = _fetch(api_root, object_url, required, f"a {object_type}")
    if zichtbaar is not None and not zichtbaar(object_type, body):
        raise BadReferenceError(f"{object_url} answered 404.", code="bad-url")
    try:
        with APIClient(api_root) as client:
            relations = list(client.list(collection, {field: object_url, "informatieobject": informatieobject_url}))
    except ClientError as exc:
        logger.warning("relation_check_failed", extra={"object": object_url, "error": str(exc)})
        raise BadReferenceError(f"The {collection} of {object_url} could not be read.", code="bad-url") from exc
    if not any(r.get(field) == object_url and r.get("informatieobject") == informatieobject_url for r in relations):
        raise BadReferenceError(
            f"The {object_type} {object_url} has no relation with this informatieobject ({collection}).",
            code="inconsistent-relation",
        )
