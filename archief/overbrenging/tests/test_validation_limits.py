"""Hostile packages: the validator refuses them with a clear violation, reading nothing large.

A zip that unpacks to hundreds of megabytes, a tar with a sidecar of tens of megabytes, and a
pakbon that is a link to a file elsewhere. Peak memory is measured with tracemalloc while the
validator runs: it stays a few megabytes, where reading the hostile member whole would take
its full size.
"""

from __future__ import annotations

import io
import os
import tarfile
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from archief.overbrenging.validation import validate_package

from .test_validation import DOC, build, caught

MiB = 1024 * 1024
SIDECAR = f"{DOC}/DOC-0001-01.MDTO.xml"
CONTENT = f"{DOC}/DOC-0001-01.pdf"


class Spaces(io.RawIOBase):
    """A readable stream of `size` spaces, made as it is read (never held whole)."""

    def __init__(self, size: int) -> None:
        self.left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = min(len(buffer), self.left)
        buffer[:n] = b" " * n
        self.left -= n
        return n


def peak_while(function):
    """(the result, the peak of Python memory in bytes) of `function()`."""
    tracemalloc.start()
    try:
        result = function()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def replace_in_zip(path: Path, name: str, size: int) -> None:
    """Put a member of `size` spaces in the zip in place of `name`, written in chunks."""
    rewritten = path.with_suffix(".nieuw")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == name:
                with target.open(name, "w", force_zip64=True) as handle:
                    stream = Spaces(size)
                    while chunk := stream.read(MiB):
                        handle.write(chunk)
            else:
                target.writestr(info, source.read(info))
    os.replace(rewritten, path)


def replace_in_tar(path: Path, name: str, size: int) -> None:
    rewritten = path.with_suffix(".nieuw")
    with tarfile.open(path) as source, tarfile.open(rewritten, "w", format=tarfile.PAX_FORMAT) as target:
        for info in source.getmembers():
            if info.name == name:
                info.size = size
                target.addfile(info, io.BufferedReader(Spaces(size)))
            else:
                target.addfile(info, source.extractfile(info) if info.isfile() else None)
    os.replace(rewritten, path)


def test_a_zip_bomb_sidecar_is_refused_unread(tmp_path):
    """256 MiB of sidecar packed into a few hundred kilobytes."""
    folder = build(tmp_path, "zip")
    container = folder / "ob-001.zip"
    replace_in_zip(container, SIDECAR, 256 * MiB)
    assert container.stat().st_size < 2 * MiB

    report, peak = peak_while(lambda: validate_package(container))

    assert peak < 24 * MiB, f"{peak / MiB:.0f} MiB"
    refused = [v for v in report.violations if v.regel == "omvang"]
    assert [v.pad for v in refused] == [f"ob-001.zip:{SIDECAR}"]
    assert "zipbom" in refused[0].melding
    assert any("omvang" in v for v in caught(container, "omvang"))


def test_a_zip_bomb_content_file_is_refused_unread(tmp_path):
    folder = build(tmp_path, "zip")
    container = folder / "ob-001.zip"
    replace_in_zip(container, CONTENT, 256 * MiB)

    report, peak = peak_while(lambda: validate_package(container))

    assert peak < 24 * MiB
    assert [(v.regel, v.pad) for v in report.violations if v.regel == "omvang"] == [("omvang", f"ob-001.zip:{CONTENT}")]


def test_a_large_sidecar_in_a_tar_is_refused_by_its_declared_size(tmp_path):
    folder = build(tmp_path, "tar")
    container = folder / "ob-001.tar"
    replace_in_tar(container, SIDECAR, 64 * MiB)

    report, peak = peak_while(lambda: validate_package(container))

    assert peak < 24 * MiB, f"{peak / MiB:.0f} MiB"
    refused = [v for v in report.violations if v.regel == "omvang"]
    assert [v.pad for v in refused] == [f"ob-001.tar:{SIDECAR}"]
    assert "groter dan 16777216 bytes" in refused[0].melding


def test_the_sidecar_limit_is_a_setting(tmp_path, settings, valid):
    package = build(tmp_path)
    valid(package)
    settings.OVERBRENGING_SIDECAR_MAX_BYTES = 1000
    assert "omvang" in validate_package(package).rules_violated()


@pytest.fixture
def geheim(tmp_path) -> Path:
    secret = tmp_path / "geheim.xml"
    secret.write_text("<GEHEIM>inhoud die niemand mag zien</GEHEIM>")
    return secret


def _nothing_of(secret: Path, report) -> None:
    assert not any("GEHEIM" in str(v) or "niemand" in str(v) for v in report.violations)


def test_a_pakbon_that_is_a_link_in_a_folder(tmp_path, geheim):
    package = build(tmp_path / "sip")
    (package / "pakbon.xml").unlink()
    (package / "pakbon.xml").symlink_to(geheim)

    violations = caught(package, "structuur")

    assert any("pakbon.xml" in v and "link" in v for v in violations)
    _nothing_of(geheim, validate_package(package))


def test_a_pakbon_beside_a_container_that_is_a_link(tmp_path, geheim):
    folder = build(tmp_path / "sip", "tar")
    (folder / "ob-001.pakbon.xml").unlink()
    (folder / "ob-001.pakbon.xml").symlink_to(geheim)

    violations = caught(folder / "ob-001.tar", "structuur")

    assert any("ob-001.pakbon.xml" in v and "link" in v for v in violations)
    _nothing_of(geheim, validate_package(folder))


def test_a_pakbon_member_that_is_a_link_inside_a_tar(tmp_path):
    folder = build(tmp_path, "tar")
    container = folder / "ob-001.tar"
    with tarfile.open(container, "a") as archive:
        for kind, target in ((tarfile.SYMTYPE, "/etc/passwd"), (tarfile.LNKTYPE, DOC + "/DOC-0001-01.pdf")):
            link = tarfile.TarInfo("pakbon.xml" if kind == tarfile.SYMTYPE else f"{DOC}/pakbon.xml")
            link.type, link.linkname = kind, target
            archive.addfile(link)

    violations = caught(container, "structuur")

    assert any("pakbon.xml" in v and "symlink" in v for v in violations)
    assert any("pakbon.xml" in v and "hardlink" in v for v in violations)


def test_a_large_pakbon_is_refused_unread(tmp_path, settings):
    package = build(tmp_path)
    settings.OVERBRENGING_SIDECAR_MAX_BYTES = 100
    assert any("pakbon.xml is groter dan 100 bytes" in str(v) for v in validate_package(package).violations)
