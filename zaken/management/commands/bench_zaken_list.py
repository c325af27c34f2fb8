"""Benchmark: `GET /zaken/api/v1/zaken` pages of 100 against the raw SQL that fetches the same data.

    python manage.py bench_zaken_list --count 100000

Seeds `--count` zaken (bulk, in one zaaktype of its own, each with a status, a resultaat
and a rol, so the page shows what a real one shows) unless they are there already, and
VACUUM ANALYZEs the tables as autovacuum would. Then it requests `--pages` pages spread over
the list through the whole Django/DRF stack (URL routing, JWT authentication, the
authorisation filter, serialization, rendering) and runs, for the same pages, the raw SQL
that fetches the same data: the exact count and those zaken with their related rows, and
checks that both gave the same. It prints the medians and their ratio, also against the rows
alone without the count. `--beperkt` measures a client that may read the benchmark's
zaaktype only (the raw SQL gets the same WHERE); `--clean` removes the seeded zaken
afterwards.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
import uuid

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from common.auth import jwt_encode
from common.constants import VertrouwelijkheidsAanduiding
from common.models import Autorisatie
from common.services import api_client_create_or_update
from zaken.models import Catalogus, Resultaat, ResultaatType, Rol, RolType, Status, StatusType, Zaak, ZaakType
from zaken.services import catalogi_url

BENCH_IDENTIFICATIE = "BENCH-ZAKEN-LIST"
CLIENT_ID = "bench-zaken-list"
PAGE_SIZE = 100

# What one page of the API shows: the exact `count` of the list (COUNT_SQL), and the page of
# ids with the same columns and related rows the API shows for them (the five lists of
# related URLs and the last status).
RAW_SQL = """
WITH page AS (SELECT id FROM zaken_zaak {where} ORDER BY id DESC LIMIT %s OFFSET %s)
SELECT z.id, z.uuid, z.identificatie, z.bronorganisatie, z.omschrijving, z.toelichting,
       z.registratiedatum, z.verantwoordelijke_organisatie, z.startdatum, z.einddatum, z.einddatum_gepland,
       z.uiterlijke_einddatum_afdoening, z.publicatiedatum, z.communicatiekanaal, z.producten_of_diensten,
       z.vertrouwelijkheidaanduiding, z.betalingsindicatie, z.laatste_betaaldatum, z.zaakgeometrie,
       z.verlenging_reden, z.verlenging_duur, z.opschorting_indicatie, z.opschorting_reden, z.selectielijstklasse,
       z.relevante_andere_zaken, z.kenmerken, z.archiefnominatie, z.archiefstatus, z.archiefactiedatum,
       z.opdrachtgevende_organisatie, z.processobjectaard, z.startdatum_bewaartermijn,
       z.processobject_datumkenmerk, z.processobject_identificatie, z.processobject_objecttype,
       z.processobject_registratie, zt.uuid AS zaaktype_uuid, hz.uuid AS hoofdzaak_uuid, r.uuid AS resultaat_uuid,
       (SELECT s.uuid FROM zaken_status s WHERE s.zaak_id = z.id ORDER BY s.datum_status_gezet DESC, s.id DESC
        LIMIT 1) AS status_uuid,
       ARRAY(SELECT d.uuid FROM zaken_zaak d WHERE d.hoofdzaak_id = z.id ORDER BY d.id) AS deelzaken,
       ARRAY(SELECT e.uuid FROM zaken_zaakeigenschap e WHERE e.zaak_id = z.id ORDER BY e.id) AS eigenschappen,
       ARRAY(SELECT rol.uuid FROM zaken_rol rol WHERE rol.zaak_id = z.id ORDER BY rol.id) AS rollen,
       ARRAY(SELECT zio.uuid FROM zaken_zaakinformatieobject zio WHERE zio.zaak_id = z.id ORDER BY zio.id)
         AS zaakinformatieobjecten,
       ARRAY(SELECT zo.uuid FROM zaken_zaakobject zo WHERE zo.zaak_id = z.id ORDER BY zo.id) AS zaakobjecten
