"""Writes of the catalogue, with the rules of the Catalogi API and of archiving by design.

The rules, in short:
- published objects (`concept=False`) do not change; ending a version (`eindeGeldigheid`)
  is the one change allowed (`non-concept-object`);
- the parts of a published zaaktype do not change either (`non-concept-zaaktype`), except
  a zaaktype-informatieobjecttype whose informatieobjecttype is still a concept (ztc-010:
  it is fixed once both sides are published, `non-concept-relation`);
- a besluittype and an informatieobjecttype related to a published counterpart are
  frozen the same way (`non-concept-relation`);
- objects with the same omschrijving in a catalogus (versions) do not overlap in
  geldigheid once published (`overlap`): the Catalogi API's "uniciteit catalogus en
  omschrijving", for zaaktypen too (whose versions are otherwise grouped by identificatie);
- a resultaattype's archiving parameters fit its Selectielijst resultaat, and a zaaktype is
  only published when it can be archived (see `zaaktype_publish`).
The scope `catalogi.geforceerd-schrijven` (`forced=True`) lifts the concept rules, as the
standard's security section provides.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.db import models, transaction

from common.exceptions import DomainError
from common.notifications import notificatie_create

from . import archiving
from .clients import BadReferenceError, SelectielijstClient, SelectielijstResultaat
from .models import (
    BesluitType,
    Catalogus,
    Eigenschap,
    InformatieObjectType,
    ResultaatType,
    RolType,
    StatusType,
    ZaakObjectType,
    ZaakType,
    ZaakTypeInformatieObjectType,
    ZaakTypenRelatie,
)
from .selectors import versions_overlapping, zaaktype_is_deelzaaktype

logger = logging.getLogger(__name__)

M = TypeVar("M", bound=models.Model)
Onderdeel = StatusType | Eigenschap | RolType | ResultaatType | ZaakObjectType | ZaakTypeInformatieObjectType
Versioned = ZaakType | InformatieObjectType | BesluitType

COLLECTIONS: dict[type[models.Model], str] = {
    Catalogus: "catalogussen",
    ZaakType: "zaaktypen",
    InformatieObjectType: "informatieobjecttypen",
    BesluitType: "besluittypen",
    StatusType: "statustypen",
    ResultaatType: "resultaattypen",
    RolType: "roltypen",
    Eigenschap: "eigenschappen",
    ZaakObjectType: "zaakobjecttypen",
    ZaakTypeInformatieObjectType: "zaaktype-informatieobjecttypen",
}
KANALEN: dict[type[models.Model], tuple[str, str]] = {
    ZaakType: ("zaaktypen", "zaaktype"),
    InformatieObjectType: ("informatieobjecttypen", "informatieobjecttype"),
    BesluitType: ("besluittypen", "besluittype"),
}
ALLEEN_EINDE_GELDIGHEID = {"einde_geldigheid"}


def catalogi_url(obj: models.Model) -> str:
    """The public URL of a catalogue object, under the configured Catalogi API root."""
    root = settings.CATALOGI_API_ROOT if settings.CATALOGI_API_ROOT.endswith("/") else settings.CATALOGI_API_ROOT + "/"
    return f"{root}{COLLECTIONS[type(obj)]}/{obj.uuid}"


def _notify(obj: Versioned, actie: str, *, url: str | None = None) -> None:
    kanaal, resource = KANALEN[type(obj)]
    url = url or catalogi_url(obj)
    notificatie_create(
        kanaal=kanaal,
        hoofd_object=url,
        resource=resource,
        resource_url=url,
        actie=actie,
        kenmerken={"catalogus": catalogi_url(obj.catalogus)},
    )


def _save(instance: M, data: dict[str, Any]) -> M:
    """Store plain fields, then the relations (many-to-many and reverse foreign keys)."""
    relations = {}
    for name, value in data.items():
        field = instance._meta.get_field(name)
        if field.many_to_many or field.one_to_many:
            relations[name] = value
        else:
            setattr(instance, name, value)
    instance.save()
    for name, value in relations.items():
        if instance._meta.get_field(name).related_model is ZaakTypenRelatie:
            instance.zaaktypenrelaties.all().delete()
            ZaakTypenRelatie.objects.bulk_create(ZaakTypenRelatie(zaaktype=instance, **item) for item in value)
        else:
            getattr(instance, name).set(value)
    return instance


def _delete(obj: models.Model) -> None:
    """Delete a catalogue object; one that zaken or besluiten still use stays (`in-use`)."""
    try:
        with transaction.atomic():
            obj.delete()
    except models.ProtectedError as exc:
        raise DomainError(
            f"Dit object is nog in gebruik door {len(exc.protected_objects)} object(en) in de Zaken of Besluiten "
            "API en kan niet verwijderd worden.",
            "in-use",
            field="nonFieldErrors",
        ) from exc


# --- rules ------------------------------------------------------------------------------------


def _ensure_changeable(obj: Versioned, data: dict, *, forced: bool) -> None:
    """Rule: a published object does not change, except for ending it (`eindeGeldigheid`)."""
    if forced or obj.concept or set(data) <= ALLEEN_EINDE_GELDIGHEID:
        return
    raise DomainError(
        "Het is niet toegestaan om een non-concept object bij te werken; alleen `eindeGeldigheid` mag nog "
        "gezet worden. Maak een nieuwe versie.",
        "non-concept-object",
        field="nonFieldErrors",
    )


def _ensure_deletable(obj: Versioned, *, forced: bool) -> None:
    """Rule: only concepts can be deleted."""
    if forced or obj.concept:
        return
    raise DomainError("Alleen concepten kunnen worden verwijderd.", "non-concept-object", field="nonFieldErrors")


def _ensure_relations_not_published(
    obj: Versioned, relations: Iterable[str], data: dict | None, *, forced: bool
) -> None:
    """Rule (conformance ztc-010): a besluittype and informatieobjecttype related to a
    published counterpart no longer change (except `eindeGeldigheid`) and are not deleted."""
    if forced or (data is not None and set(data) <= ALLEEN_EINDE_GELDIGHEID):
        return
    for name in relations:
        if getattr(obj, name).filter(concept=False).exists():
            raise DomainError(
                f"Dit object is gerelateerd aan gepubliceerde {name} en kan niet meer gewijzigd of verwijderd worden.",
                "non-concept-relation",
                field="nonFieldErrors",
            )


def _ensure_zaaktype_concept(zaaktype: ZaakType, *, forced: bool) -> None:
    """Rule: a published zaaktype is complete; its parts cannot be added, changed or removed."""
    if forced or zaaktype.concept:
        return
    raise DomainError(
        "Onderdelen van een gepubliceerd (non-concept) zaaktype kunnen niet aangemaakt, gewijzigd of "
        "verwijderd worden.",
        "non-concept-zaaktype",
        field="nonFieldErrors",
    )


def _ensure_ziot_changeable(zaaktype: ZaakType, informatieobjecttype: InformatieObjectType, *, forced: bool) -> None:
    """Rule ztc-010 of the Catalogi standard: a zaaktype-informatieobjecttype is created,
    changed or deleted while its zaaktype or its informatieobjecttype is still a concept;
    once both are published it is fixed (`non-concept-relation`).

    So a published zaaktype can take up a new (concept) informatieobjecttype, and a
    published informatieobjecttype can be used by a new (concept) zaaktype version.
    """
    if forced or zaaktype.concept or informatieobjecttype.concept:
        return
    raise DomainError(
        "Het zaaktype en het informatieobjecttype zijn allebei gepubliceerd: hun relatie kan niet meer "
        "aangemaakt, gewijzigd of verwijderd worden.",
        "non-concept-relation",
        field="nonFieldErrors",
    )


def _ensure_geldigheid(obj: Versioned) -> None:
    """Rule: objects with the same omschrijving in a catalogus do not overlap in geldigheid.

    The Catalogi API 1.3 states uniqueness as catalogus + omschrijving, for zaaktypen as well
    (their versions share an identificatie, which groups them for beginObject/eindeObject;
    two zaaktypen with one identificatie and different omschrijvingen may overlap).

    Only published versions count: a concept may overlap other concepts (a draft of the
    next version, or a draft nobody finished), but never a published version, and it is
    checked again when it is published (`_publish`), against the versions published by then.

    Call inside the transaction that saves `obj`: it locks the catalogus, so two versions
    written at the same time cannot both pass.
    """
    Catalogus.objects.select_for_update().only("pk").get(pk=obj.catalogus_id)
    if obj.einde_geldigheid and obj.einde_geldigheid < obj.begin_geldigheid:
        raise DomainError("`eindeGeldigheid` ligt voor `beginGeldigheid`.", "date-mismatch", field="eindeGeldigheid")
    key = obj.omschrijving
    if not key:
        return
    overlapping = versions_overlapping(
        model=type(obj),
        catalogus_id=obj.catalogus_id,
        omschrijving=key,
        begin=obj.begin_geldigheid,
        einde=obj.einde_geldigheid,
        exclude_pk=obj.pk,
    ).filter(concept=False)
    if overlapping.exists():
        raise DomainError(
            f"Er bestaat al een gepubliceerd object met omschrijving `{key}` in deze catalogus waarvan de geldigheid "
            "overlapt met de opgegeven periode. Beëindig eerst die versie (`eindeGeldigheid`).",
            "overlap",
            field="beginGeldigheid",
        )


def _ensure_same_catalogus(catalogus: Catalogus, data: dict, names: Iterable[str]) -> None:
    """Rule: a catalogue object only relates to objects of its own catalogus."""
    for name in names:
        value = data.get(name)
        related = value if isinstance(value, list | tuple) else [value] if value is not None else []
        if any(getattr(obj, "catalogus_id", catalogus.pk) != catalogus.pk for obj in related):
            raise DomainError(
                f"De {_camel(name)} horen bij een andere catalogus.",
                "relations-incorrect-catalogus",
                field="nonFieldErrors",
            )


def _ensure_same_zaaktype(zaaktype: ZaakType, data: dict) -> None:
    """Rule: parts of a zaaktype refer only to parts of that same zaaktype."""
    for name, value in data.items():
        related = value if isinstance(value, list | tuple) else [value]
        if any(
            isinstance(obj, models.Model) and getattr(obj, "zaaktype_id", zaaktype.pk) != zaaktype.pk for obj in related
        ):
            raise DomainError(
                f"De {name} horen bij een ander zaaktype.", "relations-incorrect-zaaktype", field=_camel(name)
            )


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


# --- catalogus -------------------------------------------------------------------------------


def catalogus_create(*, data: dict[str, Any]) -> Catalogus:
    catalogus = Catalogus.objects.create(**data)
    logger.info("catalogus_created", extra={"uuid": str(catalogus.uuid)})
    return catalogus


# --- zaaktype --------------------------------------------------------------------------------


def _check_selectielijst_procestype(url: str) -> None:
    if not url:
        return
    try:
        SelectielijstClient().procestype(url)
    except BadReferenceError as exc:
        raise DomainError(str(exc), exc.code, field="selectielijstProcestype") from exc


def _validate_zaaktype(zaaktype: ZaakType, data: dict) -> None:
    if zaaktype.verlenging_mogelijk and not zaaktype.verlengingstermijn:
        raise DomainError(
            "Geef de verlengingstermijn op als verlenging mogelijk is.", "required", field="verlengingstermijn"
        )
    if not zaaktype.verlenging_mogelijk and zaaktype.verlengingstermijn:
        raise DomainError(
            "Een verlengingstermijn hoort alleen bij een zaaktype waarvan de doorlooptijd verlengd kan worden.",
            "must-be-empty",
            field="verlengingstermijn",
        )
    _ensure_same_catalogus(zaaktype.catalogus, data, ("besluittypen", "deelzaaktypen"))
    if "selectielijst_procestype" in data:
        _check_selectielijst_procestype(zaaktype.selectielijst_procestype)


def zaaktype_create(*, data: dict[str, Any]) -> ZaakType:
    zaaktype = ZaakType(**{k: v for k, v in data.items() if not _is_relation(ZaakType, k)})
    _validate_zaaktype(zaaktype, data)
    with transaction.atomic():
        _ensure_geldigheid(zaaktype)
        _save(zaaktype, data)
        _notify(zaaktype, "create")
    logger.info("zaaktype_created", extra={"uuid": str(zaaktype.uuid), "identificatie": zaaktype.identificatie})
    return zaaktype


def zaaktype_update(*, zaaktype: ZaakType, data: dict[str, Any], partial: bool, forced: bool = False) -> ZaakType:
    _ensure_changeable(zaaktype, data, forced=forced)
    for name, value in data.items():
        if not _is_relation(ZaakType, name):
            setattr(zaaktype, name, value)
    _validate_zaaktype(zaaktype, data)
    with transaction.atomic():
        _ensure_geldigheid(zaaktype)
        _save(zaaktype, data)
        _notify(zaaktype, "partial_update" if partial else "update")
    logger.info("zaaktype_updated", extra={"uuid": str(zaaktype.uuid), "partial": partial})
    return zaaktype


def zaaktype_delete(*, zaaktype: ZaakType, forced: bool = False) -> None:
    _ensure_deletable(zaaktype, forced=forced)
    url = catalogi_url(zaaktype)
    with transaction.atomic():
        _notify(zaaktype, "destroy", url=url)
        _delete(zaaktype)
    logger.info("zaaktype_deleted", extra={"url": url})


def zaaktype_publicatiebezwaren(*, zaaktype: ZaakType, client: SelectielijstClient | None = None) -> list[dict]:
    """Why a concept zaaktype cannot be published yet, as ZGW invalidParams; empty: it can.

    Rules: the related besluittypen, informatieobjecttypen and deelzaaktypen are published
    (`concept-relation`); and each resultaattype can be archived automatically
    (`archiefparameters-incomplete`, one entry per resultaattype, see
    `archiving.archiefparameters_ontbrekend`), with a selectielijstklasse that still resolves,
    belongs to the zaaktype's procestype and fits the afleidingswijze.

    The standard does not ask a zaaktype for statustypen, roltypen or resultaattypen before
    publishing, and neither do we: archiving by design holds without it, because a zaak
    closes only with a resultaat and an eindstatus of its zaaktype, whose parts cannot
    change once it is published. A zaaktype without resultaattypen has zaken that never close.
    """
    bezwaren: list[dict] = []

    def bezwaar(name: str, code: str, reason: str) -> None:
        bezwaren.append({"name": name, "code": code, "reason": reason})

    for name, related in (
        ("besluittypen", zaaktype.besluittypen),
        ("informatieobjecttypen", zaaktype.informatieobjecttypen),
        ("deelzaaktypen", zaaktype.deelzaaktypen),
    ):
        concepten = related.filter(concept=True)
        if concepten.exists():
            namen = ", ".join(sorted(str(obj) for obj in concepten))
            bezwaar(name, "concept-relation", f"Publiceer eerst de gerelateerde {name}: {namen}.")
    if not zaaktype.selectielijst_procestype:
        bezwaar("selectielijstProcestype", "required", "Een zaaktype hoort bij een procestype van de Selectielijst.")
    resultaattypen = list(zaaktype.resultaattypen.prefetch_related("besluittypen").order_by("pk"))
    client = client or SelectielijstClient()
    resultaten: dict[str, SelectielijstResultaat | BadReferenceError] = {}
    context = {
        "eigenschappen": frozenset(zaaktype.eigenschappen.values_list("naam", flat=True)),
        "heeft_besluittypen": zaaktype.besluittypen.exists(),
        "is_deelzaaktype": zaaktype_is_deelzaaktype(zaaktype),
    }
    for resultaattype in resultaattypen:
        ontbrekend = archiving.archiefparameters_ontbrekend(
            archiving.ResultaattypeArchivering(
                archiefnominatie=resultaattype.archiefnominatie,
                archiefactietermijn=resultaattype.archiefactietermijn,
                selectielijstklasse=resultaattype.selectielijstklasse,
                brondatum_archiefprocedure=resultaattype.brondatum_archiefprocedure,
                **context,
            )
        )
        if resultaattype.selectielijstklasse:
            url = resultaattype.selectielijstklasse
            if url not in resultaten:
                try:
                    resultaten[url] = client.resultaat(url)
                except BadReferenceError as exc:
                    resultaten[url] = exc
            resultaat = resultaten[url]
            if isinstance(resultaat, BadReferenceError):
                ontbrekend.append(f"selectielijstklasse is niet op te halen ({resultaat.code})")
            else:
                ontbrekend += [
                    o.reden
                    for o in _selectielijst_overtredingen(resultaattype.brondatum_archiefprocedure, resultaat, zaaktype)
                ]
        if ontbrekend:
            bezwaar(
                f"resultaattypen.{resultaattype.uuid}",
                "archiefparameters-incomplete",
                f"Resultaattype `{resultaattype.omschrijving}`: " + "; ".join(ontbrekend) + ".",
            )
    return bezwaren


def zaaktype_publish(*, zaaktype: ZaakType) -> ZaakType:
    """Publish a concept zaaktype, only when it is complete and can be archived (archiving by design)."""
    if not zaaktype.concept:
        return zaaktype
    bezwaren = zaaktype_publicatiebezwaren(zaaktype=zaaktype)
    if bezwaren:
        raise DomainError(
            "Het zaaktype kan (nog) niet gepubliceerd worden; zie `invalidParams`.", "invalid", invalid_params=bezwaren
        )
    with transaction.atomic():
        _ensure_geldigheid(zaaktype)
        zaaktype.concept = False
        zaaktype.save(update_fields=["concept"])
        _notify(zaaktype, "update")
    logger.info("zaaktype_published", extra={"uuid": str(zaaktype.uuid)})
    return zaaktype


def _is_relation(model: type[models.Model], name: str) -> bool:
    field = model._meta.get_field(name)
    return field.many_to_many or field.one_to_many


# --- informatieobjecttype and besluittype ------------------------------------------------------

TEGENHANGER = {InformatieObjectType: ("besluittypen",), BesluitType: ("informatieobjecttypen",)}


def _nieuwe_zaaktypen(besluittype: BesluitType, data: dict[str, Any]) -> list[ZaakType]:
    """The zaaktypen a Catalogi 1.0-1.2 client relates through `besluittype.zaaktypen`.

    Since Catalogi 1.3 the relation is written on the zaaktype (`besluittypen`) and
    `besluittype.zaaktypen` is read-only. A client of an older version still writes it;
    its zaaktypen that are not yet related are related, under the zaaktype's rules: the
    same catalogus (`relations-incorrect-catalogus`) and only a concept zaaktype
    (`non-concept-relation`, not lifted by `catalogi.geforceerd-schrijven`: a published
    zaaktype is changed, if ever, on the zaaktype itself). A zaaktype left out is not
    unlinked: a 1.3 client sends the field as it read it, or empty.
    """
    zaaktypen = data.pop("zaaktypen", None) or []
    bestaand = set(besluittype.zaaktypen.values_list("pk", flat=True)) if besluittype.pk else set()
    nieuw = [zaaktype for zaaktype in zaaktypen if zaaktype.pk not in bestaand]
    _ensure_same_catalogus(besluittype.catalogus, {"zaaktypen": nieuw}, ("zaaktypen",))
    if any(not zaaktype.concept for zaaktype in nieuw):
        raise DomainError(
            "Een gepubliceerd zaaktype krijgt geen nieuwe besluittypen.", "non-concept-relation", field="nonFieldErrors"
        )
    return nieuw


def _relate_zaaktypen(besluittype: BesluitType, zaaktypen: list[ZaakType]) -> None:
    for zaaktype in zaaktypen:
        zaaktype.besluittypen.add(besluittype)
        _notify(zaaktype, "partial_update")


def _versioned_create(model: type[InformatieObjectType] | type[BesluitType], data: dict[str, Any]):
    data = dict(data)
    obj = model(**{k: v for k, v in data.items() if not _is_relation(model, k)})
    _ensure_same_catalogus(obj.catalogus, data, TEGENHANGER[model])
    zaaktypen = _nieuwe_zaaktypen(obj, data) if model is BesluitType else []
    with transaction.atomic():
        _ensure_geldigheid(obj)
        _save(obj, data)
        _relate_zaaktypen(obj, zaaktypen)
        _notify(obj, "create")
    logger.info(f"{model._meta.model_name}_created", extra={"uuid": str(obj.uuid)})
    return obj


def _versioned_update(obj, data: dict[str, Any], *, partial: bool, forced: bool):
    data = dict(data)
    _ensure_changeable(obj, data, forced=forced)
    _ensure_relations_not_published(obj, TEGENHANGER[type(obj)], data, forced=forced)
    for name, value in data.items():
        if not _is_relation(type(obj), name):
            setattr(obj, name, value)
    _ensure_same_catalogus(obj.catalogus, data, TEGENHANGER[type(obj)])
    zaaktypen = _nieuwe_zaaktypen(obj, data) if isinstance(obj, BesluitType) else []
    with transaction.atomic():
        _ensure_geldigheid(obj)
        _save(obj, data)
        _relate_zaaktypen(obj, zaaktypen)
        _notify(obj, "partial_update" if partial else "update")
    logger.info(f"{obj._meta.model_name}_updated", extra={"uuid": str(obj.uuid), "partial": partial})
    return obj


def _versioned_delete(obj, *, forced: bool) -> None:
    _ensure_deletable(obj, forced=forced)
    _ensure_relations_not_published(obj, TEGENHANGER[type(obj)], None, forced=forced)
    url = catalogi_url(obj)
    with transaction.atomic():
        _notify(obj, "destroy", url=url)
        _delete(obj)
    logger.info(f"{obj._meta.model_name}_deleted", extra={"url": url})


def informatieobjecttype_create(*, data: dict[str, Any]) -> InformatieObjectType:
    return _versioned_create(InformatieObjectType, data)


def informatieobjecttype_update(
    *, informatieobjecttype: InformatieObjectType, data: dict[str, Any], partial: bool, forced: bool = False
) -> InformatieObjectType:
    return _versioned_update(informatieobjecttype, data, partial=partial, forced=forced)


def informatieobjecttype_delete(*, informatieobjecttype: InformatieObjectType, forced: bool = False) -> None:
    _versioned_delete(informatieobjecttype, forced=forced)


def informatieobjecttype_publish(*, informatieobjecttype: InformatieObjectType) -> InformatieObjectType:
    if informatieobjecttype.concept:
        with transaction.atomic():
            _ensure_geldigheid(informatieobjecttype)
            informatieobjecttype.concept = False
            informatieobjecttype.save(update_fields=["concept"])
            _notify(informatieobjecttype, "update")
    return informatieobjecttype


def besluittype_create(*, data: dict[str, Any]) -> BesluitType:
    return _versioned_create(BesluitType, data)


def besluittype_update(
    *, besluittype: BesluitType, data: dict[str, Any], partial: bool, forced: bool = False
) -> BesluitType:
    return _versioned_update(besluittype, data, partial=partial, forced=forced)


def besluittype_delete(*, besluittype: BesluitType, forced: bool = False) -> None:
    _versioned_delete(besluittype, forced=forced)


def besluittype_publish(*, besluittype: BesluitType) -> BesluitType:
    """Publish a concept besluittype.

    Its informatieobjecttypen may still be concepts: the standard asks nothing of them here
    (conformance brc sets up a besluittype published before its informatieobjecttype). A
    document of a concept type cannot be stored anyway (the Documenten API wants a
    published informatieobjecttype), and a zaaktype cannot be published with concept
    relations, so no zaak or besluit ends up with a type that is never published.
    """
    if not besluittype.concept:
        return besluittype
    with transaction.atomic():
        _ensure_geldigheid(besluittype)
        besluittype.concept = False
        besluittype.save(update_fields=["concept"])
        _notify(besluittype, "update")
    return besluittype


# --- parts of a zaaktype ---------------------------------------------------------------------


def _validate_onderdeel(zaaktype: ZaakType, data: dict) -> dict:
    """Check a part's references against its zaaktype; return the data without `catalogus`.

    The standard lets a client send the `catalogus` of a roltype, resultaattype or
    zaakobjecttype; it is always the zaaktype's, so it is checked and then dropped.
    """
    data = dict(data)
    catalogus = data.pop("catalogus", None)
    if catalogus is not None and catalogus.pk != zaaktype.catalogus_id:
        raise DomainError(
            "De catalogus is niet die van het zaaktype.", "relations-incorrect-catalogus", field="catalogus"
        )
    _ensure_same_catalogus(zaaktype.catalogus, data, ("informatieobjecttype", "informatieobjecttypen", "besluittypen"))
    _ensure_same_zaaktype(zaaktype, {k: v for k, v in data.items() if k != "zaaktype"})
    return data


def zaaktype_onderdeel_create(*, model: type[M], data: dict[str, Any], forced: bool = False) -> M:
    """Add a part (statustype, roltype, eigenschap, zaakobjecttype, ...) to a concept zaaktype.

    Never to a published one, not even with `catalogi.geforceerd-schrijven`: the forced
    scopes correct or remove what a published version has, they do not extend it (zaken of
    that version would suddenly have types they were never started with). A new part
    belongs in a new version. `forced` is accepted for the symmetry with the update.
    """
    zaaktype = data["zaaktype"]
    if model is ZaakTypeInformatieObjectType:
        _ensure_ziot_changeable(zaaktype, data["informatieobjecttype"], forced=False)
    else:
        _ensure_zaaktype_concept(zaaktype, forced=False)
    data = _validate_onderdeel(zaaktype, data)
    with transaction.atomic():
        onderdeel = _save(model(), data)
    logger.info(f"{model._meta.model_name}_created", extra={"uuid": str(onderdeel.uuid)})
    return onderdeel


def zaaktype_onderdeel_update(*, onderdeel: M, data: dict[str, Any], forced: bool = False) -> M:
    zaaktype = data.get("zaaktype", onderdeel.zaaktype)
    if isinstance(onderdeel, ZaakTypeInformatieObjectType):
        _ensure_ziot_changeable(onderdeel.zaaktype, onderdeel.informatieobjecttype, forced=forced)
        _ensure_ziot_changeable(
            zaaktype, data.get("informatieobjecttype", onderdeel.informatieobjecttype), forced=forced
        )
    else:
        _ensure_zaaktype_concept(onderdeel.zaaktype, forced=forced)
        _ensure_zaaktype_concept(zaaktype, forced=forced)
    data = _validate_onderdeel(zaaktype, data)
    with transaction.atomic():
        _save(onderdeel, data)
    logger.info(f"{onderdeel._meta.model_name}_updated", extra={"uuid": str(onderdeel.uuid)})
    return onderdeel


def zaaktype_onderdeel_delete(*, onderdeel: Onderdeel, forced: bool = False) -> None:
    if isinstance(onderdeel, ZaakTypeInformatieObjectType):
        _ensure_ziot_changeable(onderdeel.zaaktype, onderdeel.informatieobjecttype, forced=forced)
    else:
        _ensure_zaaktype_concept(onderdeel.zaaktype, forced=forced)
    uuid = str(onderdeel.uuid)
    _delete(onderdeel)
    logger.info(f"{onderdeel._meta.model_name}_deleted", extra={"uuid": uuid})


# --- resultaattype: archiving parameters from the Selectielijst ---------------------------------

SELECTIELIJST_VELDEN = {"zaaktype", "selectielijstklasse", "resultaattypeomschrijving"}


def _selectielijst_overtredingen(
    procedure: dict, resultaat: SelectielijstResultaat, zaaktype: ZaakType
) -> list[archiving.Overtreding]:
    overtredingen = []
    if resultaat.proces_type != zaaktype.selectielijst_procestype:
        overtredingen.append(
            archiving.Overtreding(
                "nonFieldErrors",
                "procestype-mismatch",
                "De selectielijstklasse hoort bij een ander procestype dan de `selectielijstProcestype` van het "
                "zaaktype.",
            )
        )
    afleidingswijze = str(procedure.get("afleidingswijze") or "")
    if not archiving.afleidingswijze_past_bij_procestermijn(
        afleidingswijze=afleidingswijze, procestermijn=resultaat.procestermijn
    ):
        overtredingen.append(
            archiving.Overtreding(
                "nonFieldErrors",
                "invalid-afleidingswijze-for-procestermijn",
                f"Afleidingswijze `{afleidingswijze}` past niet bij procestermijn `{resultaat.procestermijn}` van de "
                "selectielijstklasse.",
            )
        )
    return overtredingen


def _resultaattype_archivering(resultaattype: ResultaatType, data: dict, *, client: SelectielijstClient) -> None:
    """Check a resultaattype's archiving parameters and complete them from the Selectielijst.

    Every broken rule becomes one invalidParams entry, in the order: the fields of the
    brondatumArchiefprocedure, the references, then the fit with the Selectielijst resultaat.
    """
    overtredingen: list[archiving.Overtreding] = []
    procedure = resultaattype.brondatum_archiefprocedure
    if archiving.is_ingevuld(procedure):
        overtredingen += archiving.brondatum_archiefprocedure_overtredingen(procedure)

    te_controleren = SELECTIELIJST_VELDEN | {k for k in data if k.startswith("brondatum_archiefprocedure")}
    resultaat = None
    if resultaattype.pk is None or te_controleren & set(data):
        try:
            resultaattype.omschrijving_generiek = client.resultaattypeomschrijving(
                resultaattype.resultaattypeomschrijving
            )
        except BadReferenceError as exc:
            overtredingen.append(archiving.Overtreding("resultaattypeomschrijving", exc.code, str(exc)))
        try:
            resultaat = client.resultaat(resultaattype.selectielijstklasse)
        except BadReferenceError as exc:
            overtredingen.append(archiving.Overtreding("selectielijstklasse", exc.code, str(exc)))
    if resultaat is not None:
        overtredingen += _selectielijst_overtredingen(procedure, resultaat, resultaattype.zaaktype)
        if not resultaattype.archiefnominatie:
            resultaattype.archiefnominatie = archiving.archiefnominatie_uit_selectielijst(resultaat.as_dict())
        if not resultaattype.archiefactietermijn:
            resultaattype.archiefactietermijn = archiving.archiefactietermijn_uit_selectielijst(resultaat.as_dict())
    if overtredingen:
        raise DomainError(
            "De archiefparameters van het resultaattype kloppen niet; zie `invalidParams`.",
            "invalid",
            invalid_params=[{"name": _camel_path(o.veld), "code": o.code, "reason": o.reden} for o in overtredingen],
        )


def _camel_path(name: str) -> str:
    return ".".join(_camel(part) for part in name.split("."))


def _resultaattype_save(
    resultaattype: ResultaatType, data: dict, *, client: SelectielijstClient | None
) -> ResultaatType:
    # not data.get(): an unsaved resultaattype has no zaaktype to fall back to
    zaaktype = data["zaaktype"] if "zaaktype" in data else resultaattype.zaaktype  # noqa: SIM401
    data = _validate_onderdeel(zaaktype, data)
    for name, value in data.items():
        if not _is_relation(ResultaatType, name):
            setattr(resultaattype, name, value)
    _resultaattype_archivering(resultaattype, data, client=client or SelectielijstClient())
    plain = {"omschrijving_generiek", "archiefnominatie", "archiefactietermijn"}
    with transaction.atomic():
        _save(resultaattype, {**data, **{name: getattr(resultaattype, name) for name in plain}})
    return resultaattype


def resultaattype_create(
    *, data: dict[str, Any], forced: bool = False, client: SelectielijstClient | None = None
) -> ResultaatType:
    """Add a resultaattype to a concept zaaktype, its archiving parameters checked against the Selectielijst.

    Never to a published zaaktype, forced or not (see `zaaktype_onderdeel_create`).
    """
    _ensure_zaaktype_concept(data["zaaktype"], forced=False)
    resultaattype = _resultaattype_save(ResultaatType(), data, client=client)
    logger.info("resultaattype_created", extra={"uuid": str(resultaattype.uuid)})
    return resultaattype


def resultaattype_update(
    *,
    resultaattype: ResultaatType,
    data: dict[str, Any],
    forced: bool = False,
    client: SelectielijstClient | None = None,
) -> ResultaatType:
    _ensure_zaaktype_concept(resultaattype.zaaktype, forced=forced)
    if "zaaktype" in data:
        _ensure_zaaktype_concept(data["zaaktype"], forced=forced)
    _resultaattype_save(resultaattype, data, client=client)
    logger.info("resultaattype_updated", extra={"uuid": str(resultaattype.uuid)})
    return resultaattype
