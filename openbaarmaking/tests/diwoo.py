"""Offline validation against the DiWoo metadata schema 0.9.8 (with lxml).

The schema imports MDTO from the Nationaal Archief's web address; a resolver maps that
import to the local copy in `../shared/standards/mdto/`, as the standards README says.
"""

from __future__ import annotations

from functools import cache

from lxml import etree

from common.testing import STANDARDS_DIR

DIWOO_XSD = STANDARDS_DIR / "diwoo" / "diwoo-metadata.xsd"
MDTO_XSD = STANDARDS_DIR / "mdto" / "MDTO-XML1.0.1.xsd"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
DIWOO_NS = "https://standaarden.overheid.nl/diwoo/metadata/"
NS = {"sm": SITEMAP_NS, "diwoo": DIWOO_NS}


class _LocalMDTO(etree.Resolver):
    def resolve(self, url, public_id, context):
        if url and url.endswith("MDTO-XML1.0.1.xsd"):
            return self.resolve_filename(str(MDTO_XSD), context)
        return None


@cache
def diwoo_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalMDTO())
    return etree.XMLSchema(etree.parse(str(DIWOO_XSD), parser))


def assert_valid_documents(sitemap: bytes) -> int:
    """Parse a sitemap (well-formed or it raises), validate every <diwoo:Document>; return how many."""
    root = etree.fromstring(sitemap)
    assert root.tag == f"{{{SITEMAP_NS}}}urlset"
    schema = diwoo_schema()
    urls = root.findall("sm:url", NS)
    for url in urls:
        loc = url.findtext("sm:loc", namespaces=NS)
        assert loc and loc.startswith("https://"), loc
        assert url.findtext("sm:lastmod", namespaces=NS)
        documents = url.findall("diwoo:Document", NS)
        assert len(documents) == 1
        if not schema.validate(documents[0]):
            raise AssertionError(f"{loc}: {schema.error_log}")
    return len(urls)
