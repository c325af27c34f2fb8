"""The zaaktellingen: the number of zaken per zaaktype and vertrouwelijkheidaanduiding that
the database triggers keep, and the list's `count` that sums them. Exact after every kind of
write, on PostgreSQL (DATABASE_URL set) and SQLite alike."""

from __future__ import annotations

import threading
import time

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection, reset_queries, transaction
from django.db.models import Count, Sum
from django.db.models.signals import post_migrate
from django.test.utils import CaptureQueriesContext

from zaken import zaaktellingen
from zaken.models import Zaak, ZaakTelling
from zaken.services import catalogi_url
from zaken.zaak_services import zaaktellingen_samenvoegen

from .factories import ZaakFactory, ZaakTypeFactory, gepubliceerd_zaaktype
from .zaken_api import ZAKEN, zaak_create

pytestmark = pytest.mark.django_db

OPENBAAR, INTERN, GEHEIM = "openbaar", "intern", "geheim"


def geteld() -> dict[tuple[int, str], int]:
    """(zaaktype id, vertrouwelijkheidaanduiding) -> number of zaken, as the zaaktellingen have it."""
    rows = ZaakTelling.objects.values_list("zaaktype_id", "vertrouwelijkheidaanduiding").annotate(n=Sum("aantal"))
    return {(zaaktype_id, level): n for zaaktype_id, level, n in rows if n}


def geteld_in_zaken() -> dict[tuple[int, str], int]:
    """The same, counted in the zaken themselves."""
    rows = Zaak.objects.values_list("zaaktype_id", "vertrouwelijkheidaanduiding").annotate(n=Count("pk"))
    return {(zaaktype_id, level): n for zaaktype_id, level, n in rows.order_by()}


def assert_exact() -> None:
    assert geteld() == geteld_in_zaken()


@pytest.fixture
def zaaktypen():
    return ZaakTypeFactory(gepubliceerd=True), ZaakTypeFactory(gepubliceerd=True)


def test_created_zaken_are_counted(api_client, zaaktypen):
    eerste, tweede = zaaktypen
    zaaktype = gepubliceerd_zaaktype()
    zaak_create(api_client, zaaktype, vertrouwelijkheidaanduiding=GEHEIM)
    ZaakFactory(zaaktype=eerste)
    ZaakFactory(zaaktype=eerste, vertrouwelijkheidaanduiding=INTERN)
    Zaak.objects.bulk_create(
        [ZaakFactory.build(zaaktype=tweede) for _ in range(5)]
        + [ZaakFactory.build(zaaktype=eerste, vertrouwelijkheidaanduiding=INTERN) for _ in range(3)]
    )

    assert geteld() == {
        (zaaktype.pk, GEHEIM): 1,
        (eerste.pk, OPENBAAR): 1,
        (eerste.pk, INTERN): 4,
        (tweede.pk, OPENBAAR): 5,
    }
    assert_exact()


def test_deleted_zaken_are_no_longer_counted(api_client, zaaktypen):
    eerste, tweede = zaaktypen
    zaak = zaak_create(api_client, gepubliceerd_zaaktype())
    enkel = ZaakFactory(zaaktype=eerste)
    ZaakFactory.create_batch(4, zaaktype=eerste, vertrouwelijkheidaanduiding=INTERN)
    ZaakFactory.create_batch(3, zaaktype=tweede)

    assert api_client.delete(zaak["url"]).status_code == 204
    enkel.delete()
    Zaak.objects.filter(pk__in=Zaak.objects.filter(zaaktype=eerste).values("pk")[:3]).delete()

    assert geteld() == {(eerste.pk, INTERN): 1, (tweede.pk, OPENBAAR): 3}
    assert_exact()


