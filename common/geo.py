"""The coordinate reference system of geometry in requests and answers: `Accept-Crs` and
`Content-Crs`.

Rule (Zaken API 1.5, every operation on `/zaken`): the client names the CRS it wants its
answer in with `Accept-Crs`; a request with a body names the CRS of the geometry it sends
with `Content-Crs`. Only EPSG:4326 (WGS84, the GeoJSON default) is served: a missing header
is 412 Precondition Failed, another CRS is 406 Not Acceptable. Answers say their CRS in
`Content-Crs`.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import status

from .exceptions import DomainError

CRS = "EPSG:4326"
WITH_BODY = ("POST", "PUT", "PATCH")

CRS_PARAMETERS = [
    OpenApiParameter(
        "Accept-Crs",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        required=True,
        enum=[CRS],
        description="Het gewenste 'Coordinate Reference System' (CRS) van de geometrie in het antwoord (response "
        "body). Volgens de GeoJSON spec is WGS84 de default (EPSG:4326 is hetzelfde als WGS84).",
    ),
    OpenApiParameter(
        "Content-Crs",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        required=True,
        enum=[CRS],
        description="Het 'Coordinate Reference System' (CRS) van de geometrie in de vraag (request body). Volgens "
        "de GeoJSON spec is WGS84 de default (EPSG:4326 is hetzelfde als WGS84).",
    ),
]


def _header(request, name: str) -> str | None:
    value = request.headers.get(name)
    return value.strip() if value is not None else None


def crs_negotiate(request) -> None:
    """Refuse a request whose CRS headers are missing or name a CRS other than EPSG:4326."""
    wanted = [("Accept-Crs", _header(request, "Accept-Crs"))]
    if request.method in WITH_BODY:
        wanted.insert(0, ("Content-Crs", _header(request, "Content-Crs")))
    for name, value in wanted:
        if value is None:
            raise DomainError(
                f"De header `{name}` ontbreekt; geef `{name}: {CRS}`.",
                "precondition_failed",
                status_code=status.HTTP_412_PRECONDITION_FAILED,
            )
        if value.upper() != CRS:
            raise DomainError(
                f"CRS `{value}` in `{name}` wordt niet ondersteund; alleen {CRS}.",
                "not_acceptable",
                status_code=status.HTTP_406_NOT_ACCEPTABLE,
            )


class CrsMixin:
    """For a viewset whose resources carry geometry: CRS negotiation before the action, and
    the answer's `Content-Crs`."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        crs_negotiate(request)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code < 400:
            response["Content-Crs"] = CRS
        return response
