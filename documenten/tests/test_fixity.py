"""Fixity: the periodic task recomputes checksums and records what no longer matches."""

from __future__ import annotations

import pytest

from documenten.models import IntegriteitsAfwijking
from documenten.tasks import check_fixity, remove_orphaned_files

from .conftest import DOCUMENTEN

pytestmark = pytest.mark.django_db


def _path(documenten_storage, client, document) -> object:
    from documenten.models import EnkelvoudigInformatieObject

    versie = EnkelvoudigInformatieObject.objects.get(informatieobject__uuid=document["url"].rsplit("/", 1)[1])
    return documenten_storage / versie.inhoud.name


def test_the_fixity_task_catches_a_corrupted_file(client, document, documenten_storage):
    assert check_fixity.delay().get() == {"checked": 1, "mismatches": 0}
    _path(documenten_storage, client, document).write_bytes(b"hello w0rld")

    result = check_fixity.delay().get()

    assert result == {"checked": 1, "mismatches": 1}
    afwijking = IntegriteitsAfwijking.objects.get()
    assert afwijking.soort == "afwijkend"
    assert afwijking.verwacht == document["integriteit"]["waarde"]
    assert afwijking.gevonden != afwijking.verwacht
    listed = client.get(DOCUMENTEN + "integriteitsafwijkingen", {"informatieobject": document["url"]}).json()
    assert [(a["informatieobject"], a["soort"], a["versienummer"]) for a in listed["results"]] == [
        (document["url"], "afwijkend", 1)
    ]


def test_a_missing_file_is_recorded_too(client, document, documenten_storage):
    _path(documenten_storage, client, document).unlink()

    assert check_fixity.delay().get()["mismatches"] == 1
    assert IntegriteitsAfwijking.objects.get().soort == "ontbreekt"


def test_runs_carry_on_with_the_files_checked_longest_ago(client, document, iotype, documenten_storage):
    from .conftest import eio_body

    second = client.post(DOCUMENTEN + "enkelvoudiginformatieobjecten", eio_body(iotype), format="json").json()
    _path(documenten_storage, client, second).write_bytes(b"kapot")
    check_fixity.delay(limit=2).get()  # both checked now; the second one mismatches

    _path(documenten_storage, client, document).write_bytes(b"ook kapot")
    assert check_fixity.delay(limit=1).get() == {"checked": 1, "mismatches": 1}
    assert sorted(a.informatieobject_uuid.hex for a in IntegriteitsAfwijking.objects.all()) == sorted(
        d["url"].rsplit("/", 1)[1].replace("-", "") for d in (document, second)
    )


def test_orphaned_files_are_removed_after_the_grace_period(client, document, documenten_storage):
    orphan = documenten_storage / "inhoud" / "zz" / "verweesd"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"left behind by a killed worker")

    assert remove_orphaned_files.delay().get() == 0  # too young
    import os

    os.utime(orphan, (1_000_000_000, 1_000_000_000))
    assert remove_orphaned_files.delay().get() == 1
    assert not orphan.exists()
    assert _path(documenten_storage, client, document).exists()


def test_record_managers_see_the_mismatches_in_the_admin(client, document, documenten_storage, admin_client):
    _path(documenten_storage, client, document).write_bytes(b"kapot")
    check_fixity.delay().get()
    afwijking = IntegriteitsAfwijking.objects.get()

    listing = admin_client.get("/admin/documenten/integriteitsafwijking/")

    assert listing.status_code == 200
    assert str(afwijking.informatieobject_uuid) in listing.content.decode()
    assert admin_client.get("/admin/documenten/integriteitsafwijking/add/").status_code == 403
