"""The figures each app counts at scrape time follow its data: publications past their
deadline, destruction lists and transfers per state, fixity failures. And under gunicorn with
several worker processes, /metrics adds up what all of them measured."""

from __future__ import annotations

import datetime as dt
import uuid

import httpx
import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from archief.models import Vernietigingslijst, VernietigingslijstStatus
from archief.overbrenging.models import Archiefinstelling, Overbrenging, Overbrengingsafspraak, Status
from common.server import database_url, gunicorn_server, server_environment
from common.tests.test_metrics import scrape, value
from documenten.models import IntegriteitsAfwijking
from openbaarmaking.models import PublicatieStatus
from openbaarmaking.tests.factories import PublicatieFactory


@pytest.mark.django_db
def test_publications_past_their_deadline():
    vandaag = timezone.localdate()
    PublicatieFactory(deadline=vandaag)  # due today: not yet past
    PublicatieFactory(deadline=vandaag + dt.timedelta(days=3))
    PublicatieFactory(status=PublicatieStatus.gepubliceerd, deadline=vandaag - dt.timedelta(days=30))
    assert value(scrape(), "levensloop_publicaties_over_deadline") == 0

    PublicatieFactory(deadline=vandaag - dt.timedelta(days=1))
    PublicatieFactory(deadline=vandaag - dt.timedelta(days=6))
    samples = scrape()
    assert value(samples, "levensloop_publicaties_over_deadline") == 2
    assert value(samples, "levensloop_publicaties_over_deadline_dagen") == 6
    assert value(samples, "levensloop_publicaties", status="concept") == 4
    assert value(samples, "levensloop_publicaties", status="gepubliceerd") == 1


@pytest.mark.django_db
def test_destruction_lists_and_transfers_per_state():
    mensen = [User.objects.create(username=naam) for naam in ("recordmanager", "beoordelaar", "archivaris")]
    for status in (VernietigingslijstStatus.klaar_voor_beoordeling, VernietigingslijstStatus.mislukt):
        Vernietigingslijst.objects.create(
            naam=str(status), status=status, auteur=mensen[0], beoordelaar=mensen[1], archivaris=mensen[2]
        )
    afspraak = Overbrengingsafspraak.objects.create(
        archiefinstelling=Archiefinstelling.objects.create(naam="Regionaal Archief"),
        naam="Afspraak",
        archiefvormer_naam="Gemeente Voorbeeld",
        contact="archief@voorbeeld.nl",
    )
    for status in (Status.afgeleverd, Status.afgeleverd, Status.afgewezen):
        Overbrenging.objects.create(afspraak=afspraak, naam="pakket", status=status)

    samples = scrape()
    assert value(samples, "levensloop_vernietigingslijsten", status="klaar_voor_beoordeling") == 1
    assert value(samples, "levensloop_vernietigingslijsten", status="mislukt") == 1
    assert value(samples, "levensloop_vernietigingslijsten", status="vernietigd") == 0
    assert value(samples, "levensloop_overbrengingen", status="afgeleverd") == 2
    assert value(samples, "levensloop_overbrengingen", status="afgewezen") == 1

    Overbrenging.objects.filter(status=Status.afgeleverd).update(status=Status.geverifieerd)
    samples = scrape()
    assert value(samples, "levensloop_overbrengingen", status="afgeleverd") == 0
    assert value(samples, "levensloop_overbrengingen", status="geverifieerd") == 2


@pytest.mark.django_db
def test_fixity_failures_per_kind():
    assert value(scrape(), "levensloop_integriteitsafwijkingen", soort="afwijkend") == 0
    for soort in ("afwijkend", "afwijkend", "ontbreekt"):
        IntegriteitsAfwijking.objects.create(
            informatieobject_uuid=uuid.uuid4(), versienummer=1, bestand="x.pdf", soort=soort, verwacht="0" * 64
        )
    samples = scrape()
    assert value(samples, "levensloop_integriteitsafwijkingen", soort="afwijkend") == 2
    assert value(samples, "levensloop_integriteitsafwijkingen", soort="ontbreekt") == 1
    collectors = {"archief", "documenten", "notificaties", "openbaarmaking", "overbrenging"}
    assert {c for c in collectors if value(samples, "levensloop_metrics_collector_up", collector=c) == 1} == collectors


@pytest.mark.django_db(transaction=True)
def test_gunicorn_workers_add_up_in_one_scrape(tmp_path):
    """config/gunicorn.py runs two worker processes: without the multiprocess directory a
    scrape would show only the requests of whichever worker answered it."""
    multiproc = tmp_path / "prometheus"
    multiproc.mkdir()
    env = server_environment(database_url(connection.settings_dict), PROMETHEUS_MULTIPROC_DIR=str(multiproc))
    requests = 0
    server = gunicorn_server(env, tmp_path / "gunicorn.log")
    with server as base, httpx.Client(base_url=base, headers={"Connection": "close"}) as http:
        # Until both workers have answered some (which one accepts a connection is the kernel's choice).
        while requests < 40 or (len(list(multiproc.glob("counter_*.db"))) < 2 and requests < 1000):
            assert http.get("/selectielijst/api/v1/").status_code in (200, 401, 403)
            requests += 1
        answer = http.get("/metrics")
    assert answer.status_code == 200
    samples = {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(answer.text)
        for sample in family.samples
    }
    served = sum(
        v
        for (name, labels), v in samples.items()
        if name == "levensloop_http_requests_total" and dict(labels)["api"] == "selectielijst"
    )
    # gunicorn's own readiness poll (common.server) asks the Zaken API, not this one
    assert served == requests
    assert len(list(multiproc.glob("counter_*.db"))) >= 2, "both workers measured"
