"""Archiving by design: the rules that make a case type archivable before it is used.

Each rule is a small function that cites the rule it implements. They work on plain
values (no database, no HTTP), so the services can apply them to a request, to a
stored resultaattype when a zaaktype is published, and the admin can show them.

Sources:
- ZGW Catalogi API 1.3, `BrondatumArchiefprocedure` (which fields each afleidingswijze
  uses) and `ResultaatType.archiefnominatie`/`archiefactietermijn` (taken from the
  Selectielijst when not given);
- VNG Selectielijst gemeenten en intergemeentelijke organen 2020 (`procestermijn`);
- the VNG ZGW conformance tests ztc-003 … ztc-008, which pin these rules down where the
  specification's prose is ambiguous.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from django.core.exceptions import ValidationError

from common.constants import Archiefnominatie

from .models.choices import Afleidingswijze, SelectielijstProcestermijn

# ISO 8601 durations as the ZGW APIs use them (`P10Y`, `P1Y6M`, `P42D`, `PT12H`): years
# and months have no fixed length, so they are kept as text, never as a number of days.
_DURATION = re.compile(
    r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(?:[.,]\d+)?S)?)?$",
)


def validate_duration(value: str) -> None:
    """A Django validator for ISO 8601 durations (`P5Y`, `P1Y6M`, `P10D`)."""
    if value and not _DURATION.match(value):
        raise ValidationError(f"`{value}` is geen ISO 8601-duur, bijvoorbeeld `P5Y` of `P10D`.", code="invalid")


# --- BrondatumArchiefprocedure: which fields each afleidingswijze uses -------------------


class Veld(Enum):
    """What an afleidingswijze demands of one field of the brondatumArchiefprocedure."""

    vereist = "required"
    leeg = "must-be-empty"
    vrij = "free"


BRONDATUM_VELDEN = ("datumkenmerk", "objecttype", "registratie", "procestermijn", "einddatum_bekend")

_ALLE_LEEG = {veld: Veld.leeg for veld in ("datumkenmerk", "objecttype", "registratie", "procestermijn")}

AFLEIDINGSWIJZE_VELDEN: dict[str, dict[str, Veld]] = {
    # The zaak's own einddatum: nothing else is needed, and the einddatum of a procesobject
    # cannot be awaited.
    Afleidingswijze.afgehandeld: {**_ALLE_LEEG, "einddatum_bekend": Veld.leeg},
    # A fixed term after afhandeling: only that term.
    Afleidingswijze.termijn: {**_ALLE_LEEG, "procestermijn": Veld.vereist, "einddatum_bekend": Veld.leeg},
    # "`Objecttype`, `Registratie` en `Datumkenmerk` zijn niet leeg."
    Afleidingswijze.ander_datumkenmerk: {
        **_ALLE_LEEG,
        "datumkenmerk": Veld.vereist,
        "objecttype": Veld.vereist,
        "registratie": Veld.vereist,
    },
    # The date in a zaaktype-specific eigenschap named by `datumkenmerk`. The standard's
    # prose also names `objecttype`, but an eigenschap is no registration object; the
    # reference implementation and conformance tests ztc-004b/ztc-006f demand it empty.
    Afleidingswijze.eigenschap: {**_ALLE_LEEG, "datumkenmerk": Veld.vereist},
    # "M.b.v. `Objecttype` wordt vastgelegd om welke zaakobjecttype het gaat; m.b.v.
    # `Datumkenmerk` welke datum-attribuutsoort van het zaakobjecttype het betreft."
    Afleidingswijze.zaakobject: {**_ALLE_LEEG, "datumkenmerk": Veld.vereist, "objecttype": Veld.vereist},
    # Derived from another zaak or a besluit: nothing to configure here.
    Afleidingswijze.gerelateerde_zaak: dict(_ALLE_LEEG),
    Afleidingswijze.hoofdzaak: dict(_ALLE_LEEG),
    Afleidingswijze.ingangsdatum_besluit: dict(_ALLE_LEEG),
    Afleidingswijze.vervaldatum_besluit: dict(_ALLE_LEEG),
}


@dataclass(frozen=True)
class Overtreding:
    """One broken rule: the (snake_case) field it is about, a ZGW error code and a reason."""

    veld: str
    code: str
    reden: str


def _is_filled(value: object) -> bool:
    return value not in (None, "", False)


def is_ingevuld(procedure: Mapping[str, object]) -> bool:
    """Whether any field of a brondatumArchiefprocedure has a value (an empty one is not yet configured)."""
    return any(_is_filled(value) for value in procedure.values())


def brondatum_archiefprocedure_overtredingen(procedure: Mapping[str, object]) -> list[Overtreding]:
    """The fields of a brondatumArchiefprocedure that its afleidingswijze demands or forbids.

    Rule (Catalogi API, `BrondatumArchiefprocedure.afleidingswijze`): each afleidingswijze
    needs exactly the fields it derives the brondatum from, see `AFLEIDINGSWIJZE_VELDEN`.
    One violation per field, named `brondatum_archiefprocedure.<field>`, code `required`
    or `must-be-empty`.
    """
    afleidingswijze = procedure.get("afleidingswijze")
    if not afleidingswijze:
        return [
            Overtreding(
                "brondatum_archiefprocedure.afleidingswijze",
                "required",
                "Geef aan hoe de brondatum wordt afgeleid.",
            )
        ]
    overtredingen = []
    for veld, eis in AFLEIDINGSWIJZE_VELDEN[str(afleidingswijze)].items():
        gevuld = _is_filled(procedure.get(veld))
        if eis is Veld.vereist and not gevuld:
            reden = f"Dit veld is vereist bij afleidingswijze `{afleidingswijze}`."
        elif eis is Veld.leeg and gevuld:
            reden = f"Dit veld moet leeg zijn bij afleidingswijze `{afleidingswijze}`."
        else:
            continue
        overtredingen.append(Overtreding(f"brondatum_archiefprocedure.{veld}", eis.value, reden))
    return overtredingen


# --- The Selectielijst resultaat: does the resultaattype fit it? --------------------------

# The afleidingswijze each procestermijn of the Selectielijst 2020 goes with: `nihil` means
# the term starts when the zaak is afgehandeld; `ingeschatte_bestaansduur_procesobject` is
# a fixed, estimated term. The other procestermijnen need a date from elsewhere, so they
# exclude both `afgehandeld` and `termijn`.
PROCESTERMIJN_AFLEIDINGSWIJZE = {
    SelectielijstProcestermijn.nihil: Afleidingswijze.afgehandeld,
    SelectielijstProcestermijn.ingeschatte_bestaansduur_procesobject: Afleidingswijze.termijn,
}


def afleidingswijze_past_bij_procestermijn(*, afleidingswijze: str, procestermijn: str) -> bool:
    """Whether a resultaattype's afleidingswijze fits its Selectielijst resultaat.

    Rule (Selectielijst 2020; conformance tests ztc-003a … ztc-003t): a resultaat with
    procestermijn `nihil` requires afleidingswijze `afgehandeld` and one with
    `ingeschatte_bestaansduur_procesobject` requires `termijn`; conversely `afgehandeld`
    and `termijn` only go with those procestermijnen. A resultaat without procestermijn
    constrains nothing.
    """
    if not procestermijn or not afleidingswijze:
        return True
    vereist = PROCESTERMIJN_AFLEIDINGSWIJZE.get(procestermijn)
    if vereist is not None:
        return afleidingswijze == vereist
    return afleidingswijze not in PROCESTERMIJN_AFLEIDINGSWIJZE.values()


def archiefnominatie_uit_selectielijst(resultaat: Mapping[str, object]) -> str:
    """Rule (Catalogi API, `ResultaatType.archiefnominatie`): "Indien niet expliciet
    opgegeven wordt dit gevuld vanuit de selectielijst" — the resultaat's `waardering`."""
    waardering = resultaat.get("waardering") or ""
    return str(waardering) if waardering in Archiefnominatie.values else ""


