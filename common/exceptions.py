"""One error type for domain failures, and the mapping of every error to problem+json.

Errors take the ZGW shape: `type`, `code`, `title`, `status`, `detail`, `instance` and,
for validation errors, `invalidParams` with `name`, `code` and `reason` per field.
"""

from __future__ import annotations

import logging
import uuid

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.db import DataError, IntegrityError, OperationalError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from djangorestframework_camel_case.util import camelize_re, underscore_to_camel
from rest_framework import exceptions, status
from rest_framework.response import Response

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"

TITLES = {
    400: "Ongeldige invoer.",
    401: "Authenticatie vereist.",
    403: "Geen toestemming voor deze actie.",
    404: "Niet gevonden.",
    405: "Methode niet toegestaan.",
    406: "Niet aanvaardbaar.",
    409: "Conflict.",
    410: "Verdwenen.",
    412: "Voorwaarde niet vervuld.",
    413: "Verzoek te groot.",
    415: "Mediatype niet ondersteund.",
    429: "Te veel verzoeken.",
    500: "Er is een serverfout opgetreden.",
    503: "Dienst niet beschikbaar.",
}
DEFAULT_CODES = {
    400: "invalid",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    410: "gone",
    412: "precondition_failed",
    413: "request_too_large",
    415: "unsupported_media_type",
    429: "throttled",
    500: "error",
    503: "service_unavailable",
}


# The code of a 409 for a write the database refused because of another request's write.
CONFLICT_CODE = "gelijktijdige-wijziging"
# PostgreSQL's SQLSTATEs of a transaction it aborted to keep concurrent ones consistent:
# serialization_failure and deadlock_detected.
_CONCURRENCY_SQLSTATES = {"40001", "40P01"}


def _sqlstate(exc: BaseException) -> str:
    cause = exc.__cause__ or exc
    return str(getattr(cause, "sqlstate", "") or getattr(cause, "pgcode", "") or "")


def _is_concurrency_failure(exc: BaseException) -> bool:
    return isinstance(exc, OperationalError) and _sqlstate(exc) in _CONCURRENCY_SQLSTATES


def _constraint_name(exc: BaseException) -> str:
    """The constraint PostgreSQL names in its error (for the log); empty elsewhere."""
    diag = getattr(exc.__cause__, "diag", None)
    return str(getattr(diag, "constraint_name", "") or "")


class DomainError(exceptions.APIException):
    """A domain rule refused the request.

    `code` is the ZGW error code (e.g. `zaaktype-concept`), `field` names the field the
    rule is about (it becomes an `invalidParams` entry), `invalid_params` may list several.
    """

    status_code = status.HTTP_400_BAD_REQUEST

    def __init__(
        self,
        detail: str,
        code: str = "invalid",
        *,
        field: str | None = None,
        status_code: int | None = None,
        invalid_params: list[dict] | None = None,
    ) -> None:
        super().__init__(detail=detail, code=code)
        self.error_code = code
        if status_code is not None:
            self.status_code = status_code
        params = list(invalid_params or [])
        if field is not None:
            params.append({"name": field, "code": code, "reason": detail})
        self.invalid_params = params


def problem(status_code: int, detail: str, code: str | None = None, instance: str = "", **extra) -> dict:
    """The body of a problem+json response."""
    code = code or DEFAULT_CODES.get(status_code, "error")
    body = {
        "type": f"https://levensloop.nl/fouten/{code}/",
        "code": code,
        "title": TITLES.get(status_code, "Fout."),
        "status": status_code,
        "detail": detail,
        "instance": instance or f"urn:uuid:{uuid.uuid4()}",
    }
    body.update(extra)
    return body


def camel_name(name: str) -> str:
    """`foo_bar.baz_qux` -> `fooBar.bazQux`; a lookup after `__` stays as it is (`startdatum__gt`)."""
    return ".".join(
        "__".join(camelize_re.sub(underscore_to_camel, piece) for piece in part.split("__")) for part in name.split(".")
    )


