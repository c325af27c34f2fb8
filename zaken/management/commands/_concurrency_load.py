"""Several API clients writing at once over real HTTP: zaken, statussen, besluiten, documenten.

Used by `manage.py bench_concurrency` (figures) and by `tests/test_concurrency.py`
(correctness on PostgreSQL). Each client is a thread with a kept-alive connection of its
own that, until the time is up, registers a zaak without identificatie, sets its first
status, takes a besluit and registers a small document, as municipal applications do. Every
answer is recorded, so the caller can hold the database to exactly what was answered 201.
"""

from __future__ import annotations

import base64
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import httpx

from .load_demo_data import PROCESTYPE, RESULTAATTYPEN

RSIN = "002220647"
RESOURCES = ("zaken", "statussen", "besluiten", "enkelvoudiginformatieobjecten")
PATHS = {
    "zaken": "/zaken/api/v1/zaken",
    "statussen": "/zaken/api/v1/statussen",
    "besluiten": "/besluiten/api/v1/besluiten",
    "enkelvoudiginformatieobjecten": "/documenten/api/v1/enkelvoudiginformatieobjecten",
}
INHOUD = base64.b64encode(b"Een melding over een losliggende stoeptegel.\n").decode()


@dataclass
class Uitkomst:
    """What the server answered to the clients, per resource."""

    statussen: dict[str, Counter] = field(default_factory=lambda: {r: Counter() for r in RESOURCES})
    aangemaakt: dict[str, set[str]] = field(default_factory=lambda: {r: set() for r in RESOURCES})
    codes: Counter = field(default_factory=Counter)
    fouten: list[str] = field(default_factory=list)
    seconden: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def noteer(self, resource: str, response: httpx.Response) -> dict | None:
        body = None
        if response.headers.get("content-type", "").split(";")[0].endswith("json") and response.content:
            body = response.json()
        with self._lock:
            self.statussen[resource][response.status_code] += 1
            if response.status_code == 201 and body:
                self.aangemaakt[resource].add(body["url"])
            elif response.status_code >= 400:
                code = body.get("code") if isinstance(body, dict) else None
                self.codes[(resource, response.status_code, code)] += 1
                if len(self.fouten) < 20:
                    self.fouten.append(f"{resource} {response.status_code}: {response.text[:300]}")
        return body if response.status_code == 201 else None

    def aantal(self, resource: str, soort: str) -> int:
        counts = self.statussen[resource]
        if soort == "201":
            return counts[201]
        if soort == "4xx":
            return sum(n for status, n in counts.items() if 400 <= status < 500)
        return sum(n for status, n in counts.items() if status >= 500)


def catalogus_aanmaken(http: httpx.Client, api_root: str) -> dict[str, str]:
    """A published zaaktype (two statustypen, a roltype, an archivable resultaattype), a
    besluittype and an informatieobjecttype, through the Catalogi API as any client makes them."""
    catalogi = f"{api_root}/catalogi/api/v1/"
    selectielijst = f"{api_root}/selectielijst/api/v1/"

    def create(resource: str, body: dict) -> dict:
        response = http.post(catalogi + resource, json=body)
        if response.status_code != 201:
            raise RuntimeError(f"{resource}: {response.status_code} {response.text[:500]}")
        return response.json()

    def publish(url: str) -> None:
        response = http.post(f"{url}/publish")
        if response.status_code != 200:
            raise RuntimeError(f"publish {url}: {response.status_code} {response.text[:500]}")

    catalogus = create(
        "catalogussen", {"domein": "BENCH", "rsin": RSIN, "contactpersoonBeheerNaam": "Team Informatiebeheer"}
    )
    zaaktype = create(
        "zaaktypen",
        {
            "identificatie": "BENCH-CONC-001",
            "omschrijving": "Melding openbare ruimte",
            "vertrouwelijkheidaanduiding": "openbaar",
            "doel": "Meldingen afhandelen.",
            "aanleiding": "Een melding.",
            "indicatieInternOfExtern": "extern",
            "handelingInitiator": "Melden",
            "onderwerp": "Openbare ruimte",
            "handelingBehandelaar": "Behandelen",
            "doorlooptijd": "P30D",
            "opschortingEnAanhoudingMogelijk": False,
            "verlengingMogelijk": False,
            "publicatieIndicatie": False,
            "productenOfDiensten": [],
            "selectielijstProcestype": f"{selectielijst}procestypen/{PROCESTYPE}",
            "referentieproces": {"naam": "Melding"},
            "verantwoordelijke": "Team Buitenruimte",
            "catalogus": catalogus["url"],
            "besluittypen": [],
            "gerelateerdeZaaktypen": [],
            "beginGeldigheid": "2020-01-01",
            "versiedatum": "2020-01-01",
        },
    )
    statustype = create("statustypen", {"zaaktype": zaaktype["url"], "omschrijving": "Ontvangen", "volgnummer": 1})
    create("statustypen", {"zaaktype": zaaktype["url"], "omschrijving": "Afgehandeld", "volgnummer": 2})
    create("roltypen", {"zaaktype": zaaktype["url"], "omschrijving": "Melder", "omschrijvingGeneriek": "initiator"})
    omschrijvingen = {
        o["omschrijving"]: o["url"] for o in http.get(f"{selectielijst}resultaattypeomschrijvingen").json()
    }
    omschrijving, resultaat, generiek = RESULTAATTYPEN[0]
    create(
        "resultaattypen",
        {
            "zaaktype": zaaktype["url"],
            "omschrijving": omschrijving,
            "resultaattypeomschrijving": omschrijvingen[generiek],
            "selectielijstklasse": f"{selectielijst}resultaten/{resultaat}",
            "brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld"},
        },
    )
    publish(zaaktype["url"])
    besluittype = create(
        "besluittypen",
        {
            "catalogus": catalogus["url"],
            "omschrijving": "Vergunning",
            "publicatieIndicatie": False,
            "informatieobjecttypen": [],
            "beginGeldigheid": "2020-01-01",
        },
    )
    publish(besluittype["url"])
    iotype = create(
        "informatieobjecttypen",
        {
            "catalogus": catalogus["url"],
            "omschrijving": "Melding",
            "vertrouwelijkheidaanduiding": "openbaar",
            "informatieobjectcategorie": "Melding",
            "beginGeldigheid": "2020-01-01",
        },
    )
    publish(iotype["url"])
    return {
        "zaaktype": zaaktype["url"],
        "statustype": statustype["url"],
        "besluittype": besluittype["url"],
        "informatieobjecttype": iotype["url"],
    }


