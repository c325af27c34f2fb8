"""Adapts VNG's ZGW conformance collection to the versions of the standards served here.

The collection in ../shared/standards/zgw-tests/ predates Catalogi 1.3, which made two
fields required that its request bodies never send:

- `verantwoordelijke` on a zaaktype (Catalogi 1.3: "Verantwoordelijke organisatie of
  -eenheid"), and
- `informatieobjectcategorie` on an informatieobjecttype.

Without them every zaaktype and informatieobjecttype the collection creates is refused
(400, `required`), and almost every later assertion fails for that reason alone. This
script adds exactly these two fields, with fixed values, to the POST and PUT bodies that
lack them, and changes nothing else: no assertion, no URL, no other field. It prints what
it changed, so every run shows the adaptation.

    python adapt_collection.py IN.json OUT.json
"""

from __future__ import annotations

import json
import re
import sys

# Resource path -> the fields Catalogi 1.3.1 requires that the 2023 collection omits.
ADDED_FIELDS = {
    "zaaktypen": {"verantwoordelijke": "100000000"},
    "informatieobjecttypen": {"informatieobjectcategorie": "Conformance"},
}
# A collection variable standing alone as a JSON value ({{x}} without quotes).
BARE_VARIABLE = re.compile(r'(?<!")(\{\{[^}]+\}\})(?!")')


def resource_of(url: str) -> str | None:
    path = url.split("?")[0].rstrip("/")
    for resource in ADDED_FIELDS:
        if re.search(rf"/{resource}(/[^/]+)?$", path):
            return resource
    return None


def adapt_body(raw: str, fields: dict[str, str]) -> str | None:
    """The body with the missing fields added, or None when it needs nothing (or is no object)."""
    placeholders: dict[str, str] = {}

    def hide(match: re.Match) -> str:
        key = f"__bare_variable_{len(placeholders)}__"
        placeholders[key] = match.group(1)
        return json.dumps(key)

    try:
        body = json.loads(BARE_VARIABLE.sub(hide, raw))
    except json.JSONDecodeError:
        return None
    if not isinstance(body, dict):
        return None
    missing = {name: value for name, value in fields.items() if name not in body}
    if not missing:
        return None
    body.update(missing)
    text = json.dumps(body, indent=4, ensure_ascii=False)
    for key, variable in placeholders.items():
        text = text.replace(json.dumps(key), variable)
    return text


def adapt(collection: dict) -> list[str]:
    changed: list[str] = []

    def walk(items: list[dict]) -> None:
        for item in items:
            if "item" in item:
                walk(item["item"])
                continue
            request = item.get("request")
            if not isinstance(request, dict) or request.get("method") not in ("POST", "PUT"):
                continue
            url = request["url"]["raw"] if isinstance(request.get("url"), dict) else request.get("url", "")
            resource = resource_of(url)
            body = request.get("body") or {}
            if resource is None or body.get("mode") != "raw":
                continue
            adapted = adapt_body(body.get("raw", ""), ADDED_FIELDS[resource])
            if adapted is not None:
                body["raw"] = adapted
                changed.append(f"{item['name']}: + {', '.join(ADDED_FIELDS[resource])}")

    walk(collection["item"])
    return changed


def main(source: str, target: str) -> None:
    with open(source, encoding="utf-8") as handle:
        collection = json.load(handle)
    changed = adapt(collection)
    with open(target, "w", encoding="utf-8") as handle:
        json.dump(collection, handle, ensure_ascii=False)
    print(f"Collection adapted to Catalogi 1.3.1: {len(changed)} request bodies given their required fields.")
    for line in changed:
        print(f"  {line}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: adapt_collection.py IN.json OUT.json")
    main(sys.argv[1], sys.argv[2])
