"""Reads of the publications: lists for the API and the admin, the deadline overview, the
rows of the sitemaps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import islice

from django.conf import settings
from django.db.models import QuerySet

from common import tijd

from .models import Informatiecategorie, Publicatie, PublicatieDocument, PublicatieStatus, SitemapGeneratie

# The columns one sitemap <url> is made of, in the order `sitemap_rows` yields them.
SITEMAP_COLUMNS = (
    "pk",
    "uuid",
    "publicatie_id",
    "document",
    "identificatie",
    "officiele_titel",
    "creatiedatum",
    "formaat",
    "bestandsnaam",
    "taal",
    "vastgesteld_op",
    "laatst_gewijzigd",
    "publicatie__verkorte_titel",
    "publicatie__omschrijving",
    "publicatie__publisher__naam",
    "publicatie__publisher__identifier",
    "publicatie__verantwoordelijke__naam",
    "publicatie__verantwoordelijke__identifier",
    "publicatie__opsteller__naam",
    "publicatie__opsteller__identifier",
)


def publicatie_list() -> QuerySet[Publicatie]:
    return Publicatie.objects.select_related("publisher", "verantwoordelijke", "opsteller").prefetch_related(
        "informatiecategorieen", "documenten"
    )


def deadline_overzicht(*, vandaag: dt.date | None = None, dagen: int | None = None) -> QuerySet[Publicatie]:
    """Concept publications whose deadline has passed or comes within `dagen` days, the
    most overdue first."""
    vandaag = vandaag or tijd.vandaag()
    dagen = settings.OPENBAARMAKING_DEADLINE_WAARSCHUWING_DAGEN if dagen is None else dagen
    return (
        publicatie_list()
        .filter(
            status=PublicatieStatus.concept, deadline__isnull=False, deadline__lte=vandaag + dt.timedelta(days=dagen)
        )
        .order_by("deadline", "pk")
    )


def categorieen_gepubliceerd() -> QuerySet[Informatiecategorie]:
    """Categories with at least one published document."""
    return Informatiecategorie.objects.filter(
        publicaties__status=PublicatieStatus.gepubliceerd, publicaties__documenten__isnull=False
    ).distinct()


def sitemap_queryset(categorie: Informatiecategorie) -> QuerySet[PublicatieDocument]:
    """The published documents of one category, in the order of the sitemaps."""
    return PublicatieDocument.objects.filter(
        publicatie__status=PublicatieStatus.gepubliceerd, publicatie__informatiecategorieen=categorie
    ).order_by("pk")


def sitemap_rows(categorie: Informatiecategorie, *, chunk: int = 5000) -> Iterator[tuple[tuple, list[int]]]:
    """Each published document of a category as (row of SITEMAP_COLUMNS, its publicatie's category ids).

    One query read through a database cursor in chunks (a server-side cursor on
    PostgreSQL), so memory stays flat whatever the number of documents; the categories of
    each chunk's publicaties come with one indexed query per chunk.
    """
    through = Publicatie.informatiecategorieen.through
    rows = sitemap_queryset(categorie).values_list(*SITEMAP_COLUMNS).iterator(chunk_size=chunk)
    while batch := list(islice(rows, chunk)):
        categorieen: dict[int, list[int]] = {}
        for publicatie_id, categorie_id in (
            through.objects.filter(publicatie_id__in={row[2] for row in batch})
            .order_by("informatiecategorie_id")
            .values_list("publicatie_id", "informatiecategorie_id")
        ):
            categorieen.setdefault(publicatie_id, []).append(categorie_id)
        for row in batch:
            yield row, categorieen[row[2]]


def sitemap_generatie_actueel() -> SitemapGeneratie | None:
    return SitemapGeneratie.objects.filter(voltooid__isnull=False).order_by("-gestart", "-pk").first()
