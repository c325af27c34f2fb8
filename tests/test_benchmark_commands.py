"""The benchmark commands run, at a reduced size, in every test run: what the README quotes
must come from a command that works. Their figures are not judged here (no timed tests);
what is checked is that they ran end to end and that their own correctness checks held."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.heavy


def test_bench_documenten_uploads_and_downloads_a_file_in_parts(tmp_path, settings, monkeypatch):
    # The server runs in a process of its own and reads its settings from the environment.
    monkeypatch.setenv("DOCUMENTEN_BESTANDSDEEL_SIZE", str(4 * 1024 * 1024))
    settings.DOCUMENTEN_BESTANDSDEEL_SIZE = 4 * 1024 * 1024
    out = io.StringIO()

    call_command("bench_documenten", "--size", "18MiB", "--workdir", str(tmp_path / "bench"), stdout=out)

    text = out.getvalue()
    assert "Uploading 5 parts of 4 MiB" in text
    # The command raises when the download or the stored SHA-256 differs from the source.
    assert "SHA-256 of the download and of `integriteit` match the source." in text
    for label in ("disk copy", "HTTP ceiling", "upload in parts", "download"):
        line = next(line for line in text.splitlines() if line.startswith(label))
        assert float(re.search(r"([\d.]+) MiB/s", line).group(1)) > 0, line
    rss = re.search(r"server peak RSS \(largest worker\)\s+([\d.]+) MiB", text)
    assert rss and float(rss.group(1)) > 0
    assert not (tmp_path / "bench").exists()  # the command cleans up after itself


def test_bench_documenten_base64_uploads_and_downloads_a_file_both_ways(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCUMENTEN_BESTANDSDEEL_SIZE", str(8 * 1024 * 1024))
    out = io.StringIO()

    call_command("bench_documenten_base64", "--size", "20MiB", "--workdir", str(tmp_path / "bench"), stdout=out)

    text = out.getvalue()
    assert "Uploading 20 MiB as base64 inhoud" in text
    assert "Uploading 20 MiB in bestandsdelen" in text
    # The command raises when a download or the stored SHA-256 differs from the source.
    assert "SHA-256 of each download and of `integriteit` match the source." in text
    for way in ("base64", "bestandsdelen"):
        line = next(line for line in text.splitlines() if line.startswith(way + " "))
        upload, download = (float(rate) for rate in re.findall(r"([\d.]+) MiB/s", line))
        idle, peak = (float(rss) for rss in re.findall(r"([\d.]+) MiB (?:->|\(\+)", line))
        assert upload > 0 and download > 0 and 0 < idle <= peak, line
    assert not (tmp_path / "bench").exists()  # the command cleans up after itself


@pytest.mark.django_db(transaction=True)  # the command VACUUMs, which no transaction may enclose
@pytest.mark.parametrize("beperkt", [False, True])
def test_bench_zaken_list_compares_the_api_with_the_same_rows_in_raw_sql(beperkt):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the benchmark's raw SQL is PostgreSQL's (ARRAY subqueries)")
    out = io.StringIO()
    arguments = ["--count", "300", "--pages", "3", "--repeat", "1", *(["--beperkt"] if beperkt else [])]

    # The command raises when a page of the API and the raw SQL differ in count, zaken or related uuids.
    call_command("bench_zaken_list", *arguments, stdout=out)

    text = out.getvalue()
    assert "zaken in database: 300; pages of 100: 3 x 1" in text
    for label in ("GET /zaken/api/v1/zaken", "raw SQL, same data", "raw SQL, the rows alone"):
        line = next(line for line in text.splitlines() if line.startswith(label))
        assert float(re.search(r"median\s+([\d.]+) ms", line).group(1)) > 0, line
    assert re.search(r"ratio API / raw SQL \(rows alone\)\s+[\d.]+x", text)


@pytest.mark.django_db(transaction=True)  # the command creates a database of its own beside the test database
def test_bench_concurrency_writes_at_1_and_2_clients_and_the_database_holds_what_was_answered():
    out = io.StringIO()

    # The command raises when the database holds other rows than those answered 201.
    call_command("bench_concurrency", "--clients", "1,2", "--seconds", "1", stdout=out)

    text = out.getvalue()
    assert text.count("The database holds exactly what was answered 201.") == 2
    for clients in ("1 client(s)", "2 client(s)"):
        table = text.split(clients, 1)[1].splitlines()[2:6]
        for resource, line in zip(
            ("zaken", "statussen", "besluiten", "enkelvoudiginformatieobjecten"), table, strict=True
        ):
            created, refused, errors = (int(n) for n in line.split()[1:4])
            assert line.startswith(resource) and created > 0 and refused == 0 and errors == 0, line
            assert float(line.split()[5]) > 0, line  # the reference was measured
