"""Delivery over SFTP, to a real SFTP server on 127.0.0.1 (paramiko on both sides)."""

from __future__ import annotations

from pathlib import Path

import pytest

from archief.overbrenging import services
from archief.overbrenging.models import ContainerStatus, Status
from archief.overbrenging.targets import DeliveryError, SFTPMap
from archief.overbrenging.tasks import overbrenging_stap_vergrendeld

from . import sipdata
from .rollen import persoon

paramiko = pytest.importorskip("paramiko")
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def client_key():
    return paramiko.RSAKey.generate(2048)


@pytest.fixture
def sftp(tmp_path, client_key):
    from .sftp_server import SFTPServer

    root = tmp_path / "sftp"
    (root / "inbox").mkdir(parents=True)
    key_file = tmp_path / "id_rsa"
    client_key.write_private_key_file(str(key_file))
    server = SFTPServer(root, client_key)
    server.key_file = str(key_file)
    yield server
    server.close()


def target(sftp, **overrides) -> SFTPMap:
    values = {
        "host": "127.0.0.1",
        "poort": sftp.port,
        "gebruiker": "archief",
        "sleutelbestand": sftp.key_file,
        "locatie": "/inbox",
        "hostsleutel": sftp.host_key_line,
    }
    return SFTPMap(**{**values, **overrides})


def test_a_file_is_placed_under_a_temporary_name_then_renamed(sftp, tmp_path):
    bron = tmp_path / "c.tar"
    bron.write_bytes(b"x" * 300_000)
    doel = target(sftp)
    assert doel.omvang("c.tar") is None
    doel.plaats(bron, "c.tar")
    assert doel.omvang("c.tar") == 300_000
    assert sorted(p.name for p in (sftp.root / "inbox").iterdir()) == ["c.tar"]
    import hashlib

    assert doel.checksum("c.tar", "sha256") == hashlib.sha256(bron.read_bytes()).hexdigest()


def test_an_unknown_host_key_is_refused(sftp, tmp_path):
    other = paramiko.RSAKey.generate(2048)
    doel = target(sftp, hostsleutel=f"{other.get_name()} {other.get_base64()}")
    with pytest.raises(DeliveryError):
        doel.omvang("c.tar")


def test_a_transfer_delivered_over_sftp(afspraak, fake, sftp, valid, settings):
    settings.OVERBRENGING_SFTP_HOSTS = [f"127.0.0.1:{sftp.port}"]
    settings.OVERBRENGING_SLEUTEL_ROOT = str(Path(sftp.key_file).parent)
    afspraak.doel_type = "sftp"
    afspraak.doel_host, afspraak.doel_poort, afspraak.doel_gebruiker = "127.0.0.1", sftp.port, "archief"
    afspraak.doel_sleutelbestand, afspraak.doel_hostsleutel = sftp.key_file, sftp.host_key_line
    afspraak.doel_locatie = "/inbox"
    afspraak.save()
    zaken = [fake.add(sipdata.zaak(i, size=200_000)) for i in (1, 2)]
    overbrenging = services.overbrenging_create(afspraak=afspraak, zaken=zaken, door=persoon("Recordmanager"))
    services.overbrenging_approve(overbrenging=overbrenging, door=persoon("Archivaris"))
    while overbrenging_stap_vergrendeld(overbrenging.pk):
        pass
    overbrenging.refresh_from_db()
    assert overbrenging.status == Status.geverifieerd
    assert {c.status for c in overbrenging.containers.all()} == {ContainerStatus.geverifieerd}
    valid(Path(sftp.root / "inbox"))