def archiefactietermijn_uit_selectielijst(resultaat: Mapping[str, object]) -> str:
    """Rule (Catalogi API, `ResultaatType.archiefactietermijn`): when not given, the
    resultaat's `bewaartermijn` from the selectielijst."""
    return str(resultaat.get("bewaartermijn") or "")


# --- Publishing: is every resultaattype archivable? ----------------------------------------


@dataclass(frozen=True)
class ResultaattypeArchivering:
    """The archiving parameters of one resultaattype, with the context they depend on."""

    archiefnominatie: str
    archiefactietermijn: str
    selectielijstklasse: str
    brondatum_archiefprocedure: Mapping[str, object]
    eigenschappen: frozenset[str] = frozenset()
    heeft_besluittypen: bool = False
    is_deelzaaktype: bool = False


def archiefparameters_ontbrekend(resultaattype: ResultaattypeArchivering) -> list[str]:
    """What keeps a resultaattype from being archived automatically; empty when complete.

    Rule (archiving by design): a zaaktype may only be published when each resultaattype
    has an archiefnominatie, an archiefactietermijn (not needed for `blijvend_bewaren`:
    those records are transferred, not destroyed), a selectielijstklasse and a
    brondatumArchiefprocedure whose afleidingswijze has what it derives the brondatum
    from — including, per the standard's explanation of each afleidingswijze, the
    eigenschap, besluittype or hoofdzaaktype it points at. (`gerelateerde_zaak` reads the
    relevanteAndereZaken of the zaak itself, which need not be of the zaaktype's
    gerelateerdeZaaktypen: closing a zaak without them is refused, not publishing.)
    """
    ontbrekend = []
    if not resultaattype.archiefnominatie:
        ontbrekend.append("archiefnominatie ontbreekt")
    if not resultaattype.archiefactietermijn and resultaattype.archiefnominatie != Archiefnominatie.blijvend_bewaren:
        ontbrekend.append("archiefactietermijn ontbreekt")
    if not resultaattype.selectielijstklasse:
        ontbrekend.append("selectielijstklasse ontbreekt")
    procedure = resultaattype.brondatum_archiefprocedure
    overtredingen = brondatum_archiefprocedure_overtredingen(procedure)
    ontbrekend += [f"{o.veld.split('.')[-1]}: {o.code}" for o in overtredingen]
    if overtredingen:
        return ontbrekend
    afleidingswijze = procedure.get("afleidingswijze")
    if (
        afleidingswijze == Afleidingswijze.eigenschap
        and procedure.get("datumkenmerk") not in resultaattype.eigenschappen
    ):
        ontbrekend.append(f"het zaaktype heeft geen eigenschap `{procedure.get('datumkenmerk')}` (datumkenmerk)")
    besluit = (Afleidingswijze.ingangsdatum_besluit, Afleidingswijze.vervaldatum_besluit)
    if afleidingswijze in besluit and not resultaattype.heeft_besluittypen:
        ontbrekend.append(f"afleidingswijze `{afleidingswijze}` vraagt besluittypen bij het zaaktype")
    if afleidingswijze == Afleidingswijze.hoofdzaak and not resultaattype.is_deelzaaktype:
        ontbrekend.append("afleidingswijze `hoofdzaak` vraagt dat het zaaktype deelzaaktype is van een ander zaaktype")
    return ontbrekend
