"""The committed contracts: up to date, and true to the standards."""

from __future__ import annotations

from pathlib import Path

import pytest

from common.contracts import contract_files, contract_generate
from common.testing import STANDARDS_DIR, compare_with_standard


@pytest.mark.parametrize(("url_path", "committed"), contract_files(), ids=lambda v: str(v).split("/")[-1])
def test_committed_schema_matches_generated(db, url_path, committed):
    assert committed.exists(), f"{committed} is not committed; run `manage.py generate_schemas`"
    assert contract_generate(url_path) == committed.read_text(), (
        f"{committed} is outdated; run `manage.py generate_schemas` and commit it"
    )


# Deliberate, documented departures from autorisaties-1.0.yaml.
AUTORISATIES_KNOWN = (
    # The 1.0 specification documents /applicaties/consumer as an array, but it answers
    # with the one applicatie of that client ID, and ZGW clients read it as an object.
    "GET /applicaties/consumer response",
    # Our own components (archiefbeheer `arc`, openbaarmaking `orc`) extend the enum.
    "enum of autorisaties[].component differs: missing [], extra ['arc', 'orc']",
    "enum of [].autorisaties[].component differs: missing [], extra ['arc', 'orc']",
)


def test_autorisaties_schema_follows_the_standard():
    standard = STANDARDS_DIR / "zgw" / "autorisaties-1.0.yaml"
    committed = Path(__file__).resolve().parents[1] / "openapi" / "autorisaties.yaml"
    differences = compare_with_standard(committed, standard)
    unexplained = [d for d in differences if not any(known in d for known in AUTORISATIES_KNOWN)]
    assert unexplained == []
    # the known departures are really there, so this list cannot go stale unnoticed
    assert any("consumer" in d for d in differences)
