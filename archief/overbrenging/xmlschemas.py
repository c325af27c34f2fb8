"""The XML schemas a SIP is held to, and the only way we parse XML from outside.

`MDTO-XML1.0.1.xsd` is an unchanged copy of the Nationaal Archief's schema (a test keeps
it equal to `../shared/standards/mdto/`), so validation needs no network. XML that comes
from elsewhere (a package to validate, an archive's receipt) is parsed without entity
resolution, DTD loading or network access: a hostile document cannot read local files,
call out, or blow up memory.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
MDTO_NS = "https://www.nationaalarchief.nl/mdto"
PAKBON_NS = "urn:levensloop:overbrenging:pakbon:1"


class UnsafeXMLError(ValueError):
    """The document declares a DTD or entities, which we never accept from outside."""


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def parse_untrusted(data: bytes) -> etree._ElementTree:
    """Parse XML from outside: no entities, no DTD, no network (raises on any of them)."""
    tree = etree.ElementTree(etree.fromstring(data, parser=safe_parser()))
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise UnsafeXMLError("Het document bevat een DOCTYPE; dat wordt niet aanvaard.")
    return tree


@cache
def _schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / name), parser=safe_parser()))


def mdto_schema() -> etree.XMLSchema:
    return _schema("MDTO-XML1.0.1.xsd")


def pakbon_schema() -> etree.XMLSchema:
    return _schema("pakbon.xsd")


def schema_errors(schema: etree.XMLSchema, tree: etree._ElementTree | etree._Element) -> list[str]:
    """Every validation error of `tree`, as `line N: message`; empty when valid."""
    if schema.validate(tree):
        return []
    return [f"regel {error.line}: {error.message}" for error in schema.error_log]


class SchemaInvalidError(ValueError):
    """A document we produced breaks its schema; nothing with it may leave."""

    def __init__(self, what: str, errors: list[str]) -> None:
        super().__init__(f"{what} voldoet niet aan het schema: " + "; ".join(errors[:5]))
        self.errors = errors


def serialise_validated(root: etree._Element, schema: etree.XMLSchema, what: str) -> bytes:
    """The document as UTF-8 bytes, after validating it: an invalid one raises."""
    errors = schema_errors(schema, root)
    if errors:
        raise SchemaInvalidError(what, errors)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
