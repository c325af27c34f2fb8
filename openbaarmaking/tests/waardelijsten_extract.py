"""Reads the TOOI value lists this app ships out of the DiWoo schema's own lists.

`openbaarmaking/data/tooi-waardelijsten.json` is the output of `extract()`; a test holds
the shipped file to it, so the app never carries a value the schema would refuse.
Run as a script to rewrite the file after a new version of the DiWoo schema.
"""

from __future__ import annotations

import json
from pathlib import Path

from lxml import etree

from common.testing import STANDARDS_DIR

LIJSTEN_XSD = STANDARDS_DIR / "diwoo" / "diwoo-metadata-lijsten.xsd"
SHIPPED = Path(__file__).resolve().parents[1] / "data" / "tooi-waardelijsten.json"
NS = {"xs": "http://www.w3.org/2001/XMLSchema", "dita": "http://dita.oasis-open.org/architecture/2005/"}
ORGANISATIELIJSTEN = (
    "collijst",
    "gemeentelijst",
    "ministerielijst",
    "provincielijst",
    "oorglijst",
    "solijst",
    "waterschapslijst",
    "zbolijst",
)
LIJSTEN = {
    "formaten": ("formatlijst",),
    "talen": ("taallijst",),
    "soortenHandeling": ("soorthandelinglijst",),
    "redenenIntrekking": ("redenverwijderingvervanginglijst",),
    "organisaties": ORGANISATIELIJSTEN,
}


def _values(tree: etree._ElementTree, name: str) -> dict[str, str]:
    simple_type = tree.find(f".//xs:simpleType[@name='{name}']", NS)
    values = {}
    for enumeration in simple_type.findall("xs:restriction/xs:enumeration", NS):
        labels = enumeration.findall(".//dita:p", NS)
        values[enumeration.get("value")] = (labels[0].text or "").strip() if labels else ""
    return values


def extract() -> dict[str, dict[str, str]]:
    tree = etree.parse(str(LIJSTEN_XSD))
    result = {}
    for key, names in LIJSTEN.items():
        merged: dict[str, str] = {}
        for name in names:
            merged.update(_values(tree, name))
        result[key] = dict(sorted(merged.items()))
    return result


def render() -> str:
    return json.dumps(extract(), indent=1, ensure_ascii=False, sort_keys=True) + "\n"


if __name__ == "__main__":
    SHIPPED.write_text(render(), encoding="utf-8")
