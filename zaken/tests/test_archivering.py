"""Archiving parameters through the API: closing, recomputing and reopening, per afleidingswijze.

Each case sets up a zaaktype whose resultaattype has that afleidingswijze (archiefactietermijn
P1Y, vernietigen), closes a zaak with concrete dates chosen around leap days and month ends,
changes an input of the derivation and reopens the zaak. The expected dates are written out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from zaken.models import Zaak
from zaken.services import catalogi_url

from .factories import BesluitTypeFactory, EigenschapFactory, ResultaatTypeFactory, gepubliceerd_zaaktype
from .zaken_api import BESLUITEN, BRONORGANISATIE, ZAKEN, resultaat_zetten, status_zetten, zaak_create

pytestmark = pytest.mark.django_db(transaction=True)  # providers answer on their own connection


def zaaktype_met(afleidingswijze: str, **procedure):
    zaaktype = gepubliceerd_zaaktype()
    resultaattype = zaaktype.resultaattypen.get()
    resultaattype.archiefactietermijn = "P1Y"
    resultaattype.archiefnominatie = "vernietigen"
    resultaattype.brondatum_archiefprocedure_afleidingswijze = afleidingswijze
    for name, value in procedure.items():
        setattr(resultaattype, f"brondatum_archiefprocedure_{name}", value)
    resultaattype.save()
    if afleidingswijze == "eigenschap":
        EigenschapFactory(zaaktype=zaaktype, naam=procedure["datumkenmerk"])
    besluittype = BesluitTypeFactory(catalogus=zaaktype.catalogus, concept=False)
    zaaktype.besluittypen.add(besluittype)
    return zaaktype


def sluiten(client, zaak, zaaktype, datum):
    resultaat_zetten(client, zaak, zaaktype.resultaattypen.get())
    return status_zetten(client, zaak, zaaktype, eind=True, datum=f"{datum}T10:00:00Z")


def archivering(client, zaak) -> tuple:
    body = client.get(zaak["url"]).json()
    return body["einddatum"], body["archiefnominatie"], body["startdatumBewaartermijn"], body["archiefactiedatum"]


def besluit(client, zaak, zaaktype, **dates) -> dict:
    body = {
        "verantwoordelijkeOrganisatie": BRONORGANISATIE,
        "besluittype": catalogi_url(zaaktype.besluittypen.get()),
        "zaak": zaak["url"],
        "datum": "2024-01-01",
        "ingangsdatum": "2024-01-01",
        **dates,
    }
    response = client.post(f"{BESLUITEN}besluiten", body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def eigenschap(client, zaak, zaaktype, waarde: str) -> dict:
    url = f"{zaak['url']}/zaakeigenschappen"
    body = {"zaak": zaak["url"], "eigenschap": catalogi_url(zaaktype.eigenschappen.get()), "waarde": waarde}
    response = client.post(url, body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def zaakobject(client, zaak, datum: str) -> dict:
    body = {"zaak": zaak["url"], "objectType": "woz_waarde", "objectIdentificatie": {"waardepeildatum": datum}}
    response = client.post(f"{ZAKEN}zaakobjecten", body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


@dataclass
class Case:
    """`before` runs before closing, `change` after; both return nothing but use the API."""

    afleidingswijze: str
    procedure: dict
    einddatum: str
    gesloten: tuple  # (startdatumBewaartermijn, archiefactiedatum) after closing
    herberekend: tuple  # after `change`
    before: Callable = field(default=lambda client, zaak, zaaktype, ctx: None)
    change: Callable = field(default=lambda client, zaak, zaaktype, ctx: None)


def _afgehandeld_change(client, zaak, zaaktype, ctx):
    langer = ResultaatTypeFactory(
        zaaktype=zaaktype, archiefactietermijn="P4Y", brondatum_archiefprocedure_afleidingswijze="afgehandeld"
    )
    resultaat = client.get(f"{ZAKEN}resultaten", {"zaak": zaak["url"]}).json()["results"][0]
    assert client.patch(resultaat["url"], {"resultaattype": catalogi_url(langer)}, format="json").status_code == 200


def _termijn_change(client, zaak, zaaktype, ctx):
    ander = ResultaatTypeFactory(
        zaaktype=zaaktype,
        archiefactietermijn="P5Y",
        brondatum_archiefprocedure_afleidingswijze="termijn",
        brondatum_archiefprocedure_procestermijn="P1Y1M",
    )
    resultaat = client.get(f"{ZAKEN}resultaten", {"zaak": zaak["url"]}).json()["results"][0]
    assert client.patch(resultaat["url"], {"resultaattype": catalogi_url(ander)}, format="json").status_code == 200


def _eigenschap_change(client, zaak, zaaktype, ctx):
    url = client.get(f"{zaak['url']}/zaakeigenschappen").json()[0]["url"]
    assert client.patch(url, {"waarde": "20250131"}, format="json").status_code == 200


def _ander_change(client, zaak, zaaktype, ctx):
    assert client.patch(zaak["url"], {"startdatumBewaartermijn": "2024-02-29"}, format="json").status_code == 200


def _zaakobject_before(client, zaak, zaaktype, ctx):
    zaakobject(client, zaak, "2023-01-31")
    zaakobject(client, zaak, "2024-02-29")


def _ingang_before(client, zaak, zaaktype, ctx):
    besluit(client, zaak, zaaktype, ingangsdatum="2023-01-31")
    ctx["besluit"] = besluit(client, zaak, zaaktype, ingangsdatum="2024-02-29")


def _ingang_change(client, zaak, zaaktype, ctx):
    response = client.patch(ctx["besluit"]["url"], {"ingangsdatum": "2024-03-31"}, format="json")
    assert response.status_code == 200, response.json()


def _verval_before(client, zaak, zaaktype, ctx):
    ctx["besluit"] = besluit(client, zaak, zaaktype, ingangsdatum="2023-01-01")


def _verval_change(client, zaak, zaaktype, ctx):
    response = client.patch(ctx["besluit"]["url"], {"vervaldatum": "2024-02-29"}, format="json")
    assert response.status_code == 200, response.json()


def _gerelateerd_before(client, zaak, zaaktype, ctx):
    andere = []
    ctx["ander_zaaktype"] = zaaktype_met("afgehandeld")
    for datum in ("2023-01-31", "2024-02-29"):
        ander = zaak_create(client, ctx["ander_zaaktype"])
        assert sluiten(client, ander, ctx["ander_zaaktype"], datum).status_code == 201
        andere.append({"url": ander["url"], "aardRelatie": "vervolg"})
    ctx["andere"] = andere
    assert client.patch(zaak["url"], {"relevanteAndereZaken": andere}, format="json").status_code == 200


def _gerelateerd_change(client, zaak, zaaktype, ctx):
    ander = zaak_create(client, ctx["ander_zaaktype"])
    assert sluiten(client, ander, ctx["ander_zaaktype"], "2024-12-31").status_code == 201
    andere = [*ctx["andere"], {"url": ander["url"], "aardRelatie": "bijdrage"}]
    assert client.patch(zaak["url"], {"relevanteAndereZaken": andere}, format="json").status_code == 200


CASES = [
    Case(
        "afgehandeld",
        {},
        "2024-02-29",
        ("2024-02-29", "2025-02-28"),
        ("2024-02-29", "2028-02-29"),
        change=_afgehandeld_change,
    ),
    Case(
        "termijn",
        {"procestermijn": "P1M"},
        "2023-01-31",
        ("2023-02-28", "2024-02-28"),
        ("2024-02-29", "2029-02-28"),
        change=_termijn_change,
    ),
    Case(
        "eigenschap",
        {"datumkenmerk": "vervaldatum"},
        "2024-01-10",
        ("2024-02-29", "2025-02-28"),
        ("2025-01-31", "2026-01-31"),
        before=lambda c, z, zt, ctx: eigenschap(c, z, zt, "2024-02-29"),
        change=_eigenschap_change,
    ),
    Case(
        "ander_datumkenmerk",
        {"datumkenmerk": "overlijdensdatum", "objecttype": "natuurlijk_persoon", "registratie": "BRP"},
        "2024-01-10",
        (None, None),
        ("2024-02-29", "2025-02-28"),
        change=_ander_change,
    ),
    Case(
        "zaakobject",
        {"datumkenmerk": "waardepeildatum", "objecttype": "woz_waarde"},
        "2024-01-10",
        ("2024-02-29", "2025-02-28"),
        ("2024-12-31", "2025-12-31"),
        before=_zaakobject_before,
        change=lambda c, z, zt, ctx: zaakobject(c, z, "2024-12-31"),
    ),
    Case(
        "ingangsdatum_besluit",
        {},
        "2024-01-10",
        ("2024-02-29", "2025-02-28"),
        ("2024-03-31", "2025-03-31"),
        before=_ingang_before,
        change=_ingang_change,
    ),
    Case(
        "vervaldatum_besluit",
        {},
        "2024-01-10",
        (None, None),
        ("2024-02-29", "2025-02-28"),
        before=_verval_before,
        change=_verval_change,
    ),
    Case(
        "gerelateerde_zaak",
        {},
        "2025-01-10",
        ("2024-02-29", "2025-02-28"),
        ("2024-12-31", "2025-12-31"),
        before=_gerelateerd_before,
        change=_gerelateerd_change,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.afleidingswijze for case in CASES])
def test_close_recompute_reopen(api_client, case: Case):
    zaaktype = zaaktype_met(case.afleidingswijze, **case.procedure)
    zaak = zaak_create(api_client, zaaktype)
    ctx: dict = {}
    case.before(api_client, zaak, zaaktype, ctx)

    response = sluiten(api_client, zaak, zaaktype, case.einddatum)
    assert response.status_code == 201, response.json()
    assert archivering(api_client, zaak) == (case.einddatum, "vernietigen", *case.gesloten)

    case.change(api_client, zaak, zaaktype, ctx)
    assert archivering(api_client, zaak) == (case.einddatum, "vernietigen", *case.herberekend)

    assert status_zetten(api_client, zaak, zaaktype, eind=False).status_code == 201
    assert archivering(api_client, zaak) == (None, None, None, None)


def test_hoofdzaak_deelzaken_follow_their_hoofdzaak(api_client):
    deelzaaktype = zaaktype_met("hoofdzaak")
    hoofdzaaktype = zaaktype_met("afgehandeld")
    hoofdzaak = zaak_create(api_client, hoofdzaaktype)
    deelzaak = zaak_create(api_client, deelzaaktype, hoofdzaak=hoofdzaak["url"])

    refused = sluiten(api_client, hoofdzaak, hoofdzaaktype, "2024-02-29")
    assert refused.status_code == 400
    assert refused.json()["invalidParams"][0]["code"] == "deelzaken-not-closed"

    assert sluiten(api_client, deelzaak, deelzaaktype, "2024-01-31").status_code == 201
    assert archivering(api_client, deelzaak) == ("2024-01-31", "vernietigen", None, None)  # follows the hoofdzaak

    assert (
        status_zetten(api_client, hoofdzaak, hoofdzaaktype, eind=True, datum="2024-02-29T10:00:00Z").status_code == 201
    )
    assert archivering(api_client, deelzaak) == ("2024-01-31", "vernietigen", "2024-02-29", "2025-02-28")

    assert status_zetten(api_client, hoofdzaak, hoofdzaaktype, eind=False).status_code == 201
    assert archivering(api_client, deelzaak) == ("2024-01-31", "vernietigen", None, None)

    assert status_zetten(api_client, deelzaak, deelzaaktype, eind=False).status_code == 201
    assert archivering(api_client, deelzaak) == (None, None, None, None)


@pytest.mark.parametrize("afleidingswijze", ["hoofdzaak", "zaakobject", "ingangsdatum_besluit", "gerelateerde_zaak"])
def test_closing_without_the_input_is_refused_and_changes_nothing(api_client, afleidingswijze):
    procedure = (
        {"datumkenmerk": "waardepeildatum", "objecttype": "woz_waarde"} if afleidingswijze == "zaakobject" else {}
    )
    zaaktype = zaaktype_met(afleidingswijze, **procedure)
    zaak = zaak_create(api_client, zaaktype)

    response = sluiten(api_client, zaak, zaaktype, "2024-02-29")

    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "archiefactiedatum-error"
    assert archivering(api_client, zaak) == (None, None, None, None)
    assert api_client.get(zaak["url"]).json()["status"] is None


def test_a_change_that_breaks_the_derivation_is_refused(api_client):
    zaaktype = zaaktype_met("ingangsdatum_besluit")
    zaak = zaak_create(api_client, zaaktype)
    enig = besluit(api_client, zaak, zaaktype, ingangsdatum="2024-02-29")
    assert sluiten(api_client, zaak, zaaktype, "2024-03-01").status_code == 201

    response = api_client.delete(enig["url"])

    assert response.status_code == 400
    assert response.json()["code"] == "archiefactiedatum-error"
    assert api_client.get(enig["url"]).status_code == 200
    assert archivering(api_client, zaak)[3] == "2025-02-28"


def test_closing_without_resultaat_is_refused(api_client):
    zaaktype = zaaktype_met("afgehandeld")
    zaak = zaak_create(api_client, zaaktype)

    response = status_zetten(api_client, zaak, zaaktype, eind=True)

    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "resultaat-does-not-exist"
    assert Zaak.objects.get(uuid=zaak["uuid"]).einddatum is None
