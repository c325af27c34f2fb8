"""Informatiehuishouding op orde: the information-management report.

Each norm is a question about the archive's index whose good answer is zero: how many
zaaktypen, zaken or documents break it, per zaaktype and overall, with the URLs of the
objects behind the figure. The report reads the index (never another app's tables), so
it is as current as the last sync; only the Woo norm asks the Publicaties API, at the
moment the report is made.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from common import tijd
from common.clients import ClientError
from common.constants import Archiefnominatie

from .clients import Publicaties
from .models import DocumentStatus, IndexDocument, IndexZaak, IndexZaakType, ZGWArchiefstatus
from .selectors import indexdocumenten_niet_te_controleren


@dataclass
class ZaaktypeTelling:
    zaaktype: str
    omschrijving: str
    aantal: int


@dataclass
class Normuitkomst:
    code: str
    titel: str
    eenheid: str  # what is counted: `zaaktype`, `zaak` or `document`
    beschikbaar: bool
    aantal: int = 0
    per_zaaktype: list[ZaaktypeTelling] = field(default_factory=list)
    objecten: list[str] = field(default_factory=list)  # URLs of what is counted
    zaken: list[str] = field(default_factory=list)  # URLs of the zaken behind it
    toelichting: str = ""

    @property
    def op_orde(self) -> bool | None:
        return self.aantal == 0 if self.beschikbaar else None


def _aftrek_jaren(datum: dt.date, jaren: int) -> dt.date:
    try:
        return datum.replace(year=datum.year - jaren)
    except ValueError:  # 29 February in a year that has none
        return datum.replace(year=datum.year - jaren, day=28)


def _zaken_norm(code: str, titel: str, qs: QuerySet[IndexZaak], toelichting: str) -> Normuitkomst:
    rows = list(qs.order_by("url").values_list("url", flat=True))
    per_zaaktype = [
        ZaaktypeTelling(r["zaaktype"], r["zaaktype_omschrijving"], r["aantal"])
        for r in qs.order_by().values("zaaktype", "zaaktype_omschrijving").annotate(aantal=Count("pk"))
    ]
    per_zaaktype.sort(key=lambda t: (t.omschrijving, t.zaaktype))
    return Normuitkomst(
        code=code,
        titel=titel,
        eenheid="zaak",
        beschikbaar=True,
        aantal=len(rows),
        per_zaaktype=per_zaaktype,
        objecten=rows,
        zaken=rows,
        toelichting=toelichting,
    )


def _documenten_norm(code: str, titel: str, qs: QuerySet[IndexDocument], toelichting: str) -> Normuitkomst:
    rows = list(qs.order_by("url").values_list("url", "zaak__url"))
    per_zaaktype = [
        ZaaktypeTelling(r["zaak__zaaktype"], r["zaak__zaaktype_omschrijving"], r["aantal"])
        for r in qs.order_by().values("zaak__zaaktype", "zaak__zaaktype_omschrijving").annotate(aantal=Count("pk"))
    ]
    per_zaaktype.sort(key=lambda t: (t.omschrijving, t.zaaktype))
    return Normuitkomst(
        code=code,
        titel=titel,
        eenheid="document",
        beschikbaar=True,
        aantal=len(rows),
        per_zaaktype=per_zaaktype,
        objecten=[url for url, _ in rows],
        zaken=sorted({zaak for _, zaak in rows}),
        toelichting=toelichting,
    )


def norm_zaaktypen_onvolledig(vandaag: dt.date) -> Normuitkomst:
    """Zaaktypen whose resultaattypen lack archiving parameters (DESIGN step 1)."""
    qs = IndexZaakType.objects.exclude(archiveringsgebreken=[]).order_by("url")
    return Normuitkomst(
        code="zaaktypen_archiefparameters_onvolledig",
        titel="Zaaktypen met onvolledige archiveringsparameters",
        eenheid="zaaktype",
        beschikbaar=True,
        aantal=qs.count(),
        per_zaaktype=[ZaaktypeTelling(z.url, z.omschrijving, 1) for z in qs],
        objecten=[z.url for z in qs],
        toelichting="Een resultaattype zonder archiefnominatie, archiefactietermijn, afleidingswijze of "
        "selectielijstklasse.",
    )


def norm_zaken_zonder_archiefparameters(vandaag: dt.date) -> Normuitkomst:
    qs = IndexZaak.objects.filter(einddatum__isnull=False).filter(
        Q(archiefnominatie="") | Q(archiefactiedatum__isnull=True)
    )
    return _zaken_norm(
        "zaken_zonder_archiefparameters",
        "Afgesloten zaken zonder archiefnominatie of archiefactiedatum",
        qs,
        "Zonder deze twee is niet te bepalen wanneer de zaak vernietigd of overgebracht wordt.",
    )


def norm_vernietiging_achterstallig(vandaag: dt.date) -> Normuitkomst:
    qs = IndexZaak.objects.filter(archiefnominatie=Archiefnominatie.vernietigen, archiefactiedatum__lt=vandaag)
    return _zaken_norm(
        "vernietiging_achterstallig",
        "Zaken voorbij hun archiefactiedatum die nog niet vernietigd zijn",
        qs,
        "Te vernietigen zaken waarvan de bewaartermijn verstreken is.",
    )


def norm_overbrenging_achterstallig(vandaag: dt.date) -> Normuitkomst:
    jaren = settings.ARCHIEF_OVERBRENGINGSTERMIJN
    qs = IndexZaak.objects.filter(
        archiefnominatie=Archiefnominatie.blijvend_bewaren, einddatum__lt=_aftrek_jaren(vandaag, jaren)
    ).exclude(archiefstatus=ZGWArchiefstatus.overgedragen)
    return _zaken_norm(
        "overbrenging_achterstallig",
        f"Blijvend te bewaren zaken ouder dan {jaren} jaar die nog niet overgebracht zijn",
        qs,
        f"De Archiefwet vraagt overbrenging binnen {jaren} jaar na afsluiten (instelling "
        "ARCHIEF_OVERBRENGINGSTERMIJN).",
    )


def norm_documenten_niet_gearchiveerd(vandaag: dt.date) -> Normuitkomst:
    qs = IndexDocument.objects.filter(zaak__archiefstatus=ZGWArchiefstatus.gearchiveerd).exclude(
        status=DocumentStatus.gearchiveerd
    )
    return _documenten_norm(
        "documenten_niet_gearchiveerd",
        "Documenten van gearchiveerde zaken die niet de status `gearchiveerd` hebben",
        qs,
        "Een gearchiveerde zaak hoort alleen gearchiveerde documenten te hebben.",
    )


def norm_integriteit(vandaag: dt.date) -> Normuitkomst:
    qs = IndexDocument.objects.filter(integriteit_in_orde=False)
    return _documenten_norm(
        "integriteit_mislukt",
        "Bestanden die hun integriteitscontrole niet doorstaan",
        qs,
        "De inhoud komt niet overeen met de vastgelegde controlesom (`integriteit`, of de SHA-256 die het archief "
        "bij de eerste lezing vastlegde).",
    )


def norm_integriteit_niet_te_controleren(vandaag: dt.date) -> Normuitkomst:
    """Documents without a checksum to check them against (`selectors.indexdocumenten_niet_te_controleren`)."""
    return _documenten_norm(
        "integriteit_niet_te_controleren",
        "Bestanden waarvan de integriteit (nog) niet te controleren is",
        indexdocumenten_niet_te_controleren(),
        "De Documenten API bewaart van deze documenten geen controlesom (`integriteit`), en het archief heeft "
        "nog geen eigen SHA-256 vastgelegd. Dat gebeurt bij de eerste integriteitscontrole (`manage.py archief "
        "integriteit` of de periodieke taak); latere controles vergelijken met die SHA-256.",
    )


def norm_woo_te_laat(vandaag: dt.date) -> Normuitkomst:
    """Concept Woo publications whose deadline has passed, read through the Publicaties API.

    The Publicaties API does not know zaken; it names each publication's documents in the
    Documenten API. A publication counts for the zaaktype of every zaak in the index that
    one of its documents belongs to; one whose documents are in no indexed zaak counts
    only in the total. When the API cannot be reached the norm says so; the rest of the
    report is computed as usual.
    """
    code, titel = "woo_publicaties_te_laat", "Concept-Woo-publicaties voorbij hun deadline"
    try:
        with Publicaties() as api:
            publicaties = {
                p["url"]: {d["document"] for d in api.documenten(p["url"])} | ({p["bronDocument"]} - {None})
                for p in api.concepten_met_deadline_tot(vandaag - dt.timedelta(days=1))
            }
    except ClientError as exc:
        return Normuitkomst(
            code=code,
            titel=titel,
            eenheid="publicatie",
            beschikbaar=False,
            toelichting=f"De Publicaties API is niet bereikbaar of weigerde de vraag; het aantal is onbekend ({exc}).",
        )
    documenten = {url for urls in publicaties.values() for url in urls}
    zaak_van = dict(IndexDocument.objects.filter(url__in=documenten).values_list("url", "zaak__url").order_by())
    zaken = {z.url: z for z in IndexZaak.objects.filter(url__in=set(zaak_van.values()))}
    per_zaaktype: dict[str, ZaaktypeTelling] = {}
    zonder_zaak = 0
    for urls in publicaties.values():
        eigen = {zaken[zaak_van[url]] for url in urls if url in zaak_van}
        if not eigen:
            zonder_zaak += 1
        for zaaktype, omschrijving in {(z.zaaktype, z.zaaktype_omschrijving) for z in eigen}:
            telling = per_zaaktype.setdefault(zaaktype, ZaaktypeTelling(zaaktype, omschrijving, 0))
            telling.aantal += 1
    return Normuitkomst(
        code=code,
        titel=titel,
        eenheid="publicatie",
        beschikbaar=True,
        aantal=len(publicaties),
        per_zaaktype=sorted(per_zaaktype.values(), key=lambda t: (t.omschrijving, t.zaaktype)),
        objecten=sorted(publicaties),
        zaken=sorted(zaken),
        toelichting="Concepten uit de Publicaties API waarvan de deadline voor vandaag lag. Per zaaktype via de "
        "zaak in de archiefindex waar een document van de publicatie bij hoort; "
        f"{zonder_zaak} zonder zo'n zaak tellen alleen in het totaal mee.",
    )


NORMEN: list[Callable[[dt.date], Normuitkomst]] = [
    norm_zaaktypen_onvolledig,
    norm_zaken_zonder_archiefparameters,
    norm_vernietiging_achterstallig,
    norm_overbrenging_achterstallig,
    norm_documenten_niet_gearchiveerd,
    norm_integriteit,
    norm_integriteit_niet_te_controleren,
    norm_woo_te_laat,
]


def rapportage(vandaag: dt.date | None = None) -> list[Normuitkomst]:
    """Every norm, computed from the index as it is now."""
    vandaag = vandaag or tijd.vandaag()
    return [norm(vandaag) for norm in NORMEN]


def rapportage_csv(uitkomsten: list[Normuitkomst]) -> str:
    """One row per norm and zaaktype, plus one overall row per norm (zaaktype empty)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["norm", "titel", "eenheid", "zaaktype", "zaaktype_omschrijving", "aantal", "op_orde"])
    for uitkomst in uitkomsten:
        op_orde = "" if uitkomst.op_orde is None else ("ja" if uitkomst.op_orde else "nee")
        aantal = uitkomst.aantal if uitkomst.beschikbaar else ""
        writer.writerow([uitkomst.code, uitkomst.titel, uitkomst.eenheid, "", "", aantal, op_orde])
        for telling in uitkomst.per_zaaktype:
            row = [uitkomst.code, uitkomst.titel, uitkomst.eenheid, telling.zaaktype, telling.omschrijving]
            writer.writerow([*row, telling.aantal, ""])
    return buffer.getvalue()