def _client(base: str, headers: dict[str, str], catalogus: dict[str, str], deadline: float, uitkomst: Uitkomst):
    with httpx.Client(base_url=base, headers=headers, timeout=60) as http:
        while time.monotonic() < deadline:
            zaak = uitkomst.noteer(
                "zaken",
                http.post(
                    PATHS["zaken"],
                    json={
                        "zaaktype": catalogus["zaaktype"],
                        "bronorganisatie": RSIN,
                        "verantwoordelijkeOrganisatie": RSIN,
                        "startdatum": "2025-03-01",
                        "omschrijving": "Losliggende stoeptegel",
                    },
                ),
            )
            if zaak is not None:
                uitkomst.noteer(
                    "statussen",
                    http.post(
                        PATHS["statussen"],
                        json={
                            "zaak": zaak["url"],
                            "statustype": catalogus["statustype"],
                            "datumStatusGezet": "2025-03-01T12:00:00Z",
                        },
                    ),
                )
            uitkomst.noteer(
                "besluiten",
                http.post(
                    PATHS["besluiten"],
                    json={
                        "verantwoordelijkeOrganisatie": RSIN,
                        "besluittype": catalogus["besluittype"],
                        "datum": "2025-03-01",
                        "ingangsdatum": "2025-03-02",
                    },
                ),
            )
            uitkomst.noteer(
                "enkelvoudiginformatieobjecten",
                http.post(
                    PATHS["enkelvoudiginformatieobjecten"],
                    json={
                        "bronorganisatie": RSIN,
                        "creatiedatum": "2025-03-01",
                        "titel": "Melding",
                        "auteur": "Melder",
                        "taal": "dut",
                        "bestandsnaam": "melding.txt",
                        "inhoud": INHOUD,
                        "informatieobjecttype": catalogus["informatieobjecttype"],
                    },
                ),
            )


def belasten(
    base: str, headers: dict[str, str], catalogus: dict[str, str], *, clients: int, seconds: float
) -> Uitkomst:
    """`clients` threads writing for `seconds`; what each request was answered."""
    uitkomst = Uitkomst()
    deadline = time.monotonic() + seconds
    started = time.monotonic()
    errors: list[BaseException] = []

    def run() -> None:
        try:
            _client(base, headers, catalogus, deadline, uitkomst)
        except BaseException as exc:  # a broken connection is a finding, reported by the caller
            errors.append(exc)

    threads = [threading.Thread(target=run, name=f"client-{n}") for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    uitkomst.seconden = time.monotonic() - started
    uitkomst.fouten.extend(f"{type(e).__name__}: {e}" for e in errors)
    return uitkomst
