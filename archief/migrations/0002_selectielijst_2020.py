"""Load the VNG Selectielijst 2020 and the generic resultaattypeomschrijvingen.

The source files in `archief/data/` are Django fixtures as VNG's reference
implementation publishes them; their model labels and integer keys are not ours, so they
are mapped here rather than loaded with `loaddata`. The uuids are kept: other systems
refer to these resources by URL.
"""

import json
import uuid
from pathlib import Path

from django.db import migrations

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def _records(filename: str, model: str) -> list[dict]:
    with open(DATA_DIR / filename, encoding="utf-8") as handle:
        return [record for record in json.load(handle) if record["model"].endswith(f".{model}")]


def load(apps, schema_editor):
    ProcesType = apps.get_model("archief", "ProcesType")
    Resultaat = apps.get_model("archief", "Resultaat")
    Omschrijving = apps.get_model("archief", "ResultaatTypeOmschrijvingGeneriek")

    procestypen = _records("selectielijst_2020.json", "procestype")
    ProcesType.objects.bulk_create(ProcesType(**record["fields"]) for record in procestypen)
    procestype_pks = dict(ProcesType.objects.values_list("uuid", "pk"))
    procestype_by_key = {record["pk"]: procestype_pks[_uuid(record)] for record in procestypen}

    # Generic results first: a specific result points at its generic one.
    resultaten = _records("selectielijst_2020.json", "resultaat")
    resultaat_by_key = {}
    for generiek in (True, False):
        batch = [r for r in resultaten if (r["fields"]["generiek_resultaat"] is None) == generiek]
        Resultaat.objects.bulk_create(
            Resultaat(
                proces_type_id=procestype_by_key[record["fields"]["proces_type"]],
                generiek_resultaat_id=resultaat_by_key.get(record["fields"]["generiek_resultaat"]),
                **{k: v for k, v in record["fields"].items() if k not in ("proces_type", "generiek_resultaat")},
            )
            for record in batch
        )
        resultaat_pks = dict(Resultaat.objects.values_list("uuid", "pk"))
        resultaat_by_key.update({record["pk"]: resultaat_pks[_uuid(record)] for record in batch})

    omschrijvingen = _records("resultaattypeomschrijvingen.json", "resultaattypeomschrijvinggeneriek")
    Omschrijving.objects.bulk_create(Omschrijving(**record["fields"]) for record in omschrijvingen)


def _uuid(record: dict) -> uuid.UUID:
    return uuid.UUID(record["fields"]["uuid"])


def unload(apps, schema_editor):
    apps.get_model("archief", "Resultaat").objects.all().delete()
    apps.get_model("archief", "ProcesType").objects.all().delete()
    apps.get_model("archief", "ResultaatTypeOmschrijvingGeneriek").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("archief", "0001_selectielijst")]

    operations = [migrations.RunPython(load, unload)]
