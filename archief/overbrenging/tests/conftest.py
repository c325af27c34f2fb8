from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from archief.overbrenging import clients
from archief.overbrenging.models import Archiefinstelling, Overbrengingsafspraak
from archief.overbrenging.validation import validate_package

from . import fake_zgw, sipdata


@pytest.fixture(autouse=True)
def committed(transactional_db):
    """Every test here commits what it writes: the APIs it calls in-process answer on their
    own connection and see only committed data (docs/decisions/0001-*)."""


@pytest.fixture(autouse=True)
def worker_by_hand(request, monkeypatch):
    """The tests step a transfer through by hand (`run`), step by step as the worker would:
    the Celery chain an approval queues once it commits is held back here, except for a test
    marked `keten`."""
    from archief.overbrenging import tasks

    if request.node.get_closest_marker("keten"):
        return None
    original = tasks.overbrenging_verwerken.delay
    monkeypatch.setattr(tasks.overbrenging_verwerken, "delay", lambda *args, **kwargs: None)

    def release() -> None:
        """From here on the chain runs as queued (Celery runs tasks in-process in the tests)."""
        tasks.overbrenging_verwerken.delay = original

    return release


def assert_valid(path: Path) -> None:
    """The package passes the pre-ingest command (and its report is empty)."""
    report = validate_package(path)
    assert report.ok, "\n".join(str(v) for v in report.violations)
    call_command("validate_sip", str(path), stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def valid():
    return assert_valid


CATALOGI = "/catalogi/api/v1/"
SELECTIELIJST = "http://localhost:8000/selectielijst/api/v1/"
# Procestype 15 of the VNG Selectielijst 2020 and a resultaat of it that is kept permanently.
PROCESTYPE_15 = f"{SELECTIELIJST}procestypen/388645ae-bb7f-4b2b-ba70-94b70f713d45"
BLIJVEND_BEWAREN = f"{SELECTIELIJST}resultaten/a2807664-dd89-48cd-b3ae-b3b67246900c"
AFGEWEZEN = f"{SELECTIELIJST}resultaattypeomschrijvingen/e6a0c939-3404-45b0-88e3-76c94fb80ea7"


@pytest.fixture
def catalogus(api_client) -> dict:
    """A zaaktype with a resultaattype and informatieobjecttypen in the real Catalogi API."""

    def post(path: str, body: dict) -> dict:
        response = api_client.post(CATALOGI + path, body, format="json")
        assert response.status_code == 201, response.json()
        return response.json()

    catalogus = post("catalogussen", {"domein": "VOORB", "rsin": "002220647", "contactpersoonBeheerNaam": "Ada"})
    zaaktype = post(
        "zaaktypen",
        {
            "identificatie": "OMGVERG",
            "omschrijving": "Omgevingsvergunning verlenen",
            "vertrouwelijkheidaanduiding": "zaakvertrouwelijk",
            "doel": "Omgevingsvergunningen verlenen.",
            "aanleiding": "Een aanvraag.",
            "indicatieInternOfExtern": "extern",
            "handelingInitiator": "aanvragen",
            "onderwerp": "Omgevingsvergunning",
            "handelingBehandelaar": "behandelen",
            "doorlooptijd": "P8W",
            "opschortingEnAanhoudingMogelijk": False,
            "verlengingMogelijk": False,
            "publicatieIndicatie": False,
            "productenOfDiensten": ["https://pdc.example.nl/producten/omgevingsvergunning"],
            "selectielijstProcestype": PROCESTYPE_15,
            "referentieproces": {"naam": "Vergunning verlenen"},
            "verantwoordelijke": "Team Vergunningen",
            "catalogus": catalogus["url"],
            "besluittypen": [],
            "gerelateerdeZaaktypen": [],
            "beginGeldigheid": "2000-01-01",
            "versiedatum": "2000-01-01",
        },
    )
    resultaattype = post(
        "resultaattypen",
        {
            "zaaktype": zaaktype["url"],
            "omschrijving": "Verleend",
            "resultaattypeomschrijving": AFGEWEZEN,
            "selectielijstklasse": BLIJVEND_BEWAREN,
            "brondatumArchiefprocedure": {
                "afleidingswijze": "afgehandeld",
                "datumkenmerk": "",
                "einddatumBekend": False,
                "objecttype": "",
                "registratie": "",
                "procestermijn": None,
            },
        },
    )
    informatieobjecttype = post(
        "informatieobjecttypen",
        {
            "catalogus": catalogus["url"],
            "omschrijving": "Besluit",
            "vertrouwelijkheidaanduiding": "openbaar",
            "informatieobjectcategorie": "Besluit",
            "beginGeldigheid": "2000-01-01",
        },
    )
    verklaring = post(
        "informatieobjecttypen",
        {
            "catalogus": catalogus["url"],
            "omschrijving": "Verklaring van overbrenging",
            "vertrouwelijkheidaanduiding": "openbaar",
            "informatieobjectcategorie": "Verklaring",
            "beginGeldigheid": "2000-01-01",
        },
    )
    return {
        "zaaktype": zaaktype["url"],
        "resultaattype": resultaattype["url"],
        "informatieobjecttype": informatieobjecttype["url"],
        "verklaring": verklaring["url"],
    }


@pytest.fixture
def fake(monkeypatch, settings, catalogus):
    settings.ZAKEN_API_ROOT = sipdata.ZAKEN
    settings.DOCUMENTEN_API_ROOT = sipdata.DOCUMENTEN
    provider = fake_zgw.FakeZGW(catalogus)
    monkeypatch.setattr(clients, "TRANSPORT", provider)
    return provider


@pytest.fixture
def edepot(tmp_path, settings, catalogus) -> Path:
    settings.TRANSFER_WORK_DIR = tmp_path / "werk"
    settings.OVERBRENGING_LOCAL_ROOT = tmp_path
    settings.TRANSFER_VERKLARING_INFORMATIEOBJECTTYPE = catalogus["verklaring"]
    settings.ARCHIEF_BRONORGANISATIE = "002220647"
    return tmp_path / "edepot"


@pytest.fixture
def afspraak(edepot) -> Overbrengingsafspraak:
    instelling = Archiefinstelling.objects.create(naam="Regionaal Archief Voorbeeld", contact="edepot@ra.example")
    return Overbrengingsafspraak.objects.create(
        archiefinstelling=instelling,
        naam="Overbrenging Gemeente Voorbeeld",
        archiefvormer_naam="Gemeente Voorbeeld",
        archiefvormer_identificatie="https://organisaties.overheid.nl/00000/Gemeente_Voorbeeld",
        identificatiebron="Gemeente Voorbeeld zaaksysteem",
        contact="archief@voorbeeld.nl",
        doel_locatie=str(edepot),
        container_vorm="tar",
        max_container_omvang=1024**2,
        beperking_grond="Eerbiediging persoonlijke levenssfeer (art. 15 lid 1 sub a Archiefwet 1995)",
        beperking_code="AW1995-15-1a",
        beperking_jaren=75,
    )