FROM page
JOIN zaken_zaak z ON z.id = page.id
JOIN zaken_zaaktype zt ON zt.id = z.zaaktype_id
LEFT JOIN zaken_zaak hz ON hz.id = z.hoofdzaak_id
LEFT JOIN zaken_resultaat r ON r.zaak_id = z.id
ORDER BY z.id DESC
"""
COUNT_SQL = "SELECT count(*) FROM zaken_zaak {where}"
# With `--beperkt`: the authorisation filter of a client that may read one zaaktype up to
# zeer_geheim, which is every level a zaak can have (a check constraint holds them to it).
WHERE_BEPERKT = "WHERE zaaktype_id = %s"


class Command(BaseCommand):
    help = "Median latency of GET /zaken/api/v1/zaken (pages of 100) beside the raw SQL for the same rows."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=100_000, help="Zaken to have in the database.")
        parser.add_argument("--pages", type=int, default=30, help="Pages to request, spread over the list.")
        parser.add_argument("--repeat", type=int, default=3, help="Times each page is requested.")
        parser.add_argument("--clean", action="store_true", help="Remove the seeded zaken afterwards.")
        parser.add_argument(
            "--beperkt",
            action="store_true",
            help="A client that may read the benchmark's zaaktype only (up to zeer_geheim), as most clients: the "
            "list carries the authorisation filter, and so does the raw SQL.",
        )

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            self.stderr.write("This benchmark is meant for PostgreSQL (set DATABASE_URL).")
        zaaktype = self._zaaktype()
        self._seed(zaaktype, options["count"])
        total = (Zaak.objects.filter(zaaktype=zaaktype) if options["beperkt"] else Zaak.objects).count()
        pages = max(1, total // PAGE_SIZE)
        chosen = sorted({1 + round(i * (pages - 1) / max(1, options["pages"] - 1)) for i in range(options["pages"])})

        api, raw, raw_rows = self._measure(chosen, options["repeat"], zaaktype if options["beperkt"] else None)
        api_median, raw_median, rows_median = (statistics.median(t) * 1000 for t in (api, raw, raw_rows))
        self.stdout.write(f"zaken in database: {total}; pages of {PAGE_SIZE}: {len(chosen)} x {options['repeat']}")
        self.stdout.write(f"GET /zaken/api/v1/zaken              median {api_median:8.2f} ms")
        self.stdout.write(f"raw SQL, same data (count + rows)    median {raw_median:8.2f} ms")
        self.stdout.write(f"raw SQL, the rows alone (no count)   median {rows_median:8.2f} ms")
        self.stdout.write(f"ratio API / raw SQL (same data)      {api_median / raw_median:8.2f}x")
        self.stdout.write(f"ratio API / raw SQL (rows alone)     {api_median / rows_median:8.2f}x")
        if options["clean"]:
            self._clean(zaaktype)

    def _zaaktype(self) -> ZaakType:
        zaaktype = ZaakType.objects.filter(identificatie=BENCH_IDENTIFICATIE).first()
        if zaaktype is not None:
            return zaaktype
        catalogus = Catalogus.objects.create(
            domein="BENCH", rsin="000000000", contactpersoon_beheer_naam="Bench", naam="Benchmark"
        )
        zaaktype = ZaakType.objects.create(
            catalogus=catalogus,
            identificatie=BENCH_IDENTIFICATIE,
            omschrijving="Benchmark",
            vertrouwelijkheidaanduiding="openbaar",
            doel="Meten",
            aanleiding="Meten",
            indicatie_intern_of_extern="intern",
            handeling_initiator="meten",
            onderwerp="Meten",
            handeling_behandelaar="meten",
            doorlooptijd="P1D",
            opschorting_en_aanhouding_mogelijk=False,
            verlenging_mogelijk=False,
            publicatie_indicatie=False,
            referentieproces_naam="Meten",
            verantwoordelijke="Bench",
            versiedatum=dt.date(2020, 1, 1),
            begin_geldigheid=dt.date(2020, 1, 1),
            concept=False,
        )
        StatusType.objects.create(zaaktype=zaaktype, omschrijving="Ontvangen", volgnummer=1)
        StatusType.objects.create(zaaktype=zaaktype, omschrijving="Afgehandeld", volgnummer=2)
        RolType.objects.create(zaaktype=zaaktype, omschrijving="Melder", omschrijving_generiek="initiator")
        ResultaatType.objects.create(
            zaaktype=zaaktype,
            omschrijving="Afgehandeld",
            resultaattypeomschrijving=f"{settings.SELECTIELIJST_API_ROOT}x",
            selectielijstklasse=f"{settings.SELECTIELIJST_API_ROOT}y",
            archiefnominatie="vernietigen",
            archiefactietermijn="P5Y",
            brondatum_archiefprocedure_afleidingswijze="afgehandeld",
        )
        return zaaktype

    def _seed(self, zaaktype: ZaakType, count: int, batch: int = 5000) -> None:
        existing = Zaak.objects.filter(zaaktype=zaaktype).count()
        statustype = zaaktype.statustypen.get(volgnummer=1)
        roltype = zaaktype.roltypen.get()
        resultaattype = zaaktype.resultaattypen.get()
        now = timezone.now()
        for start in range(existing, count, batch):
            size = min(batch, count - start)
            with transaction.atomic():
                zaken = Zaak.objects.bulk_create(
                    Zaak(
                        uuid=uuid.uuid4(),
                        identificatie=f"BENCH-{start + i:08d}",
                        bronorganisatie="002220647",
                        zaaktype=zaaktype,
                        verantwoordelijke_organisatie="002220647",
                        startdatum=dt.date(2020, 1, 1) + dt.timedelta(days=(start + i) % 1500),
                        vertrouwelijkheidaanduiding="openbaar",
                        omschrijving="Benchmarkzaak",
                    )
                    for i in range(size)
                )
                Status.objects.bulk_create(Status(zaak=z, statustype=statustype, datum_status_gezet=now) for z in zaken)
                Rol.objects.bulk_create(
                    Rol(
                        zaak=z,
                        betrokkene_type="medewerker",
                        roltype=roltype,
                        omschrijving="Melder",
                        omschrijving_generiek="initiator",
                        betrokkene_identificatie={"identificatie": "m1"},
                    )
                    for z in zaken
                )
                Resultaat.objects.bulk_create(Resultaat(zaak=z, resultaattype=resultaattype) for z in zaken)
            self.stdout.write(f"seeded {start + size}/{count}")
        self._vacuum()

    def _vacuum(self) -> None:
        """What autovacuum does to a table in production some time after a bulk load: fresh
        planner statistics, and a visibility map, so that counting and paging by id read the
        primary key index alone instead of every row."""
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            for table in ("zaken_zaak", "zaken_status", "zaken_rol", "zaken_resultaat"):
                cursor.execute(f"VACUUM ANALYZE {table}")

    def _measure(
        self, pages: list[int], repeat: int, beperkt_tot: ZaakType | None
    ) -> tuple[list[float], list[float], list[float]]:
        """Each page through the API, then the raw SQL with and without the count, interleaved
        so that the load of other processes falls on all three alike."""
        client_id = CLIENT_ID if beperkt_tot is None else f"{CLIENT_ID}-beperkt"
        applicatie = api_client_create_or_update(
            client_id=client_id, secret="bench-secret", alle_autorisaties=beperkt_tot is None
        )
        where, where_params = "", []
        if beperkt_tot is not None:
            applicatie.autorisaties.all().delete()
            Autorisatie.objects.create(
                applicatie=applicatie,
                component="zrc",
                scopes=["zaken.lezen"],
                zaaktype=catalogi_url(beperkt_tot),
                max_vertrouwelijkheidaanduiding=VertrouwelijkheidsAanduiding.zeer_geheim,
            )
            where, where_params = WHERE_BEPERKT, [beperkt_tot.pk]
        host = settings.SITE_URL.split("://", 1)[1]
        client = Client(
            HTTP_HOST=host,
            HTTP_AUTHORIZATION=f"Bearer {jwt_encode(client_id, 'bench-secret')}",
            HTTP_ACCEPT_CRS="EPSG:4326",
        )
        client.get("/zaken/api/v1/zaken")  # warm up imports and caches
        api: list[float] = []
        raw: list[float] = []
        raw_rows: list[float] = []
        with connection.cursor() as cursor:
            for _ in range(repeat):
                for page in pages:
                    started = time.perf_counter()
                    response = client.get("/zaken/api/v1/zaken", {"page": page})
                    api.append(time.perf_counter() - started)
                    if response.status_code != 200:
                        raise RuntimeError(f"page {page} answered {response.status_code}")
                    body = response.json()
                    for timings, with_count in ((raw, True), (raw_rows, False)):
                        started = time.perf_counter()
                        if with_count:
                            cursor.execute(COUNT_SQL.format(where=where), where_params)
                            count = cursor.fetchone()[0]
                        cursor.execute(RAW_SQL.format(where=where), [*where_params, PAGE_SIZE, (page - 1) * PAGE_SIZE])
                        rows = cursor.fetchall()
                        timings.append(time.perf_counter() - started)
                    names = [column[0] for column in cursor.description]
                    self._check_same(page, body, count, [dict(zip(names, row, strict=True)) for row in rows])
        return api, raw, raw_rows

    @staticmethod
    def _check_same(page: int, body: dict, count: int, rows: list[dict]) -> None:
        """The API and the raw SQL gave the same count, and the same zaken with the same
        related uuids (what the seed fills: status, resultaat and rollen)."""
        results = body["results"]
        if body["count"] != count or len(results) != PAGE_SIZE or len(rows) != PAGE_SIZE:
            raise RuntimeError(f"page {page}: count {body['count']}/{count}, {len(results)}/{len(rows)} zaken")
        for zaak, row in zip(results, rows, strict=True):
            api = [zaak["uuid"], zaak["status"], zaak["resultaat"], *zaak["rollen"]]
            sql = [row["uuid"], row["status_uuid"], row["resultaat_uuid"], *row["rollen"]]
            if [url.rsplit("/", 1)[-1] for url in api] != [str(value) for value in sql]:
                raise RuntimeError(f"page {page}: zaak {zaak['uuid']} differs from the raw SQL's")

    def _clean(self, zaaktype: ZaakType) -> None:
        Zaak.objects.filter(zaaktype=zaaktype).delete()
        self.stdout.write("removed the seeded zaken")
