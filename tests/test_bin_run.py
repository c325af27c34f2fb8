"""`bin/run` finishes the life by itself: the embedded default as a new user starts it.

The script itself runs, in a folder of its own (VAR_DIR) on a free port, with nothing of
this test's environment but the paths: SQLite, files on local disk, and beside gunicorn a
real Celery worker and beat on kombu's filesystem broker. Work that production does through
notifications and the beat then happens with no command typed: a new zaak reaches the
archive's index, a definitive public document becomes a publication, the beat refreshes the
DiWoo sitemaps, and robots.txt names them on the server's own address. SIGTERM stops all
processes together.
"""

from __future__ import annotations

import base64
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.conf import settings

from common.auth import jwt_encode
from common.server import free_port

ROOT = Path(settings.BASE_DIR)
RSIN = "002220647"


def _wait_for(what: str, probe: Callable[[], Any], log: Path, timeout: float = 60) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            found = probe()
        except httpx.HTTPError:
            found = None
        if found:
            return found
        time.sleep(0.5)
    raise AssertionError(f"{what}: not within {timeout:.0f} s\n{log.read_text()[-4000:]}")


@pytest.fixture
def embedded(tmp_path: Path) -> Iterator[dict[str, Any]]:
    port = free_port()
    var = tmp_path / "var"
    log = tmp_path / "run.log"
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", str(tmp_path)),
        "VAR_DIR": str(var),
        "PORT": str(port),
        # Only the sitemap's beat interval is shortened, so the test need not wait 5 minutes.
        "OPENBAARMAKING_SITEMAPS_INTERVAL": "2",
    }
    with open(log, "wb") as output:
        process = subprocess.Popen(
            [str(ROOT / "bin" / "run")],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://localhost:{port}"
    try:
        _wait_for("the server answers", lambda: httpx.get(f"{base}/healthz", timeout=2).status_code == 200, log, 180)
        _wait_for("the worker is ready", lambda: b"ready." in log.read_bytes(), log)
        secret = (var / "demo-client-secret").read_text().strip()
        token = jwt_encode("demo", secret, user_id="demo")
        client = httpx.Client(
            base_url=base,
            headers={"Authorization": f"Bearer {token}", "Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"},
            timeout=30,
        )
        yield {"base": base, "client": client, "log": log, "process": process, "var": var}
        client.close()
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def manage(embedded: dict[str, Any], *arguments: str) -> str:
    """`manage.py` as a user runs it in another shell: only the paths, no settings."""
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "VAR_DIR": str(embedded["var"])}
    done = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _created(response: httpx.Response) -> dict:
    assert response.status_code in (200, 201), response.text
    return response.json()


def test_bin_run_indexes_publishes_and_refreshes_sitemaps_without_a_command(embedded):
    client, log, base = embedded["client"], embedded["log"], embedded["base"]

    # A zaak created through the Zaken API reaches the archive's index through kanaal zaken.
    zaaktype = client.get("/catalogi/api/v1/zaaktypen").json()["results"][0]["url"]
    zaak = _created(
        client.post(
            "/zaken/api/v1/zaken",
            json={
                "zaaktype": zaaktype,
                "bronorganisatie": RSIN,
                "verantwoordelijkeOrganisatie": RSIN,
                "startdatum": "2026-01-05",
            },
        )
    )
    indexed = _wait_for(
        "the zaak in the archive's index",
        lambda: [z for z in client.get("/archief/api/v1/zaken").json()["results"] if z["zaak"] == zaak["url"]],
        log,
    )
    assert indexed[0]["identificatie"] == zaak["identificatie"]

    # A management command in another shell, with nothing set but where var/ is, works on the
    # server's database and URLs (var/run.env): it reads the zaak, and the archive makes its
    # own catalogue for the verklaringen with the zaken's bronorganisatie.
    assert "1 zaken gelezen" in manage(embedded, "archief", "resync")
    inrichten = manage(embedded, "archief", "inrichten")
    assert f"verklaringen: zaaktype {base}/catalogi/api/v1/zaaktypen/" in inrichten
    eigen = [c for c in client.get("/catalogi/api/v1/catalogussen").json()["results"] if c["domein"] == "ARCHB"]
    assert [c["rsin"] for c in eigen] == [RSIN]
    assert "Geen vernietigingslijst is nu uit te voeren." in manage(embedded, "archief", "vernietigen")

    # A definitive, public document under a publicatieregel becomes a publication (kanaal
    # documenten), and the beat puts it in the DiWoo sitemap.
    catalogus = client.get("/catalogi/api/v1/catalogussen").json()["results"][0]["url"]
    informatieobjecttype = _created(
        client.post(
            "/catalogi/api/v1/informatieobjecttypen",
            json={
                "catalogus": catalogus,
                "omschrijving": "Besluit",
                "vertrouwelijkheidaanduiding": "openbaar",
                "informatieobjectcategorie": "Besluit",
                "beginGeldigheid": "2020-01-01",
            },
        )
    )["url"]
    _created(client.post(informatieobjecttype + "/publish"))
    categorie = client.get("/openbaarmaking/api/v1/informatiecategorieen").json()[15]
    _created(
        client.post(
            "/openbaarmaking/api/v1/publicatieregels",
            json={
                "informatieobjecttype": informatieobjecttype,
                "informatiecategorie": categorie["url"],
                "automatischPubliceren": True,
            },
        )
    )
    document = _created(
        client.post(
            "/documenten/api/v1/enkelvoudiginformatieobjecten",
            json={
                "bronorganisatie": RSIN,
                "creatiedatum": "2026-11-20",
                "titel": "Besluit Dorpsstraat 1",
                "auteur": "Team Vergunningen",
                "taal": "nld",
                "status": "definitief",
                "vertrouwelijkheidaanduiding": "openbaar",
                "formaat": "application/pdf",
                "bestandsnaam": "besluit.pdf",
                "inhoud": base64.b64encode(b"%PDF-1.7 besluit").decode(),
                "informatieobjecttype": informatieobjecttype,
            },
        )
    )
    robots = _wait_for(
        "robots.txt naming a sitemap",
        lambda: "Sitemap:" in (text := httpx.get(f"{base}/robots.txt").text) and text,
        log,
    )
    sitemapindex = next(line.split(" ", 1)[1] for line in robots.splitlines() if line.startswith("Sitemap:"))
    # The public URL follows the server's own address, not a default port.
    assert sitemapindex.startswith(f"{base}/sitemapindex-diwoo-infocat")
    sitemap_loc = httpx.get(sitemapindex).text.split("<loc>")[1].split("</loc>")[0]
    assert sitemap_loc.startswith(f"{base}/sitemaps/")
    entry = httpx.get(sitemap_loc).text.split("<loc>")[1].split("</loc>")[0]
    assert entry.startswith(f"{base}/woo/documenten/")
    assert httpx.get(entry).content == b"%PDF-1.7 besluit"
    assert document["titel"] in httpx.get(sitemap_loc).text


def test_bin_run_stops_every_process_together(embedded):
    process: subprocess.Popen = embedded["process"]

    process.terminate()  # bin/run alone is told; it stops the others
    process.wait(timeout=60)

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    pytest.fail("processes of bin/run still run after it stopped")
