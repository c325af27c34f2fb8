"""Generated identificaties of every kind (zaak, besluit, klantcontact, document): never
handed out twice, also not after the object that had one was destroyed, past any a client
chose in the same format, and continuing above the numbers handed out before the counters
existed."""

from __future__ import annotations

import base64
import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from documenten.models import EnkelvoudigInformatieObject, InformatieObject
from zaken.models import Zaak
from zaken.services import catalogi_url
from zaken.tests.factories import (
    BesluitTypeFactory,
    InformatieObjectTypeFactory,
    ZaakFactory,
    gepubliceerd_zaaktype,
)

pytestmark = pytest.mark.django_db(transaction=True)  # providers answer on their own connection
RSIN = "002220647"


@dataclass
class Soort:
    """How a client registers and destroys one kind of numbered object."""

    pad: str
    body: Callable[[dict], dict]
    vorm: str  # the generated format, as a regular expression with the number as its group
    vernietigen: Callable  # (client, created object, context) -> None


def _zaak_body(ctx: dict) -> dict:
    return {
        "zaaktype": ctx["zaaktype"],
        "bronorganisatie": RSIN,
        "verantwoordelijkeOrganisatie": RSIN,
        "startdatum": "2025-03-01",
        "registratiedatum": "2025-03-01",
    }


def _delete(client, obj: dict, ctx: dict) -> None:
    assert client.delete(obj["url"]).status_code == 204


def _delete_zaak_of(client, obj: dict, ctx: dict) -> None:
    assert client.delete(obj["zaak"]).status_code == 204  # a klantcontact goes with its zaak


SOORTEN = {
    "zaak": Soort("/zaken/api/v1/zaken", _zaak_body, r"ZAAK-2025-(\d{10})", _delete),
    "besluit": Soort(
        "/besluiten/api/v1/besluiten",
        lambda ctx: {
            "verantwoordelijkeOrganisatie": RSIN,
            "besluittype": ctx["besluittype"],
            "datum": "2025-03-01",
            "ingangsdatum": "2025-03-02",
        },
        r"BESLUIT-2025-(\d{10})",
        _delete,
    ),
    "klantcontact": Soort(
        "/zaken/api/v1/klantcontacten",
        lambda ctx: {"zaak": ctx["nieuwe_zaak"](), "datumtijd": "2025-03-01T10:00:00Z", "kanaal": "telefoon"},
        r"KC-(\d{10})",
        _delete_zaak_of,
    ),
    "document": Soort(
        "/documenten/api/v1/enkelvoudiginformatieobjecten",
        lambda ctx: {
            "bronorganisatie": RSIN,
            "creatiedatum": "2025-03-01",
            "titel": "Melding",
            "auteur": "Melder",
            "taal": "dut",
            "bestandsnaam": "melding.txt",
            "inhoud": base64.b64encode(b"melding").decode(),
            "informatieobjecttype": ctx["informatieobjecttype"],
        },
        r"DOCUMENT-\d{4}-(\d{10})",
        _delete,
    ),
}


@pytest.fixture
def context(api_client, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "documenten": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "documenten")},
        },
    }
    zaaktype = catalogi_url(gepubliceerd_zaaktype())

    def nieuwe_zaak() -> str:
        response = api_client.post("/zaken/api/v1/zaken", _zaak_body({"zaaktype": zaaktype}), format="json")
        assert response.status_code == 201, response.json()
        return response.json()["url"]

    return {
        "zaaktype": zaaktype,
        "besluittype": catalogi_url(BesluitTypeFactory(concept=False)),
        "informatieobjecttype": catalogi_url(InformatieObjectTypeFactory(gepubliceerd=True)),
        "nieuwe_zaak": nieuwe_zaak,
    }


def _create(client, soort: Soort, ctx: dict, **extra) -> dict:
    response = client.post(soort.pad, {**soort.body(ctx), **extra}, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def _number(soort: Soort, identificatie: str) -> int:
    match = re.fullmatch(soort.vorm, identificatie)
    assert match, identificatie
    return int(match[1])


@pytest.mark.parametrize("naam", SOORTEN)
def test_a_destroyed_objects_number_is_never_given_again(api_client, context, naam):
    soort = SOORTEN[naam]
    eerste = _create(api_client, soort, context)
    soort.vernietigen(api_client, eerste, context)

    tweede = _create(api_client, soort, context)

    assert tweede["identificatie"] != eerste["identificatie"]
    assert _number(soort, tweede["identificatie"]) == _number(soort, eerste["identificatie"]) + 1


@pytest.mark.parametrize("naam", SOORTEN)
def test_a_number_a_client_chose_in_our_format_is_passed_by(api_client, context, naam):
    soort = SOORTEN[naam]
    eerste = _create(api_client, soort, context)
    volgende = _number(soort, eerste["identificatie"]) + 1
    gekozen = eerste["identificatie"][:-10] + f"{volgende:010d}"  # every format ends in ten digits
    _create(api_client, soort, context, identificatie=gekozen)

    daarna = _create(api_client, soort, context)

    assert _number(soort, daarna["identificatie"]) == volgende + 1


def _seed(app: str, module: str) -> None:
    migration = importlib.import_module(f"{app}.migrations.{module}")
    migration.seed(apps, SimpleNamespace(connection=connection))  # the seed reads only the alias


def test_the_counters_start_above_the_numbers_handed_out_before_them(api_client, context):
    """What the migration does for an existing register (the counters are emptied first, as
    they were before it ran)."""
    ZaakFactory(identificatie="ZAAK-2025-0000000041", bronorganisatie=RSIN)
    ZaakFactory(identificatie="ZAAK-2025-0000000007", bronorganisatie=RSIN)
    ZaakFactory(identificatie="ZAAK-2025-0000000900", bronorganisatie="517439943")  # another organisation
    ZaakFactory(identificatie="eigen-nummer-12", bronorganisatie=RSIN)
    document = _create(api_client, SOORTEN["document"], context)
    jaar = document["identificatie"][9:13]
    versie = EnkelvoudigInformatieObject.objects.get()
    tweede = InformatieObject.objects.create()
    EnkelvoudigInformatieObject.objects.create(
        **{
            f.attname: getattr(versie, f.attname)
            for f in EnkelvoudigInformatieObject._meta.concrete_fields
            if f.attname not in ("id", "uuid", "informatieobject_id", "identificatie")
        },
        informatieobject=tweede,
        identificatie=f"DOCUMENT-{jaar}-0000000077",
    )
    apps.get_model("zaken", "Volgnummer").objects.all().delete()
    apps.get_model("documenten", "Volgnummer").objects.all().delete()

    _seed("zaken", "0006_volgnummers")
    _seed("documenten", "0003_volgnummers")

    assert _create(api_client, SOORTEN["zaak"], context)["identificatie"] == "ZAAK-2025-0000000042"
    assert _create(api_client, SOORTEN["document"], context)["identificatie"] == f"DOCUMENT-{jaar}-0000000078"
    assert Zaak.objects.filter(identificatie="ZAAK-2025-0000000042").count() == 1
