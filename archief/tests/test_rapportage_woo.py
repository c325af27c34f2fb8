"""The Woo norm of the report, read from the real Publicaties API in this process.

Publications and their documents are made through the Catalogi, Documenten and
Publicaties contracts (every answer checked against the provider's committed schema by
the root conftest); only archief's own index is seeded directly. Each publication is
chosen so that the figure it adds (or does not) is known in advance.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import socket

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from common.clients import APIClient as ContractClient

from ..rapportage import norm_woo_te_laat, rapportage, rapportage_csv
from .factories import IndexDocumentFactory, IndexZaakFactory

pytestmark = pytest.mark.django_db

MELDING = "http://localhost:8000/catalogi/api/v1/zaaktypen/melding"
VERGUNNING = "http://localhost:8000/catalogi/api/v1/zaaktypen/vergunning"
WOO = "woo_publicaties_te_laat"


@pytest.fixture
def woo(documenten_storage):
    """Public documents in the Documenten API and publications in the Publicaties API.

    With VANDAAG the date of the report: past their deadline and concept are `a` (its
    document in a Melding zaak), `b` (two documents: a Vergunning and a Melding zaak) and
    `c` (no documents: no zaaktype). Not counted: `d` (deadline today), `e` (next week),
    `f` (no deadline), `g` (deadline past, but published).
    """
    vandaag = timezone.localdate()
    with ContractClient(settings.CATALOGI_API_ROOT) as catalogi:
        catalogus = catalogi.create(
            "catalogussen", {"domein": "WOO", "rsin": "002220647", "contactpersoonBeheerNaam": "Wim"}
        )
        iotype = catalogi.create(
            "informatieobjecttypen",
            {
                "catalogus": catalogus["url"],
                "omschrijving": "Besluit",
                "vertrouwelijkheidaanduiding": "openbaar",
                "informatieobjectcategorie": "Besluit",
                "beginGeldigheid": "2020-01-01",
            },
        )["url"]
        assert catalogi.request("POST", iotype + "/publish").status_code == 200

    with ContractClient(settings.DOCUMENTEN_API_ROOT) as documenten:

        def document(titel: str) -> str:
            return documenten.create(
                "enkelvoudiginformatieobjecten",
                {
                    "bronorganisatie": "002220647",
                    "creatiedatum": "2026-01-05",
                    "titel": titel,
                    "auteur": "Team Vergunningen",
                    "taal": "nld",
                    "status": "definitief",
                    "vertrouwelijkheidaanduiding": "openbaar",
                    "formaat": "application/pdf",
                    "bestandsnaam": f"{titel}.pdf",
                    "inhoud": base64.b64encode(titel.encode()).decode(),
                    "informatieobjecttype": iotype,
                },
            )["url"]

        docs = {name: document(name) for name in ("melding-1", "vergunning-1", "melding-2", "los")}

    melding_1 = IndexZaakFactory(identificatie="M1", zaaktype=MELDING, zaaktype_omschrijving="Melding")
    melding_2 = IndexZaakFactory(identificatie="M2", zaaktype=MELDING, zaaktype_omschrijving="Melding")
    vergunning = IndexZaakFactory(identificatie="V1", zaaktype=VERGUNNING, zaaktype_omschrijving="Vergunning")
    IndexDocumentFactory(url=docs["melding-1"], zaak=melding_1)
    IndexDocumentFactory(url=docs["melding-2"], zaak=melding_2)
    IndexDocumentFactory(url=docs["vergunning-1"], zaak=vergunning)

    with ContractClient(settings.OPENBAARMAKING_API_ROOT) as publicaties:
        categorie = next(publicaties.list("informatiecategorieen"))["url"]

        def publicatie(titel: str, deadline: dt.date | None, *documenten: str) -> str:
            data = {"officieleTitel": titel, "informatiecategorieen": [categorie]}
            if deadline:
                data["deadline"] = deadline.isoformat()
            url = publicaties.create("publicaties", data)["url"]
            for url_document in documenten:
                publicaties.create("documenten", {"publicatie": url, "document": url_document})
            return url

        made = {
            "a": publicatie("A", vandaag - dt.timedelta(days=30), docs["melding-1"]),
            "b": publicatie("B", vandaag - dt.timedelta(days=1), docs["vergunning-1"], docs["melding-2"]),
            "c": publicatie("C", vandaag - dt.timedelta(days=2)),
            "d": publicatie("D", vandaag),
            "e": publicatie("E", vandaag + dt.timedelta(days=7)),
            "f": publicatie("F", None),
            "g": publicatie("G", vandaag - dt.timedelta(days=10), docs["los"]),
        }
        assert publicaties.partial_update(made["g"], {"status": "gepubliceerd"})["status"] == "gepubliceerd"
    return {"publicaties": made, "zaken": {"M1": melding_1, "M2": melding_2, "V1": vergunning}}


def test_the_overdue_concepts_are_counted_with_their_zaken(woo):
    uitkomst = norm_woo_te_laat(timezone.localdate())
    made, zaken = woo["publicaties"], woo["zaken"]

    assert uitkomst.beschikbaar is True
    assert uitkomst.aantal == 3
    assert uitkomst.op_orde is False
    assert uitkomst.objecten == sorted([made["a"], made["b"], made["c"]])
    assert uitkomst.zaken == sorted(zaken[name].url for name in ("M1", "M2", "V1"))
    # `b` belongs to a Melding and a Vergunning zaak and counts once for each; `c` only in the total.
    assert [(t.zaaktype, t.omschrijving, t.aantal) for t in uitkomst.per_zaaktype] == [
        (MELDING, "Melding", 2),
        (VERGUNNING, "Vergunning", 1),
    ]
    assert "1 zonder zo'n zaak" in uitkomst.toelichting


def test_the_report_date_decides_what_is_past(woo):
    morgen = timezone.localdate() + dt.timedelta(days=1)

    uitkomst = norm_woo_te_laat(morgen)

    assert uitkomst.aantal == 4  # `d`, due today, is past tomorrow
    assert woo["publicaties"]["d"] in uitkomst.objecten
    assert woo["publicaties"]["g"] not in uitkomst.objecten


def test_the_norm_in_the_csv_the_api_and_the_dashboard(woo, as_user, people, admin_client):
    rows = list(csv.DictReader(io.StringIO(rapportage_csv(rapportage(timezone.localdate())))))
    assert [(r["zaaktype_omschrijving"], r["aantal"], r["op_orde"]) for r in rows if r["norm"] == WOO] == [
        ("", "3", "nee"),
        ("Melding", "2", ""),
        ("Vergunning", "1", ""),
    ]

    body = as_user(people["archivaris"]).get("/archief/api/v1/rapportage").json()
    norm = {n["code"]: n for n in body["normen"]}[WOO]
    assert (norm["beschikbaar"], norm["aantal"], norm["opOrde"]) == (True, 3, False)
    assert body["opOrde"] is False

    html = admin_client.get(reverse("admin:archief_dashboard")).content.decode()
    section = html.split(f'id="norm-{WOO}"', 1)[1].split("</section>", 1)[0]
    assert '<span class="aantal">3</span>' in section
    for name in ("a", "b", "c"):  # the publication's admin page, not the API's JSON
        uuid = woo["publicaties"][name].rstrip("/").rsplit("/", 1)[-1]
        assert f'<a href="/admin/openbaarmaking/publicatie/op-uuid/{uuid}/">' in section
        assert f'href="{woo["publicaties"][name]}"' not in section
    assert woo["publicaties"]["g"] not in section
    assert reverse("admin:archief_indexzaak_change", args=[woo["zaken"]["V1"].pk]) in section
    assert "<svg" in section


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_unreachable_publicaties_api_makes_the_norm_unavailable_not_the_report(settings, as_user, people):
    settings.OPENBAARMAKING_API_ROOT = f"http://127.0.0.1:{_closed_port()}/openbaarmaking/api/v1/"
    IndexZaakFactory(archiefnominatie="", archiefactiedatum=None)

    uitkomsten = {u.code: u for u in rapportage(timezone.localdate())}

    woo = uitkomsten[WOO]
    assert (woo.beschikbaar, woo.op_orde, woo.aantal, woo.objecten) == (False, None, 0, [])
    assert "niet bereikbaar" in woo.toelichting
    assert uitkomsten["zaken_zonder_archiefparameters"].aantal == 1

    body = as_user(people["archivaris"]).get("/archief/api/v1/rapportage").json()
    norm = {n["code"]: n for n in body["normen"]}[WOO]
    assert (norm["beschikbaar"], norm["opOrde"]) == (False, None)
    assert body["opOrde"] is False  # from the other norm, still computed

    rows = list(csv.DictReader(io.StringIO(rapportage_csv(list(uitkomsten.values())))))
    assert [(r["aantal"], r["op_orde"]) for r in rows if r["norm"] == WOO] == [("", "")]


def test_a_refusing_publicaties_api_makes_the_norm_unavailable(settings):
    settings.API_CLIENT_SECRET = "not-the-deployments-secret"  # the in-process API refuses the token: 401

    uitkomst = norm_woo_te_laat(timezone.localdate())

    assert (uitkomst.beschikbaar, uitkomst.op_orde) == (False, None)
    assert "niet bereikbaar" in uitkomst.toelichting and "answered 401" in uitkomst.toelichting
