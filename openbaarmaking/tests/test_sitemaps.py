"""robots.txt, the DiWoo sitemapindexes and sitemaps: well-formed, within the limits, and every
<diwoo:Document> valid against the DiWoo metadata schema 0.9.8."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from django.db.models import F
from django.test import Client
from lxml import etree

from openbaarmaking import sitemaps
from openbaarmaking.benchmark import gepubliceerde_documenten
from openbaarmaking.models import Informatiecategorie, PublicatieStatus, SitemapBestand

from .conftest import REDEN, api
from .diwoo import NS, SITEMAP_NS, assert_valid_documents
from .factories import OrganisatieFactory, PublicatieDocumentFactory, PublicatieFactory

pytestmark = pytest.mark.django_db

BASE = "https://woo.example.nl"


@pytest.fixture
def public():
    return Client()


def sitemap_locs(public, nummer: int) -> list[str]:
    response = public.get(f"/sitemapindex-diwoo-infocat{nummer:03d}.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = etree.fromstring(response.content)
    assert root.tag == f"{{{SITEMAP_NS}}}sitemapindex"
    for item in root.findall("sm:sitemap", NS):
        assert item.findtext("sm:lastmod", namespaces=NS)
    return [item.findtext("sm:loc", namespaces=NS) for item in root.findall("sm:sitemap", NS)]


def fetch(public, loc: str) -> bytes:
    assert loc.startswith(BASE + "/")
    response = public.get(loc.removeprefix(BASE))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def all_entries(public, nummer: int) -> list[etree._Element]:
    entries = []
    for loc in sitemap_locs(public, nummer):
        content = fetch(public, loc)
        assert_valid_documents(content)
        entries += etree.fromstring(content).findall("sm:url", NS)
    return entries


def gepubliceerd(**kwargs):
    categorieen = kwargs.pop("categorieen", None)
    publicatie = PublicatieFactory(status=PublicatieStatus.gepubliceerd, informatiecategorieen=categorieen, **kwargs)
    return PublicatieDocumentFactory(publicatie=publicatie)


def categorie(nummer: int) -> Informatiecategorie:
    return Informatiecategorie.objects.get(nummer=nummer)


def test_robots_lists_one_sitemapindex_per_category_in_use(public):
    gepubliceerd(categorieen=[categorie(16)])
    gepubliceerd(categorieen=[categorie(1), categorie(16)])
    PublicatieDocumentFactory(publicatie=PublicatieFactory(informatiecategorieen=[categorie(5)]))  # a concept
    sitemaps.sitemaps_genereren()

    response = public.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert [line for line in lines if line.startswith("Sitemap:")] == [
        f"Sitemap: {BASE}/sitemapindex-diwoo-infocat001.xml",
        f"Sitemap: {BASE}/sitemapindex-diwoo-infocat016.xml",
    ]
    assert public.get("/sitemapindex-diwoo-infocat005.xml").status_code == 404


def test_every_entry_points_at_the_file_and_carries_valid_diwoo_metadata(public):
    verantwoordelijke = OrganisatieFactory(
        naam="gemeente Amsterdam", identifier="https://identifier.overheid.nl/tooi/id/gemeente/gm0363"
    )
    document = gepubliceerd(
        categorieen=[categorie(1), categorie(16)],
        verkorte_titel="Vergunning & <bijlage>",
        omschrijving='Besluit "Dorpsstraat" & meer',
        verantwoordelijke=verantwoordelijke,
        opsteller=verantwoordelijke,
    )
    gepubliceerd(categorieen=[categorie(16)])
    sitemaps.sitemaps_genereren()

    entries = all_entries(public, 16)
    assert len(entries) == 2
    assert len(all_entries(public, 1)) == 1
    entry = entries[0]
    assert entry.findtext("sm:loc", namespaces=NS) == f"{BASE}/woo/documenten/{document.uuid}"
    diwoo = entry.find("diwoo:Document/diwoo:DiWoo", NS)
    assert diwoo.findtext("diwoo:titelcollectie/diwoo:officieleTitel", namespaces=NS) == document.officiele_titel
    assert diwoo.find("diwoo:publisher", NS).get("resource").endswith("/gm0344")
    assert [c.get("resource") for c in diwoo.iterfind(".//diwoo:informatiecategorie", NS)] == [
        categorie(1).identifier,
        categorie(16).identifier,
    ]
    assert diwoo.find("diwoo:format", NS).get("resource").endswith("/file-type/PDF")
    assert diwoo.find("diwoo:language", NS).get("resource").endswith("/language/NLD")
    assert diwoo.findtext("diwoo:creatiedatum", namespaces=NS) == "2026-11-01"
    handeling = diwoo.find("diwoo:documenthandelingen/diwoo:documenthandeling", NS)
    assert handeling.findtext("diwoo:soortHandeling", namespaces=NS) == "vaststelling"
    assert handeling.findtext("diwoo:atTime", namespaces=NS)


def test_the_schema_check_is_real(public):
    """A Document without its required publisher is refused by the same validation."""
    gepubliceerd()
    sitemaps.sitemaps_genereren()
    content = fetch(public, sitemap_locs(public, 16)[0])
    broken = content.replace(b"<diwoo:publisher", b"<diwoo:naamOpsteller").replace(
        b"</diwoo:publisher>", b"</diwoo:naamOpsteller>"
    )
    broken = broken.replace(b' resource="https://identifier.overheid.nl/tooi/id/gemeente/gm0344"', b"", 1)

    with pytest.raises(AssertionError, match="publisher"):
        assert_valid_documents(broken)


def test_a_revoked_document_leaves_its_sitemap_whose_lastmod_moves(
    public, beheerder, django_capture_on_commit_callbacks
):
    blijft = gepubliceerd(categorieen=[categorie(16)])
    weg = gepubliceerd(categorieen=[categorie(16)])
    ander = gepubliceerd(categorieen=[categorie(1)])
    sitemaps.sitemaps_genereren()
    # as if that generation ran an hour ago (lastmod has a resolution of seconds)
    SitemapBestand.objects.update(lastmod=F("lastmod") - dt.timedelta(hours=1))
    index_before = public.get("/sitemapindex-diwoo-infocat016.xml").content
    other_before = public.get("/sitemapindex-diwoo-infocat001.xml").content

    with django_capture_on_commit_callbacks(execute=True):
        response = beheerder.patch(
            api(f"publicaties/{weg.publicatie.uuid}"),
            {"status": "ingetrokken", "redenIntrekking": REDEN},
            format="json",
        )
    assert response.status_code == 200, response.json()

    locs = [e.findtext("sm:loc", namespaces=NS) for e in all_entries(public, 16)]
    assert locs == [f"{BASE}/woo/documenten/{blijft.uuid}"]
    index_after = public.get("/sitemapindex-diwoo-infocat016.xml").content
    lastmod = "sm:sitemap/sm:lastmod"
    assert etree.fromstring(index_after).findtext(lastmod, namespaces=NS) > etree.fromstring(index_before).findtext(
        lastmod, namespaces=NS
    )
    assert public.get("/sitemapindex-diwoo-infocat001.xml").content == other_before
    assert [e.findtext("sm:loc", namespaces=NS) for e in all_entries(public, 1)] == [
        f"{BASE}/woo/documenten/{ander.uuid}"
    ]


def test_nothing_changed_nothing_generated():
    gepubliceerd()
    first = sitemaps.sitemaps_bijwerken()

    assert first is not None
    assert sitemaps.sitemaps_bijwerken() is None


def test_unknown_sitemaps_are_404(public):
    assert public.get("/sitemapindex-diwoo-infocat016.xml").status_code == 404
    assert public.get("/sitemaps/sitemap-diwoo-infocat016-00001.xml").status_code == 404
    assert "Sitemap:" not in public.get("/robots.txt").content.decode()


def assert_split(public, aantal: int, max_urls: int, max_bytes: int) -> list[int]:
    counts = []
    for loc in sitemap_locs(public, 16):
        content = fetch(public, loc)
        assert len(content) <= max_bytes
        counts.append(assert_valid_documents(content))
        assert counts[-1] <= max_urls
    assert sum(counts) == aantal
    return counts


def test_split_at_the_url_limit(public, settings):
    settings.OPENBAARMAKING_SITEMAP_MAX_URLS = 100
    gepubliceerde_documenten(250)
    sitemaps.sitemaps_genereren()

    assert assert_split(public, 250, 100, settings.OPENBAARMAKING_SITEMAP_MAX_BYTES) == [100, 100, 50]


def test_split_at_the_byte_limit(public, settings):
    settings.OPENBAARMAKING_SITEMAP_MAX_BYTES = 20_000
    gepubliceerde_documenten(60)
    sitemaps.sitemaps_genereren()

    counts = assert_split(public, 60, settings.OPENBAARMAKING_SITEMAP_MAX_URLS, 20_000)
    assert len(counts) > 1


@pytest.mark.heavy
def test_more_than_50000_documents_split_within_the_real_limits(public, settings):
    assert (settings.OPENBAARMAKING_SITEMAP_MAX_URLS, settings.OPENBAARMAKING_SITEMAP_MAX_BYTES) == (
        50_000,
        50 * 1024 * 1024,
    )
    aantal = 50_001
    gepubliceerde_documenten(aantal)
    generatie = sitemaps.sitemaps_genereren()

    counts = assert_split(public, aantal, 50_000, 50 * 1024 * 1024)
    # about 1.4 kB an entry: the 50 MB limit splits before the 50,000 URLs do
    assert len(counts) >= math.ceil(aantal / 50_000)
    assert generatie.aantal_urls == aantal

    # the URL limit alone, with room for the bytes: 50,000 and the one over
    sitemaps.sitemaps_genereren(max_bytes=10**9)
    assert assert_split(public, aantal, 50_000, 10**9) == [50_000, 1]


class Killed(BaseException):
    """The worker process died here."""


def test_a_generation_whose_worker_was_killed_is_written_again_by_itself_exactly_once(public, monkeypatch):
    import uuid

    from django.utils import timezone

    from openbaarmaking import tasks
    from openbaarmaking.models import SitemapGeneratie

    documenten = [gepubliceerd(categorieen=[categorie(16)]) for _ in range(3)]
    monkeypatch.setattr(sitemaps, "HARTSLAG_ELKE", 1)
    heartbeat = sitemaps.lease_verlengen
    beats = []

    def die_on_the_second_entry(*args, **kwargs):
        beats.append(args)
        if len(beats) == 2:
            raise Killed
        return heartbeat(*args, **kwargs)

    monkeypatch.setattr(sitemaps, "lease_verlengen", die_on_the_second_entry)
    with pytest.raises(Killed):
        sitemaps.sitemaps_genereren()
    monkeypatch.setattr(sitemaps, "lease_verlengen", heartbeat)
    # What a killed process leaves: a half-written generation under a lease nobody extends.
    dead = uuid.uuid4()
    half = SitemapGeneratie.objects.get()
    SitemapGeneratie.objects.filter(pk=half.pk).update(lease_token=dead, lease_tot=timezone.now())
    assert half.bezig and half.voltooid is None
    assert sitemaps.sitemaps_genereren() is None, "one generation at a time"
    assert public.get("/robots.txt").content.decode().count("Sitemap:") == 0
    SitemapGeneratie.objects.filter(pk=half.pk).update(lease_tot=timezone.now() - dt.timedelta(seconds=1))

    resumed = [tasks.sitemaps_hervatten(), tasks.sitemaps_hervatten()]  # two beats; tasks run in-process
    tasks.sitemaps_schrijven.delay(half.pk, str(dead))  # the dead run's message, delivered again

    assert resumed == [1, 0]
    generatie = SitemapGeneratie.objects.get()
    assert generatie.pk == half.pk and generatie.voltooid and generatie.bezig is None
    assert generatie.lease_token is None
    entries = all_entries(public, 16)
    assert len(entries) == len(documenten) == generatie.aantal_urls
