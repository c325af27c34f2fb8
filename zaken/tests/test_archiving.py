"""The archiving rules on their own: brondatumArchiefprocedure, procestermijn, publishability."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from zaken import archiving
from zaken.archiving import (
    ResultaattypeArchivering,
    afleidingswijze_past_bij_procestermijn,
    archiefparameters_ontbrekend,
    brondatum_archiefprocedure_overtredingen,
    validate_duration,
)

LEEG = {"datumkenmerk": "", "objecttype": "", "registratie": "", "procestermijn": "", "einddatum_bekend": False}
GEVULD = {
    "datumkenmerk": "overlijdensdatum",
    "objecttype": "natuurlijk_persoon",
    "registratie": "BRP",
    "procestermijn": "P5Y",
    "einddatum_bekend": True,
}

# afleidingswijze -> the fields it demands; all others must be empty. einddatumBekend may
# only be set where the einddatum of a procesobject plays a part (not for afgehandeld/termijn).
VEREIST = {
    "afgehandeld": set(),
    "termijn": {"procestermijn"},
    "ander_datumkenmerk": {"datumkenmerk", "objecttype", "registratie"},
    "eigenschap": {"datumkenmerk"},
    "zaakobject": {"datumkenmerk", "objecttype"},
    "gerelateerde_zaak": set(),
    "hoofdzaak": set(),
    "ingangsdatum_besluit": set(),
    "vervaldatum_besluit": set(),
}
EINDDATUM_BEKEND_VERBODEN = {"afgehandeld", "termijn"}


def procedure(afleidingswijze: str, **velden) -> dict:
    return {"afleidingswijze": afleidingswijze, **LEEG, **velden}


@pytest.mark.parametrize("afleidingswijze", sorted(VEREIST))
def test_every_afleidingswijze_accepts_exactly_its_fields(afleidingswijze):
    velden = {veld: GEVULD[veld] for veld in VEREIST[afleidingswijze]}
    if afleidingswijze not in EINDDATUM_BEKEND_VERBODEN:
        velden["einddatum_bekend"] = True
    assert brondatum_archiefprocedure_overtredingen(procedure(afleidingswijze, **velden)) == []


def test_the_table_covers_every_afleidingswijze_of_the_standard():
    from zaken.models.choices import Afleidingswijze

    assert set(VEREIST) == set(Afleidingswijze.values) == set(archiving.AFLEIDINGSWIJZE_VELDEN)


@pytest.mark.parametrize(
    ("afleidingswijze", "veld"),
    [(a, v) for a, vereist in sorted(VEREIST.items()) for v in sorted(vereist)],
)
def test_a_missing_required_field_is_refused(afleidingswijze, veld):
    velden = {v: GEVULD[v] for v in VEREIST[afleidingswijze] if v != veld}
    overtredingen = brondatum_archiefprocedure_overtredingen(procedure(afleidingswijze, **velden))
    assert [(o.veld, o.code) for o in overtredingen] == [(f"brondatum_archiefprocedure.{veld}", "required")]


@pytest.mark.parametrize(
    ("afleidingswijze", "veld"),
    [
        (a, v)
        for a, vereist in sorted(VEREIST.items())
        for v in ("datumkenmerk", "objecttype", "registratie", "procestermijn", "einddatum_bekend")
        if v not in vereist and (v != "einddatum_bekend" or a in EINDDATUM_BEKEND_VERBODEN)
    ],
)
def test_a_field_the_afleidingswijze_does_not_use_must_be_empty(afleidingswijze, veld):
    velden = {v: GEVULD[v] for v in VEREIST[afleidingswijze]}
    velden[veld] = GEVULD[veld]
    overtredingen = brondatum_archiefprocedure_overtredingen(procedure(afleidingswijze, **velden))
    assert [(o.veld, o.code) for o in overtredingen] == [(f"brondatum_archiefprocedure.{veld}", "must-be-empty")]


def test_one_violation_per_field():
    overtredingen = brondatum_archiefprocedure_overtredingen(
        procedure("afgehandeld", datumkenmerk="x", registratie="y", procestermijn="P1Y")
    )
    assert sorted(o.veld for o in overtredingen) == [
        "brondatum_archiefprocedure.datumkenmerk",
        "brondatum_archiefprocedure.procestermijn",
        "brondatum_archiefprocedure.registratie",
    ]
    assert {o.code for o in overtredingen} == {"must-be-empty"}


def test_without_afleidingswijze_the_afleidingswijze_is_required():
    assert [(o.veld, o.code) for o in brondatum_archiefprocedure_overtredingen(procedure(""))] == [
        ("brondatum_archiefprocedure.afleidingswijze", "required")
    ]


@pytest.mark.parametrize(
    ("procestermijn", "past"),
    [
        ("nihil", {"afgehandeld"}),
        ("ingeschatte_bestaansduur_procesobject", {"termijn"}),
        (
            "bestaansduur_procesobject",
            set(VEREIST) - {"afgehandeld", "termijn"},
        ),
        ("vast_te_leggen_datum", set(VEREIST) - {"afgehandeld", "termijn"}),
        ("samengevoegd_met_bewaartermijn", set(VEREIST) - {"afgehandeld", "termijn"}),
        ("", set(VEREIST)),
    ],
)
def test_afleidingswijze_must_fit_the_procestermijn_of_the_selectielijst(procestermijn, past):
    for afleidingswijze in VEREIST:
        assert afleidingswijze_past_bij_procestermijn(afleidingswijze=afleidingswijze, procestermijn=procestermijn) is (
            afleidingswijze in past
        ), afleidingswijze


def test_defaults_come_from_the_selectielijst_resultaat():
    resultaat = {"waardering": "blijvend_bewaren", "bewaartermijn": "P20Y"}
    assert archiving.archiefnominatie_uit_selectielijst(resultaat) == "blijvend_bewaren"
    assert archiving.archiefactietermijn_uit_selectielijst(resultaat) == "P20Y"
    assert archiving.archiefnominatie_uit_selectielijst({"waardering": ""}) == ""
    assert archiving.archiefactietermijn_uit_selectielijst({"bewaartermijn": None}) == ""


def archivering(**kwargs) -> ResultaattypeArchivering:
    values = {
        "archiefnominatie": "vernietigen",
        "archiefactietermijn": "P5Y",
        "selectielijstklasse": "https://selectielijst.example/resultaten/1",
        "brondatum_archiefprocedure": procedure("afgehandeld"),
    }
    values.update(kwargs)
    return ResultaattypeArchivering(**values)


def test_complete_archiving_parameters_have_nothing_missing():
    assert archiefparameters_ontbrekend(archivering()) == []


@pytest.mark.parametrize(
    ("kwargs", "missing"),
    [
        ({"archiefnominatie": ""}, "archiefnominatie ontbreekt"),
        ({"archiefactietermijn": ""}, "archiefactietermijn ontbreekt"),
        ({"selectielijstklasse": ""}, "selectielijstklasse ontbreekt"),
        ({"brondatum_archiefprocedure": procedure("")}, "afleidingswijze: required"),
        ({"brondatum_archiefprocedure": procedure("termijn")}, "procestermijn: required"),
        ({"brondatum_archiefprocedure": procedure("eigenschap", datumkenmerk="vervaldatum")}, "geen eigenschap"),
        ({"brondatum_archiefprocedure": procedure("ingangsdatum_besluit")}, "vraagt besluittypen"),
        ({"brondatum_archiefprocedure": procedure("vervaldatum_besluit")}, "vraagt besluittypen"),
        ({"brondatum_archiefprocedure": procedure("hoofdzaak")}, "deelzaaktype"),
    ],
)
def test_what_keeps_a_resultaattype_from_being_archived(kwargs, missing):
    ontbrekend = archiefparameters_ontbrekend(archivering(**kwargs))
    assert len(ontbrekend) == 1
    assert missing in ontbrekend[0]


def test_blijvend_bewaren_needs_no_archiefactietermijn():
    assert archiefparameters_ontbrekend(archivering(archiefnominatie="blijvend_bewaren", archiefactietermijn="")) == []


@pytest.mark.parametrize(
    ("kwargs", "procedure_"),
    [
        ({"eigenschappen": frozenset({"vervaldatum"})}, procedure("eigenschap", datumkenmerk="vervaldatum")),
        ({"heeft_besluittypen": True}, procedure("ingangsdatum_besluit")),
        ({}, procedure("gerelateerde_zaak")),
        ({"is_deelzaaktype": True}, procedure("hoofdzaak")),
    ],
)
def test_what_the_afleidingswijze_points_at_makes_it_complete(kwargs, procedure_):
    assert archiefparameters_ontbrekend(archivering(brondatum_archiefprocedure=procedure_, **kwargs)) == []


@pytest.mark.parametrize("value", ["P5Y", "P1Y6M", "P42D", "P2W", "PT12H", "P1DT2H30M", "P0D"])
def test_iso_8601_durations_are_accepted(value):
    validate_duration(value)


@pytest.mark.parametrize("value", ["5 jaar", "P", "PT", "P5", "1Y", "P1YT"])
def test_other_durations_are_refused(value):
    with pytest.raises(ValidationError):
        validate_duration(value)
