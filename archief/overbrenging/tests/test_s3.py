"""Delivery to S3-compatible storage (boto3), against moto's in-process S3.

A stand-in, since no S3 service can run here: moto implements the S3 API that boto3
speaks (buckets, objects, HEAD, ranged and multipart transfers).
"""

from __future__ import annotations

import hashlib

import pytest

from archief.overbrenging import services
from archief.overbrenging.models import Status
from archief.overbrenging.targets import S3Map
from archief.overbrenging.tasks import overbrenging_stap_vergrendeld

from . import sipdata
from .rollen import persoon

boto3 = pytest.importorskip("boto3")
moto = pytest.importorskip("moto")
pytestmark = pytest.mark.django_db


@pytest.fixture
def bucket(monkeypatch):
    for name, value in {
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_DEFAULT_REGION": "eu-west-1",
    }.items():
        monkeypatch.setenv(name, value)
    with moto.mock_aws():
        boto3.client("s3").create_bucket(Bucket="edepot", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
        yield "edepot"


def test_objects_are_uploaded_sized_and_read_back(bucket, tmp_path):
    bron = tmp_path / "c.tar"
    bron.write_bytes(bytes(range(256)) * 40_000)  # 10 MB: a multipart upload
    doel = S3Map(locatie=f"{bucket}/inbox")
    assert doel.omvang("c.tar") is None
    doel.plaats(bron, "c.tar")
    assert doel.omvang("c.tar") == bron.stat().st_size
    assert doel.checksum("c.tar", "sha256") == hashlib.sha256(bron.read_bytes()).hexdigest()
    keys = [o["Key"] for o in boto3.client("s3").list_objects_v2(Bucket=bucket)["Contents"]]
    assert keys == ["inbox/c.tar"]


def test_a_transfer_delivered_to_s3(afspraak, fake, bucket, tmp_path, valid, settings):
    settings.OVERBRENGING_S3_ENDPOINTS = ["default"]
    afspraak.doel_type, afspraak.doel_locatie = "s3", f"{bucket}/overbrenging"
    afspraak.save()
    zaken = [fake.add(sipdata.zaak(i, size=200_000)) for i in (1, 2)]
    overbrenging = services.overbrenging_create(afspraak=afspraak, zaken=zaken, door=persoon("Recordmanager"))
    services.overbrenging_approve(overbrenging=overbrenging, door=persoon("Archivaris"))
    while overbrenging_stap_vergrendeld(overbrenging.pk):
        pass
    overbrenging.refresh_from_db()
    assert overbrenging.status == Status.geverifieerd
    client = boto3.client("s3")
    download = tmp_path / "download"
    download.mkdir()
    for item in client.list_objects_v2(Bucket=bucket, Prefix="overbrenging/")["Contents"]:
        client.download_file(bucket, item["Key"], str(download / item["Key"].rsplit("/", 1)[-1]))
    valid(download)