def test_a_zaak_moved_to_another_zaaktype_or_level_is_counted_there(zaaktypen):
    eerste, tweede = zaaktypen
    zaak = ZaakFactory(zaaktype=eerste)
    ZaakFactory.create_batch(3, zaaktype=eerste)

    zaak.vertrouwelijkheidaanduiding = GEHEIM
    zaak.save()
    Zaak.objects.filter(zaaktype=eerste, vertrouwelijkheidaanduiding=OPENBAAR).update(zaaktype=tweede)
    zaak.omschrijving = "Alleen de omschrijving"
    zaak.save()

    assert geteld() == {(eerste.pk, GEHEIM): 1, (tweede.pk, OPENBAAR): 3}
    assert_exact()


def test_raw_sql_writes_are_counted(zaaktypen):
    eerste, _ = zaaktypen
    zaken = ZaakFactory.create_batch(3, zaaktype=eerste)

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM zaken_zaak WHERE id = %s", [zaken[0].pk])
        cursor.execute("UPDATE zaken_zaak SET vertrouwelijkheidaanduiding = %s WHERE id = %s", [INTERN, zaken[1].pk])

    assert geteld() == {(eerste.pk, OPENBAAR): 1, (eerste.pk, INTERN): 1}
    assert_exact()


def test_merging_leaves_one_row_per_pair_and_the_same_counts(zaaktypen):
    eerste, tweede = zaaktypen
    for _ in range(3):
        ZaakFactory(zaaktype=eerste)
    ZaakFactory(zaaktype=tweede, vertrouwelijkheidaanduiding=INTERN).delete()
    ZaakFactory(zaaktype=tweede)
    voor = geteld()

    zaaktellingen_samenvoegen()

    assert geteld() == voor == geteld_in_zaken()
    paren = ZaakTelling.objects.values_list("zaaktype_id", "vertrouwelijkheidaanduiding")
    assert sorted(paren) == sorted(voor)  # one row each, none for a pair that has no zaken left
    assert zaaktellingen_samenvoegen() == 0


def test_counting_again_repairs_writes_past_the_triggers(zaaktypen):
    eerste, tweede = zaaktypen
    ZaakFactory.create_batch(2, zaaktype=eerste)
    ZaakFactory(zaaktype=tweede, vertrouwelijkheidaanduiding=INTERN)
    ZaakTelling.objects.all().delete()
    ZaakTelling.objects.create(zaaktype=eerste, vertrouwelijkheidaanduiding=GEHEIM, aantal=7)

    call_command("zaaktellingen", "--hertellen", stdout=None)

    assert geteld() == {(eerste.pk, OPENBAAR): 2, (tweede.pk, INTERN): 1}
    assert_exact()


def test_the_command_merges(zaaktypen, capsys):
    ZaakFactory.create_batch(2, zaaktype=zaaktypen[0])

    call_command("zaaktellingen")

    assert "samengevoegd" in capsys.readouterr().out
    assert ZaakTelling.objects.count() == 1
    assert_exact()


def test_the_check_finds_the_pairs_that_differ(zaaktypen, capsys):
    eerste, tweede = zaaktypen
    ZaakFactory.create_batch(2, zaaktype=eerste)
    ZaakFactory(zaaktype=tweede)
    call_command("zaaktellingen", "--controleren")
    assert "kloppen" in capsys.readouterr().out

    ZaakTelling.objects.create(zaaktype=eerste, vertrouwelijkheidaanduiding=OPENBAAR, aantal=1)
    ZaakTelling.objects.create(zaaktype=tweede, vertrouwelijkheidaanduiding=GEHEIM, aantal=3)

    with pytest.raises(CommandError):
        call_command("zaaktellingen", "--controleren")
    uit = capsys.readouterr().out
    assert f"zaaktype {eerste.pk}, openbaar: zaaktellingen 3, zaken 2" in uit
    assert f"zaaktype {tweede.pk}, geheim: zaaktellingen 3, zaken 0" in uit
    assert f"zaaktype {tweede.pk}, openbaar" not in uit


