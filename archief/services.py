"""Writes of the destruction workflow: proposing, reviewing and approving vernietigingslijsten.

Every transition runs under a row lock on the list, checks the state it starts from and
the role and four-eyes rules, and records who made it, when and with what comment
(`Overgang`). A refused request raises `DomainError` and changes nothing.

States: nieuw → klaar_voor_beoordeling → (wijzigingen_gevraagd → back to the author) →
beoordeeld → klaar_voor_archivaris → klaar_voor_vernietiging → vernietigd (or mislukt).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from common import tijd
from common.exceptions import DomainError

from . import roles
from .models import (
    Beoordeling,
    IndexZaak,
    ItemStatus,
    Overgang,
    Vernietigingslijst,
    VernietigingslijstItem,
    WachttijdWijziging,
)
from .models import VernietigingslijstStatus as Status
from .rules import vernietigingsbezwaar

logger = logging.getLogger(__name__)

# Lists in these states still hold their zaken: a zaak can be on only one of them.
ACTIEVE_STATUSSEN = (
    Status.nieuw,
    Status.klaar_voor_beoordeling,
    Status.wijzigingen_gevraagd,
    Status.beoordeeld,
    Status.klaar_voor_archivaris,
    Status.klaar_voor_vernietiging,
    Status.mislukt,
)
# States in which the zaken on a list may still be excluded.
UITZONDEREN_MOGELIJK = (
    Status.nieuw,
    Status.klaar_voor_beoordeling,
    Status.wijzigingen_gevraagd,
    Status.beoordeeld,
    Status.klaar_voor_archivaris,
)
# States in which the author may still put zaken on a list: before it is (re)submitted.
TOEVOEGEN_MOGELIJK = (Status.nieuw, Status.wijzigingen_gevraagd)


def _today() -> dt.date:
    return tijd.vandaag()


def _locked(lijst: Vernietigingslijst) -> Vernietigingslijst:
    return Vernietigingslijst.objects.select_for_update().get(pk=lijst.pk)


def _expect(lijst: Vernietigingslijst, *states: str) -> None:
    if lijst.status not in states:
        allowed = ", ".join(f"`{s}`" for s in states)
        raise DomainError(
            f"De vernietigingslijst heeft status `{lijst.status}`; dit kan alleen bij {allowed}.",
            "ongeldige-status",
            field="status",
        )


def _transition(lijst: Vernietigingslijst, naar: str, gebruiker, toelichting: str = "") -> None:
    Overgang.objects.create(lijst=lijst, van=lijst.status, naar=naar, gebruiker=gebruiker, toelichting=toelichting)
    logger.info(
        "vernietigingslijst_transition",
        extra={"lijst": str(lijst.uuid), "van": lijst.status, "naar": naar, "gebruiker": getattr(gebruiker, "pk", 0)},
    )
    lijst.status = naar
    lijst.save()


def ronde(lijst: Vernietigingslijst) -> int:
    """The review round: how often the list has been submitted for review."""
    return lijst.overgangen.filter(naar=Status.klaar_voor_beoordeling).count()


# --- who may take which step now ----------------------------------------------------------------
#
# Each check raises the refusal a service gives; the services call them, and
# `vernietigingslijst_stappen` asks them all, so the admin offers exactly what would be accepted.


def _mag_indienen(lijst: Vernietigingslijst, gebruiker) -> None:
    _expect(lijst, Status.nieuw, Status.wijzigingen_gevraagd)
    if gebruiker != lijst.auteur:
        raise DomainError("Alleen de auteur dient de lijst in.", "geen-auteur", status_code=403)
    roles.require_perm(gebruiker, roles.PROPOSE, "recordmanager")


def _beoordelaarsrol(lijst: Vernietigingslijst, gebruiker) -> str:
    """The role in which `gebruiker` judges the list now (beoordelaar or medebeoordelaar)."""
    _expect(lijst, Status.klaar_voor_beoordeling)
    if gebruiker == lijst.auteur:
        raise DomainError("De auteur mag de eigen lijst niet beoordelen.", "vier-ogen", status_code=403)
    if gebruiker == lijst.beoordelaar:
        roles.require_perm(gebruiker, roles.REVIEW, "beoordelaar")
        return Beoordeling.Rol.beoordelaar
    if lijst.medebeoordelaars.filter(pk=gebruiker.pk).exists():
        roles.require_perm(gebruiker, roles.COREVIEW, "medebeoordelaar")
        return Beoordeling.Rol.medebeoordelaar
    raise DomainError("U bent geen beoordelaar van deze lijst.", "geen-beoordelaar", status_code=403)


def _mag_aanbieden(lijst: Vernietigingslijst, gebruiker) -> None:
    _expect(lijst, Status.beoordeeld)
    if gebruiker not in (lijst.auteur, lijst.beoordelaar):
        raise DomainError("Alleen de auteur of de beoordelaar biedt de lijst aan.", "geen-auteur", status_code=403)


def _mag_vaststellen(lijst: Vernietigingslijst, gebruiker) -> None:
    _expect(lijst, Status.klaar_voor_archivaris)
    if gebruiker == lijst.auteur:
        raise DomainError("De auteur mag de eigen lijst niet vaststellen.", "vier-ogen", status_code=403)
    if gebruiker != lijst.archivaris:
        raise DomainError("Alleen de archivaris van deze lijst stelt haar vast.", "geen-archivaris", status_code=403)
    roles.require_perm(gebruiker, roles.APPROVE, "archivaris")


def _mag_uitzonderen(lijst: Vernietigingslijst, gebruiker) -> None:
    _expect(lijst, *UITZONDEREN_MOGELIJK)
    betrokkenen = {lijst.auteur_id, lijst.beoordelaar_id, lijst.archivaris_id}
    betrokkenen |= set(lijst.medebeoordelaars.values_list("pk", flat=True))
    if gebruiker.pk not in betrokkenen:
        raise DomainError("Alleen wie een rol op de lijst heeft, zondert uit.", "geen-betrokkene", status_code=403)


def _mag_uitvoeren(lijst: Vernietigingslijst, gebruiker) -> None:
    roles.require_perm(gebruiker, roles.APPROVE, "archivaris")
    _expect(lijst, Status.klaar_voor_vernietiging, Status.mislukt)
    if (
        lijst.status == Status.klaar_voor_vernietiging
        and lijst.vernietigen_vanaf
        and lijst.vernietigen_vanaf > timezone.now()
    ):
        raise DomainError(
            f"De wachttijd loopt tot {tijd.lokaal(lijst.vernietigen_vanaf).isoformat()}.",
            "wachttijd",
            field="vernietigenVanaf",
        )


def _mag_toevoegen(lijst: Vernietigingslijst, gebruiker) -> None:
    _expect(lijst, *TOEVOEGEN_MOGELIJK)
    if gebruiker != lijst.auteur:
        raise DomainError("Alleen de auteur zet zaken op de lijst.", "geen-auteur", status_code=403)
    roles.require_perm(gebruiker, roles.PROPOSE, "recordmanager")


def _mag_wachttijd_wijzigen(lijst: Vernietigingslijst, gebruiker) -> None:
    _expect(lijst, Status.klaar_voor_vernietiging)
    if not roles.mag_wachttijd_wijzigen(gebruiker):
        raise DomainError(
            f"Alleen {roles.wachttijd_wijzigers_beschrijving()} mag de wachttijd wijzigen.",
            "rol-ontbreekt",
            status_code=403,
        )


STAPPEN = {
    "indienen": _mag_indienen,
    "goedkeuren": _beoordelaarsrol,
    "afkeuren": _beoordelaarsrol,
    "aanbieden": _mag_aanbieden,
    "vaststellen": _mag_vaststellen,
    "terugsturen": _mag_vaststellen,
    "uitzonderen": _mag_uitzonderen,
    "uitvoeren": _mag_uitvoeren,
    "toevoegen": _mag_toevoegen,
    "wachttijd": _mag_wachttijd_wijzigen,
}


def vernietigingslijst_stappen(lijst: Vernietigingslijst, gebruiker) -> list[str]:
    """The steps (`STAPPEN`) `gebruiker` may take on the list in its current state, by role and person."""
    toegestaan = []
    for stap, check in STAPPEN.items():
        try:
            check(lijst, gebruiker)
        except DomainError:
            continue
        toegestaan.append(stap)
    return toegestaan


def _refused_zaken(zaak_urls: Iterable[str], *, exclude_lijst: Vernietigingslijst | None = None) -> list[dict]:
    """invalidParams for every zaak that may not be on a list today."""
    urls = list(zaak_urls)
    index = {z.url: z for z in IndexZaak.objects.filter(url__in=urls)}
    busy = VernietigingslijstItem.objects.filter(
        zaak__in=urls, lijst__status__in=ACTIEVE_STATUSSEN, status=ItemStatus.voorgesteld
    )
    if exclude_lijst is not None:
        busy = busy.exclude(lijst=exclude_lijst)
    elsewhere = dict(busy.values_list("zaak", "lijst__naam"))
    today = _today()
    problems = []
    for position, url in enumerate(urls):
        zaak = index.get(url)
        if zaak is None:
            reason = f"{url} staat niet in de archiefindex."
        elif (bezwaar := vernietigingsbezwaar(zaak, today)) is not None:
            reason = f"{zaak.identificatie or url}: {bezwaar}."
        elif url in elsewhere:
            reason = f"{zaak.identificatie or url} staat al op vernietigingslijst `{elsewhere[url]}`."
        else:
            continue
        problems.append({"name": f"zaken.{position}", "code": "zaak-niet-vernietigbaar", "reason": reason})
    return problems


def item_snapshot(item: VernietigingslijstItem, zaak: IndexZaak) -> None:
    """Copy what the verklaring van vernietiging will say about the zaak onto the item."""
    for field in (
        "identificatie",
        "zaaktype",
        "zaaktype_omschrijving",
        "startdatum",
        "einddatum",
        "resultaat_omschrijving",
        "selectielijstklasse",
        "selectielijstklasse_nummer",
        "selectielijst_jaar",
        "archiefactiedatum",
    ):
        setattr(item, field, getattr(zaak, field))


@transaction.atomic
def vernietigingslijst_create(
    *,
    auteur,
    naam: str,
    zaken: list[str],
    beoordelaar,
    archivaris,
    medebeoordelaars: Iterable = (),
    toelichting: str = "",
) -> Vernietigingslijst:
    """A record manager proposes a list of zaken to destroy.

    Every zaak must be destroyable today (`rules.vernietigingsbezwaar`) and on no other
    active list; otherwise the whole list is refused with one invalidParam per zaak.
    """
    roles.require_perm(auteur, roles.PROPOSE, "recordmanager")
    medebeoordelaars = list(medebeoordelaars)
    if not zaken:
        raise DomainError("Een vernietigingslijst heeft ten minste één zaak.", "leeg", field="zaken")
    if len(set(zaken)) != len(zaken):
        raise DomainError("Een zaak staat twee keer op de lijst.", "dubbel", field="zaken")
    _check_people(auteur=auteur, beoordelaar=beoordelaar, archivaris=archivaris, medebeoordelaars=medebeoordelaars)
    problems = _refused_zaken(zaken)
    if problems:
        raise DomainError(
            "Niet elke zaak mag vandaag vernietigd worden.", "zaak-niet-vernietigbaar", invalid_params=problems
        )
    lijst = Vernietigingslijst.objects.create(
        naam=naam, toelichting=toelichting, auteur=auteur, beoordelaar=beoordelaar, archivaris=archivaris
    )
    lijst.medebeoordelaars.set(medebeoordelaars)
    items = _items_aanmaken(lijst, zaken)
    Overgang.objects.create(lijst=lijst, van="", naar=Status.nieuw, gebruiker=auteur, toelichting=toelichting)
    logger.info("vernietigingslijst_created", extra={"lijst": str(lijst.uuid), "zaken": len(items)})
    return lijst


def _items_aanmaken(lijst: Vernietigingslijst, zaken: list[str]) -> list[VernietigingslijstItem]:
    """The zaken on the list, each with a snapshot of what the index says of it now."""
    index = {z.url: z for z in IndexZaak.objects.filter(url__in=zaken)}
    items = []
    for url in zaken:
        item = VernietigingslijstItem(lijst=lijst, zaak=url)
        item_snapshot(item, index[url])
        items.append(item)
    return VernietigingslijstItem.objects.bulk_create(items)


@transaction.atomic
def vernietigingslijst_zaken_toevoegen(lijst: Vernietigingslijst, *, gebruiker, zaken: list[str]) -> int:
    """The author puts more zaken on a list that is not yet (again) submitted.

    The same rules as for a new list: each zaak destroyable today and on no other open
    list; a zaak already on this list is refused too. All or nothing. Returns how many
    zaken were added.
    """
    lijst = _locked(lijst)
    _mag_toevoegen(lijst, gebruiker)
    if not zaken:
        raise DomainError("Selecteer ten minste één zaak.", "leeg", field="zaken")
    if len(set(zaken)) != len(zaken):
        raise DomainError("Een zaak staat twee keer in de selectie.", "dubbel", field="zaken")
    problems = _refused_zaken(zaken)
    al_op_lijst = set(lijst.items.filter(zaak__in=zaken).values_list("zaak", flat=True))
    problems += [
        {"name": f"zaken.{position}", "code": "al-op-lijst", "reason": f"{url} staat al op deze lijst."}
        for position, url in enumerate(zaken)
        if url in al_op_lijst and not any(p["name"] == f"zaken.{position}" for p in problems)
    ]
    if problems:
        raise DomainError("Niet elke zaak mag op deze lijst.", "zaak-niet-vernietigbaar", invalid_params=problems)
    items = _items_aanmaken(lijst, zaken)
    logger.info("vernietigingslijst_zaken_added", extra={"lijst": str(lijst.uuid), "zaken": len(items)})
    return len(items)


def _check_people(*, auteur, beoordelaar, archivaris, medebeoordelaars: list) -> None:
    """Four eyes: nobody judges a list they proposed; each role has its permission."""
    if beoordelaar == auteur or archivaris == auteur or auteur in medebeoordelaars:
        raise DomainError(
            "De auteur van een lijst mag haar niet beoordelen of vaststellen.", "vier-ogen", field="beoordelaar"
        )
    if not beoordelaar.has_perm(roles.perm(roles.REVIEW)):
        raise DomainError("De beoordelaar heeft de rol beoordelaar niet.", "rol-ontbreekt", field="beoordelaar")
    if not archivaris.has_perm(roles.perm(roles.APPROVE)):
        raise DomainError("De archivaris heeft de rol archivaris niet.", "rol-ontbreekt", field="archivaris")
    for mede in medebeoordelaars:
        if mede == beoordelaar or not mede.has_perm(roles.perm(roles.COREVIEW)):
            raise DomainError(
                f"{mede} kan geen medebeoordelaar van deze lijst zijn.", "rol-ontbreekt", field="medebeoordelaars"
            )


@transaction.atomic
def vernietigingslijst_indienen(lijst: Vernietigingslijst, *, gebruiker, toelichting: str = "") -> Vernietigingslijst:
    """The author submits the list for review (again, after changes were asked for).

    The zaken still on it are checked once more: an archiefactiedatum may have moved.
    """
    lijst = _locked(lijst)
    _mag_indienen(lijst, gebruiker)
    zaken = list(lijst.items.filter(status=ItemStatus.voorgesteld).values_list("zaak", flat=True))
    if not zaken:
        raise DomainError("Er staat geen zaak meer op de lijst.", "leeg", field="items")
    problems = _refused_zaken(zaken, exclude_lijst=lijst)
    if problems:
        raise DomainError(
            "Niet elke zaak mag vandaag vernietigd worden; zonder ze uit.",
            "zaak-niet-vernietigbaar",
            invalid_params=problems,
        )
    _transition(lijst, Status.klaar_voor_beoordeling, gebruiker, toelichting)
    return lijst


@transaction.atomic
def vernietigingslijst_beoordelen(
    lijst: Vernietigingslijst, *, gebruiker, akkoord: bool, toelichting: str = ""
) -> Vernietigingslijst:
    """The reviewer or a co-reviewer judges the list.

    Asking for changes sends it back to the author (a comment is required). The list is
    `beoordeeld` once the reviewer and every co-reviewer agreed in the current round.
    """
    lijst = _locked(lijst)
    rol = _beoordelaarsrol(lijst, gebruiker)
    if not akkoord and not toelichting.strip():
        raise DomainError("Zeg bij een verzoek om wijzigingen wat er moet veranderen.", "required", field="toelichting")
    current = ronde(lijst)
    Beoordeling.objects.create(
        lijst=lijst,
        gebruiker=gebruiker,
        rol=rol,
        oordeel=Beoordeling.Oordeel.akkoord if akkoord else Beoordeling.Oordeel.wijzigingen_gevraagd,
        toelichting=toelichting,
        ronde=current,
    )
    if not akkoord:
        _transition(lijst, Status.wijzigingen_gevraagd, gebruiker, toelichting)
        return lijst
    needed = {lijst.beoordelaar_id, *lijst.medebeoordelaars.values_list("pk", flat=True)}
    agreed = set(
        lijst.beoordelingen.filter(ronde=current, oordeel=Beoordeling.Oordeel.akkoord).values_list(
            "gebruiker_id", flat=True
        )
    )
    if needed <= agreed:
        _transition(lijst, Status.beoordeeld, gebruiker, toelichting)
    return lijst


@transaction.atomic
def vernietigingslijst_aanbieden(lijst: Vernietigingslijst, *, gebruiker, toelichting: str = "") -> Vernietigingslijst:
    """The author (or the reviewer) hands the reviewed list to the archivist."""
    lijst = _locked(lijst)
    _mag_aanbieden(lijst, gebruiker)
    _transition(lijst, Status.klaar_voor_archivaris, gebruiker, toelichting)
    return lijst


@transaction.atomic
def vernietigingslijst_vaststellen(
    lijst: Vernietigingslijst, *, gebruiker, akkoord: bool, toelichting: str = ""
) -> Vernietigingslijst:
    """The archivist's final approval; destruction follows after the waiting period.

    Refusing sends the list back to the author (a comment is required).
    """
    lijst = _locked(lijst)
    _mag_vaststellen(lijst, gebruiker)
    if not akkoord and not toelichting.strip():
        raise DomainError("Zeg bij een verzoek om wijzigingen wat er moet veranderen.", "required", field="toelichting")
    Beoordeling.objects.create(
        lijst=lijst,
        gebruiker=gebruiker,
        rol=Beoordeling.Rol.archivaris,
        oordeel=Beoordeling.Oordeel.akkoord if akkoord else Beoordeling.Oordeel.wijzigingen_gevraagd,
        toelichting=toelichting,
        ronde=ronde(lijst),
    )
    if not akkoord:
        _transition(lijst, Status.wijzigingen_gevraagd, gebruiker, toelichting)
        return lijst
    lijst.vernietigen_vanaf = timezone.now() + timedelta(hours=settings.ARCHIEF_VERNIETIGING_WACHTTIJD)
    _transition(lijst, Status.klaar_voor_vernietiging, gebruiker, toelichting)
    return lijst


@transaction.atomic
def vernietigingslijst_wachttijd_wijzigen(
    lijst: Vernietigingslijst, *, gebruiker, vernietigen_vanaf: dt.datetime, reden: str
) -> Vernietigingslijst:
    """Shorten or lengthen the waiting period of an approved list, with a reason.

    Only the people `ARCHIEF_WACHTTIJD_WIJZIGERS` names may; the new end lies no earlier than
    the archivist's approval. Every change is recorded (`WachttijdWijziging`): who, when, the
    old and the new end, and why. A list whose new end has passed is carried out by the next
    run of the periodic task.
    """
    lijst = _locked(lijst)
    _mag_wachttijd_wijzigen(lijst, gebruiker)
    if not reden.strip():
        raise DomainError("Geef een reden voor de wijziging van de wachttijd.", "required", field="reden")
    vastgesteld = lijst.overgangen.filter(naar=Status.klaar_voor_vernietiging).order_by("-datum").first()
    if vastgesteld is not None and vernietigen_vanaf < vastgesteld.datum:
        raise DomainError(
            f"De wachttijd kan niet eindigen vóór de vaststelling ({tijd.lokaal(vastgesteld.datum):%d-%m-%Y %H:%M}).",
            "ongeldige-datum",
            field="vernietigen_vanaf",
        )
    if vernietigen_vanaf == lijst.vernietigen_vanaf:
        raise DomainError("Dit is al het einde van de wachttijd.", "ongewijzigd", field="vernietigen_vanaf")
    WachttijdWijziging.objects.create(
        lijst=lijst, gebruiker=gebruiker, oud=lijst.vernietigen_vanaf, nieuw=vernietigen_vanaf, reden=reden
    )
    logger.info(
        "vernietigingslijst_wachttijd_changed",
        extra={
            "lijst": str(lijst.uuid),
            "oud": lijst.vernietigen_vanaf.isoformat() if lijst.vernietigen_vanaf else "",
            "nieuw": vernietigen_vanaf.isoformat(),
            "gebruiker": gebruiker.pk,
        },
    )
    lijst.vernietigen_vanaf = vernietigen_vanaf
    lijst.save(update_fields=["vernietigen_vanaf"])
    return lijst


@transaction.atomic
def item_uitzonderen(item: VernietigingslijstItem, *, gebruiker, reden: str) -> VernietigingslijstItem:
    """Take a zaak off a list, with a reason; anyone with a role on the list may, before approval."""
    lijst = _locked(item.lijst)
    item = VernietigingslijstItem.objects.select_for_update().get(pk=item.pk)
    _mag_uitzonderen(lijst, gebruiker)
    if not reden.strip():
        raise DomainError("Geef een reden voor de uitzondering.", "required", field="reden")
    if item.status != ItemStatus.voorgesteld:
        raise DomainError(f"Deze zaak heeft status `{item.status}`.", "ongeldige-status", field="status")
    item.status = ItemStatus.uitgezonderd
    item.uitzonderingsreden = reden
    item.uitgezonderd_door = gebruiker
    item.save()
    logger.info("vernietigingslijst_item_excluded", extra={"lijst": str(lijst.uuid), "zaak": item.zaak})
    return item


def vernietigingslijst_uitvoeren_aanvragen(lijst: Vernietigingslijst, *, gebruiker) -> None:
    """An archivist asks to carry out an approved list now (after its waiting period) or to
    finish a failed one; the destruction itself runs in Celery after this transaction."""
    _mag_uitvoeren(lijst, gebruiker)
    from .tasks import vernietigingslijst_uitvoeren

    transaction.on_commit(lambda: vernietigingslijst_uitvoeren.delay(lijst.pk))
    logger.info("vernietigingslijst_run_requested", extra={"lijst": str(lijst.uuid)})
