"""Carrying out an approved vernietigingslijst through the ZGW APIs.

Per zaak, in the order that leaves no dangling reference: besluitinformatieobjecten,
besluiten, zaakinformatieobjecten, the documents (only those no other zaak or besluit
still uses), then the zaak. A provider that refuses to remove a zaakinformatieobject of an
archived zaak gets the zaak deleted before the documents instead (its relations go with
it). Right before, the zaak is read again and its eligibility re-checked: what changed
since the approval (a new archiefactiedatum, a transfer) wins.

Every deleted URL is recorded on the item as soon as it is gone, and a 404 counts as
"already gone", so a rerun after a failure finishes the list and destroys nothing twice.
After an error or a timeout on a DELETE the object is read again: gone is deleted
(`ZGW.delete`), so a provider that fails after committing leaves nothing unaccounted.
One failing zaak is recorded and does not stop the others; the list ends `mislukt` and a
rerun (the periodic task, or the admin) picks it up.

A zaak that is gone when its turn comes counts as destroyed when this list's destruction
of it had begun (parts recorded as deleted, or its documents noted, which happens right
before the first DELETE): the rest of its documents go too. Without any such trace it is
`verdwenen`: neither destroyed by this list nor kept. The verklaring lists it with that
reason, and the list's transition says so to the archivist. A run holds the list's lease
(`common.werk`) and extends it with every zaak; when its worker is killed, the lease runs
out and `vernietigingslijsten_hervatten` (beat) resumes the list, once. When every zaak is done, the
verklaring van vernietiging is stored as documents of a zaak of the configured zaaktype.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from common import tijd
from common.clients import ClientError
from common.werk import lease_duur, lease_verlengen, lease_vrijgeven, verlopen_leases_overnemen

from . import inrichting
from .clients import ZGW, zgw_session
from .index import index_zaak_schrijven
from .models import IndexZaak, ItemStatus, Overgang, Vernietigingslijst, VernietigingslijstItem
from .models import VernietigingslijstStatus as Status
from .rules import vernietigingsbezwaar
from .services import item_snapshot
from .verklaring import verklaring_csv, verklaring_xlsx

logger = logging.getLogger(__name__)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Uitvoering:
    vernietigd: list[str] = field(default_factory=list)
    mislukt: dict[str, str] = field(default_factory=dict)
    overgeslagen: dict[str, str] = field(default_factory=dict)
    verdwenen: dict[str, str] = field(default_factory=dict)


def _record(item: VernietigingslijstItem, url: str) -> None:
    if url not in item.verwijderd:
        item.verwijderd.append(url)
        VernietigingslijstItem.objects.filter(pk=item.pk).update(verwijderd=item.verwijderd)


def _delete(zgw: ZGW, item: VernietigingslijstItem, url: str) -> None:
    if url in item.verwijderd:
        return
    zgw.delete(url)  # False (404) when it was already gone: recorded all the same
    _record(item, url)


def item_vernietigen(item: VernietigingslijstItem, *, zgw: ZGW) -> str:
    """Destroy one zaak; the item's new status (`vernietigd`, `overgeslagen`, `verdwenen` or `mislukt`)."""
    try:
        zaak = zgw.get_or_none(item.zaak)
        if zaak is None:
            return _zaak_al_weg(item, zgw=zgw)
        index = index_zaak_schrijven(zgw, zaak)
        bezwaar = vernietigingsbezwaar(index, tijd.vandaag())
        if bezwaar is not None:
            return _finish(item, ItemStatus.overgeslagen, bezwaar)
        item_snapshot(item, index)
        item.save()
        _zaak_vernietigen(zgw, item, zaak["url"])
    except ClientError as exc:
        logger.warning("zaak_destruction_failed", extra={"zaak": item.zaak, "error": str(exc)})
        detail = f"{exc}" + (f": {exc.body}" if exc.body else "")
        return _finish(item, ItemStatus.mislukt, detail)
    IndexZaak.objects.filter(url=item.zaak).delete()
    return _finish(item, ItemStatus.vernietigd)


def _zaak_al_weg(item: VernietigingslijstItem, *, zgw: ZGW) -> str:
    """The zaak is gone before this run could delete it: finish what this list began, or say it vanished."""
    IndexZaak.objects.filter(url=item.zaak).delete()
    if item.verwijderd or item.documenten:
        # An earlier run began on it (or deleted it, and stopped before saving): the zaak is
        # gone with this list's DELETE in flight or done, so its destruction is this list's.
        _documenten_vernietigen(zgw, item, item.zaak)
        _record(item, item.zaak)
        return _finish(item, ItemStatus.vernietigd)
    reden = "De zaak bestond bij de uitvoering niet meer in de Zaken API; deze lijst heeft haar niet vernietigd."
    if item.fout:
        reden += f" De vorige poging eindigde met: {item.fout}"
    return _finish(item, ItemStatus.verdwenen, reden)


