"""Many published documents at once, straight into the database: for the volume tests and the
sitemap benchmark (`manage.py bench_sitemaps`)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from openbaarmaking.models import Informatiecategorie, Organisatie, Publicatie, PublicatieDocument, PublicatieStatus

DOCUMENTEN_ROOT = "http://localhost:8000/documenten/api/v1/enkelvoudiginformatieobjecten/"


def gepubliceerde_documenten(aantal: int, *, categorie_nummer: int = 16, batch: int = 5000) -> None:
    """`aantal` published publicaties of one document each, in one category."""
    publisher, _ = Organisatie.objects.get_or_create(
        identifier="https://identifier.overheid.nl/tooi/id/gemeente/gm0344", defaults={"naam": "gemeente Utrecht"}
    )
    categorie = Informatiecategorie.objects.get(nummer=categorie_nummer)
    through = Publicatie.informatiecategorieen.through
    now = timezone.now()
    for start in range(0, aantal, batch):
        size = min(batch, aantal - start)
        publicaties = Publicatie.objects.bulk_create(
            Publicatie(
                officiele_titel=f"Besluit {start + i}",
                omschrijving="Besluit op een aanvraag omgevingsvergunning",
                publisher=publisher,
                status=PublicatieStatus.gepubliceerd,
                datum_gepubliceerd=now,
                laatst_gewijzigd=now,
            )
            for i in range(size)
        )
        through.objects.bulk_create(through(publicatie=p, informatiecategorie=categorie) for p in publicaties)
        PublicatieDocument.objects.bulk_create(
            PublicatieDocument(
                publicatie=p,
                document=f"{DOCUMENTEN_ROOT}{p.uuid}",
                identificatie=f"DOC-{start + i:08d}",
                officiele_titel=f"Besluit omgevingsvergunning {start + i}",
                creatiedatum=dt.date(2026, 1, 1) + dt.timedelta(days=(start + i) % 300),
                bestandsnaam="besluit.pdf",
                formaat="application/pdf",
                bestandsomvang=100_000,
                taal="nld",
                vastgesteld_op=now,
                laatst_gewijzigd=now,
            )
            for i, p in enumerate(publicaties)
        )
