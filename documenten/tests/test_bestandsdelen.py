"""Large files in parts: announced with `bestandsomvang`, uploaded part by part, merged at the end."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from .conftest import DOCUMENTEN, assert_stored, download, eio_body

pytestmark = pytest.mark.django_db
EIO = DOCUMENTEN + "enkelvoudiginformatieobjecten"
PART = 10


@pytest.fixture(autouse=True)
def small_parts(settings):
    settings.DOCUMENTEN_BESTANDSDEEL_SIZE = PART


def _announce(client, iotype, size: int) -> dict:
    response = client.post(EIO, eio_body(iotype, inhoud=None, bestandsomvang=size), format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def _put(client, deel: dict, content: bytes, lock: str | None = None):
    return client.put(
        deel["url"],
        {"inhoud": SimpleUploadedFile("deel.bin", content), "lock": lock or deel["lock"]},
        format="multipart",
    )


def _files(folder) -> list:
    return sorted(p.relative_to(folder).parts[0] for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def _error(response) -> tuple[str, str]:
    param = response.json()["invalidParams"][0]
    return param["name"], param["code"]


def test_a_file_in_parts(client, iotype, documenten_storage, django_capture_on_commit_callbacks):
    content = bytes(range(25))
    document = _announce(client, iotype, len(content))
    delen = document["bestandsdelen"]
    assert document["locked"] is True and document["inhoud"] is None
    assert [(d["volgnummer"], d["omvang"], d["voltooid"]) for d in delen] == [
        (1, 10, False),
        (2, 10, False),
        (3, 5, False),
    ]

    not_yet = client.get(document["url"] + "/download")
    assert not_yet.status_code == 409
    assert not_yet.json()["code"] == "incomplete-upload"

    with django_capture_on_commit_callbacks(execute=True):
        for deel, start in zip(delen, (0, 10, 20), strict=True):
            response = _put(client, deel, content[start : start + deel["omvang"]])
            assert response.status_code == 200, response.json()
            assert response.json()["voltooid"] is True

    body = client.get(document["url"]).json()
    assert body["bestandsdelen"] == []
    assert body["integriteit"]["waarde"] == hashlib.sha256(content).hexdigest()
    assert download(client, body["inhoud"]) == content
    assert _files(documenten_storage) == ["inhoud"]  # the parts are gone
    assert client.post(document["url"] + "/unlock", {"lock": delen[0]["lock"]}, format="json").status_code == 204


def test_a_file_of_exactly_one_part(client, iotype):
    content = b"0123456789"
    document = _announce(client, iotype, PART)
    assert len(document["bestandsdelen"]) == 1

    assert _put(client, document["bestandsdelen"][0], content).status_code == 200

    assert download(client, document["url"] + "/download") == content


def test_a_zero_byte_file(client, iotype):
    document = _announce(client, iotype, 0)

    assert document["bestandsdelen"] == [] and document["locked"] is False
    assert document["integriteit"]["waarde"] == hashlib.sha256(b"").hexdigest()
    assert download(client, document["inhoud"]) == b""


def test_parts_come_in_order_with_their_size_and_the_lock(client, iotype, documenten_storage):
    document = _announce(client, iotype, 15)
    first, second = document["bestandsdelen"]

    assert _error(_put(client, second, b"12345")) == ("inhoud", "bestandsdeel-volgorde")
    assert _files(documenten_storage) == []
    assert _error(_put(client, first, b"too short")) == ("inhoud", "file-size")
    assert _error(_put(client, first, b"far too long for it")) == ("inhoud", "file-size")
    assert _error(_put(client, first, b"0123456789", lock="fout")) == ("lock", "incorrect-lock-id")
    assert _files(documenten_storage) == []

    assert _put(client, first, b"0123456789").status_code == 200
    assert _error(_put(client, second, b"123456")) == ("inhoud", "file-size")
    assert client.get(document["url"] + "/download").status_code == 409


def test_an_unfinished_upload_keeps_the_lock_until_forced(
    client, iotype, documenten_storage, make_api_client, django_capture_on_commit_callbacks
):
    document = _announce(client, iotype, 15)
    first = document["bestandsdelen"][0]
    _put(client, first, b"0123456789")
    holder = make_api_client(
        autorisaties=[
            {
                "component": "drc",
                "scopes": ["documenten.lezen", "documenten.lock", "documenten.bijwerken"],
                "informatieobjecttype": iotype,
                "max_vertrouwelijkheidaanduiding": "geheim",
            }
        ]
    )

    refused = holder.post(document["url"] + "/unlock", {"lock": first["lock"]}, format="json")
    assert _error(refused) == ("nonFieldErrors", "incomplete-upload")
    patch = client.patch(document["url"], {"titel": "x", "lock": first["lock"]}, format="json")
    assert _error(patch) == ("nonFieldErrors", "incomplete-upload")

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(document["url"] + "/unlock", {}, format="json").status_code == 204

    body = client.get(document["url"]).json()
    assert (body["locked"], body["bestandsdelen"], body["inhoud"], body["bestandsomvang"]) == (False, [], None, None)
    assert _files(documenten_storage) == []


def test_a_new_version_in_parts(client, document, documenten_storage, django_capture_on_commit_callbacks):
    lock = client.post(document["url"] + "/lock").json()["lock"]
    response = client.patch(document["url"], {"inhoud": None, "bestandsomvang": 12, "lock": lock}, format="json")
    assert response.status_code == 200, response.json()
    delen = response.json()["bestandsdelen"]
    assert [d["omvang"] for d in delen] == [10, 2]
    assert download(client, document["url"] + "/download?versie=1") == b"hello world"

    with django_capture_on_commit_callbacks(execute=True):
        _put(client, delen[0], b"abcdefghij")
        _put(client, delen[1], b"kl")

    assert download(client, document["url"] + "/download") == b"abcdefghijkl"
    assert client.get(document["url"]).json()["versie"] == 2


def test_an_interrupted_part_upload_leaves_nothing(client, iotype, documenten_storage):
    document = _announce(client, iotype, 15)
    first = document["bestandsdelen"][0]
    boundary = "grens"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="lock"\r\n\r\n{first["lock"]}\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="inhoud"; filename="deel.bin"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n01234"  # the connection drops here
    ).encode()

    response = client.generic("PUT", first["url"], body, content_type=f"multipart/form-data; boundary={boundary}")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert client.get(document["url"]).json()["bestandsdelen"][0]["voltooid"] is False
    assert _files(documenten_storage) == []


def _raw_put(client, deel: dict, parts: list[tuple[str, bytes, bool]], boundary: str = "grens", close: bool = True):
    """PUT a multipart body written out by hand: (name, value, as a file) in this order."""
    body = b""
    for name, value, as_file in parts:
        filename = '; filename="deel.bin"' if as_file else ""
        body += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"{filename}\r\n\r\n'.encode()
        body += value + b"\r\n"
    if close:
        body += f"--{boundary}--\r\n".encode()
    return client.generic("PUT", deel["url"], body, content_type=f"multipart/form-data; boundary={boundary}")


def test_parts_are_put_together_in_place(client, iotype, documenten_storage, django_capture_on_commit_callbacks):
    content = bytes(range(65, 90))
    document = _announce(client, iotype, len(content))
    first, second, third = document["bestandsdelen"]

    assert _put(client, first, content[:10]).status_code == 200
    assert _files(documenten_storage) == ["inhoud"]  # no file of its own per part, nothing to merge later
    with django_capture_on_commit_callbacks(execute=True):
        assert _put(client, second, content[10:20]).status_code == 200
        assert _put(client, third, content[20:]).status_code == 200

    assert_stored(client, document["url"], content)
    assert [p.stat().st_size for p in documenten_storage.rglob("*") if p.is_file()] == [len(content)]


def test_the_lock_may_come_before_or_after_the_content(client, iotype, django_capture_on_commit_callbacks):
    document = _announce(client, iotype, 15)
    first, second = document["bestandsdelen"]
    lock = first["lock"].encode()

    assert _raw_put(client, first, [("lock", lock, False), ("inhoud", b"0123456789", True)]).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert _raw_put(client, second, [("inhoud", b"abcde", True), ("lock", lock, False)]).status_code == 200

    assert download(client, document["url"] + "/download") == b"0123456789abcde"


@pytest.mark.parametrize("block", [7, 12, 100])
def test_a_boundary_split_over_reads_is_found(client, iotype, monkeypatch, django_capture_on_commit_callbacks, block):
    """Read in small blocks, delimiters straddle two reads; content that looks like one does not end the part."""
    from documenten.api import parsers

    monkeypatch.setattr(parsers, "BLOCK", block)
    content = b"\r\n--gren\r\n--grenZ" + bytes(range(256)) * 3 + b"\r\n--gre"
    monkeypatch.setattr("django.conf.settings.DOCUMENTEN_BESTANDSDEEL_SIZE", len(content))
    document = _announce(client, iotype, len(content))
    (deel,) = document["bestandsdelen"]

    with django_capture_on_commit_callbacks(execute=True):
        response = _raw_put(client, deel, [("lock", deel["lock"].encode(), False), ("inhoud", content, True)])

    assert response.status_code == 200, response.json()
    assert download(client, document["url"] + "/download") == content


def test_a_refused_later_part_leaves_the_earlier_ones(client, iotype, django_capture_on_commit_callbacks):
    content = b"0123456789abcdefghijKLMNO"
    document = _announce(client, iotype, len(content))
    first, second, third = document["bestandsdelen"]
    assert _put(client, first, content[:10]).status_code == 200

    assert _error(_put(client, third, content[20:])) == ("inhoud", "bestandsdeel-volgorde")
    assert _error(_put(client, second, b"far too long for this part")) == ("inhoud", "file-size")
    assert _error(_put(client, second, b"abcdefghij", lock="fout")) == ("lock", "incorrect-lock-id")
    broken = _raw_put(client, second, [("lock", first["lock"].encode(), False), ("inhoud", b"abc", True)], close=False)
    assert broken.status_code == 400 and broken["Content-Type"] == "application/problem+json"
    with django_capture_on_commit_callbacks(execute=True):
        assert _put(client, second, content[10:20]).status_code == 200
        assert _put(client, third, content[20:]).status_code == 200

    assert_stored(client, document["url"], content)


def test_an_accepted_part_can_be_replaced(client, iotype, documenten_storage, django_capture_on_commit_callbacks):
    document = _announce(client, iotype, 15)
    first, second = document["bestandsdelen"]
    assert _put(client, first, b"0123456789").status_code == 200

    assert _error(_put(client, first, b"short")) == ("inhoud", "file-size")
    with django_capture_on_commit_callbacks(execute=True):
        assert _put(client, first, b"ABCDEFGHIJ").status_code == 200
    assert _files(documenten_storage) == ["inhoud"]  # the replacing part was copied into place and removed
    with django_capture_on_commit_callbacks(execute=True):
        assert _put(client, second, b"klmno").status_code == 200

    assert_stored(client, document["url"], b"ABCDEFGHIJklmno")


def test_a_malformed_body_is_refused(client, iotype, documenten_storage):
    document = _announce(client, iotype, 15)
    first = document["bestandsdelen"][0]
    lock = first["lock"].encode()

    twice = _raw_put(client, first, [("lock", lock, False), ("inhoud", b"0123456789", True), ("inhoud", b"x", True)])
    without_file = _raw_put(client, first, [("lock", lock, False)])
    no_boundary = client.generic("PUT", first["url"], b"x", content_type="multipart/form-data")

    assert twice.status_code == 400 and twice["Content-Type"] == "application/problem+json"
    assert _error(without_file) == ("inhoud", "required")
    assert no_boundary.status_code == 400
    assert _files(documenten_storage) == []
    assert client.get(document["url"]).json()["bestandsdelen"][0]["voltooid"] is False


def test_parts_in_a_storage_off_local_disk(client, iotype, settings, django_capture_on_commit_callbacks):
    """Storages without local paths (S3, ...) keep each part in a file of its own and merge them at the end."""
    settings.STORAGES = {**settings.STORAGES, "documenten": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    content = bytes(range(25))
    document = _announce(client, iotype, len(content))

    with django_capture_on_commit_callbacks(execute=True):
        for deel, start in zip(document["bestandsdelen"], (0, 10, 20), strict=True):
            assert _put(client, deel, content[start : start + deel["omvang"]]).status_code == 200

    assert_stored(client, document["url"], content)


def test_the_orphan_sweep_leaves_a_file_being_put_together(client, iotype, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from documenten.cleanup import orphaned_files_remove

    document = _announce(client, iotype, 15)
    first, second = document["bestandsdelen"]
    assert _put(client, first, b"0123456789").status_code == 200

    assert orphaned_files_remove(grace=timedelta(0)) == []
    with django_capture_on_commit_callbacks(execute=True):
        assert _put(client, second, b"abcde").status_code == 200

    assert download(client, document["url"] + "/download") == b"0123456789abcde"


def test_an_upload_begun_with_parts_in_files_of_their_own_ends_that_way(
    client, iotype, documenten_storage, django_capture_on_commit_callbacks
):
    """Parts stored before parts were written in place stay files of their own and are merged at the end."""
    from django.core.files.base import ContentFile

    from documenten.models import BestandsDeel
    from documenten.models import documenten_storage as storage

    document = _announce(client, iotype, 15)
    first, second = document["bestandsdelen"]
    deel = BestandsDeel.objects.get(uuid=first["url"].rsplit("/", 1)[1])
    deel.inhoud = storage().save("bestandsdelen/aa/oud", ContentFile(b"0123456789"))
    deel.save()

    with django_capture_on_commit_callbacks(execute=True):
        assert _put(client, second, b"abcde").status_code == 200

    assert_stored(client, document["url"], b"0123456789abcde")
    assert _files(documenten_storage) == ["inhoud"]  # the old parts are gone, no empty file left behind
    assert len([p for p in documenten_storage.rglob("*") if p.is_file()]) == 1


@pytest.mark.parametrize("hashed_while_written", [True, False])
def test_the_sha256_with_and_without_a_running_state(
    client, iotype, monkeypatch, django_capture_on_commit_callbacks, hashed_while_written
):
    """Hashed part by part as written (OpenSSL's state saved with each part), or read back at the end."""
    from documenten import sha256
    from documenten.models import BestandsDeel

    monkeypatch.setattr(sha256, "available", lambda: hashed_while_written)
    content = bytes(range(200, 256)) + b"x" * 9
    document = _announce(client, iotype, len(content))
    delen = document["bestandsdelen"]

    with django_capture_on_commit_callbacks(execute=True):
        for index, deel in enumerate(delen):
            assert _put(client, deel, content[index * PART : (index + 1) * PART]).status_code == 200
            if index < len(delen) - 1:
                saved = BestandsDeel.objects.get(uuid=deel["url"].rsplit("/", 1)[1]).sha256_state
                assert (saved is not None) is hashed_while_written

    assert_stored(client, document["url"], content)


def test_a_saved_sha256_state_resumes_where_it_stopped():
    import os

    from documenten import sha256

    data = os.urandom(300_001)
    first = sha256.Sha256State()
    first.update(data, 0, 100_000)
    hasher = sha256.Hasher(sha256.Sha256State(first.save()))
    hasher.update(data, 100_000, 250_000)
    last = sha256.Sha256State(hasher.finish())
    last.update(data, 250_000, len(data))

    assert sha256.available()
    assert last.hexdigest() == hashlib.sha256(data).hexdigest()


def test_a_failing_running_sha256_falls_back_to_reading_the_file(
    client, iotype, monkeypatch, django_capture_on_commit_callbacks
):
    from documenten import sha256

    def broken(self, block, start, end):
        raise OSError("no hashing today")

    monkeypatch.setattr(sha256.Sha256State, "update", broken)
    content = b"0123456789abcde"
    document = _announce(client, iotype, len(content))
    first, second = document["bestandsdelen"]

    with django_capture_on_commit_callbacks(execute=True):
        assert _put(client, first, content[:10]).status_code == 200
        assert _put(client, second, content[10:]).status_code == 200

    body = client.get(document["url"]).json()
    assert body["integriteit"]["waarde"] == hashlib.sha256(content).hexdigest()


def test_a_part_may_be_larger_than_other_request_bodies_but_not_larger_than_a_part(
    client, iotype, settings, django_capture_on_commit_callbacks
):
    """Parts stream to disk: their bodies are limited by the part size, not by DATA_UPLOAD_MAX_MEMORY_SIZE."""
    from documenten.api.parsers import MULTIPART_FRAMING

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000
    settings.DOCUMENTEN_BESTANDSDEEL_SIZE = 5_000
    content = bytes(range(256)) * 20  # 5,120 bytes: a part of 5,000 and one of 120
    document = _announce(client, iotype, len(content))
    first, second = document["bestandsdelen"]

    too_large = _put(client, first, content[:120] * (MULTIPART_FRAMING // 120 + 50))
    assert too_large.status_code == 413
    assert too_large["Content-Type"] == "application/problem+json"
    assert str(5_000 + MULTIPART_FRAMING) in too_large.json()["detail"]

    with django_capture_on_commit_callbacks(execute=True):
        assert _put(client, first, content[:5_000]).status_code == 200
        assert _put(client, second, content[5_000:]).status_code == 200
    assert download(client, document["url"] + "/download") == content
    # Elsewhere the general limit holds.
    body = {"titel": "x" * 3_000}
    assert client.patch(document["url"], body, format="json").status_code == 413
