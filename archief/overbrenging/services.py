"""The life of a transfer: select, approve, package, deliver, verify, accept, complete.

    concept → goedgekeurd → verpakken → afgeleverd → geverifieerd
            → geaccepteerd | deels_geaccepteerd | afgewezen → afgerond

Every transition is recorded with who and when. The heavy work (`overbrenging_stap`) is
done in small steps, each checkpointed in the database: planning the containers, building
one container, delivering, verifying. A step that is interrupted is simply done again:
a container that was not recorded as built is rebuilt from scratch with the same clock
(`peilmoment`), giving the same bytes; a container the target already holds complete is
not sent again. No case becomes `overgedragen` before the archive accepted it.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from lxml import etree

from common import tijd
from common.clients import ClientError, URLNotAllowedError
from common.exceptions import DomainError

from .. import inrichting, roles
from . import mdto
from .builder import GONE, SipBuilder, estimated_size, plan_containers, sort_zaken
from .clients import ZGWBron
from .eligibility import VervroegdRegel, beoordeel
from .models import (
    ContainerStatus,
    ItemStatus,
    LokaleKopie,
    Overbrenging,
    OverbrengingContainer,
    OverbrengingGebeurtenis,
    OverbrengingItem,
    Overbrengingsafspraak,
    Status,
)
from .targets import doel_voor
from .xmlschemas import parse_untrusted

logger = logging.getLogger(__name__)

TRANSITIONS = {
    Status.concept: {Status.goedgekeurd},
    Status.goedgekeurd: {Status.verpakken},
    Status.verpakken: {Status.afgeleverd},
    Status.afgeleverd: {Status.geverifieerd},
    Status.geverifieerd: {Status.geaccepteerd, Status.deels_geaccepteerd, Status.afgewezen},
    Status.geaccepteerd: {Status.afgerond},
    Status.deels_geaccepteerd: {Status.afgerond},
    Status.afgewezen: {Status.afgerond},
    Status.afgerond: set(),
}
MAX_AFLEVERPOGINGEN = 3
# What a person may do in each state (the admin shows these; the rest is the worker's).
ACTIONS = {
    Status.concept: ["goedkeuren"],
    Status.geverifieerd: ["beoordelen"],
}


def vervroegd_regel(afspraak: Overbrengingsafspraak) -> VervroegdRegel:
    return VervroegdRegel(
        toegestaan=afspraak.vervroegd_toegestaan,
        zaaktypen=tuple(afspraak.vervroegd_zaaktypen or ()),
        einddatum_vanaf=afspraak.vervroegd_einddatum_vanaf,
        einddatum_tot=afspraak.vervroegd_einddatum_tot,
    )


def _transition(overbrenging: Overbrenging, naar: str, door: str, toelichting: str = "") -> None:
    """Move to `naar` if the life cycle allows it from the current state, and record it."""
    van = overbrenging.status
    if naar not in TRANSITIONS[Status(van)]:
        raise DomainError(
            f"Een overbrenging met status {van} kan niet naar {naar}.", code="ongeldige-statusovergang", field="status"
        )
    overbrenging.status = naar
    overbrenging.save(update_fields=["status"])
    OverbrengingGebeurtenis.objects.create(
        overbrenging=overbrenging, van=van, naar=naar, door=door, toelichting=toelichting
    )
    logger.info("overbrenging_status", extra={"overbrenging": str(overbrenging.uuid), "van": van, "naar": naar})


def overbrenging_create(
    *,
    afspraak: Overbrengingsafspraak,
    zaken: list[str],
    door: AbstractBaseUser,
    naam: str = "",
    omschrijving: str = "",
    vandaag: dt.date | None = None,
    bron: ZGWBron | None = None,
) -> Overbrenging:
    """A concept transfer of `zaken` (URLs), composed by a record manager; refuses the whole
    selection if any case may not go."""
    roles.require_perm(door, roles.PROPOSE_TRANSFER, "recordmanager")
    if not zaken:
        raise DomainError("Selecteer ten minste één zaak.", code="leeg", field="zaken")
    if len(set(zaken)) != len(zaken):
        raise DomainError("Een zaak staat meer dan eens in de selectie.", code="dubbel", field="zaken")
    vandaag = vandaag or tijd.vandaag()
    regel = vervroegd_regel(afspraak)
    sip_afspraak = afspraak.sip_afspraak()
    items, refusals = [], []
    with bron or ZGWBron() as zgw:
        for url in zaken:
            try:
                zaak = zgw.zaak(url)
                documenten = zgw.informatieobjecten(url)
            except URLNotAllowedError:
                refusals.append({"name": "zaken", "code": "bad-url", "reason": f"{url}: buiten de Zaken API."})
                continue
            except ClientError as exc:
                if exc.status not in GONE:
                    raise
                refusals.append({"name": "zaken", "code": "bad-url", "reason": f"{url}: geen zaak ({exc.status})."})
                continue
            uitslag = beoordeel(
                zaak, documenten, vandaag=vandaag, termijn_jaren=settings.ARCHIEF_OVERBRENGINGSTERMIJN, vervroegd=regel
            )
            if not uitslag.toegestaan:
                refusals.append(
                    {"name": "zaken", "code": "niet-overdraagbaar", "reason": f"{url}: {'; '.join(uitslag.redenen)}"}
                )
                continue
            items.append(
                OverbrengingItem(
                    zaak=url,
                    identificatie=zaak.get("identificatie") or "",
                    zaaktype=zaak.get("zaaktype") or "",
                    einddatum=zaak.get("einddatum"),
                    vervroegd=uitslag.vervroegd,
                    omvang=sum(int(d.get("bestandsomvang") or 0) for d in documenten),
                    documenten=sorted(d["url"] for d in documenten),
                    vertrouwelijkheidaanduiding=zaak.get("vertrouwelijkheidaanduiding") or "",
                    beperking_einde=mdto.beperking_einddatum(
                        zaak, zaak.get("vertrouwelijkheidaanduiding") or "", sip_afspraak
                    ),
                )
            )
    if refusals:
        raise DomainError(
            "Niet alle geselecteerde zaken mogen worden overgebracht.",
            code="niet-overdraagbaar",
            invalid_params=refusals,
        )
    with transaction.atomic():
        overbrenging = Overbrenging.objects.create(
            afspraak=afspraak,
            naam=naam or f"overbrenging-{tijd.vandaag():%Y%m%d}",
            omschrijving=omschrijving,
            vervroegd=any(item.vervroegd for item in items),
        )
        for item in items:
            item.overbrenging = overbrenging
        OverbrengingItem.objects.bulk_create(items)
        OverbrengingGebeurtenis.objects.create(overbrenging=overbrenging, naar=Status.concept, door=door.get_username())
    return overbrenging


def overbrenging_approve(*, overbrenging: Overbrenging, door: AbstractBaseUser) -> Overbrenging:
    """The archivist approves the selection; packaging starts once the transaction commits."""
    from .tasks import overbrenging_starten

    roles.require_perm(door, roles.APPROVE_TRANSFER, "archivaris")
    with transaction.atomic():
        overbrenging = Overbrenging.objects.select_for_update().get(pk=overbrenging.pk)
        _transition(overbrenging, Status.goedgekeurd, door.get_username())
        overbrenging_starten(overbrenging.pk)
    return overbrenging


def werkmap(overbrenging: Overbrenging) -> Path:
    return Path(settings.TRANSFER_WORK_DIR) / str(overbrenging.uuid)


def _plan(overbrenging: Overbrenging) -> None:
    """Fix the clock and the containers: the same package on every run from here on."""
    items = list(overbrenging.items.order_by("identificatie", "zaak"))
    sizes = [estimated_size(item.omvang, len(item.documenten)) for item in items]
    plan = plan_containers(sizes, overbrenging.afspraak.max_container_omvang)
    with transaction.atomic():
        overbrenging.peilmoment = timezone.now().replace(microsecond=0)
        overbrenging.save(update_fields=["peilmoment"])
        overbrenging.containers.all().delete()
        for number, indexes in enumerate(plan, start=1):
            OverbrengingContainer.objects.create(overbrenging=overbrenging, volgnummer=number)
            OverbrengingItem.objects.filter(pk__in=[items[i].pk for i in indexes]).update(container=number)
        _transition(overbrenging, Status.verpakken, "overbrenging-werker")


def _builder(overbrenging: Overbrenging) -> SipBuilder:
    return SipBuilder(
        overbrenging.afspraak.sip_afspraak(),
        naam=overbrenging.naam,
        clock=overbrenging.peilmoment,
        out_dir=werkmap(overbrenging),
    )


def _build(overbrenging: Overbrenging, container: OverbrengingContainer, bron: ZGWBron) -> None:
    items = {item.zaak: item for item in overbrenging.items.filter(container=container.volgnummer)}
    zaken, weg = [], {}
    for url in items:
        try:
            zaken.append(bron.zaak_gegevens(url))
        except ClientError as exc:
            if exc.status not in GONE:
                raise  # unreachable or failing: the whole step is retried later
            weg[url] = f"De zaak of een van haar gegevens is er niet meer: {exc}"
    aantal = overbrenging.containers.count()
    resultaat = _builder(overbrenging).build_container(container.volgnummer, aantal, sort_zaken(zaken))
    with transaction.atomic():
        for uitkomst in resultaat.items:
            item = items[uitkomst.zaak_url]
            item.status = ItemStatus.verpakt if uitkomst.ok else ItemStatus.fout
            item.map, item.fout_code, item.fout = uitkomst.map, uitkomst.code, uitkomst.fout
            item.save(update_fields=["status", "map", "fout_code", "fout"])
        for url, fout in weg.items():
            item = items[url]
            item.status, item.fout_code, item.fout = ItemStatus.fout, "bron", fout
            item.save(update_fields=["status", "fout_code", "fout"])
        container.naam = resultaat.pad.name
        container.omvang, container.checksum = resultaat.omvang, resultaat.checksum
        container.status, container.gebouwd_op = ContainerStatus.gebouwd, timezone.now()
        container.save()


def _deliver(overbrenging: Overbrenging, container: OverbrengingContainer) -> None:
    builder = _builder(overbrenging)
    doel = doel_voor(overbrenging.afspraak)
    bestanden = [
        builder.container_pad(container.volgnummer),
        builder.out_dir / f"{builder.container_naam(container.volgnummer)}.pakbon.xml",
        builder.out_dir / f"{container.naam}.{overbrenging.afspraak.checksum_algoritme}",
    ]
    for bestand in bestanden:  # the container first: the pakbon announces a complete one
        if doel.omvang(bestand.name) == bestand.stat().st_size and (
            bestand.name != container.naam
            or doel.checksum(bestand.name, overbrenging.afspraak.checksum_algoritme) == container.checksum
        ):
            continue  # already there, complete: an earlier run delivered it
        doel.plaats(bestand, bestand.name)
    container.status, container.afgeleverd_op = ContainerStatus.afgeleverd, timezone.now()
    container.save(update_fields=["status", "afgeleverd_op"])


def _verify(overbrenging: Overbrenging, container: OverbrengingContainer) -> bool:
    """Read the delivered container back; a damaged copy goes back to be delivered again."""
    doel = doel_voor(overbrenging.afspraak)
    delivered = doel.checksum(container.naam, overbrenging.afspraak.checksum_algoritme)
    if delivered == container.checksum:
        container.status, container.geverifieerd_op = ContainerStatus.geverifieerd, timezone.now()
        container.save(update_fields=["status", "geverifieerd_op"])
        return True
    container.afleverpogingen += 1
    message = f"De afgeleverde container {container.naam} heeft checksum {delivered}, verwacht {container.checksum}."
    if container.afleverpogingen >= MAX_AFLEVERPOGINGEN:
        raise DomainError(
            message + " Het doel beschadigt de container bij elke aflevering.", code="verificatie-mislukt"
        )
    container.status = ContainerStatus.gebouwd
    container.save(update_fields=["status", "afleverpogingen"])
    overbrenging.fout = message + " Hij wordt opnieuw afgeleverd."
    overbrenging.save(update_fields=["fout"])
    return False


def overbrenging_stap(overbrenging_id: int, *, bron: ZGWBron | None = None) -> bool:
    """Do the next piece of work of a transfer; True while there is more to do.

    Safe to call again at any time, also after an interruption: each step starts from
    what the database says is done.
    """
    overbrenging = Overbrenging.objects.select_related("afspraak__archiefinstelling").get(pk=overbrenging_id)
    if overbrenging.status == Status.goedgekeurd:
        _plan(overbrenging)
        return True
    if overbrenging.status in (Status.geaccepteerd, Status.deels_geaccepteerd, Status.afgewezen):
        overbrenging_afronden(overbrenging, bron=bron)
        return False
    if overbrenging.status not in (Status.verpakken, Status.afgeleverd):
        return False
    containers = list(overbrenging.containers.all())
    gepland = [c for c in containers if c.status == ContainerStatus.gepland]
    if gepland:
        with bron or ZGWBron() as zgw:
            _build(overbrenging, gepland[0], zgw)
        return True
    for container in containers:
        if container.status == ContainerStatus.gebouwd:
            _deliver(overbrenging, container)
    if overbrenging.status == Status.verpakken:
        _transition(overbrenging, Status.afgeleverd, "overbrenging-werker")
    verified = [_verify(overbrenging, c) for c in containers if c.status == ContainerStatus.afgeleverd]
    if not all(verified):
        return True
    _transition(overbrenging, Status.geverifieerd, "overbrenging-werker")
    shutil.rmtree(werkmap(overbrenging), ignore_errors=True)
    return False


def overbrenging_beoordelen(
    *, overbrenging: Overbrenging, uitslagen: list[dict], door: AbstractBaseUser
) -> Overbrenging:
    """The archive's verdict per case: `{"zaak": URL, "geaccepteerd": bool, "reden": str}`,
    recorded by the archivist.

    May come in parts; once every packaged case has a verdict, the transfer is accepted,
    partly accepted or rejected, and completion starts.
    """
    from .tasks import overbrenging_starten

    roles.require_perm(door, roles.VERDICT_TRANSFER, "archivaris")

    with transaction.atomic():
        overbrenging = Overbrenging.objects.select_for_update().get(pk=overbrenging.pk)
        if overbrenging.status != Status.geverifieerd:
            raise DomainError(
                f"Een overbrenging met status {overbrenging.status} kan niet beoordeeld worden; "
                "dat kan pas als zij is afgeleverd en geverifieerd.",
                code="ongeldige-statusovergang",
                field="status",
            )
        items = {item.zaak: item for item in overbrenging.items.all()}
        problems = []
        for index, uitslag in enumerate(uitslagen):
            item = items.get(uitslag.get("zaak"))
            if item is None or item.status not in (ItemStatus.verpakt, ItemStatus.geaccepteerd, ItemStatus.afgewezen):
                problems.append(
                    {
                        "name": f"uitslagen.{index}.zaak",
                        "code": "onbekende-zaak",
                        "reason": "Deze zaak is niet afgeleverd.",
                    }
                )
            elif not uitslag.get("geaccepteerd") and not (uitslag.get("reden") or "").strip():
                problems.append(
                    {"name": f"uitslagen.{index}.reden", "code": "required", "reason": "Een afwijzing heeft een reden."}
                )
        if problems:
            raise DomainError("De uitslag klopt niet.", code="invalid", invalid_params=problems)
        now = timezone.now()
        for uitslag in uitslagen:
            item = items[uitslag["zaak"]]
            item.status = ItemStatus.geaccepteerd if uitslag["geaccepteerd"] else ItemStatus.afgewezen
            item.reden, item.beoordeeld_op = uitslag.get("reden") or "", now
            item.beoordeeld_door = door.get_username()
            item.save(update_fields=["status", "reden", "beoordeeld_op", "beoordeeld_door"])
        statuses = [item.status for item in items.values() if item.status != ItemStatus.fout]
        if ItemStatus.verpakt in statuses:
            return overbrenging
        accepted = statuses.count(ItemStatus.geaccepteerd)
        if accepted == len(statuses):
            naar = Status.geaccepteerd
        elif accepted:
            naar = Status.deels_geaccepteerd
        else:
            naar = Status.afgewezen
        _transition(overbrenging, naar, door.get_username(), f"{accepted} van {len(statuses)} zaken geaccepteerd")
        overbrenging_starten(overbrenging.pk)
    return overbrenging


def ontvangstbewijs_uitslagen(data: bytes, overbrenging: Overbrenging) -> list[dict]:
    """The verdicts in an archive's receipt (XML from outside, parsed safely).

    `<ontvangstbewijs><zaak identificatie="…" status="geaccepteerd|afgewezen">reden</zaak>…`
    """
    try:
        root = parse_untrusted(data).getroot()
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise DomainError(f"Het ontvangstbewijs is geen leesbare XML: {exc}", code="ongeldig-ontvangstbewijs") from exc
    if etree.QName(root).localname != "ontvangstbewijs":
        raise DomainError("Het ontvangstbewijs heeft niet de vorm <ontvangstbewijs>.", code="ongeldig-ontvangstbewijs")
    by_identificatie = {item.identificatie: item.zaak for item in overbrenging.items.all()}
    uitslagen = []
    for element in root:
        if not isinstance(element.tag, str) or etree.QName(element).localname != "zaak":
            continue
        zaak = by_identificatie.get(element.get("identificatie") or "", element.get("url") or "")
        status = element.get("status")
        if status not in ("geaccepteerd", "afgewezen"):
            raise DomainError(
                f"Zaak {element.get('identificatie')}: status {status!r}, verwacht geaccepteerd of afgewezen.",
                code="ongeldig-ontvangstbewijs",
            )
        uitslagen.append(
            {"zaak": zaak, "geaccepteerd": status == "geaccepteerd", "reden": (element.text or "").strip()}
        )
    return uitslagen


def verklaring_xml(overbrenging: Overbrenging) -> bytes:
    """The verklaring van overbrenging: what went to which archive, with its access restrictions."""
    afspraak = overbrenging.afspraak
    root = etree.Element("verklaringVanOverbrenging")
    for tag, value in (
        ("overbrenging", overbrenging.naam),
        ("archiefinstelling", afspraak.archiefinstelling.naam),
        ("archiefvormer", afspraak.archiefvormer_naam),
        ("vervroegd", "ja" if overbrenging.vervroegd else "nee"),
        ("datum", tijd.vandaag().isoformat()),
    ):
        etree.SubElement(root, tag).text = value
    stukken = etree.SubElement(root, "overgebrachteStukken")
    for item in overbrenging.items.filter(status__in=[ItemStatus.geaccepteerd, ItemStatus.overgedragen]):
        zaak = etree.SubElement(stukken, "zaak", identificatie=item.identificatie, url=item.zaak)
        etree.SubElement(zaak, "einddatum").text = item.einddatum.isoformat() if item.einddatum else ""
        etree.SubElement(zaak, "aantalDocumenten").text = str(len(item.documenten))
        beperking = etree.SubElement(zaak, "openbaarheidsbeperking")
        if item.beperking_einde:
            etree.SubElement(beperking, "grond").text = afspraak.beperking_grond
            etree.SubElement(beperking, "eindjaar").text = str(item.beperking_einde)
        else:
            beperking.text = "openbaar"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def overbrenging_afronden(overbrenging: Overbrenging, *, bron: ZGWBron | None = None) -> None:
    """After the verdict: archiefstatus `overgedragen`, local copies, the verklaring; then afgerond.

    Item by item and checkpointed, so a rerun after an interruption continues.
    """
    if overbrenging.status == Status.afgewezen:
        _transition(overbrenging, Status.afgerond, "overbrenging-werker", "afgewezen door het archief")
        return
    afspraak = overbrenging.afspraak
    with bron or ZGWBron() as zgw:
        # Found (or made) first, so no case is marked overgedragen without its verklaring following.
        try:
            informatieobjecttype = inrichting.verklaringtypen(
                catalogi=zgw.catalogi, nodig=("overbrenging",)
            ).overbrenging
            rsin = inrichting.vereiste_bronorganisatie(catalogi=zgw.catalogi)
        except (inrichting.InrichtingError, ClientError) as exc:
            raise DomainError(
                f"De verklaring van overbrenging kan niet worden opgeslagen: {exc}", code="configuratie"
            ) from exc
        for item in overbrenging.items.filter(status=ItemStatus.geaccepteerd):
            if not item.archiefstatus_gezet:
                zgw.zet_overgedragen(item.zaak)
                item.archiefstatus_gezet = True
                item.save(update_fields=["archiefstatus_gezet"])
            if not item.lokale_kopie_verwerkt:
                if afspraak.lokale_kopie == LokaleKopie.inhoud_vernietigen:
                    for url in item.documenten:
                        zgw.vernietig_inhoud(url)
                item.lokale_kopie_verwerkt = True
                item.save(update_fields=["lokale_kopie_verwerkt"])
        if not overbrenging.verklaring:
            overbrenging.verklaring = zgw.verklaring_opslaan(
                titel=f"Verklaring van overbrenging {overbrenging.naam}",
                bestandsnaam=f"verklaring-van-overbrenging-{overbrenging.naam}.xml",
                inhoud=verklaring_xml(overbrenging),
                bronorganisatie=rsin,
                informatieobjecttype=informatieobjecttype,
            )
            overbrenging.save(update_fields=["verklaring"])
    overbrenging.items.filter(status=ItemStatus.geaccepteerd, archiefstatus_gezet=True).update(
        status=ItemStatus.overgedragen
    )
    _transition(overbrenging, Status.afgerond, "overbrenging-werker")