def _note_documenten(item: VernietigingslijstItem, urls: list[str]) -> None:
    """Remember the documents before their relations go: afterwards nothing leads to them."""
    new = [url for url in urls if url not in item.documenten]
    if new:
        item.documenten = [*item.documenten, *new]
        VernietigingslijstItem.objects.filter(pk=item.pk).update(documenten=item.documenten)


def _zaak_vernietigen(zgw: ZGW, item: VernietigingslijstItem, zaak_url: str) -> None:
    besluiten = zgw.besluiten(zaak_url)
    bios = [bio for besluit in besluiten for bio in zgw.besluitinformatieobjecten(besluit=besluit["url"])]
    zios = zgw.zaakinformatieobjecten(zaak=zaak_url)
    _note_documenten(item, [relation["informatieobject"] for relation in [*bios, *zios]])
    for bio in bios:
        _delete(zgw, item, bio["url"])
    for besluit in besluiten:
        _delete(zgw, item, besluit["url"])
    zaak_first = False
    for zio in zios:
        try:
            _delete(zgw, item, zio["url"])
        except ClientError as exc:
            # Some providers keep the parts of an archived zaak unchanged (code
            # `zaak-archiefstatus-invalid`); deleting the zaak removes its
            # zaakinformatieobjecten all the same (Zaken API: DELETE zaak cascades).
            if exc.status != 400:
                raise
            zaak_first = True
            break
    if zaak_first:
        logger.info("zaak_deleted_before_documents", extra={"zaak": zaak_url})
        _delete(zgw, item, zaak_url)
    _documenten_vernietigen(zgw, item, zaak_url)
    _delete(zgw, item, zaak_url)


def _documenten_vernietigen(zgw: ZGW, item: VernietigingslijstItem, zaak_url: str) -> None:
    """Delete the zaak's noted documents that no other zaak or besluit uses."""
    for document in item.documenten:
        if document in item.verwijderd:
            continue
        # A document that another zaak or besluit still refers to is theirs too: keep it.
        if zgw.zaakinformatieobjecten(informatieobject=document) or zgw.besluitinformatieobjecten(
            informatieobject=document
        ):
            logger.info("document_kept_still_related", extra={"document": document, "zaak": zaak_url})
            continue
        _delete(zgw, item, document)


def _finish(item: VernietigingslijstItem, status: str, fout: str = "") -> str:
    item.status = status
    item.fout = fout
    item.vernietigd_op = timezone.now() if status == ItemStatus.vernietigd else None
    item.save(update_fields=["status", "fout", "vernietigd_op"])
    logger.info("zaak_destruction_" + status, extra={"zaak": item.zaak, "fout": fout})
    return status


@dataclass(frozen=True)
class Verklaringsplek:
    """Where the verklaring goes: the zaaktype, the informatieobjecttype and the bronorganisatie."""

    zaaktype: str
    informatieobjecttype: str
    bronorganisatie: str


def verklaringsplek(*, zgw: ZGW) -> Verklaringsplek:
    """The types are the archive's own (archief/inrichting.py, made on first use) unless the
    settings name others; InrichtingError or ClientError when there is none to be had."""
    typen = inrichting.verklaringtypen(catalogi=zgw.catalogi, nodig=("zaaktype", "vernietiging"))
    return Verklaringsplek(
        zaaktype=typen.zaaktype,
        informatieobjecttype=typen.vernietiging,
        bronorganisatie=inrichting.vereiste_bronorganisatie(catalogi=zgw.catalogi),
    )