def _zaken_count(client, **params) -> tuple[int, list[str]]:
    """The list's `count`, and the SQL the request ran (the query log emptied first: a full
    one, at Django's 9,000 queries, would capture nothing)."""
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{ZAKEN}zaken", params)
    assert response.status_code == 200
    return response.json()["count"], [query["sql"] for query in queries.captured_queries]


def _counts_zaken(sql: list[str]) -> bool:
    return any("COUNT(" in query.upper() and '"zaken_zaak"' in query for query in sql)


def test_the_list_count_of_a_client_with_all_autorisaties(api_client, zaaktypen):
    eerste, tweede = zaaktypen
    ZaakFactory.create_batch(3, zaaktype=eerste)
    ZaakFactory.create_batch(2, zaaktype=tweede, vertrouwelijkheidaanduiding=GEHEIM)
    Zaak.objects.filter(zaaktype=tweede)[:1].get().delete()
    zaaktellingen_samenvoegen()
    ZaakFactory(zaaktype=eerste, vertrouwelijkheidaanduiding=INTERN)

    count, sql = _zaken_count(api_client)

    assert count == Zaak.objects.count() == 5
    assert not _counts_zaken(sql)  # summed from the zaaktellingen
    assert _zaken_count(api_client, ordering="-startdatum")[0] == 5
    gefilterd, sql = _zaken_count(api_client, zaaktype=catalogi_url(eerste))
    assert gefilterd == 4
    assert _counts_zaken(sql)  # a filter: its rows are counted


def test_the_list_count_of_a_client_limited_by_zaaktype_and_level(make_api_client, zaaktypen):
    eerste, tweede = zaaktypen
    derde = ZaakTypeFactory(gepubliceerd=True)
    for level in (OPENBAAR, INTERN, GEHEIM):
        ZaakFactory.create_batch(2, zaaktype=eerste, vertrouwelijkheidaanduiding=level)
        ZaakFactory.create_batch(3, zaaktype=tweede, vertrouwelijkheidaanduiding=level)
        ZaakFactory(zaaktype=derde, vertrouwelijkheidaanduiding=level)
    client = make_api_client(
        autorisaties=[
            {
                "component": "zrc",
                "scopes": ["zaken.lezen"],
                "zaaktype": catalogi_url(eerste),
                "max_vertrouwelijkheidaanduiding": INTERN,
            },
            {
                "component": "zrc",
                "scopes": ["zaken.lezen"],
                "zaaktype": catalogi_url(tweede),
                "max_vertrouwelijkheidaanduiding": "zeer_geheim",
            },
        ]
    )

    count, sql = _zaken_count(client)

    zichtbaar = Zaak.objects.filter(zaaktype=tweede) | Zaak.objects.filter(
        zaaktype=eerste, vertrouwelijkheidaanduiding__in=[OPENBAAR, "beperkt_openbaar", INTERN]
    )
    assert count == zichtbaar.count() == 13
    assert not _counts_zaken(sql)
    assert _zaken_count(client, maximaleVertrouwelijkheidaanduiding=OPENBAAR)[0] == 5


def test_a_client_without_autorisaties_for_zaken_counts_none(make_api_client, zaaktypen):
    ZaakFactory(zaaktype=zaaktypen[0])
    client = make_api_client(
        autorisaties=[
            {
                "component": "zrc",
                "scopes": ["zaken.lezen"],
                "zaaktype": "https://elders.example.nl/catalogi/api/v1/zaaktypen/0",
                "max_vertrouwelijkheidaanduiding": "zeer_geheim",
            }
        ]
    )

    assert _zaken_count(client)[0] == 0


