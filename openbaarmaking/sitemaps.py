"""The DiWoo sitemaps the national Woo-index harvests.

`robots.txt` → one `sitemapindex-diwoo-infocatNNN.xml` per category in use → sitemaps of
at most `OPENBAARMAKING_SITEMAP_MAX_URLS` (50,000) URLs and `OPENBAARMAKING_SITEMAP_MAX_BYTES`
(50 MB). Each `<url>` has the https download of the file itself as `<loc>`, a `<lastmod>`
and a `<diwoo:Document>` that validates against the DiWoo metadata schema 0.9.8.

Sitemaps are generated into files, one generation at a time, in a single streaming pass
over the database (rows read in chunks, each entry written as soon as it is rendered), so
memory stays flat and the byte limit is exact. A file whose content did not change keeps
its lastmod; a revoked document leaves its sitemap at the next generation, which gives
that sitemap a new lastmod.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import shutil
import uuid
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from common.werk import lease_duur, lease_verlengen, verlopen_leases_overnemen

from . import selectors, waardelijsten
from .models import Informatiecategorie, Publicatie, SitemapBestand, SitemapGeneratie

logger = logging.getLogger(__name__)

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
DIWOO_NS = "https://standaarden.overheid.nl/diwoo/metadata/"
URLSET_OPEN = (
    f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP_NS}" xmlns:diwoo="{DIWOO_NS}">\n'
).encode()
URLSET_CLOSE = b"</urlset>\n"


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    return _text(value).replace('"', "&quot;")


def _time(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def public_base() -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/")


def download_url(document_uuid: uuid.UUID | str) -> str:
    """The public URL of a published document's file."""
    return f"{public_base()}/woo/documenten/{document_uuid}"


def sitemapindex_naam(categorie: Informatiecategorie) -> str:
    return f"sitemapindex-diwoo-infocat{categorie.nummer:03d}.xml"


def sitemap_naam(categorie: Informatiecategorie, volgnummer: int) -> str:
    return f"sitemap-diwoo-infocat{categorie.nummer:03d}-{volgnummer:05d}.xml"


def _organisatie(element: str, naam: str | None, identifier: str | None) -> str:
    if not identifier:
        return ""
    return f'<diwoo:{element} resource="{_attr(identifier)}">{_text(naam or "")}</diwoo:{element}>'


class EntryRenderer:
    """Renders one `<url>` entry; the fixed parts are prepared once per generation."""

    def __init__(self) -> None:
        self.categorieen = {
            pk: f'<diwoo:informatiecategorie resource="{_attr(identifier)}">{_text(naam)}</diwoo:informatiecategorie>'
            for pk, identifier, naam in Informatiecategorie.objects.values_list("pk", "identifier", "naam")
        }
        self.vaststelling = (
            f'<diwoo:soortHandeling resource="{waardelijsten.VASTSTELLING}">'
            f"{waardelijsten.soort_handeling_label(waardelijsten.VASTSTELLING)}</diwoo:soortHandeling>"
        )
        self.base = public_base()
        self._formaten: dict[tuple[str, str], str] = {}
        self._talen: dict[str, str] = {}

    def _formaat(self, mime: str, bestandsnaam: str) -> str:
        extension = bestandsnaam.rsplit(".", 1)[-1].lower() if "." in bestandsnaam else ""
        key = (mime, extension)
        if key not in self._formaten:
            found = waardelijsten.formaat(mime, bestandsnaam)
            self._formaten[key] = (
                f'<diwoo:format resource="{found[0]}">{_text(found[1])}</diwoo:format>' if found else ""
            )
        return self._formaten[key]

    def _taal(self, code: str) -> str:
        if code not in self._talen:
            found = waardelijsten.taal(code)
            self._talen[code] = (
                f'<diwoo:language resource="{found[0]}">{_text(found[1])}</diwoo:language>' if found else ""
            )
        return self._talen[code]

    def document(self, row: tuple, categorie_ids: list[int]) -> str:
        """The `<diwoo:Document>` of one row of `selectors.SITEMAP_COLUMNS`."""
        (
            _pk,
            _uuid,
            _publicatie_id,
            _document,
            identificatie,
            titel,
            creatiedatum,
            formaat,
            bestandsnaam,
            taal,
            vastgesteld_op,
            _lastmod,
            verkorte_titel,
            omschrijving,
            publisher_naam,
            publisher,
            verantwoordelijke_naam,
            verantwoordelijke,
            opsteller_naam,
            opsteller,
        ) = row
        identifiers = (
            f"<diwoo:identifiers><diwoo:identifier>{_text(identificatie)}</diwoo:identifier></diwoo:identifiers>"
            if identificatie
            else ""
        )
        verkort = (
            f"<diwoo:verkorteTitels><diwoo:verkorteTitel>{_text(verkorte_titel)}</diwoo:verkorteTitel></diwoo:verkorteTitels>"
            if verkorte_titel
            else ""
        )
        omschrijvingen = (
            f"<diwoo:omschrijvingen><diwoo:omschrijving>{_text(omschrijving)}</diwoo:omschrijving></diwoo:omschrijvingen>"
            if omschrijving
            else ""
        )
        return (
            "<diwoo:Document><diwoo:DiWoo>"
            f"{identifiers}"
            f"{_organisatie('publisher', publisher_naam, publisher)}"
            f"{_organisatie('verantwoordelijke', verantwoordelijke_naam, verantwoordelijke)}"
            f"{_organisatie('opsteller', opsteller_naam, opsteller)}"
            f"<diwoo:titelcollectie><diwoo:officieleTitel>{_text(titel)}</diwoo:officieleTitel>{verkort}"
            "</diwoo:titelcollectie>"
            f"{omschrijvingen}"
            "<diwoo:classificatiecollectie><diwoo:informatiecategorieen>"
            f"{''.join(self.categorieen[pk] for pk in categorie_ids)}"
            "</diwoo:informatiecategorieen></diwoo:classificatiecollectie>"
            f"<diwoo:creatiedatum>{creatiedatum.isoformat()}</diwoo:creatiedatum>"
            f"{self._taal(taal)}{self._formaat(formaat, bestandsnaam)}"
            "<diwoo:documenthandelingen><diwoo:documenthandeling>"
            f"{self.vaststelling}<diwoo:atTime>{_time(vastgesteld_op)}</diwoo:atTime>"
            "</diwoo:documenthandeling></diwoo:documenthandelingen>"
            "</diwoo:DiWoo></diwoo:Document>"
        )

    def entry(self, row: tuple, categorie_ids: list[int]) -> bytes:
        return (
            f"<url><loc>{self.base}/woo/documenten/{row[1]}</loc><lastmod>{_time(row[11])}</lastmod>"
            f"{self.document(row, categorie_ids)}</url>\n"
        ).encode()


