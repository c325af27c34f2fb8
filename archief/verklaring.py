"""The verklaring van vernietiging: proof of what was destroyed, on whose approval.

Two renderings of the same rows: a CSV for machines, and an XLSX workbook an archivist
opens in any spreadsheet program. Every zaak the list destroyed is listed (`uitkomst`
`vernietigd`); so is every zaak that was gone before the list could destroy it
(`verdwenen`, with the reason): a verklaring never leaves out a zaak that is gone. Zaken
that were kept (excluded, skipped because they were no longer destroyable) are not.
"""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from common import tijd

from .models import Beoordeling, ItemStatus, Vernietigingslijst

KOLOMMEN = (
    ("zaaktype", "Zaaktype"),
    ("zaaktype_url", "Zaaktype (URL)"),
    ("identificatie", "Zaakidentificatie"),
    ("startdatum", "Startdatum"),
    ("einddatum", "Einddatum"),
    ("resultaat", "Resultaat"),
    ("selectielijstklasse", "Selectielijstcategorie"),
    ("selectielijst_versie", "Selectielijst (versie)"),
    ("archiefactiedatum", "Archiefactiedatum"),
    ("vernietigd_op", "Vernietigd op"),
    ("goedkeuringen", "Goedkeuringen"),
    ("uitkomst", "Uitkomst"),
    ("toelichting", "Toelichting"),
)
IN_DE_VERKLARING = (ItemStatus.vernietigd, ItemStatus.verdwenen)


def goedkeuringen(lijst: Vernietigingslijst) -> list[str]:
    """`rol: naam (datum)` for each approval that let the list through."""
    return [
        f"{b.get_rol_display()}: {b.gebruiker.get_full_name() or b.gebruiker.get_username()} "
        f"({tijd.lokaal(b.datum).date().isoformat()})"
        for b in lijst.beoordelingen.filter(oordeel=Beoordeling.Oordeel.akkoord).select_related("gebruiker")
    ]


def verklaring_rows(lijst: Vernietigingslijst) -> list[dict[str, str]]:
    approvals = "; ".join(goedkeuringen(lijst))
    rows = []
    items = lijst.items.filter(status__in=IN_DE_VERKLARING).order_by("zaaktype_omschrijving", "identificatie", "pk")
    for item in sorted(items, key=lambda item: item.status != ItemStatus.vernietigd):  # destroyed first
        rows.append(
            {
                "zaaktype": item.zaaktype_omschrijving,
                "zaaktype_url": item.zaaktype,
                "identificatie": item.identificatie,
                "startdatum": item.startdatum.isoformat() if item.startdatum else "",
                "einddatum": item.einddatum.isoformat() if item.einddatum else "",
                "resultaat": item.resultaat_omschrijving,
                "selectielijstklasse": item.selectielijstklasse_nummer,
                "selectielijst_versie": str(item.selectielijst_jaar or ""),
                "archiefactiedatum": item.archiefactiedatum.isoformat() if item.archiefactiedatum else "",
                "vernietigd_op": tijd.lokaal(item.vernietigd_op).isoformat() if item.vernietigd_op else "",
                "goedkeuringen": approvals,
                "uitkomst": item.status,
                "toelichting": item.fout if item.status == ItemStatus.verdwenen else "",
            }
        )
    return rows


def verklaring_csv(lijst: Vernietigingslijst) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[key for key, _ in KOLOMMEN])
    writer.writeheader()
    writer.writerows(verklaring_rows(lijst))
    return buffer.getvalue()


def verklaring_xlsx(lijst: Vernietigingslijst) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Verklaring van vernietiging"
    bold = Font(bold=True)
    sheet.append(["Verklaring van vernietiging"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(["Vernietigingslijst", lijst.naam])
    sheet.append(["Kenmerk", str(lijst.uuid)])
    sheet.append(["Voorgesteld door", lijst.auteur.get_full_name() or lijst.auteur.get_username()])
    for approval in goedkeuringen(lijst):
        sheet.append(["Goedgekeurd", approval])
    rows = verklaring_rows(lijst)
    sheet.append(["Aantal vernietigde zaken", sum(row["uitkomst"] == ItemStatus.vernietigd for row in rows)])
    verdwenen = sum(row["uitkomst"] == ItemStatus.verdwenen for row in rows)
    if verdwenen:
        sheet.append(["Aantal verdwenen zaken (niet door deze lijst vernietigd)", verdwenen])
    sheet.append([])
    sheet.append([label for _, label in KOLOMMEN])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for row in rows:
        sheet.append([row[key] for key, _ in KOLOMMEN])
    for column, width in zip("ABCDEFGHIJKLM", (30, 20, 20, 12, 12, 20, 12, 12, 14, 26, 60, 12, 60), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
