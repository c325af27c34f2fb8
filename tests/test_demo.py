"""`manage.py demo` runs the whole life on the embedded default and every step leaves its mark.

The command runs as a user runs it after `bin/run`'s set-up (migrate, archief inrichten), in
a folder of its own with SQLite, nothing else set; its outcome is then read from what it
left: the database, the e-Depot folder and the public pages.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from archief.overbrenging.validation import validate_package

ROOT = Path(settings.BASE_DIR)


def _manage(var: Path, *arguments: str) -> str:
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", str(var)), "VAR_DIR": str(var)}
    done = subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout


def test_demo_runs_the_life_and_says_where_to_look(tmp_path):
    var = tmp_path / "var"
    _manage(var, "migrate", "--noinput", "-v0")

    output = _manage(var, "demo")

    database = sqlite3.connect(var / "levensloop.sqlite3")

    def rows(query: str) -> list[tuple]:
        return database.execute(query).fetchall()

    # a published catalogue, and the two zaken closed with their archive dates
    assert "catalogus gepubliceerd" in output
    assert "afgesloten op 2010-03-01: vernietigen, archiefactiedatum 2015-03-01" in output
    assert ": blijvend_bewaren, archiefactiedatum " in output
    # definitive public documents published, in the sitemap
    assert rows("select count(*) from openbaarmaking_publicatie where status = 'gepubliceerd'") == [(2,)]
    # the destroyed melding's publication is withdrawn with it
    assert rows("select count(*) from openbaarmaking_publicatie where status = 'ingetrokken'") == [(2,)]
    assert "2 publicaties van de vernietigde documenten ingetrokken" in output
    assert "in de DiWoo-sitemap http://localhost:8000/sitemapindex-diwoo-infocat016.xml" in output
    # the vernietigingslijst, reviewed by the four roles, carried out with its verklaring
    [(lijst_id, status, verklaring)] = rows("select id, status, verklaring from archief_vernietigingslijst")
    assert status == "vernietigd" and verklaring
    beoordelingen = rows(f"select rol, oordeel from archief_beoordeling where lijst_id = {lijst_id} order by id")
    assert [rol for rol, _ in beoordelingen] == ["beoordelaar", "medebeoordelaar", "archivaris"]
    assert {oordeel for _, oordeel in beoordelingen} == {"akkoord"}
    # the early transfer: delivered, validated, accepted, with its verklaring
    [(overbrenging_status, vervroegd, overbrenging_verklaring)] = rows(
        "select status, vervroegd, verklaring from overbrenging_overbrenging"
    )
    assert (overbrenging_status, vervroegd) == ("afgerond", 1) and overbrenging_verklaring
    sip = Path(output.split("Het SIP (e-Depot):")[1].split()[0])
    assert sip.is_relative_to(var / "edepot")
    assert validate_package(sip).ok
    assert rows("select archiefstatus from zaken_zaak where omschrijving like 'Verbouwing%'") == [("overgedragen",)]
    assert rows("select count(*) from zaken_zaak where omschrijving like 'Losse stoeptegel%'") == [(0,)]
    # where to look
    for where in ("/admin/archief/indexzaak/", "/admin/archief/vernietigingslijst/", "/robots.txt", "wachtwoord"):
        assert where in output