def sitemap_root() -> Path:
    return Path(settings.OPENBAARMAKING_SITEMAP_ROOT)


class _SitemapWriter:
    """Writes one sitemap file, hashing while it writes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.handle = open(path, "wb")  # noqa: SIM115 - closed in close()
        self.hash = hashlib.sha256()
        self.count = 0
        self.size = 0
        self._write(URLSET_OPEN)

    def _write(self, data: bytes) -> None:
        self.handle.write(data)
        self.hash.update(data)
        self.size += len(data)

    def fits(self, entry: bytes, max_urls: int, max_bytes: int) -> bool:
        return self.count < max_urls and self.size + len(entry) + len(URLSET_CLOSE) <= max_bytes

    def add(self, entry: bytes) -> None:
        self._write(entry)
        self.count += 1

    def close(self) -> None:
        self._write(URLSET_CLOSE)
        self.handle.close()


# Entries written between two heartbeats of a generation's lease.
HARTSLAG_ELKE = 1000


class GeneratieOvergenomenError(Exception):
    """Another run took the generation over (this one was taken for dead): stop writing."""


def sitemaps_genereren(*, max_urls: int | None = None, max_bytes: int | None = None) -> SitemapGeneratie | None:
    """Write a complete generation of sitemaps and make it the current one.

    One generation is written at a time (`SitemapGeneratie.bezig` is unique); None when
    another run is writing one now. That run holds the generation's lease (`common.werk`)
    and extends it as it writes; when its worker dies, `sitemaps_hervatten` (beat) writes
    the same generation again from the start, once.
    """
    token = uuid.uuid4()
    try:
        with transaction.atomic():
            generatie = SitemapGeneratie.objects.create(
                map=timezone.now().strftime("%Y%m%dT%H%M%S") + f"-{uuid.uuid4().hex[:8]}",
                lease_token=token,
                lease_tot=timezone.now() + lease_duur(),
            )
    except IntegrityError:
        logger.info("woo_sitemaps_already_being_generated")
        return None
    return sitemaps_schrijven(generatie, token, max_urls=max_urls, max_bytes=max_bytes)


def sitemaps_schrijven(
    generatie: SitemapGeneratie,
    token: uuid.UUID | str,
    *,
    max_urls: int | None = None,
    max_bytes: int | None = None,
) -> SitemapGeneratie | None:
    """Write the files of `generatie` from scratch (what an earlier run left is removed first)."""
    max_urls = max_urls or settings.OPENBAARMAKING_SITEMAP_MAX_URLS
    max_bytes = max_bytes or settings.OPENBAARMAKING_SITEMAP_MAX_BYTES
    vorige = selectors.sitemap_generatie_actueel()
    vorige_bestanden = {b.naam: b for b in vorige.bestanden.all()} if vorige else {}
    folder = sitemap_root() / generatie.map
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    SitemapGeneratie.objects.filter(pk=generatie.pk).update(gestart=timezone.now())
    generatie.refresh_from_db()
    renderer = EntryRenderer()
    bestanden: list[SitemapBestand] = []
    geschreven = 0

    def finish(writer: _SitemapWriter, categorie: Informatiecategorie, volgnummer: int) -> None:
        writer.close()
        naam = writer.path.name
        sha256 = writer.hash.hexdigest()
        eerder = vorige_bestanden.get(naam)
        bestanden.append(
            SitemapBestand(
                generatie=generatie,
                informatiecategorie=categorie,
                volgnummer=volgnummer,
                naam=naam,
                aantal_urls=writer.count,
                grootte=writer.size,
                sha256=sha256,
                lastmod=eerder.lastmod if eerder and eerder.sha256 == sha256 else generatie.gestart,
            )
        )

    try:
        for categorie in selectors.categorieen_gepubliceerd().order_by("nummer"):
            volgnummer = 1
            writer = _SitemapWriter(folder / sitemap_naam(categorie, volgnummer))
            for row, categorie_ids in selectors.sitemap_rows(categorie):
                entry = renderer.entry(row, categorie_ids)
                if not writer.fits(entry, max_urls, max_bytes):
                    finish(writer, categorie, volgnummer)
                    volgnummer += 1
                    writer = _SitemapWriter(folder / sitemap_naam(categorie, volgnummer))
                writer.add(entry)
                geschreven += 1
                if geschreven % HARTSLAG_ELKE == 0 and not lease_verlengen(SitemapGeneratie, generatie.pk, token):
                    raise GeneratieOvergenomenError
            finish(writer, categorie, volgnummer)
        with transaction.atomic():
            if not SitemapGeneratie.objects.select_for_update().filter(pk=generatie.pk, lease_token=token).exists():
                raise GeneratieOvergenomenError
            SitemapBestand.objects.bulk_create(bestanden)
            SitemapGeneratie.objects.filter(pk=generatie.pk).update(
                aantal_urls=sum(b.aantal_urls for b in bestanden),
                voltooid=timezone.now(),
                bezig=None,
                lease_token=None,
                lease_tot=None,
            )
    except GeneratieOvergenomenError:
        logger.warning("woo_sitemaps_taken_over", extra={"generatie": generatie.map})
        return None  # the files are the other run's now
    except Exception:
        # An error: the half generation goes. An interruption (the worker stopped, or was
        # killed and runs no handler at all) leaves it to `sitemaps_hervatten`.
        shutil.rmtree(folder, ignore_errors=True)
        SitemapGeneratie.objects.filter(pk=generatie.pk, lease_token=token).delete()
        raise
    generatie.refresh_from_db()
    _opruimen(keep=generatie)
    logger.info("woo_sitemaps_gegenereerd", extra={"generatie": generatie.map, "urls": generatie.aantal_urls})
    return generatie


def sitemaps_stilgevallen() -> list[tuple[int, uuid.UUID]]:
    """Generations whose run stopped giving signs of life, each claimed for exactly one new run."""
    return verlopen_leases_overnemen(SitemapGeneratie.objects.filter(bezig=True))


def _opruimen(*, keep: SitemapGeneratie) -> None:
    """Remove older generations (files and records); the newest one before `keep` stays a
    while for harvesters that are halfway."""
    older = list(SitemapGeneratie.objects.exclude(pk=keep.pk).order_by("-gestart", "-pk"))
    for generatie in older[1:]:
        shutil.rmtree(sitemap_root() / generatie.map, ignore_errors=True)
        generatie.delete()


def sitemaps_verouderd() -> bool:
    """Whether a publicatie changed since the current generation started."""
    actueel = selectors.sitemap_generatie_actueel()
    if actueel is None:
        return Publicatie.objects.exists()
    return Publicatie.objects.filter(laatst_gewijzigd__gte=actueel.gestart).exists()


def sitemaps_bijwerken() -> SitemapGeneratie | None:
    """Generate when something changed; a no-op otherwise, so queueing it often is harmless."""
    if not sitemaps_verouderd():
        return None
    return sitemaps_genereren()


# --- the small files, rendered on request from the current generation ------------------------


def robots_txt() -> str:
    lines = ["User-agent: *", "Allow: /"]
    generatie = selectors.sitemap_generatie_actueel()
    if generatie is not None:
        categorieen = Informatiecategorie.objects.filter(
            pk__in=generatie.bestanden.values("informatiecategorie")
        ).order_by("nummer")
        lines += [f"Sitemap: {public_base()}/{sitemapindex_naam(c)}" for c in categorieen]
    return "\n".join(lines) + "\n"


def sitemapindex_xml(nummer: int) -> str | None:
    generatie = selectors.sitemap_generatie_actueel()
    if generatie is None:
        return None
    bestanden = list(generatie.bestanden.filter(informatiecategorie__nummer=nummer).order_by("volgnummer"))
    if not bestanden:
        return None
    items = "".join(
        f"<sitemap><loc>{public_base()}/sitemaps/{b.naam}</loc><lastmod>{_time(b.lastmod)}</lastmod></sitemap>\n"
        for b in bestanden
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{SITEMAP_NS}">\n{items}</sitemapindex>\n'


def sitemap_path(naam: str) -> Path | None:
    generatie = selectors.sitemap_generatie_actueel()
    if generatie is None or not generatie.bestanden.filter(naam=naam).exists():
        return None
    return sitemap_root() / generatie.map / naam
