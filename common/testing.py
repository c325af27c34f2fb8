"""Test helpers that hold our contracts against the standards and against our responses.

- `compare_with_standard` lists the differences between a committed schema and an
  official specification: paths, methods, query parameters, field names and enum values.
- `ContractValidator` checks a response that one app received from another against the
  provider's committed schema (installed for every test by the root conftest).
"""

from __future__ import annotations

import copy
import json
import os
import re
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import yaml
from django.http.request import MediaType

from .downloads import OCTET_STREAM, preferred_media_type

# The official specifications and reference data, beside the repository as ../shared.
STANDARDS_DIR = Path(
    os.environ.get("LEVENSLOOP_STANDARDS_DIR", Path(__file__).resolve().parents[2] / "shared" / "standards")
)

HTTP_METHODS = ("get", "post", "put", "patch", "delete", "head")
IGNORED_PARAMETERS = {"accept-crs", "content-crs", "content-type", "if-none-match", "accept"}


@cache
def load_yaml(path: str | Path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _resolve(spec: dict, schema: dict | None) -> dict:
    while schema and "$ref" in schema:
        name = schema["$ref"].split("/")[-1]
        section = schema["$ref"].split("/")[-2]
        schema = spec["components"][section][name]
    return schema or {}


def _flatten(spec: dict, schema: dict | None) -> dict:
    """One schema with the properties of its allOf parts merged in."""
    schema = _resolve(spec, schema)
    if "allOf" in schema:
        merged: dict = {"properties": {}}
        for part in schema["allOf"]:
            part = _flatten(spec, part)
            merged["properties"].update(part.get("properties", {}))
            for key, value in part.items():
                if key != "properties":
                    merged.setdefault(key, value)
        for key, value in schema.items():
            if key != "allOf":
                merged.setdefault(key, value)
        return merged
    return schema


def _enum_values(spec: dict, schema: dict | None, seen: int = 0) -> set:
    schema = _resolve(spec, schema)
    values = {v for v in schema.get("enum", []) if v not in ("", None)}
    for key in ("allOf", "oneOf", "anyOf"):
        for part in schema.get(key, []):
            values |= _enum_values(spec, part, seen + 1)
    return values


def _subtypes(spec: dict, schema_ref: str) -> list[dict]:
    """Schemas that extend `schema_ref` through allOf (the variants of a discriminator)."""
    return [
        candidate
        for candidate in spec.get("components", {}).get("schemas", {}).values()
        if any(part.get("$ref") == schema_ref for part in candidate.get("allOf", []))
    ]


def _fields(
    spec: dict, schema: dict | None, prefix: str = "", depth: int = 0, *, writable: bool = False
) -> dict[str, set]:
    """Field paths of a body schema, mapped to their enum values (`writable`: no readOnly)."""
    reference = (schema or {}).get("$ref")
    schema = _flatten(spec, schema)
    if reference and "discriminator" in schema:
        merged = {"properties": dict(schema.get("properties", {}))}
        for variant in _subtypes(spec, reference):
            for name, prop in _flatten(spec, variant).get("properties", {}).items():
                merged["properties"].setdefault(name, prop)
        schema = merged
    if schema.get("type") == "array" or "items" in schema:
        return _fields(spec, schema.get("items"), prefix + "[]", depth, writable=writable)
    if "oneOf" in schema or "anyOf" in schema:
        merged = {"properties": {}}
        for variant in schema.get("oneOf", []) + schema.get("anyOf", []):
            merged["properties"].update(_flatten(spec, variant).get("properties", {}))
        schema = merged
    result: dict[str, set] = {}
    if depth > 4:
        return result
    for name, prop in schema.get("properties", {}).items():
        if writable and _resolve(spec, prop).get("readOnly"):
            continue
        path = f"{prefix}.{name}" if prefix else name
        result[path] = _enum_values(spec, prop)
        items = prop.get("items") if prop.get("type") == "array" else None
        target = items if items is not None else prop
        if _flatten(spec, target).get("properties"):
            nested_prefix = path + ("[]" if items is not None else "")
            result.update(_fields(spec, target, nested_prefix, depth + 1, writable=writable))
    return result


def _body_schema(spec: dict, operation: dict, kind: str) -> dict | None:
    if kind == "request":
        content = _resolve(spec, operation.get("requestBody")).get("content", {})
    else:
        responses = operation.get("responses", {})
        ok = next((responses[c] for c in ("200", "201") if c in responses), None)
        content = _resolve(spec, ok).get("content", {}) if ok else {}
    for media, body in content.items():
        if "json" in media:
            schema = _flatten(spec, body.get("schema"))
            if "results" in schema.get("properties", {}):  # a paginated list
                return schema["properties"]["results"]
            return schema
    return None


def _parameters(spec: dict, path_item: dict, operation: dict) -> set[str]:
    names = set()
    for parameter in [*path_item.get("parameters", []), *operation.get("parameters", [])]:
        parameter = _resolve(spec, parameter)
        if parameter.get("in") == "query" and parameter["name"].lower() not in IGNORED_PARAMETERS:
            names.add(parameter["name"])
    return names


def compare_with_standard(
    committed_path: str | Path, standard_path: str | Path, *, unimplemented: tuple[str, ...] = ()
) -> list[str]:
    """Differences between our committed schema and the official specification.

    Every path of the standard must be ours too, unless it starts with one of the
    `unimplemented` prefixes (resources we deliberately leave out). For each operation:
    the same methods, query parameters, request and response field names, and enum values.
    An extra HEAD is allowed (Django answers HEAD wherever it answers GET).
    """
    ours = load_yaml(committed_path)
    theirs = load_yaml(standard_path)
    problems: list[str] = []
    for path, their_item in theirs["paths"].items():
        if any(path.startswith(prefix) for prefix in unimplemented):
            continue
        our_item = ours["paths"].get(path)
        if our_item is None:
            problems.append(f"{path}: missing")
            continue
        their_methods = {m for m in their_item if m in HTTP_METHODS}
        our_methods = {m for m in our_item if m in HTTP_METHODS}
        for method in sorted(their_methods - our_methods):
            problems.append(f"{method.upper()} {path}: missing")
        for method in sorted(our_methods - their_methods - {"head"}):
            problems.append(f"{method.upper()} {path}: not in the standard")
        for method in sorted(their_methods & our_methods):
            their_op, our_op = their_item[method], our_item[method]
            where = f"{method.upper()} {path}"
            missing = _parameters(theirs, their_item, their_op) - _parameters(ours, our_item, our_op)
            extra = _parameters(ours, our_item, our_op) - _parameters(theirs, their_item, their_op)
            problems += [f"{where}: query parameter {name} missing" for name in sorted(missing)]
            problems += [f"{where}: query parameter {name} not in the standard" for name in sorted(extra)]
            for kind in ("request", "response"):
                writable = kind == "request"
                their_fields = _fields(theirs, _body_schema(theirs, their_op, kind), writable=writable)
                our_fields = _fields(ours, _body_schema(ours, our_op, kind), writable=writable)
                for name in sorted(set(their_fields) - set(our_fields)):
                    problems.append(f"{where} {kind}: field {name} missing")
                for name in sorted(set(our_fields) - set(their_fields)):
                    problems.append(f"{where} {kind}: field {name} not in the standard")
                for name in sorted(set(their_fields) & set(our_fields)):
                    if their_fields[name] != our_fields[name]:
                        problems.append(
                            f"{where} {kind}: enum of {name} differs: "
                            f"missing {sorted(their_fields[name] - our_fields[name])}, "
                            f"extra {sorted(our_fields[name] - their_fields[name])}"
                        )
    return problems


# --- validating responses against the provider's committed schema ---------------------


def _to_json_schema(node: Any) -> Any:
    """OpenAPI 3.0 schema objects to JSON Schema: `nullable` becomes a null alternative."""
    if isinstance(node, list):
        return [_to_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _to_json_schema(value) for key, value in node.items() if key not in ("nullable", "example")}
    if "oneOf" in converted:
        # Generated schemas use oneOf for "a URL or blank"; without format checks both
        # branches match "", so exclusive choice would refuse valid bodies.
        converted["anyOf"] = converted.pop("oneOf")
    if node.get("nullable"):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


class ContractViolationError(AssertionError):
    pass


class ContractValidator:
    """Validates responses against committed schemas, chosen by the URL's API root."""

    def __init__(self, contracts: dict[str, Path]) -> None:
        # API root path (e.g. "/catalogi/api/v1/") -> committed schema file
        self.contracts = contracts

    @staticmethod
    @cache
    def _compiled(path: Path) -> tuple[dict, list[tuple[re.Pattern, str]]]:
        spec = load_yaml(path)
        components = _to_json_schema(copy.deepcopy(spec.get("components", {})))
        # Literal segments win over placeholders: `/zaken/_zoek` is not `/zaken/{uuid}`.
        templates = sorted(spec["paths"], key=lambda template: template.count("{"))
        patterns = [
            (re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"), template) for template in templates
        ]
        return {"spec": spec, "components": components}, patterns

    def __call__(self, response: httpx.Response) -> None:
        path = response.request.url.path
        root = next((r for r in self.contracts if path.startswith(r)), None)
        if root is None:
            return
        compiled, patterns = self._compiled(self.contracts[root])
        relative = "/" + path[len(root) :].lstrip("/")
        template = next((t for pattern, t in patterns if pattern.match(relative)), None)
        method = response.request.method.lower()
        where = f"{response.request.method} {path} -> {response.status_code}"
        if template is None:
            raise ContractViolationError(f"{where}: the path is not in the committed schema {self.contracts[root]}")
        operation = compiled["spec"]["paths"][template].get(method)
        if operation is None:
            raise ContractViolationError(f"{where}: the method is not in the committed schema")
        documented = operation["responses"].get(str(response.status_code))
        if documented is None:
            raise ContractViolationError(f"{where}: the status code is not in the committed schema")
        content = _resolve(compiled["spec"], documented).get("content")
        if not content or response.headers.get("content-length") == "0":
            return
        try:
            if not response.content:
                return
        except httpx.ResponseNotRead:
            pass  # a file being streamed: its media type is checked below, its bytes never
        media = response.headers.get("content-type", "").split(";")[0]
        body_spec = content.get(media)
        if body_spec is None:  # a documented range (`*/*`: a download in the document's own formaat)
            body_spec = next(
                (spec for key, spec in content.items() if "*" in key and MediaType(key).match(media)), None
            )
        if body_spec is None:
            raise ContractViolationError(f"{where}: media type {media} not documented ({sorted(content)})")
        if "json" not in media:  # a file (a download, a CSV): its media type is checked, not its bytes
            return
        schema = _to_json_schema(body_spec.get("schema", {}))
        root_schema = {**schema, "components": compiled["components"]}
        try:
            jsonschema.validate(response.json(), root_schema)
        except jsonschema.ValidationError as exc:
            raise ContractViolationError(f"{where}: body breaks the committed schema: {exc.message}") from exc


def admits_download(request: httpx.Request) -> bool:
    """Open Zaak's rule for a download: the Accept header must admit application/octet-stream.

    Open Zaak renders a download only as application/octet-stream (DRF negotiation with one
    renderer), so `Accept: application/json` is 406 there; `*/*` and no Accept are fine.
    The test providers apply it so a client that asks a download for JSON fails here too.
    """
    return preferred_media_type(request.headers.get("accept"), [OCTET_STREAM]) is not None


class ExternalProvider:
    """Another provider's API on a real local HTTP server, for tests of references to it.

    `routes` maps a path below the root to (status, JSON body, bytes of a file, or None).
    Every request is recorded in `requests` as (method, path, headers), so a test can see
    what was sent. As strict as Open Zaak about Accept: a JSON answer only when the Accept
    header admits application/json, a file only when it admits application/octet-stream;
    otherwise 406.
    """

    def __init__(self, routes: dict[str, tuple[int, Any]]) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.routes = routes
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                provider.requests.append((self.command, self.path, dict(self.headers)))
                path = self.path.removeprefix("/api/v1/")
                status, body = provider.routes.get(path, (404, None))
                if isinstance(body, bytes):
                    payload, media_type = body, OCTET_STREAM
                else:
                    payload = b"" if body is None else json.dumps(body).encode()
                    media_type = "application/json" if body is not None else "text/html"
                if body is not None and preferred_media_type(self.headers.get("Accept"), [media_type]) is None:
                    status, media_type = 406, "application/problem+json"
                    payload = json.dumps({"code": "not_acceptable", "status": 406, "title": "Not acceptable."}).encode()
                self.send_response(status)
                self.send_header("Content-Type", media_type)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.root = f"http://127.0.0.1:{self._server.server_address[1]}/api/v1/"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return self.root + path

    def __enter__(self) -> ExternalProvider:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()
