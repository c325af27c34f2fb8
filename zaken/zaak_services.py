"""Writes of the Zaken and Besluiten APIs, with the rules of the standard and of archiving.

The rules, in short:
- a zaak's identificatie is generated when absent, unique per bronorganisatie, and
  immutable, as is its zaaktype (`identificatie-niet-uniek`, `wijzigen-niet-toegelaten`);
- a zaak is created only for a published zaaktype (`not-published`);
- setting the eindstatus closes the zaak and derives its archiving parameters
  (`zaken.brondatum`); a later change of an input recomputes them; a new status that is
  not the eindstatus reopens the zaak and clears them;
- closing is refused while a related document is locked or has no indicatieGebruiksrecht,
  or while deelzaken are open;
- an archiefstatus other than `nog_te_archiveren` needs archiefnominatie, archiefactiedatum
  and every related document `gearchiveerd`; from then on the parts of the zaak no longer
  change (`zaak-archiefstatus-invalid`).
Scope rules (closed zaken, reopening) are checked by the views, which know the client.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone

from common import tijd
from common.clients import ClientError
from common.constants import Archiefstatus
from common.exceptions import DomainError, camel_name
from common.safe_urls import segments_below
from common.volgnummers import identificatie_nemen

from . import brondatum, zaaktellingen
from .clients import BadReferenceError, DocumentenClient, object_gegevens
from .models import (
    Besluit,
    BesluitInformatieObject,
    KlantContact,
    Resultaat,
    Rol,
    SpiegelVerwijdering,
    Status,
    Volgnummer,
    Zaak,
    ZaakBesluit,
    ZaakEigenschap,
    ZaakInformatieObject,
    ZaakObject,
    ZaakTelling,
    ZaakType,
)

logger = logging.getLogger(__name__)

ZAKEN_COLLECTIONS: dict[type[models.Model], str] = {
    Zaak: "zaken",
    KlantContact: "klantcontacten",
    Rol: "rollen",
    ZaakEigenschap: "zaakeigenschappen",
    Status: "statussen",
    Resultaat: "resultaten",
    ZaakObject: "zaakobjecten",
    ZaakInformatieObject: "zaakinformatieobjecten",
}


def _root(setting: str) -> str:
    root = getattr(settings, setting)
    return root if root.endswith("/") else root + "/"


def zaken_url(obj: models.Model) -> str:
    """The public URL of a resource of the Zaken API, under the configured API root."""
    root = _root("ZAKEN_API_ROOT")
    if isinstance(obj, ZaakEigenschap):
        return f"{root}zaken/{obj.zaak.uuid}/zaakeigenschappen/{obj.uuid}"
    if isinstance(obj, ZaakBesluit):
        return f"{root}zaken/{obj.zaak.uuid}/besluiten/{obj.uuid}"
    return f"{root}{ZAKEN_COLLECTIONS[type(obj)]}/{obj.uuid}"


def besluiten_url(obj: models.Model) -> str:
    root = _root("BESLUITEN_API_ROOT")
    collection = "besluiten" if isinstance(obj, Besluit) else "besluitinformatieobjecten"
    return f"{root}{collection}/{obj.uuid}"


def _error(detail: str, code: str, field: str = "nonFieldErrors", status_code: int = 400) -> DomainError:
    """A refusal about `field` (named as in the model; it is reported in the API's camelCase)."""
    return DomainError(detail, code, field=camel_name(field), status_code=status_code)


# --- zaak ----------------------------------------------------------------------------------


def _identificatie_generate(zaak: Zaak) -> str:
    """`ZAAK-<year>-<ten digits>`: the next number of this bronorganisatie's counter for the
    year of registratie (`common.volgnummers`), never one handed out before."""
    prefix = f"ZAAK-{zaak.registratiedatum.year}-"
    return identificatie_nemen(
        Volgnummer,
        soort="zaak",
        sleutel=zaak.bronorganisatie,
        jaar=zaak.registratiedatum.year,
        vorm=lambda number: f"{prefix}{number:010d}",
        bezet=lambda kandidaat: Zaak.objects.filter(
            bronorganisatie=zaak.bronorganisatie, identificatie=kandidaat
        ).exists(),
    )


def _ensure_unique_identificatie(zaak: Zaak) -> None:
    clash = Zaak.objects.filter(bronorganisatie=zaak.bronorganisatie, identificatie=zaak.identificatie)
    if zaak.pk:
        clash = clash.exclude(pk=zaak.pk)
    if clash.exists():
        raise _error(
            "Deze identificatie bestaat al voor deze bronorganisatie.", "identificatie-niet-uniek", "identificatie"
        )


def _ensure_zaaktype_published(zaaktype: ZaakType) -> None:
    if zaaktype.concept:
        raise _error("Het ZAAKTYPE is nog niet gepubliceerd (concept).", "not-published", "zaaktype")


def _ensure_hoofdzaak(zaak: Zaak, hoofdzaak: Zaak | None) -> None:
    """Rule: a deelzaak cannot itself be a hoofdzaak, nor its own hoofdzaak."""
    if hoofdzaak is None:
        return
    if zaak.pk and hoofdzaak.pk == zaak.pk:
        raise _error("Een zaak kan niet zijn eigen hoofdzaak zijn.", "self-forbidden", "hoofdzaak")
    if hoofdzaak.hoofdzaak_id is not None:
        raise _error("Een deelzaak kan geen hoofdzaak zijn.", "deelzaak-als-hoofdzaak", "hoofdzaak")


def _ensure_betaling(data: dict, zaak: Zaak | None) -> None:
    indicatie = data.get("betalingsindicatie", getattr(zaak, "betalingsindicatie", ""))
    laatste = data.get("laatste_betaaldatum", getattr(zaak, "laatste_betaaldatum", None))
    if laatste is not None and laatste > timezone.now():
        raise _error("`laatsteBetaaldatum` mag niet in de toekomst liggen.", "date-in-future", "laatsteBetaaldatum")
    if laatste is not None and indicatie == "nvt":
        raise _error(
            "`laatsteBetaaldatum` mag niet gezet worden als de betalingsindicatie `nvt` is.",
            "betaling-nvt",
            "laatsteBetaaldatum",
        )


def _ensure_archiefstatus(zaak: Zaak) -> None:
    """Rule (Zaken API, `Zaak.archiefstatus`): an archiefstatus other than
    `nog_te_archiveren` needs every related document in status `gearchiveerd`, an
    archiefnominatie and an archiefactiedatum (checked in that order)."""
    if zaak.archiefstatus == Archiefstatus.nog_te_archiveren:
        return
    documenten = DocumentenClient()
    for url in zaak.zaakinformatieobjecten.values_list("informatieobject", flat=True):
        if _informatieobject(documenten, url, "archiefstatus").get("status") != "gearchiveerd":
            raise _error(
                "Alle gerelateerde informatieobjecten moeten de status `gearchiveerd` hebben.",
                "documents-not-archived",
                "archiefstatus",
            )
    if not zaak.archiefnominatie:
        raise _error(
            "Er moet een archiefnominatie zijn als de archiefstatus niet `nog_te_archiveren` is.",
            "archiefnominatie-not-set",
            "archiefnominatie",
        )
    if not zaak.archiefactiedatum:
        raise _error(
            "Er moet een archiefactiedatum zijn als de archiefstatus niet `nog_te_archiveren` is.",
            "archiefactiedatum-not-set",
            "archiefactiedatum",
        )


@transaction.atomic
def zaak_create(*, data: dict[str, Any]) -> Zaak:
    _ensure_zaaktype_published(data["zaaktype"])
    zaak = Zaak(**{k: v for k, v in data.items()})
    _ensure_hoofdzaak(zaak, zaak.hoofdzaak)
    _ensure_betaling(data, None)
    if zaak.identificatie:
        _ensure_unique_identificatie(zaak)
    _ensure_archiefstatus(zaak)
    if not zaak.identificatie:
        # Last, so the counter's row is held for as short a time as possible.
        zaak.identificatie = _identificatie_generate(zaak)
    try:
        with transaction.atomic():
            zaak.save()
    except IntegrityError:
        # A concurrent request stored the same client-given identificatie first.
        _ensure_unique_identificatie(zaak)
        raise
    logger.info("zaak_created", extra={"zaak": str(zaak.uuid)})
    return zaak


ARCHIVERING_INVOER = {"relevante_andere_zaken", "startdatum_bewaartermijn", "hoofdzaak"}


@transaction.atomic
def zaak_update(*, zaak: Zaak, data: dict[str, Any]) -> Zaak:
    if "zaaktype" in data and data["zaaktype"] != zaak.zaaktype:
        raise _error("Het zaaktype van een zaak mag niet gewijzigd worden.", "wijzigen-niet-toegelaten", "zaaktype")
    if "identificatie" in data and data["identificatie"] != zaak.identificatie:
        raise _error(
            "De identificatie van een zaak mag niet gewijzigd worden.", "wijzigen-niet-toegelaten", "identificatie"
        )
    if "bronorganisatie" in data and data["bronorganisatie"] != zaak.bronorganisatie:
        raise _error(
            "De bronorganisatie van een zaak mag niet gewijzigd worden.", "wijzigen-niet-toegelaten", "bronorganisatie"
        )
    _ensure_hoofdzaak(zaak, data.get("hoofdzaak", zaak.hoofdzaak))
    _ensure_betaling(data, zaak)
    for name, value in data.items():
        setattr(zaak, name, value)
    _ensure_archiefstatus(zaak)
    zaak.save()
    if zaak.is_closed and ARCHIVERING_INVOER & set(data):
        zaak_archiefparameters_bijwerken(zaak=zaak)
    return zaak


@transaction.atomic
def zaak_delete(*, zaak: Zaak) -> None:
    """Delete a zaak with its parts and deelzaken; the mirrored relations in the Documenten
    API go too."""
    for deelzaak in zaak.deelzaken.all():
        zaak_delete(zaak=deelzaak)
    for zio in zaak.zaakinformatieobjecten.all():
        _mirror_removal_queue(zio.informatieobject, zaken_url(zaak))
    ZaakBesluit.objects.filter(zaak=zaak).delete()
    Besluit.objects.filter(zaak=zaak).update(zaak=None)
    zaak.delete()


def ensure_zaak_changeable(zaak: Zaak) -> None:
    """Rule: once archived (archiefstatus not `nog_te_archiveren`) the parts of a zaak do not change."""
    if zaak.archiefstatus != Archiefstatus.nog_te_archiveren:
        raise _error(
            "De zaak is gearchiveerd (archiefstatus is niet `nog_te_archiveren`): haar onderdelen wijzigen niet meer.",
            "zaak-archiefstatus-invalid",
        )


# --- archiving parameters ----------------------------------------------------------------------


def _relevante_einddatums(zaak: Zaak) -> list[dt.date | None]:
    """The einddatum of each relevante andere zaak in this Zaken API."""
    root = _root("ZAKEN_API_ROOT") + "zaken/"
    uuids = []
    for relatie in zaak.relevante_andere_zaken or []:
        url = relatie.get("url", "") if isinstance(relatie, dict) else ""
        segments = segments_below(url, root)
        if segments is None or len(segments) != 1:
            continue
        try:
            uuids.append(uuid.UUID(segments[0]))
        except ValueError:
            continue
    return list(Zaak.objects.filter(uuid__in=uuids).values_list("einddatum", flat=True))


def _zaakobject_gegevens(zaakobject: ZaakObject) -> dict:
    gegevens = dict(zaakobject.object_identificatie or {})
    if zaakobject.object:
        for key, value in object_gegevens(zaakobject.object).items():
            gegevens.setdefault(key, value)
    return gegevens


def brondatum_invoer(zaak: Zaak) -> brondatum.BrondatumInput | None:
    """Gather what the brondatum of a closed zaak may be derived from; None without resultaat."""
    resultaat = Resultaat.objects.filter(zaak=zaak).select_related("resultaattype").first()
    if resultaat is None or zaak.einddatum is None:
        return None
    resultaattype = resultaat.resultaattype
    procedure = resultaattype.brondatum_archiefprocedure
    wijze = procedure["afleidingswijze"]
    zaakobjecten: Iterable[tuple[str, dict]] = ()
    if wijze == "zaakobject":
        zaakobjecten = [(zo.object_type, _zaakobject_gegevens(zo)) for zo in zaak.zaakobjecten.all()]
    hoofdzaak = zaak.hoofdzaak
    return brondatum.BrondatumInput(
        einddatum=zaak.einddatum,
        archiefnominatie=resultaattype.archiefnominatie,
        archiefactietermijn=resultaattype.archiefactietermijn,
        afleidingswijze=wijze,
        procestermijn=procedure["procestermijn"],
        datumkenmerk=procedure["datumkenmerk"],
        objecttype=procedure["objecttype"],
        eigenschappen=dict(zaak.zaakeigenschappen.values_list("naam", "waarde")),
        zaakobjecten=zaakobjecten,
        besluiten=list(zaak.besluiten.values_list("ingangsdatum", "vervaldatum")),
        gerelateerde_einddatums=_relevante_einddatums(zaak) if wijze == "gerelateerde_zaak" else (),
        heeft_hoofdzaak=hoofdzaak is not None,
        hoofdzaak_einddatum=hoofdzaak.einddatum if hoofdzaak else None,
        opgegeven_brondatum=zaak.startdatum_bewaartermijn if wijze == "ander_datumkenmerk" else None,
    )


def zaak_archiefparameters_bijwerken(*, zaak: Zaak) -> Zaak:
    """Derive (again) archiefnominatie, startdatumBewaartermijn and archiefactiedatum of a closed zaak.

    Called when the eindstatus is set and whenever an input changes afterwards. Refuses
    (and so rolls back the change that called it) when the brondatum cannot be derived.
    Deelzaken whose brondatum is their hoofdzaak's einddatum follow.
    """
    invoer = brondatum_invoer(zaak)
    if invoer is None:
        return zaak
    try:
        parameters = brondatum.archiefparameters(invoer)
    except brondatum.BrondatumError as exc:
        raise _error(str(exc), exc.code) from exc
    zaak.archiefnominatie = parameters.archiefnominatie
    zaak.startdatum_bewaartermijn = parameters.startdatum_bewaartermijn
    zaak.archiefactiedatum = parameters.archiefactiedatum
    zaak.save(update_fields=["archiefnominatie", "startdatum_bewaartermijn", "archiefactiedatum"])
    _deelzaken_bijwerken(zaak)
    return zaak


def _deelzaken_bijwerken(hoofdzaak: Zaak) -> None:
    """Rule (afleidingswijze `hoofdzaak`): closed deelzaken follow their hoofdzaak's einddatum."""
    deelzaken = hoofdzaak.deelzaken.filter(
        einddatum__isnull=False, resultaat__resultaattype__brondatum_archiefprocedure_afleidingswijze="hoofdzaak"
    )
    for deelzaak in deelzaken:
        deelzaak.hoofdzaak = hoofdzaak
        zaak_archiefparameters_bijwerken(zaak=deelzaak)


def _zaak_heropenen(zaak: Zaak) -> None:
    """Rule (Zaken API, reopening): a new status that is not the eindstatus reopens the
    zaak; einddatum and the three archiving fields are cleared."""
    zaak.einddatum = None
    zaak.archiefnominatie = ""
    zaak.startdatum_bewaartermijn = None
    zaak.archiefactiedatum = None
    zaak.save(update_fields=["einddatum", "archiefnominatie", "startdatum_bewaartermijn", "archiefactiedatum"])
    _deelzaken_bijwerken(zaak)


def _ensure_afsluitbaar(zaak: Zaak) -> None:
    """Rules for closing: no open deelzaken; every related document unlocked and with its
    indicatieGebruiksrecht set (Zaken API, `POST /statussen`)."""
    if zaak.deelzaken.filter(einddatum__isnull=True).exists():
        raise _error("De zaak heeft nog open deelzaken.", "deelzaken-not-closed")
    documenten = DocumentenClient()
    for url in zaak.zaakinformatieobjecten.values_list("informatieobject", flat=True):
        document = _informatieobject(documenten, url, "nonFieldErrors")
        if document.get("locked"):
            raise _error(f"Het informatieobject {url} is gelockt.", "informatieobject-locked")
        if document.get("indicatieGebruiksrecht") is None:
            raise _error(
                f"Van het informatieobject {url} is `indicatieGebruiksrecht` niet gezet.",
                "indicatiegebruiksrecht-unset",
            )


def is_eindstatus(status: Status) -> bool:
    """The statustype with the highest volgnummer of the zaaktype is the eindstatus."""
    hoogste = status.statustype.zaaktype.statustypen.aggregate(m=models.Max("volgnummer"))["m"]
    return status.statustype.volgnummer == hoogste


@transaction.atomic
def status_create(*, data: dict[str, Any]) -> Status:
    zaak: Zaak = data["zaak"]
    statustype = data["statustype"]
    if statustype.zaaktype_id != zaak.zaaktype_id:
        raise _error("Het statustype hoort niet bij het zaaktype van de zaak.", "zaaktype-mismatch")
    ensure_zaak_changeable(zaak)
    status = Status(**data)
    if is_eindstatus(status):
        _ensure_afsluitbaar(zaak)
        if not Resultaat.objects.filter(zaak=zaak).exists():
            raise _error(
                "Een zaak sluit pas af als zij een resultaat heeft (het resultaattype bepaalt de archivering).",
                "resultaat-does-not-exist",
            )
        status.save()
        gezet = status.datum_status_gezet
        zaak.einddatum = tijd.lokaal(gezet).date() if timezone.is_aware(gezet) else gezet.date()
        zaak.save(update_fields=["einddatum"])
        zaak_archiefparameters_bijwerken(zaak=zaak)
    else:
        status.save()
        if zaak.is_closed:
            _zaak_heropenen(zaak)
    return status


def _klantcontact_identificatie() -> str:
    """`KC-` and ten digits: the next number of the klantcontact counter (`common.volgnummers`)."""
    return identificatie_nemen(
        Volgnummer,
        soort="klantcontact",
        vorm=lambda number: f"KC-{number:010d}",
        bezet=lambda kandidaat: KlantContact.objects.filter(identificatie=kandidaat).exists(),
    )


def zaak_recompute_if_closed(zaak: Zaak) -> None:
    if zaak.is_closed:
        zaak.refresh_from_db()
        zaak_archiefparameters_bijwerken(zaak=zaak)


@transaction.atomic
def onderdeel_save(*, instance: models.Model, data: dict[str, Any]) -> models.Model:
    """Create or update a part of a zaak (resultaat, rol, zaakobject, zaakeigenschap, …);
    a closed zaak's archiving parameters follow."""
    zaak = data.get("zaak") or instance.zaak
    if instance.pk and "zaak" in data and data["zaak"] != instance.zaak:
        raise _error("De zaak van dit object mag niet gewijzigd worden.", "wijzigen-niet-toegelaten", "zaak")
    ensure_zaak_changeable(zaak)
    if isinstance(instance, Resultaat):
        resultaattype = data.get("resultaattype", getattr(instance, "resultaattype", None))
        if resultaattype is not None and resultaattype.zaaktype_id != zaak.zaaktype_id:
            raise _error("Het resultaattype hoort niet bij het zaaktype van de zaak.", "zaaktype-mismatch")
        if not instance.pk and Resultaat.objects.filter(zaak=zaak).exists():
            raise _error("De zaak heeft al een resultaat.", "unique", "zaak")
    if isinstance(instance, KlantContact) and not data.get("identificatie") and not instance.identificatie:
        data["identificatie"] = _klantcontact_identificatie()
    if isinstance(instance, ZaakEigenschap):
        eigenschap = data.get("eigenschap", getattr(instance, "eigenschap", None))
        if eigenschap.zaaktype_id != zaak.zaaktype_id:
            raise _error("De eigenschap hoort niet bij het zaaktype van de zaak.", "zaaktype-mismatch")
        data["naam"] = eigenschap.naam
    for name, value in data.items():
        setattr(instance, name, value)
    instance.save()
    zaak_recompute_if_closed(zaak)
    return instance


@transaction.atomic
def onderdeel_delete(*, instance: models.Model) -> None:
    zaak = instance.zaak
    ensure_zaak_changeable(zaak)
    instance.delete()
    if isinstance(instance, Resultaat):
        return  # without resultaat there is nothing to derive from; the values stay as they are
    zaak_recompute_if_closed(zaak)


# --- documents ---------------------------------------------------------------------------------


def _informatieobject(
    documenten: DocumentenClient, url: str, field: str, zichtbaar: Callable[[dict], bool] | None = None
) -> dict:
    """The document at `url`. One the client may not see (`zichtbaar`) is refused exactly as one
    that does not exist: the answer tells nothing of it."""
    try:
        document = documenten.informatieobject(url)
    except BadReferenceError as exc:
        raise _error(str(exc), exc.code, field) from exc
    if zichtbaar is not None and not zichtbaar(document):
        raise _error(f"{url} antwoordde 404.", "bad-url", field)
    return document


def _uuid_or_none(value: str) -> uuid.UUID | None:
    return uuid.UUID(value) if value else None


def _ensure_informatieobjecttype(document: dict, toegestaan: models.QuerySet, code: str, wat: str) -> None:
    """Rule (Zaken API `zaakinformatieobjecten`, Besluiten API `besluitinformatieobjecten`): the
    document's informatieobjecttype is one of the zaaktype's (besluittype's) informatieobjecttypen."""
    url = str(document.get("informatieobjecttype") or "")
    segments = segments_below(url, _root("CATALOGI_API_ROOT") + "informatieobjecttypen/")
    uuid = segments[0] if segments and len(segments) == 1 else ""
    try:
        uuid_value = _uuid_or_none(uuid)
    except ValueError:
        uuid_value = None
    if uuid_value is None or not toegestaan.filter(uuid=uuid_value).exists():
        raise _error(f"Het informatieobjecttype van het document hoort niet bij het {wat}.", code)


# --- mirrored relations in the Documenten API ----------------------------------------------------
#
# A zaakinformatieobject or besluitinformatieobject has its mirror, an objectinformatieobject,
# in the Documenten API. Neither side's write happens inside the other's transaction: ours is
# committed first, then the Documenten API is asked (it checks the relation through this API,
# so it must be able to see it), and a refusal undoes ours (the views' `undo_create`). A
# removal is written down in the same transaction as ours (`SpiegelVerwijdering`) and carried
# out after the commit, and by the beat while the Documenten API does not answer.


def _spiegelen(*, informatieobject: str, object_url: str, object_type: str) -> None:
    """Create the mirror. When the Documenten API refuses or fails, what it holds decides:
    a mirror that is there after all (stored before a 500, or left by a removal still waiting)
    is the mirror; none, or no answer, refuses the relation, whose undo then writes down the
    removal of whatever may have been stored (`spiegel_opruimen`)."""
    documenten = DocumentenClient()
    # The relation exists (again): a removal of its mirror still waiting must not happen.
    SpiegelVerwijdering.objects.filter(informatieobject=informatieobject, object=object_url).delete()
    try:
        documenten.objectinformatieobject_create(
            informatieobject=informatieobject, object_url=object_url, object_type=object_type
        )
    except ClientError as exc:
        try:
            there = documenten.objectinformatieobject_exists(informatieobject=informatieobject, object_url=object_url)
        except ClientError:
            there = False
        if there:
            logger.warning(
                "objectinformatieobject_there_after_error", extra={"url": informatieobject, "error": str(exc)}
            )
            return
        raise _error(f"De Documenten API weigerde de relatie: {exc}", "objectinformatieobject-create-failed") from exc


def _mirror_removal_queue(informatieobject: str, object_url: str) -> None:
    """Write the removal down; carried out as soon as this transaction (if any) is committed,
    before the answer goes out: a ZGW client that removed a relation finds its mirror gone
    (the VNG collection asserts it). While the Documenten API does not answer, the beat tries
    again (`spiegels_verwijderen`)."""
    verwijdering = SpiegelVerwijdering.objects.create(informatieobject=informatieobject, object=object_url)
    transaction.on_commit(lambda: spiegel_verwijderen(verwijdering.pk))


def spiegel_verwijderen(pk: int) -> bool:
    """Carry out one written-down removal; True when it is done (or was done already)."""
    verwijdering = SpiegelVerwijdering.objects.filter(pk=pk).first()
    if verwijdering is None:
        return True
    if (
        ZaakInformatieObject.objects.filter(informatieobject=verwijdering.informatieobject)
        .filter(zaak__uuid=_uuid_at_end(verwijdering.object))
        .exists()
        or BesluitInformatieObject.objects.filter(informatieobject=verwijdering.informatieobject)
        .filter(besluit__uuid=_uuid_at_end(verwijdering.object))
        .exists()
    ):
        # The relation was made again in the meantime: its mirror must stay.
        verwijdering.delete()
        return True
    try:
        DocumentenClient().objectinformatieobject_delete(
            informatieobject=verwijdering.informatieobject, object_url=verwijdering.object
        )
    except Exception as exc:
        verwijdering.pogingen += 1
        verwijdering.laatste_fout = str(exc)[:2000]
        verwijdering.volgende_poging = timezone.now() + dt.timedelta(seconds=min(3600, 30 * 2**verwijdering.pogingen))
        verwijdering.save(update_fields=["pogingen", "laatste_fout", "volgende_poging"])
        logger.warning("spiegel_verwijderen_failed", extra={"url": verwijdering.informatieobject, "error": str(exc)})
        return False
    verwijdering.delete()
    return True


def spiegels_verwijderen() -> int:
    """Periodic: every written-down removal that is due; the number carried out."""
    due = SpiegelVerwijdering.objects.filter(volgende_poging__lte=timezone.now()).values_list("pk", flat=True)
    return sum(spiegel_verwijderen(pk) for pk in list(due[:500]))


def _uuid_at_end(url: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(url.rstrip("/").rsplit("/", 1)[-1])
    except ValueError:
        return None


def spiegel_opruimen(*, informatieobject: str, object_url: str) -> None:
    """In the transaction that undoes a relation whose mirror was refused: the mirror may
    have been stored all the same, so its removal is written down and carried out after."""
    _mirror_removal_queue(informatieobject, object_url)


def zaakinformatieobject_spiegelen(*, zio: ZaakInformatieObject) -> None:
    """After the commit of a new zaakinformatieobject: its mirror in the Documenten API."""
    _spiegelen(informatieobject=zio.informatieobject, object_url=zaken_url(zio.zaak), object_type="zaak")


def besluitinformatieobject_spiegelen(*, bio: BesluitInformatieObject) -> None:
    """After the commit of a new besluitinformatieobject: its mirror in the Documenten API."""
    _spiegelen(informatieobject=bio.informatieobject, object_url=besluiten_url(bio.besluit), object_type="besluit")


@transaction.atomic
def zaakinformatieobject_create(
    *, data: dict[str, Any], zichtbaar: Callable[[dict], bool] | None = None
) -> ZaakInformatieObject:
    """Rule (Zaken API, `POST /zaakinformatieobjecten`): the document exists in the
    Documenten API and the pair is unique."""
    zaak = data["zaak"]
    ensure_zaak_changeable(zaak)
    documenten = DocumentenClient()
    document = _informatieobject(documenten, data["informatieobject"], "informatieobject", zichtbaar)
    _ensure_informatieobjecttype(
        document,
        zaak.zaaktype.informatieobjecttypen.all(),
        "missing-zaaktype-informatieobjecttype-relation",
        "zaaktype",
    )
    if ZaakInformatieObject.objects.filter(zaak=zaak, informatieobject=data["informatieobject"]).exists():
        raise _error("Dit informatieobject hoort al bij deze zaak.", "unique")
    # Its mirror in the Documenten API follows after the commit (`zaakinformatieobject_spiegelen`).
    return ZaakInformatieObject.objects.create(**data)


@transaction.atomic
def zaakinformatieobject_update(*, zio: ZaakInformatieObject, data: dict[str, Any]) -> ZaakInformatieObject:
    for name in ("zaak", "informatieobject"):
        if name in data and data[name] != getattr(zio, name):
            raise _error(f"`{name}` mag niet gewijzigd worden.", "wijzigen-niet-toegelaten", name)
    ensure_zaak_changeable(zio.zaak)
    for name, value in data.items():
        setattr(zio, name, value)
    zio.save()
    return zio


@transaction.atomic
def zaakinformatieobject_delete(*, zio: ZaakInformatieObject) -> None:
    ensure_zaak_changeable(zio.zaak)
    _mirror_removal_queue(zio.informatieobject, zaken_url(zio.zaak))
    zio.delete()


# --- besluiten --------------------------------------------------------------------------------


def _besluit_identificatie_generate(besluit: Besluit) -> str:
    """`BESLUIT-<year>-<ten digits>`: the next number of the verantwoordelijke organisatie's
    counter for the year of the besluit (`common.volgnummers`)."""
    prefix = f"BESLUIT-{besluit.datum.year}-"
    return identificatie_nemen(
        Volgnummer,
        soort="besluit",
        sleutel=besluit.verantwoordelijke_organisatie,
        jaar=besluit.datum.year,
        vorm=lambda number: f"{prefix}{number:010d}",
        bezet=lambda kandidaat: Besluit.objects.filter(
            verantwoordelijke_organisatie=besluit.verantwoordelijke_organisatie, identificatie=kandidaat
        ).exists(),
    )


def _ensure_unique_besluit_identificatie(besluit: Besluit) -> None:
    clash = Besluit.objects.filter(
        verantwoordelijke_organisatie=besluit.verantwoordelijke_organisatie, identificatie=besluit.identificatie
    )
    if besluit.pk:
        clash = clash.exclude(pk=besluit.pk)
    if clash.exists():
        raise _error(
            "Deze identificatie bestaat al voor deze verantwoordelijke organisatie.",
            "identificatie-niet-uniek",
            "identificatie",
        )


def _ensure_besluit(besluit: Besluit) -> None:
    if besluit.besluittype.concept:
        raise _error("Het BESLUITTYPE is nog niet gepubliceerd (concept).", "not-published", "besluittype")
    if besluit.zaak is not None and not besluit.zaak.zaaktype.besluittypen.filter(pk=besluit.besluittype_id).exists():
        raise _error("Het besluittype hoort niet bij het zaaktype van de zaak.", "zaaktype-mismatch", "nonFieldErrors")
    if besluit.identificatie:
        _ensure_unique_besluit_identificatie(besluit)
    if besluit.vervaldatum and besluit.vervaldatum < besluit.ingangsdatum:
        raise _error("De vervaldatum ligt voor de ingangsdatum.", "date-mismatch", "vervaldatum")


def _zaakbesluit_sync(besluit: Besluit, vorige_zaak: Zaak | None) -> None:
    if vorige_zaak is not None and vorige_zaak != besluit.zaak:
        ZaakBesluit.objects.filter(zaak=vorige_zaak, besluit=besluit).delete()
        zaak_recompute_if_closed(vorige_zaak)
    if besluit.zaak is not None:
        ZaakBesluit.objects.get_or_create(zaak=besluit.zaak, besluit=besluit)
        zaak_recompute_if_closed(besluit.zaak)


@transaction.atomic
def besluit_create(*, data: dict[str, Any]) -> Besluit:
    besluit = Besluit(**data)
    if besluit.zaak is not None:
        ensure_zaak_changeable(besluit.zaak)
    _ensure_besluit(besluit)
    if not besluit.identificatie:
        # Last, so the counter's row is held for as short a time as possible.
        besluit.identificatie = _besluit_identificatie_generate(besluit)
    try:
        with transaction.atomic():
            besluit.save()
    except IntegrityError:
        # A concurrent request stored the same client-given identificatie first.
        _ensure_unique_besluit_identificatie(besluit)
        raise
    _zaakbesluit_sync(besluit, None)
    return besluit


@transaction.atomic
def besluit_update(*, besluit: Besluit, data: dict[str, Any]) -> Besluit:
    for name in ("identificatie", "verantwoordelijke_organisatie", "besluittype"):
        if name in data and data[name] != getattr(besluit, name):
            raise _error(f"`{name}` mag niet gewijzigd worden.", "wijzigen-niet-toegelaten", name)
    vorige_zaak = besluit.zaak
    for zaak in {vorige_zaak, data.get("zaak", vorige_zaak)} - {None}:
        ensure_zaak_changeable(zaak)
    for name, value in data.items():
        setattr(besluit, name, value)
    _ensure_besluit(besluit)
    besluit.save()
    _zaakbesluit_sync(besluit, vorige_zaak)
    return besluit


@transaction.atomic
def besluit_delete(*, besluit: Besluit) -> None:
    zaak = besluit.zaak
    if zaak is not None:
        ensure_zaak_changeable(zaak)
    for bio in besluit.besluitinformatieobjecten.all():
        _mirror_removal_queue(bio.informatieobject, besluiten_url(besluit))
    besluit.delete()
    if zaak is not None:
        zaak_recompute_if_closed(zaak)


@transaction.atomic
def besluitinformatieobject_create(
    *, data: dict[str, Any], zichtbaar: Callable[[dict], bool] | None = None
) -> BesluitInformatieObject:
    besluit = data["besluit"]
    documenten = DocumentenClient()
    document = _informatieobject(documenten, data["informatieobject"], "informatieobject", zichtbaar)
    _ensure_informatieobjecttype(
        document,
        besluit.besluittype.informatieobjecttypen.all(),
        "missing-besluittype-informatieobjecttype-relation",
        "besluittype",
    )
    if BesluitInformatieObject.objects.filter(besluit=besluit, informatieobject=data["informatieobject"]).exists():
        raise _error("Dit informatieobject hoort al bij dit besluit.", "unique")
    # Its mirror in the Documenten API follows after the commit (`besluitinformatieobject_spiegelen`).
    return BesluitInformatieObject.objects.create(**data)


@transaction.atomic
def besluitinformatieobject_delete(*, bio: BesluitInformatieObject) -> None:
    _mirror_removal_queue(bio.informatieobject, besluiten_url(bio.besluit))
    bio.delete()


@transaction.atomic
def zaakbesluit_create(*, zaak: Zaak, besluit: Besluit) -> ZaakBesluit:
    """`POST /zaken/{uuid}/besluiten`: register (again) that a besluit is about this zaak.
    The besluit must already name the zaak (`inconsistent-relation`)."""
    if besluit.zaak_id != zaak.pk:
        raise _error("Het besluit verwijst niet naar deze zaak.", "inconsistent-relation", "besluit")
    zaakbesluit, _ = ZaakBesluit.objects.get_or_create(zaak=zaak, besluit=besluit)
    return zaakbesluit


@transaction.atomic
def zaakbesluit_delete(*, zaakbesluit: ZaakBesluit) -> None:
    """Only once the besluit no longer names the zaak (`inconsistent-relation`)."""
    if zaakbesluit.besluit.zaak_id == zaakbesluit.zaak_id:
        raise _error(
            "Het besluit verwijst nog naar deze zaak; pas eerst het besluit aan.", "inconsistent-relation", "besluit"
        )
    zaakbesluit.delete()


# --- zaaktellingen ---------------------------------------------------------------------------


def zaaktellingen_samenvoegen() -> int:
    """Sum the rows of each zaaktype and vertrouwelijkheidaanduiding that has more than one
    (or a total of 0) into one; return how many rows fewer there are.

    Safe beside writers and another run: the rows deleted are exactly the rows returned, and
    their sum goes in within the same transaction, so a reader sees either those rows or
    their sum. Rows of transactions that commit meanwhile are not seen and stay as they are.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {zaaktellingen.TABEL} WHERE (zaaktype_id, vertrouwelijkheidaanduiding) IN ("
            f"SELECT zaaktype_id, vertrouwelijkheidaanduiding FROM {zaaktellingen.TABEL} GROUP BY 1, 2"
            " HAVING count(*) > 1 OR sum(aantal) = 0)"
            " RETURNING zaaktype_id, vertrouwelijkheidaanduiding, aantal"
        )
        totalen: dict[tuple[int, str], int] = {}
        rows = cursor.fetchall()
        for zaaktype_id, vertrouwelijkheidaanduiding, aantal in rows:
            paar = (zaaktype_id, vertrouwelijkheidaanduiding)
            totalen[paar] = totalen.get(paar, 0) + aantal
        samen = [
            ZaakTelling(zaaktype_id=zaaktype_id, vertrouwelijkheidaanduiding=vertrouwelijkheidaanduiding, aantal=aantal)
            for (zaaktype_id, vertrouwelijkheidaanduiding), aantal in totalen.items()
            if aantal
        ]
        ZaakTelling.objects.bulk_create(samen)
    if rows:
        logger.info("zaaktellingen_samengevoegd", extra={"rijen": len(rows), "paren": len(samen)})
    return len(rows) - len(samen)


def zaaktellingen_hertellen() -> None:
    """Count every zaak again, for when rows were written past the triggers (PostgreSQL's
    `session_replication_role = replica`, a restore with triggers disabled) or zaken were
    loaded together with their zaaktellingen (`loaddata`), which counts them twice. Writers
    of zaken wait for it; readers do not."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("LOCK TABLE zaken_zaak IN SHARE MODE")
        for statement in zaaktellingen.HERTELLEN:
            cursor.execute(statement)
