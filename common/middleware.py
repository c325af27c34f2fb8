"""Make sure nothing on an API path answers with an HTML error page."""

from __future__ import annotations

import datetime as dt
import json
import logging

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

from .exceptions import PROBLEM_CONTENT_TYPE, problem

logger = logging.getLogger(__name__)

# API prefix -> the version of the contract it serves (the `API-version` header of the ZGW specs).
API_VERSIONS = {
    "/catalogi/api/": "1.3.1",
    "/zaken/api/": "1.5.1",
    "/besluiten/api/": "1.0.2",
    "/documenten/api/": "1.5.0",
    "/autorisaties/api/": "1.0.1",
    "/selectielijst/api/": "1.0.0",
    "/archief/api/": "1.0.0",
    "/openbaarmaking/api/": "1.0.0",
}
API_PREFIXES = tuple(API_VERSIONS)


def is_api_path(path: str) -> bool:
    return path.startswith(API_PREFIXES)


def problem_response(
    request, status_code: int, detail: str, code: str | None = None, invalid_params: list[dict] | None = None
) -> HttpResponse:
    body = problem(status_code, detail, code, request.build_absolute_uri())
    if status_code == 400:
        body["invalidParams"] = invalid_params or [{"name": "nonFieldErrors", "code": body["code"], "reason": detail}]
    return HttpResponse(json.dumps(body), status=status_code, content_type=PROBLEM_CONTENT_TYPE)


class ProblemJsonMiddleware:
    """Turns Django's own 4xx/5xx answers on API paths into problem+json.

    DRF views already answer with problem+json; what reaches here otherwise is Django's
    URL resolver (404), a view outside DRF, an oversized body refused before DRF saw it,
    or an exception nothing handled.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        if not is_api_path(request.path):
            return self.get_response(request)
        # APIs speak UTC: a datetime renders as RFC 3339 whatever its year (Europe/Amsterdam
        # before 1892 has an offset of +00:19:32, which RFC 3339 cannot write), and a
        # datetime sent without an offset is read as UTC.
        with timezone.override(dt.UTC):
            response = self._api_response(request)
        response["API-version"] = next(v for p, v in API_VERSIONS.items() if request.path.startswith(p))
        return response

    def _api_response(self, request):
        # No database stores a NUL character in text (PostgreSQL refuses it outright), and no
        # identifier, date or URL contains one: a query parameter with one is bad input.
        with_nul = sorted({name for name, value in request.GET.lists() if any("\x00" in v for v in value)})
        with_nul += sorted(name for name in request.GET if "\x00" in name)
        if with_nul:
            return problem_response(
                request,
                400,
                "A query parameter contains a NUL character.",
                invalid_params=[
                    {"name": name.replace("\x00", "\\x00"), "code": "null_characters_not_allowed", "reason": "NUL"}
                    for name in with_nul
                ],
            )
        response = self.get_response(request)
        if response.status_code >= 400 and not _is_json(response):
            detail = {
                404: "No resource at this URL.",
                405: f"Method {request.method} is not allowed here.",
            }.get(response.status_code, "The request could not be handled.")
            return problem_response(request, response.status_code, detail)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Refuse an oversized body before anything reads it: DATA_UPLOAD_MAX_MEMORY_SIZE, or the
        view's own `request_body_limit()` where it streams a larger body (a bestandsdeel)."""
        if not is_api_path(request.path):
            return None
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        own_limit = getattr(getattr(view_func, "cls", None), "request_body_limit", None)
        if own_limit is not None:
            limit = max(limit, own_limit())
        length = request.META.get("CONTENT_LENGTH")
        if length and length.isdigit() and int(length) > limit:
            return problem_response(request, 413, f"The request body is {length} bytes; at most {limit} are accepted.")
        return None

    def process_exception(self, request, exception):
        if not is_api_path(request.path):
            return None
        logger.exception("unhandled_error", extra={"path": request.path})
        return problem_response(request, 500, "An unexpected error occurred; it has been logged.")


def _is_json(response) -> bool:
    content_type = response.get("Content-Type", "")
    return "json" in content_type
