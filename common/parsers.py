"""The JSON parser of every API: camelCase in, snake_case out, and nothing hostile through.

Every request body passes here before any serializer sees it, so the checks below hold for
every field of every API, nested ones and JSON objects (kenmerken) included:

- nesting deeper than `MAX_DEPTH` levels is a 400 (a body nested 1,000 deep made Python's
  decoder raise RecursionError: a 500). The depth is measured without recursion.
- control characters are refused in every string, keys too: C0 (except tab, carriage
  return and line feed in free text), DEL, C1 and lone surrogates (which no database or
  XML document can hold: a zaak with one once aborted a whole SIP). An identifier
  (`identificatie`, `bronorganisatie`, an RSIN, ...) may hold none of them, not even a tab
  or a line break.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.conf import settings
from djangorestframework_camel_case.parser import CamelCaseJSONParser
from djangorestframework_camel_case.util import underscoreize
from rest_framework.exceptions import ParseError

from .exceptions import DomainError

MAX_DEPTH = 64

# Forbidden everywhere: C0 but tab, LF and CR; DEL; C1; lone surrogates.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# Forbidden in identifiers: every control character.
_FORBIDDEN_IN_IDENTIFIER = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# Keys (camelCase as sent) of identifying values: no control character at all.
_IDENTIFIER_KEY = re.compile(
    r"(identificatie|Identificatie|bronorganisatie|Organisatie|rsin|Rsin|bsn|Bsn|kvkNummer|vestigingsNummer"
    r"|uuid|Uuid|clientId|clientIds|kenmerk|Kenmerk|code|Code)$"
)

CONTROL_CHARACTERS = "invalid-characters"


def _where(path: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in path) or "nonFieldErrors"


def check_json_body(data: Any, *, max_depth: int = MAX_DEPTH) -> None:
    """Raise a 400 for a body nested deeper than `max_depth` or holding control characters.

    Walks the parsed body with an explicit stack (a recursive walk could itself run out of
    stack on the input it is meant to refuse).
    """
    problems: list[dict] = []
    stack: list[tuple[Any, tuple[Any, ...], bool]] = [(data, (), False)]
    while stack:
        value, path, identifier = stack.pop()
        if len(path) > max_depth:
            raise ParseError(f"The JSON is nested deeper than {max_depth} levels.")
        if isinstance(value, str):
            pattern = _FORBIDDEN_IN_IDENTIFIER if identifier else _FORBIDDEN
            if pattern.search(value):
                allowed = "" if identifier else " (tab and line breaks excepted)"
                problems.append(
                    {
                        "name": _where(path),
                        "code": CONTROL_CHARACTERS,
                        "reason": f"De waarde bevat besturingstekens{allowed}; die worden niet aanvaard.",
                    }
                )
        elif isinstance(value, dict):
            for key, item in value.items():
                if _FORBIDDEN_IN_IDENTIFIER.search(key):
                    problems.append(
                        {
                            "name": _where(path),
                            "code": CONTROL_CHARACTERS,
                            "reason": "Een veldnaam bevat besturingstekens.",
                        }
                    )
                    continue
                stack.append((item, (*path, key), identifier or bool(_IDENTIFIER_KEY.search(key))))
        elif isinstance(value, list):
            stack.extend((item, (*path, index), identifier) for index, item in enumerate(value))
    if problems:
        problems.sort(key=lambda problem: problem["name"])
        raise DomainError(problems[0]["reason"], CONTROL_CHARACTERS, invalid_params=problems)


class ZGWJSONParser(CamelCaseJSONParser):
    """Accepts camelCase JSON and hands snake_case to the serializers, after `check_json_body`."""

    json_underscoreize = {"no_underscore_before_number": True}

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        try:
            data = json.loads(stream.read().decode(encoding))
        except RecursionError as exc:
            raise ParseError(f"The JSON is nested deeper than {MAX_DEPTH} levels.") from exc
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}") from exc
        check_json_body(data)
        return underscoreize(data, **self.json_underscoreize)