def verklaring_opslaan(lijst: Vernietigingslijst, *, zgw: ZGW, plek: Verklaringsplek | None = None) -> None:
    """Store the verklaring (XLSX and CSV) as documents of a new zaak of the verklaringen's zaaktype.

    Each URL is saved as soon as it exists, so a rerun after a failure creates nothing twice.
    """
    plek = plek or verklaringsplek(zgw=zgw)
    zaaktype, informatieobjecttype, rsin = plek.zaaktype, plek.informatieobjecttype, plek.bronorganisatie
    today = tijd.vandaag().isoformat()
    if not lijst.verklaring_zaak:
        zaak = zgw.zaak_create(
            {
                "bronorganisatie": rsin,
                "verantwoordelijkeOrganisatie": rsin,
                "zaaktype": zaaktype,
                "startdatum": today,
                "omschrijving": f"Verklaring van vernietiging {lijst.naam}"[:80],
            }
        )
        lijst.verklaring_zaak = zaak["url"]
        lijst.save(update_fields=["verklaring_zaak"])
    for field_name, inhoud, formaat, extension in (
        ("verklaring", verklaring_xlsx(lijst), XLSX, "xlsx"),
        ("verklaring_csv", verklaring_csv(lijst).encode(), "text/csv", "csv"),
    ):
        if getattr(lijst, field_name):
            continue
        document = zgw.informatieobject_create(
            titel=f"Verklaring van vernietiging {lijst.naam}"[:200],
            bestandsnaam=f"verklaring-van-vernietiging-{lijst.uuid}.{extension}",
            formaat=formaat,
            inhoud=inhoud,
            informatieobjecttype=informatieobjecttype,
            bronorganisatie=rsin,
            creatiedatum=today,
            auteur="Archiefbeheer",
            status="definitief",
            vertrouwelijkheidaanduiding="openbaar",
        )
        zgw.zaakinformatieobject_create(
            zaak=lijst.verklaring_zaak, informatieobject=document["url"], titel="Verklaring van vernietiging"
        )
        setattr(lijst, field_name, document["url"])
        lijst.save(update_fields=[field_name])


class LeaseVerlorenError(Exception):
    """Another run took the list over (this one was taken for dead): stop, change nothing more."""


def vernietigingslijst_uitvoeren(
    lijst: Vernietigingslijst, *, zgw: ZGW | None = None, token: str | None = None
) -> Uitvoering:
    """Carry out an approved list whose waiting period has passed, or finish a failed one.

    `token`: the lease the beat took over for a stalled run; without it the run takes the
    list itself, if it is due and no live run has it.
    """
    result = Uitvoering()
    token = token if token is not None else _claim(lijst)
    if token is None or not lease_verlengen(Vernietigingslijst, lijst.pk, token):
        return result
    try:
        _uitvoeren(Vernietigingslijst.objects.get(pk=lijst.pk), zgw, result, token)
    except LeaseVerlorenError:
        logger.warning("vernietigingslijst_taken_over", extra={"lijst": str(lijst.uuid)})
        return result
    finally:
        lease_vrijgeven(Vernietigingslijst, lijst.pk, token)
    return result


def _claim(lijst: Vernietigingslijst) -> uuid.UUID | None:
    """Take the list for this run, if it is due and no live run has it (one conditional UPDATE)."""
    now = timezone.now()
    due = Q(status=Status.mislukt) | Q(
        Q(vernietigen_vanaf__isnull=True) | Q(vernietigen_vanaf__lte=now), status=Status.klaar_voor_vernietiging
    )
    free = Q(lease_tot__isnull=True) | Q(lease_tot__lt=now)
    token = uuid.uuid4()
    taken = Vernietigingslijst.objects.filter(due, free, pk=lijst.pk).update(
        lease_token=token, lease_tot=now + lease_duur()
    )
    return token if taken else None


def vernietigingslijsten_stilgevallen() -> list[tuple[int, uuid.UUID]]:
    """Lists whose run stopped giving signs of life, each claimed for exactly one new run."""
    return verlopen_leases_overnemen(
        Vernietigingslijst.objects.filter(status__in=(Status.klaar_voor_vernietiging, Status.mislukt))
    )


def _uitvoeren(lijst: Vernietigingslijst, zgw: ZGW | None, result: Uitvoering, token: uuid.UUID | str) -> None:
    with zgw_session(zgw) as client:
        # Where the verklaring goes is settled before anything is destroyed: a list is never
        # carried out without its verklaring following (and the archive's own catalogue is made
        # while the index still holds the zaken that give it its bronorganisatie).
        try:
            plek = verklaringsplek(zgw=client)
        except (ClientError, inrichting.InrichtingError) as exc:
            logger.warning("verklaring_not_possible", extra={"lijst": str(lijst.uuid), "error": str(exc)})
            _afsluiten(
                lijst, token, f"Niets vernietigd: de verklaring van vernietiging kan niet opgeslagen worden: {exc}"
            )
            return
        for item in lijst.items.filter(status__in=(ItemStatus.voorgesteld, ItemStatus.mislukt)).order_by("pk"):
            if not lease_verlengen(Vernietigingslijst, lijst.pk, token):  # the heartbeat, per zaak
                raise LeaseVerlorenError
            status = item_vernietigen(item, zgw=client)
            if status == ItemStatus.vernietigd:
                result.vernietigd.append(item.zaak)
            elif status == ItemStatus.mislukt:
                result.mislukt[item.zaak] = item.fout
            elif status == ItemStatus.verdwenen:
                result.verdwenen[item.zaak] = item.fout
            else:
                result.overgeslagen[item.zaak] = item.fout
        fout = ""
        if not lijst.items.filter(status=ItemStatus.mislukt).exists():
            try:
                verklaring_opslaan(lijst, zgw=client, plek=plek)
            except (ClientError, inrichting.InrichtingError) as exc:
                fout = f"De verklaring van vernietiging kon niet opgeslagen worden: {exc}"
                logger.warning("verklaring_not_stored", extra={"lijst": str(lijst.uuid), "error": str(exc)})
        else:
            failed = lijst.items.filter(status=ItemStatus.mislukt)
            fout = (
                "Niet vernietigd: "
                + "; ".join(f"{i.identificatie or i.zaak}: {i.fout}" for i in failed)
                + ". Er is nog geen verklaring van vernietiging: die volgt als elke zaak afgehandeld is."
            )
    _afsluiten(lijst, token, fout)


