"""The preview command build_sip: builds what would go, changes nothing, refuses what may not go."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from . import sipdata

pytestmark = pytest.mark.django_db


def test_build_sip_previews_any_transferable_case_whatever_its_age(afspraak, fake, tmp_path, valid):
    old = fake.add(sipdata.zaak(1))
    young = fake.add(sipdata.zaak(2, einddatum="2025-10-01"))  # not yet transferable, but will be
    out = io.StringIO()
    call_command("build_sip", "--zaak", old, "--zaak", young, "--out", str(tmp_path / "preview"), stdout=out)
    assert "2 zaak/zaken verpakt; het pakket voldoet." in out.getvalue()
    assert (tmp_path / "preview" / "voorbeeld-001" / "ZAAK-2003-0001" / "ZAAK-2003-0001.MDTO.xml").exists()
    assert (tmp_path / "preview" / "voorbeeld-001" / "ZAAK-2003-0002" / "ZAAK-2003-0002.MDTO.xml").exists()
    valid(tmp_path / "preview")
    assert [r for r in fake.requests if r[0] != "GET"] == []  # nothing changed anywhere
    assert {fake.zaak(z)["archiefstatus"] for z in (old, young)} == {"gearchiveerd"}


def test_build_sip_is_reproducible_with_a_fixed_clock(afspraak, fake, tmp_path):
    zaak = fake.add(sipdata.zaak(1))
    for name in ("a", "b"):
        call_command(
            "build_sip",
            "--zaak",
            zaak,
            "--out",
            str(tmp_path / name),
            "--vorm",
            "tar",
            "--peilmoment",
            "2026-11-29T12:00:00+00:00",
            stdout=io.StringIO(),
        )
    assert (tmp_path / "a" / "voorbeeld-001.tar").read_bytes() == (tmp_path / "b" / "voorbeeld-001.tar").read_bytes()


def test_build_sip_refuses_cases_that_will_never_go_and_says_why(afspraak, fake, tmp_path):
    kept = fake.add(sipdata.zaak(1))
    fake.add(sipdata.zaak(2))
    destroyed = sipdata.zaak(2).zaak["url"]
    fake.zaak(destroyed)["archiefnominatie"] = "vernietigen"
    with pytest.raises(CommandError) as error:
        call_command(
            "build_sip", "--zaak", kept, "--zaak", destroyed, "--out", str(tmp_path / "x"), stdout=io.StringIO()
        )
    assert f"{destroyed}: archiefnominatie is vernietigen, niet blijvend_bewaren" in str(error.value)
    assert not (tmp_path / "x").exists()


def test_build_sip_refuses_urls_outside_the_api_roots(afspraak, fake, tmp_path):
    with pytest.raises(CommandError) as error:
        call_command(
            "build_sip", "--zaak", "http://elders.example/zaken/1", "--out", str(tmp_path), stdout=io.StringIO()
        )
    assert "niet op te halen" in str(error.value)