@pytest.mark.skipif(connection.vendor != "sqlite", reason="only SQLite drops triggers when it rebuilds a table")
def test_triggers_dropped_by_a_table_rebuild_are_restored_after_migrating(zaaktypen):
    ZaakFactory(zaaktype=zaaktypen[0])
    with connection.cursor() as cursor:
        for name in zaaktellingen.TRIGGERS:
            cursor.execute(f"DROP TRIGGER {name}")
    ZaakFactory(zaaktype=zaaktypen[0])  # not counted: no triggers
    zaken_app = apps.get_app_config("zaken")

    post_migrate.send(
        sender=zaken_app, app_config=zaken_app, verbosity=0, interactive=False, using="default", apps=apps, plan=[]
    )

    assert_exact()
    ZaakFactory(zaaktype=zaaktypen[1])
    assert_exact()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL flushes with TRUNCATE, a trigger of its own")
@pytest.mark.django_db(transaction=True)
def test_a_flush_leaves_no_zaaktellingen_whatever_order_it_empties_the_tables_in():
    ZaakFactory.create_batch(3, zaaktype=ZaakTypeFactory(gepubliceerd=True))

    call_command("flush", interactive=False, verbosity=0)

    assert ZaakTelling.objects.count() == 0
    ZaakFactory(zaaktype=ZaakTypeFactory(gepubliceerd=True))
    assert_exact()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_truncating_the_zaken_empties_the_zaaktellingen():
    ZaakFactory.create_batch(3, zaaktype=ZaakTypeFactory(gepubliceerd=True))

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE zaken_zaak CASCADE")  # the tables that refer to it, not the zaaktellingen

    assert ZaakTelling.objects.count() == 0
    ZaakFactory(zaaktype=ZaakTypeFactory(gepubliceerd=True))
    assert_exact()


def _wacht_op_een_wachtende_transactie() -> bool:
    """Whether another connection to this database comes to wait for a lock (polled)."""
    with connection.cursor() as cursor:
        for _ in range(600):
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.05)
    return False


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_writers_and_merges_in_concurrent_transactions_neither_wait_nor_miscount():
    """A merge passes a writer's uncommitted rows by; writers and readers do not wait for a
    merge; a second merge waits for the first and then leaves its rows alone. A wait that
    should not happen fails on the lock timeout instead of hanging."""
    zaaktype = ZaakTypeFactory(gepubliceerd=True)
    ZaakFactory.create_batch(3, zaaktype=zaaktype)
    schrijver_klaar, merge_klaar, loslaten = threading.Event(), threading.Event(), threading.Event()
    fouten: list[BaseException] = []

    def in_thread(werk) -> threading.Thread:
        def run() -> None:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SET lock_timeout = '20s'")
                werk()
            except BaseException as exc:
                fouten.append(exc)
                loslaten.set()
            finally:
                connection.close()

        thread = threading.Thread(target=run)
        thread.start()
        return thread

    def schrijver() -> None:
        with transaction.atomic():
            ZaakFactory.create_batch(2, zaaktype=zaaktype)
            schrijver_klaar.set()
            loslaten.wait(30)

    def merge() -> None:
        with transaction.atomic():
            zaaktellingen_samenvoegen()
            merge_klaar.set()
            loslaten.wait(30)

    with connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '5s'")
    try:
        open_schrijver = in_thread(schrijver)
        assert schrijver_klaar.wait(30)
        zaaktellingen_samenvoegen()  # beside the writer's uncommitted rows
        ZaakFactory(zaaktype=zaaktype)
        open_merge = in_thread(merge)
        assert merge_klaar.wait(30)
        ZaakFactory.create_batch(2, zaaktype=zaaktype)  # beside the merge's uncommitted change
        assert Zaak.objects.count() == geteld()[(zaaktype.pk, OPENBAAR)] == 6
        tweede_merge = in_thread(zaaktellingen_samenvoegen)
        assert _wacht_op_een_wachtende_transactie()
    finally:
        loslaten.set()
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    for thread in (open_schrijver, open_merge, tweede_merge):
        thread.join(30)

    assert fouten == []
    assert geteld() == geteld_in_zaken() == {(zaaktype.pk, OPENBAAR): 8}
    zaaktellingen_samenvoegen()
    assert ZaakTelling.objects.count() == 1
    assert_exact()
