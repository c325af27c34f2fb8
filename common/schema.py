"""drf-spectacular AutoSchema that documents the ZGW error responses and security."""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework import serializers

from .exceptions import TITLES


class FieldValidationErrorSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="Naam van het veld met ongeldige gegevens")
    code = serializers.CharField(help_text="Systeemcode die het type fout aangeeft")
    reason = serializers.CharField(help_text="Uitleg wat er precies fout is met de gegevens")


class FoutSerializer(serializers.Serializer):
    type = serializers.CharField(help_text="URI referentie naar het type fout, bedoeld voor developers")
    code = serializers.CharField(help_text="Systeemcode die het type fout aangeeft")
    title = serializers.CharField(help_text="Generieke titel voor het type fout")
    status = serializers.IntegerField(help_text="De HTTP status code")
    detail = serializers.CharField(help_text="Extra informatie bij de fout, indien beschikbaar")
    instance = serializers.CharField(
        help_text="URI met referentie naar dit specifiek voorkomen van de fout. Deze kan gebruikt "
        "worden in combinatie met server logs, bijvoorbeeld."
    )

    class Meta:
        ref_name = "Fout"


class ValidatieFoutSerializer(FoutSerializer):
    invalid_params = FieldValidationErrorSerializer(many=True)

    class Meta:
        ref_name = "ValidatieFout"


PROBLEM = "application/problem+json"


class AutoSchema(SpectacularAutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        method = self.method.upper()
        extra = {}
        if method in ("POST", "PUT", "PATCH") or self._is_list_view():
            extra["400"] = ValidatieFoutSerializer
        if getattr(self.view, "required_scopes", None) is not None:
            extra["401"] = FoutSerializer
            extra["403"] = FoutSerializer
        if not self._is_list_view() and ("{" in self.path):
            extra["404"] = FoutSerializer
        if method in ("POST", "PUT", "PATCH"):
            extra["415"] = FoutSerializer
        if _negotiates_crs(self.view):
            extra["406"] = FoutSerializer
            extra["412"] = FoutSerializer
        if getattr(self.view, "action", None) in getattr(self.view, "bestanden", {}):
            extra["406"] = FoutSerializer  # a file is served only when the Accept header admits it
        if method in ("POST", "PUT", "PATCH", "DELETE"):
            # A write the database refused because of a concurrent one (`common.exceptions`).
            extra["409"] = FoutSerializer
        extra["500"] = FoutSerializer
        for code, serializer in extra.items():
            if code in responses:
                continue
            responses[code] = self._get_response_for_code(serializer, code, [PROBLEM])
            responses[code]["description"] = TITLES.get(int(code), "Fout.")
        return responses

    def get_auth(self):
        if getattr(self.view, "required_scopes", None) is None:
            return []
        return [{"JWT-Claims": []}]

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        if _negotiates_crs(self.view):
            from .geo import CRS_PARAMETERS

            parameters = [*parameters, *CRS_PARAMETERS]
        return parameters

    def _get_response_headers_for_code(self, status_code, direction="response"):
        headers = super()._get_response_headers_for_code(status_code, direction)
        if _negotiates_crs(self.view) and str(status_code).startswith("2"):
            headers["Content-Crs"] = {
                "schema": {"type": "string", "enum": ["EPSG:4326"]},
                "description": "Het 'Coordinate Reference System' (CRS) van de geometrie in het antwoord.",
            }
        return headers


def _negotiates_crs(view) -> bool:
    from .geo import CrsMixin

    return isinstance(view, CrsMixin)


def add_head_operations(result, generator, request, public):
    """Document HEAD beside every detail GET: Django answers it there, as the ZGW APIs list."""
    for path, item in result.get("paths", {}).items():
        get = item.get("get")
        if get is None or "head" in item or not path.endswith("}"):
            continue
        item["head"] = {
            "operationId": get["operationId"].replace("_retrieve", "_headers"),
            "summary": "De headers voor een specifiek object opvragen.",
            "description": "Vraag de headers op die je bij een GET request zou krijgen.",
            "parameters": [
                p for p in get.get("parameters", []) if p.get("in") == "path" or p.get("name", "").endswith("-Crs")
            ],
            "tags": get.get("tags", []),
            "security": get.get("security", []),
            "responses": {"200": {"description": "OK"}},
        }
    return result


# Django's model integer fields get their bounds from the database backend (32-bit on
# PostgreSQL, 64-bit on SQLite); they say nothing about the contract and would make the
# committed schema depend on where it was generated.
_BACKEND_INTEGER_BOUNDS = {
    -(2**31),
    2**31 - 1,
    -(2**63),
    2**63 - 1,
    -(2**15),
    2**15 - 1,
}


def drop_backend_integer_bounds(result, generator, request, public):
    def walk(node):
        if isinstance(node, dict):
            for key in ("maximum", "minimum"):
                if node.get(key) in _BACKEND_INTEGER_BOUNDS and node.get("type") == "integer":
                    del node[key]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(result)
    return result