def _afsluiten(lijst: Vernietigingslijst, token: uuid.UUID | str, fout: str) -> None:
    """The run's outcome: vernietigd, or mislukt with `fout` (a rerun continues where this one stopped)."""
    with transaction.atomic():
        lijst = Vernietigingslijst.objects.select_for_update().get(pk=lijst.pk)
        if str(lijst.lease_token) != str(token):
            raise LeaseVerlorenError
        naar = Status.mislukt if fout else Status.vernietigd
        toelichting = fout or _verdwenen_melding(lijst)
        Overgang.objects.create(lijst=lijst, van=lijst.status, naar=naar, gebruiker=None, toelichting=toelichting)
        lijst.status = naar
        lijst.uitgevoerd_op = timezone.now()
        lijst.save(update_fields=["status", "uitgevoerd_op"])
    logger.info("vernietigingslijst_carried_out", extra={"lijst": str(lijst.uuid), "status": naar})


def _verdwenen_melding(lijst: Vernietigingslijst) -> str:
    """What the archivist must know about zaken that vanished before this list could destroy them."""
    verdwenen = list(lijst.items.filter(status=ItemStatus.verdwenen).order_by("identificatie", "pk"))
    if not verdwenen:
        return ""
    return (
        f"{len(verdwenen)} zaak/zaken bestond(en) bij de uitvoering niet meer en is/zijn niet door deze lijst "
        "vernietigd; de verklaring van vernietiging noemt ze apart, met de reden: "
        + ", ".join(item.identificatie or item.zaak for item in verdwenen)
        + "."
    )


def vernietigingslijsten_due() -> list[int]:
    """Lists to carry out now: approved and past their waiting period."""
    return list(
        Vernietigingslijst.objects.filter(
            status=Status.klaar_voor_vernietiging, vernietigen_vanaf__lte=timezone.now()
        ).values_list("pk", flat=True)
    )


def waarom_niet_uitgevoerd(lijst: Vernietigingslijst, *, nu: dt.datetime | None = None) -> str:
    """Why a list that is not destroyed was not carried out now, in words for its people."""
    nu = nu or timezone.now()
    if lijst.status == Status.vernietigd:
        return f"is al vernietigd ({tijd.lokaal(lijst.uitgevoerd_op):%d-%m-%Y %H:%M})"
    if lijst.lease_tot and lijst.lease_tot > nu:
        return "wordt op dit moment uitgevoerd door een andere run"
    if lijst.status == Status.klaar_voor_vernietiging and lijst.vernietigen_vanaf and lijst.vernietigen_vanaf > nu:
        vastgesteld = lijst.overgangen.filter(naar=Status.klaar_voor_vernietiging).order_by("-datum").first()
        uren = round((lijst.vernietigen_vanaf - vastgesteld.datum).total_seconds() / 3600) if vastgesteld else None
        wachttijd = f" (wachttijd {uren} uur)" if uren is not None else ""
        return f"wacht tot {tijd.lokaal(lijst.vernietigen_vanaf):%d-%m-%Y %H:%M}{wachttijd}"
    wacht_op = {
        Status.nieuw: f"de recordmanager ({lijst.auteur}): nog niet ingediend",
        Status.klaar_voor_beoordeling: f"de beoordeling door {lijst.beoordelaar} en de medebeoordelaars",
        Status.wijzigingen_gevraagd: f"de recordmanager ({lijst.auteur}): er zijn wijzigingen gevraagd",
        Status.beoordeeld: f"de recordmanager ({lijst.auteur}): aanbieden aan de archivaris",
        Status.klaar_voor_archivaris: f"de vaststelling door de archivaris ({lijst.archivaris})",
    }
    if lijst.status in wacht_op:
        return f"wacht op {wacht_op[lijst.status]}"
    return f"status {lijst.get_status_display()}"
