from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from archief.overbrenging.validation import validate_package


def assert_valid(path: Path) -> None:
    """The package passes the pre-ingest command (and its report is empty)."""
    report = validate_package(path)
    assert report.ok, "\n".join(str(v) for v in report.violations)
    call_command("validate_sip", str(path), stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def valid():
    return assert_valid