def _flatten(detail, prefix: str = "") -> list[dict]:
    """Turn DRF's nested validation errors into ZGW invalidParams."""
    params: list[dict] = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = "nonFieldErrors" if key in ("non_field_errors", "__all__") else camel_name(str(key))
            params.extend(_flatten(value, f"{prefix}.{name}" if prefix else name))
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            if isinstance(value, (dict, list)) and value:
                params.extend(_flatten(value, f"{prefix}.{index}" if isinstance(value, dict) else prefix))
            else:
                params.extend(_flatten(value, prefix))
    else:
        code = getattr(detail, "code", None) or "invalid"
        params.append({"name": prefix or "nonFieldErrors", "code": code, "reason": str(detail)})
    return params


def exception_handler(exc, context) -> Response:
    """DRF exception handler: every error leaves as problem+json, never as a stack trace."""
    request = context.get("request")
    instance = request.build_absolute_uri() if request is not None else ""
    headers: dict[str, str] = {}

    if isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or "The resource does not exist.")
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, RequestDataTooBig):
        body = problem(413, "The request body exceeds the size limit.", instance=instance)
        return Response(body, status=413, content_type=PROBLEM_CONTENT_TYPE)

    if isinstance(exc, DataError):
        # The database refused a value (a NUL character in text, a number out of range):
        # bad input, not a server error. The request's transaction is rolled back.
        from rest_framework.views import set_rollback

        set_rollback()
        logger.info("api_data_error", extra={"path": getattr(request, "path", "")})
        exc = DomainError("Een waarde kan niet worden opgeslagen of gezocht.", "invalid", field="nonFieldErrors")

    if isinstance(exc, ProtectedError | RestrictedError):
        # A delete that other objects still point at: refused, nothing removed.
        exc = DomainError(
            "Dit object is nog in gebruik door andere objecten en kan niet verwijderd worden.",
            "in-use",
            field="nonFieldErrors",
        )

    if isinstance(exc, IntegrityError) or _is_concurrency_failure(exc):
        # The database refused the write because of what another request wrote meanwhile (the
        # same unique value, a row deleted under a reference) or a deadlock it broke: the
        # request's own checks passed on what it could see. Nothing of it is stored.
        from rest_framework.views import set_rollback

        set_rollback()
        logger.warning(
            "api_integrity_conflict",
            extra={"path": getattr(request, "path", ""), "constraint": _constraint_name(exc), "error": str(exc)},
        )
        body = problem(
            409,
            "Het verzoek botst met een gelijktijdige wijziging of met gegevens die intussen zijn opgeslagen; er is "
            "niets van opgeslagen. Lees de gegevens opnieuw en probeer het nog eens.",
            CONFLICT_CODE,
            instance,
        )
        return Response(body, status=409, content_type=PROBLEM_CONTENT_TYPE)

    if isinstance(exc, DomainError):
        body = problem(exc.status_code, str(exc.detail), exc.error_code, instance)
        if exc.status_code == 400 or exc.invalid_params:
            body["invalidParams"] = exc.invalid_params
        return Response(body, status=exc.status_code, content_type=PROBLEM_CONTENT_TYPE)

    if isinstance(exc, exceptions.ValidationError):
        params = _flatten(exc.detail)
        body = problem(400, "Invalid input.", "invalid", instance, invalidParams=params)
        return Response(body, status=400, content_type=PROBLEM_CONTENT_TYPE)

    if isinstance(exc, exceptions.APIException):
        if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
            headers["WWW-Authenticate"] = 'Bearer realm="levensloop"'
            exc.status_code = 401
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(int(exc.wait))
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else DEFAULT_CODES.get(exc.status_code)
        body = problem(exc.status_code, str(detail), code, instance)
        if exc.status_code == 400:
            # The ZGW ValidatieFout: a 400 always lists what was wrong, even when the
            # whole body is (malformed JSON: code parse_error).
            body["invalidParams"] = [{"name": "nonFieldErrors", "code": code, "reason": str(detail)}]
        return Response(body, status=exc.status_code, content_type=PROBLEM_CONTENT_TYPE, headers=headers)

    logger.exception("unhandled_api_error", extra={"path": getattr(request, "path", "")})
    body = problem(500, "An unexpected error occurred; it has been logged.", instance=instance)
    return Response(body, status=500, content_type=PROBLEM_CONTENT_TYPE)
