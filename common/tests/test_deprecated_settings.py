"""Renamed settings: the old name still works, and the system check says to rename it."""

from __future__ import annotations

from django.core.checks import run_checks

from config import settings as settings_module


def test_a_former_name_is_read_when_the_new_one_is_unset(monkeypatch):
    monkeypatch.delenv("ARCHIEF_OVERBRENGINGSTERMIJN", raising=False)
    monkeypatch.setenv("TRANSFER_TERM_YEARS", "10")
    assert settings_module.env_renamed("ARCHIEF_OVERBRENGINGSTERMIJN", "TRANSFER_TERM_YEARS", "20") == "10"

    monkeypatch.setenv("ARCHIEF_OVERBRENGINGSTERMIJN", "15")
    assert settings_module.env_renamed("ARCHIEF_OVERBRENGINGSTERMIJN", "TRANSFER_TERM_YEARS", "20") == "15"


def test_the_system_check_names_each_former_name_in_use(monkeypatch):
    monkeypatch.setenv("TRANSFER_BRONORGANISATIE", "002220647")
    monkeypatch.delenv("TRANSFER_TERM_YEARS", raising=False)

    warnings = [message for message in run_checks() if message.id == "levensloop.W001"]

    assert [message.msg for message in warnings] == [
        "TRANSFER_BRONORGANISATIE is deprecated: it is read as ARCHIEF_BRONORGANISATIE."
    ]
    assert "docs/configuration.md" in warnings[0].hint
