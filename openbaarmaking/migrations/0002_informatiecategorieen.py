"""Load the Woo information categories of the TOOI list `scw_woo_informatiecategorieen`.

The source is the TOOI list as shipped in `openbaarmaking/data/`; the uuids are kept, so
the categories have the same URL in every deployment. `nummer` is the position in the
Woo (1–17), 18 for the art. 3.1 value that comes last in the list.
"""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "woo-informatiecategorieen.json"


def load(apps, schema_editor):
    Informatiecategorie = apps.get_model("openbaarmaking", "Informatiecategorie")
    with open(DATA, encoding="utf-8") as handle:
        records = sorted(json.load(handle), key=lambda record: record["fields"]["order"])
    Informatiecategorie.objects.bulk_create(
        Informatiecategorie(
            uuid=record["fields"]["uuid"],
            identifier=record["fields"]["identifier"],
            naam=record["fields"]["naam"],
            naam_meervoud=record["fields"]["naam_meervoud"],
            definitie=record["fields"]["definitie"],
            oorsprong=record["fields"]["oorsprong"],
            volgorde=record["fields"]["order"],
            nummer=number,
        )
        for number, record in enumerate(records, start=1)
    )


def unload(apps, schema_editor):
    apps.get_model("openbaarmaking", "Informatiecategorie").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("openbaarmaking", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
