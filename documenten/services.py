"""Writes of the Documenten API: documents, their versions, files, locks and relations.

Views parse and validate the shape of a request; the rules of the standard live here and
refuse with `DomainError` (rendered as problem+json). Each write happens in one
transaction together with its audit trail entry and its notification on kanaal
`documenten`. A file is written to storage before its row; if the transaction fails the
file is removed again, and files of deleted rows are removed only after commit, so a
failure never leaves a half-visible document or an orphaned file.
"""

from __future__ import annotations

import logging
import math
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from rest_framework import status as http_status

from common import tijd
from common.audit import audittrail_for, audittrail_record
from common.auth import ClientAuth
from common.constants import Actie
from common.exceptions import DomainError
from common.notifications import notificatie_create
from common.volgnummers import identificatie_nemen

from . import clients, storage
from .models import (
    AardRelatie,
    BestandsDeel,
    ChecksumAlgoritme,
    EnkelvoudigInformatieObject,
    Gebruiksrechten,
    InformatieObject,
    ObjectInformatieObject,
    Status,
    Verzending,
    Volgnummer,
)

logger = logging.getLogger(__name__)

KANAAL = "documenten"
BRON = "drc"
COMPONENT = "drc"

SCOPE_LEZEN = "documenten.lezen"
SCOPE_AANMAKEN = "documenten.aanmaken"
SCOPE_BIJWERKEN = "documenten.bijwerken"
SCOPE_GEFORCEERD_BIJWERKEN = "documenten.geforceerd-bijwerken"
SCOPE_VERWIJDEREN = "documenten.verwijderen"
SCOPE_LOCK = "documenten.lock"
SCOPE_GEFORCEERD_UNLOCK = "documenten.geforceerd-unlock"

# Fields a new version copies from the previous one unless the request changes them.
VERSIE_FIELDS = (
    "identificatie",
    "bronorganisatie",
    "creatiedatum",
    "titel",
    "vertrouwelijkheidaanduiding",
    "auteur",
    "status",
    "formaat",
    "taal",
    "bestandsnaam",
    "inhoud",
    "bestandsomvang",
    "link",
    "beschrijving",
    "ontvangstdatum",
    "verzenddatum",
    "indicatie_gebruiksrecht",
    "verschijningsvorm",
    "ondertekening_soort",
    "ondertekening_datum",
    "integriteit_algoritme",
    "integriteit_waarde",
    "integriteit_datum",
    "informatieobjecttype",
    "trefwoorden",
    "inhoud_is_vervallen",
)
NON_FIELD = "nonFieldErrors"
NOT_WHEN_RECEIVED = (Status.in_bewerking, Status.ter_vaststelling)


# --- URLs ---------------------------------------------------------------------------------


def api_url(path: str) -> str:
    return settings.DOCUMENTEN_API_ROOT.rstrip("/") + "/" + path


def informatieobject_url(informatieobject: InformatieObject) -> str:
    return api_url(f"enkelvoudiginformatieobjecten/{informatieobject.uuid}")


# --- rules ----------------------------------------------------------------------------------


def ontvangstdatum_status_check(*, status: str, ontvangstdatum) -> None:
    """The standard: 'in_bewerking' and 'ter_vaststelling' do not occur with an ontvangstdatum."""
    if ontvangstdatum and status in NOT_WHEN_RECEIVED:
        raise DomainError(
            f"De status `{status}` komt niet voor bij een informatieobject met een ontvangstdatum.",
            "invalid_for_received",
            field="status",
        )


def informatieobjecttype_resolve(url: str) -> clients.InformatieObjectType:
    """The informatieobjecttype must resolve in the Catalogi API and be published."""
    try:
        iotype = clients.informatieobjecttype_fetch(url)
    except clients.BadReferenceError as exc:
        raise DomainError(str(exc), exc.code, field="informatieobjecttype") from exc
    if iotype.concept:
        raise DomainError(
            "Het informatieobjecttype is nog niet gepubliceerd (concept).",
            "not-published",
            field="informatieobjecttype",
        )
    return iotype


def authorisation_check(
    auth: ClientAuth | None, scopes: set[str], informatieobjecttype: str, vertrouwelijkheidaanduiding: str
) -> None:
    """A client acts only on documents of its informatieobjecttypen, up to its confidentiality."""
    if auth is None:
        return
    if not auth.may_see(COMPONENT, scopes, "informatieobjecttype", informatieobjecttype, vertrouwelijkheidaanduiding):
        raise DomainError(
            "Deze client is niet geautoriseerd voor dit informatieobjecttype met deze vertrouwelijkheidaanduiding.",
            "permission_denied",
            status_code=http_status.HTTP_403_FORBIDDEN,
        )


def _identificatie_check(
    *, informatieobject: InformatieObject | None, bronorganisatie: str, identificatie: str
) -> None:
    others = EnkelvoudigInformatieObject.objects.filter(bronorganisatie=bronorganisatie, identificatie=identificatie)
    if informatieobject is not None:
        others = others.exclude(informatieobject=informatieobject)
    if others.exists():
        raise DomainError(
            "Deze identificatie bestaat al voor deze bronorganisatie.",
            "identificatie-niet-uniek",
            field="identificatie",
        )


def _identificatie_generate(bronorganisatie: str) -> str:
    """`DOCUMENT-<year>-<ten digits>`: the next number of the bronorganisatie's counter for
    this year (`common.volgnummers`), never one handed out before."""
    year = timezone.now().year
    prefix = f"DOCUMENT-{year}-"
    return identificatie_nemen(
        Volgnummer,
        soort="document",
        sleutel=bronorganisatie,
        jaar=year,
        vorm=lambda number: f"{prefix}{number:010d}",
        bezet=lambda kandidaat: EnkelvoudigInformatieObject.objects.filter(
            bronorganisatie=bronorganisatie, identificatie=kandidaat
        ).exists(),
    )


# --- content -------------------------------------------------------------------------------


@dataclass
class Inhoud:
    """What a request says about the content: a decoded file, or parts to come, or nothing."""

    decoded: storage.DecodedContent | None = None
    # The request sets `inhoud` to null or leaves the file out.
    bestandsomvang: int | None = None
    given: bool = False  # the request mentioned `inhoud` or `bestandsomvang`


@contextmanager
def _files_removed_on_failure(names: list[str]) -> Iterator[list[str]]:
    """Files written inside the block are deleted again if the block (or its transaction) fails."""
    try:
        yield names
    except BaseException:
        storage.delete(names)
        raise


def _integriteit_check(data: dict, sha256: str) -> None:
    """A checksum the client sends along must be the one of what arrived."""
    integriteit = data.get("integriteit") or {}
    claimed = integriteit.get("waarde") if integriteit.get("algoritme") == ChecksumAlgoritme.sha_256 else None
    if claimed and claimed.lower() != sha256:
        raise DomainError(
            "De SHA-256 in `integriteit` komt niet overeen met de ontvangen inhoud.",
            "integriteit-mismatch",
            field="integriteit",
        )


def _content_apply(versie: EnkelvoudigInformatieObject, inhoud: Inhoud, data: dict, written: list[str]) -> bool:
    """Put the content on a new version. Returns whether bestandsdelen must be created."""
    if inhoud.decoded is not None:
        size = inhoud.decoded.size
        if inhoud.bestandsomvang is not None and inhoud.bestandsomvang != size:
            raise DomainError(
                f"`bestandsomvang` is {inhoud.bestandsomvang}, maar de inhoud is {size} bytes.",
                "file-size",
                field="bestandsomvang",
            )
        stored = storage.store_decoded(inhoud.decoded)
        written.append(stored.name)
        _integriteit_check(data, stored.sha256)
        _set_file(versie, stored)
        return False
    if not inhoud.given:
        return False
    maximum = settings.DOCUMENTEN_MAX_FILE_SIZE
    if maximum and inhoud.bestandsomvang and inhoud.bestandsomvang > maximum:
        raise DomainError(
            f"Deze API aanvaardt bestanden tot {maximum} bytes; aangekondigd: {inhoud.bestandsomvang}.",
            "file-too-large",
            field="bestandsomvang",
        )
    versie.inhoud = ""
    versie.bestandsomvang = inhoud.bestandsomvang
    _integriteit_clear(versie)
    if inhoud.bestandsomvang == 0:
        stored = storage.store(_Empty())
        written.append(stored.name)
        _set_file(versie, stored)
        return False
    return bool(inhoud.bestandsomvang)


class _Empty:
    def read(self, size: int = -1) -> bytes:
        return b""


def _set_file(versie: EnkelvoudigInformatieObject, stored: storage.StoredFile) -> None:
    versie.inhoud = stored.name
    versie.bestandsomvang = stored.size
    versie.integriteit_algoritme = ChecksumAlgoritme.sha_256
    versie.integriteit_waarde = stored.sha256
    versie.integriteit_datum = tijd.vandaag()
    versie.integriteit_gecontroleerd_op = timezone.now()


def _integriteit_clear(versie: EnkelvoudigInformatieObject) -> None:
    versie.integriteit_algoritme = ""
    versie.integriteit_waarde = ""
    versie.integriteit_datum = None


def _bestandsdelen_create(versie: EnkelvoudigInformatieObject) -> None:
    """Divide the announced size into parts of DOCUMENTEN_BESTANDSDEEL_SIZE (the last one smaller)."""
    part_size = settings.DOCUMENTEN_BESTANDSDEEL_SIZE
    total = versie.bestandsomvang or 0
    count = math.ceil(total / part_size)
    BestandsDeel.objects.bulk_create(
        BestandsDeel(
            informatieobject=versie,
            volgnummer=index + 1,
            omvang=min(part_size, total - index * part_size),
        )
        for index in range(count)
    )


def _metadata(data: dict) -> dict:
    """The request's fields as model fields (ondertekening and integriteit flattened)."""
    fields = {k: v for k, v in data.items() if k not in ("ondertekening", "integriteit", "inhoud", "lock")}
    if "ondertekening" in data:
        ondertekening = data["ondertekening"] or {}
        fields["ondertekening_soort"] = ondertekening.get("soort", "")
        fields["ondertekening_datum"] = ondertekening.get("datum")
    if "integriteit" in data:
        integriteit = data["integriteit"] or {}
        fields["integriteit_algoritme"] = integriteit.get("algoritme", "")
        fields["integriteit_waarde"] = integriteit.get("waarde", "")
        fields["integriteit_datum"] = integriteit.get("datum")
    if fields.get("trefwoorden") is None and "trefwoorden" in fields:
        fields["trefwoorden"] = []
    return fields


# --- notifications and audit trail ----------------------------------------------------------


def _kenmerken(versie: EnkelvoudigInformatieObject) -> dict:
    return {
        "bronorganisatie": versie.bronorganisatie,
        "informatieobjecttype": versie.informatieobjecttype,
        "vertrouwelijkheidaanduiding": versie.vertrouwelijkheidaanduiding,
        "status": versie.status,
    }


def _record(
    *,
    versie: EnkelvoudigInformatieObject,
    auth: ClientAuth | None,
    actie: str,
    resultaat: int,
    resource: str = "enkelvoudiginformatieobject",
    resource_url: str | None = None,
    weergave: str = "",
    toelichting: str = "",
    oud: dict | None = None,
    nieuw: dict | None = None,
) -> None:
    hoofd_object = informatieobject_url(versie.informatieobject)
    resource_url = resource_url or hoofd_object
    # The audit trail of a deleted document goes with it (the standard's cascade).
    if not (resource == "enkelvoudiginformatieobject" and actie == Actie.destroy):
        audittrail_record(
            bron=BRON,
            auth=auth,
            actie=actie,
            resultaat=resultaat,
            hoofd_object=hoofd_object,
            resource=resource,
            resource_url=resource_url,
            resource_weergave=weergave or versie.titel,
            toelichting=toelichting,
            oud=oud,
            nieuw=nieuw,
        )
    notificatie_create(
        kanaal=KANAAL,
        hoofd_object=hoofd_object,
        resource=resource,
        resource_url=resource_url,
        actie=actie,
        kenmerken=_kenmerken(versie),
    )


def snapshot(versie: EnkelvoudigInformatieObject) -> dict:
    """The representation kept in the audit trail (metadata, no content)."""
    return {
        "url": informatieobject_url(versie.informatieobject),
        "versie": versie.versie,
        "identificatie": versie.identificatie,
        "bronorganisatie": versie.bronorganisatie,
        "titel": versie.titel,
        "status": versie.status,
        "vertrouwelijkheidaanduiding": versie.vertrouwelijkheidaanduiding,
        "informatieobjecttype": versie.informatieobjecttype,
        "bestandsomvang": versie.bestandsomvang,
        "integriteit": {"algoritme": versie.integriteit_algoritme, "waarde": versie.integriteit_waarde},
    }


# --- documents -----------------------------------------------------------------------------


def informatieobject_create(
    *, data: dict, inhoud: Inhoud, auth: ClientAuth | None, toelichting: str = ""
) -> EnkelvoudigInformatieObject:
    """Register a new document (version 1), with its file or the parts to come.

    When `bestandsomvang` is given without `inhoud`, the document is locked and its
    bestandsdelen are returned with that lock; the file exists once every part is in.
    """
    iotype = informatieobjecttype_resolve(data["informatieobjecttype"])
    fields = _metadata(data)
    if not fields.get("vertrouwelijkheidaanduiding"):
        fields["vertrouwelijkheidaanduiding"] = iotype.vertrouwelijkheidaanduiding
    authorisation_check(auth, {SCOPE_AANMAKEN}, iotype.url, fields["vertrouwelijkheidaanduiding"])
    ontvangstdatum_status_check(status=fields.get("status", ""), ontvangstdatum=fields.get("ontvangstdatum"))
    if fields.get("indicatie_gebruiksrecht"):
        raise DomainError(
            "Een nieuw informatieobject heeft nog geen gebruiksrechten; zet `indicatieGebruiksrecht` op `null` en "
            "voeg gebruiksrechten toe.",
            "missing-gebruiksrechten",
            field="indicatieGebruiksrecht",
        )
    written: list[str] = []
    with _files_removed_on_failure(written), transaction.atomic():
        if fields.get("identificatie"):
            _identificatie_check(
                informatieobject=None, bronorganisatie=fields["bronorganisatie"], identificatie=fields["identificatie"]
            )
        informatieobject = InformatieObject.objects.create()
        versie = EnkelvoudigInformatieObject(informatieobject=informatieobject, versie=1, **fields)
        parts = _content_apply(versie, inhoud, data, written)
        if not versie.identificatie:
            # After the file is written, so the counter's row is held for as short a time as possible.
            versie.identificatie = _identificatie_generate(versie.bronorganisatie)
        versie.save()
        if parts:
            informatieobject.lock = secrets.token_hex(16)
            informatieobject.save(update_fields=["lock"])
            _bestandsdelen_create(versie)
        _record(
            versie=versie,
            auth=auth,
            actie=Actie.create,
            resultaat=201,
            toelichting=toelichting,
            nieuw=snapshot(versie),
        )
    logger.info("informatieobject_created", extra={"uuid": str(informatieobject.uuid), "parts": parts})
    return versie


def lock_check(informatieobject: InformatieObject, lock: str | None, *, partial: bool) -> None:
    """Updates need the current lock (the standard's 'checkout')."""
    if not informatieobject.lock:
        raise DomainError("Het informatieobject is niet gelocked; lock het eerst.", "unlocked", field=NON_FIELD)
    if not lock:
        if partial:
            raise DomainError(
                "Geef de `lock` mee om het informatieobject bij te werken.", "missing-lock-id", field=NON_FIELD
            )
        raise DomainError("Dit veld is vereist.", "required", field="lock")
    if not secrets.compare_digest(lock, informatieobject.lock):
        raise DomainError(
            "De `lock` komt niet overeen met de lock van het informatieobject.", "incorrect-lock-id", field=NON_FIELD
        )


def informatieobject_update(
    *,
    informatieobject: InformatieObject,
    data: dict,
    inhoud: Inhoud,
    auth: ClientAuth | None,
    partial: bool,
    forced: bool = False,
    toelichting: str = "",
) -> EnkelvoudigInformatieObject:
    """Write a new version with the changes of a PUT or PATCH (under the lock)."""
    written: list[str] = []
    with _files_removed_on_failure(written), transaction.atomic():
        informatieobject = InformatieObject.objects.select_for_update().get(pk=informatieobject.pk)
        lock_check(informatieobject, data.get("lock"), partial=partial)
        vorige = informatieobject.latest
        if not vorige.upload_complete:
            raise DomainError(
                "De bestandsdelen van dit informatieobject zijn nog niet allemaal ontvangen.",
                "incomplete-upload",
                field=NON_FIELD,
            )
        if "informatieobjecttype" in data and data["informatieobjecttype"] != vorige.informatieobjecttype:
            raise DomainError(
                "Het informatieobjecttype van een informatieobject kan niet gewijzigd worden.",
                "wijzigen-niet-toegelaten",
                field="informatieobjecttype",
            )
        if vorige.status == Status.definitief and not forced:
            raise DomainError(
                "Een definitief informatieobject wijzigen kan alleen met de scope `documenten.geforceerd-bijwerken`.",
                "status-definitief",
                field="status",
            )
        fields = {name: getattr(vorige, name) for name in VERSIE_FIELDS}
        fields.update(_metadata(data))
        if not fields.get("vertrouwelijkheidaanduiding"):
            fields["vertrouwelijkheidaanduiding"] = vorige.vertrouwelijkheidaanduiding
        scopes = {SCOPE_BIJWERKEN, SCOPE_GEFORCEERD_BIJWERKEN}
        authorisation_check(auth, scopes, vorige.informatieobjecttype, vorige.vertrouwelijkheidaanduiding)
        authorisation_check(auth, scopes, vorige.informatieobjecttype, fields["vertrouwelijkheidaanduiding"])
        ontvangstdatum_status_check(status=fields["status"], ontvangstdatum=fields["ontvangstdatum"])
        if fields["identificatie"] != vorige.identificatie or fields["bronorganisatie"] != vorige.bronorganisatie:
            _identificatie_check(
                informatieobject=informatieobject,
                bronorganisatie=fields["bronorganisatie"],
                identificatie=fields["identificatie"],
            )
        if fields["indicatie_gebruiksrecht"] and not informatieobject.gebruiksrechten.exists():
            raise DomainError(
                "Er zijn geen gebruiksrechten voor dit informatieobject.",
                "missing-gebruiksrechten",
                field="indicatieGebruiksrecht",
            )
        versie = EnkelvoudigInformatieObject(
            informatieobject=informatieobject,
            versie=vorige.versie + 1,
            begin_registratie=timezone.now(),
            **fields,
        )
        parts = _content_apply(versie, inhoud, data, written)
        if not parts and inhoud.decoded is None and _integriteit_changed(vorige, versie):
            # the checksum of a file we hold is ours, taken when it was written
            for name in ("integriteit_algoritme", "integriteit_waarde", "integriteit_datum"):
                setattr(versie, name, getattr(vorige, name))
        versie.integriteit_gecontroleerd_op = vorige.integriteit_gecontroleerd_op if not written else timezone.now()
        versie.save()
        if parts:
            _bestandsdelen_create(versie)
        _record(
            versie=versie,
            auth=auth,
            actie=Actie.partial_update if partial else Actie.update,
            resultaat=200,
            toelichting=toelichting,
            oud=snapshot(vorige),
            nieuw=snapshot(versie),
        )
    if vorige.status != versie.status and versie.status == Status.definitief:
        logger.info("informatieobject_definitief", extra={"uuid": str(informatieobject.uuid), "versie": versie.versie})
    return versie


def _integriteit_changed(vorige: EnkelvoudigInformatieObject, versie: EnkelvoudigInformatieObject) -> bool:
    return bool(vorige.inhoud) and (
        vorige.integriteit_algoritme,
        vorige.integriteit_waarde,
        vorige.integriteit_datum,
    ) != (versie.integriteit_algoritme, versie.integriteit_waarde, versie.integriteit_datum)


def _file_names(informatieobject: InformatieObject) -> set[str]:
    names = set(
        EnkelvoudigInformatieObject.objects.filter(informatieobject=informatieobject)
        .exclude(inhoud="")
        .values_list("inhoud", flat=True)
    )
    names |= set(
        BestandsDeel.objects.filter(informatieobject__informatieobject=informatieobject)
        .exclude(inhoud="")
        .values_list("inhoud", flat=True)
    )
    return names


def informatieobject_delete(
    *, informatieobject: InformatieObject, auth: ClientAuth | None, toelichting: str = ""
) -> None:
    """Delete a document with all its versions, files, gebruiksrechten and audit trail.

    Refused while objectinformatieobjecten still relate it to a zaak or besluit.
    """
    with transaction.atomic():
        informatieobject = InformatieObject.objects.select_for_update().get(pk=informatieobject.pk)
        latest = informatieobject.latest
        authorisation_check(auth, {SCOPE_VERWIJDEREN}, latest.informatieobjecttype, latest.vertrouwelijkheidaanduiding)
        if informatieobject.objectinformatieobjecten.exists():
            raise DomainError(
                "Het informatieobject is nog gerelateerd aan zaken of besluiten (objectinformatieobjecten).",
                "pending-relations",
                field=NON_FIELD,
            )
        names = _file_names(informatieobject)
        url = informatieobject_url(informatieobject)
        _record(versie=latest, auth=auth, actie=Actie.destroy, resultaat=204, toelichting=toelichting)
        audittrail_for(url).delete()
        informatieobject.delete()
        transaction.on_commit(lambda: storage.delete(sorted(names)))
    logger.info("informatieobject_deleted", extra={"uuid": str(informatieobject.uuid)})


# --- lock and parts ------------------------------------------------------------------------


def informatieobject_lock(*, informatieobject: InformatieObject) -> str:
    with transaction.atomic():
        informatieobject = InformatieObject.objects.select_for_update().get(pk=informatieobject.pk)
        if informatieobject.lock:
            raise DomainError("Het informatieobject is al gelocked.", "existing-lock", field=NON_FIELD)
        informatieobject.lock = secrets.token_hex(16)
        informatieobject.save(update_fields=["lock"])
    return informatieobject.lock


def informatieobject_unlock(*, informatieobject: InformatieObject, lock: str, forced: bool) -> None:
    """Release the lock. Only the holder of the lock may, or a client with `documenten.geforceerd-unlock`.

    An upload still in progress keeps the lock (`incomplete-upload`); a forced unlock
    discards it, parts and all, so no half-uploaded file stays behind.
    """
    with transaction.atomic():
        informatieobject = InformatieObject.objects.select_for_update().get(pk=informatieobject.pk)
        if not forced:
            if not lock:
                raise DomainError("Geef de `lock` mee om te ontgrendelen.", "missing-lock-id", field="lock")
            if not informatieobject.lock or not secrets.compare_digest(lock, informatieobject.lock):
                raise DomainError(
                    "De `lock` komt niet overeen met de lock van het informatieobject.",
                    "incorrect-lock-id",
                    field=NON_FIELD,
                )
        latest = informatieobject.latest
        if not latest.upload_complete:
            if not forced:
                raise DomainError(
                    "Nog niet alle bestandsdelen zijn ontvangen; upload ze eerst.", "incomplete-upload", field=NON_FIELD
                )
            _upload_discard(latest)
        informatieobject.lock = ""
        informatieobject.save(update_fields=["lock"])


def _upload_discard(versie: EnkelvoudigInformatieObject) -> None:
    names = list(dict.fromkeys(p.inhoud.name for p in versie.bestandsdelen.all() if p.inhoud))
    versie.bestandsdelen.all().delete()
    versie.bestandsomvang = None
    versie.save(update_fields=["bestandsomvang"])
    transaction.on_commit(lambda: storage.delete(names))
    logger.info("upload_discarded", extra={"uuid": str(versie.informatieobject.uuid), "versie": versie.versie})


def bestandsdeel_assembly_open(*, bestandsdeel: BestandsDeel) -> storage.Assembly | None:
    """Where the upload of a part goes when the storage is on local disk: its place in the file.

    The file of the version is put together in place (`storage.Assembly`), so the last
    part leaves nothing to copy. The caller releases the returned assembly when the
    request ends. None: the part goes to a file of its own (other storages, or a version
    whose earlier parts were stored that way).
    """
    versie = bestandsdeel.informatieobject
    assembly = storage.assembly_open(_assembly_key(versie))
    if assembly is None:
        return None
    # Read the parts only now that no other upload of this version is writing.
    try:
        state = versie.bestandsdelen.aggregate(
            found=Count("pk", filter=Q(pk=bestandsdeel.pk)),
            replacing=Count("pk", filter=Q(pk=bestandsdeel.pk) & ~Q(inhoud="")),
            elsewhere=Count("pk", filter=~Q(inhoud="") & ~Q(inhoud=assembly.name)),
            offset=Sum("omvang", filter=Q(volgnummer__lt=bestandsdeel.volgnummer)),
        )
    except BaseException:
        assembly.release()
        raise
    if not state["found"] or state["elsewhere"]:
        assembly.release()
        return None
    if bestandsdeel.volgnummer == 1:
        sha256_before: bytes | None = b""
    else:
        before = versie.bestandsdelen.filter(volgnummer=bestandsdeel.volgnummer - 1)
        saved = before.values_list("sha256_state", flat=True).first()
        sha256_before = bytes(saved) if saved is not None else None
    assembly.place(
        offset=state["offset"] or 0,
        limit=bestandsdeel.omvang,
        replacing=bool(state["replacing"]),
        sha256_before=sha256_before,
    )
    return assembly


def _assembly_key(versie: EnkelvoudigInformatieObject) -> str:
    return f"{versie.informatieobject.uuid.hex}v{versie.versie}"


@contextmanager
def _upload_returned_on_failure(uploaded) -> Iterator[None]:
    try:
        yield
    except BaseException:
        storage.upload_returned(uploaded)
        raise


def bestandsdeel_upload(*, bestandsdeel: BestandsDeel, lock: str, uploaded) -> BestandsDeel:
    """Store one part. Parts arrive in order and each has exactly its announced size.

    When the last part is in, the document's file is complete: put together in place, its
    SHA-256 is read back; stored as separate parts, they are merged into it (hashed while
    written) and removed. Only then is the document downloadable.
    """
    if uploaded is None:
        raise DomainError("Dit veld is vereist.", "required", field="inhoud")
    written: list[str] = []
    with _upload_returned_on_failure(uploaded), _files_removed_on_failure(written), transaction.atomic():
        informatieobject = InformatieObject.objects.select_for_update().get(
            pk=bestandsdeel.informatieobject.informatieobject_id
        )
        if not informatieobject.lock or not secrets.compare_digest(lock or "", informatieobject.lock):
            raise DomainError(
                "De `lock` komt niet overeen met de lock van het informatieobject.", "incorrect-lock-id", field="lock"
            )
        bestandsdeel = BestandsDeel.objects.select_related("informatieobject__informatieobject").get(pk=bestandsdeel.pk)
        if uploaded.size != bestandsdeel.omvang:
            raise DomainError(
                f"Dit bestandsdeel is {bestandsdeel.omvang} bytes; er kwamen er {uploaded.size}.",
                "file-size",
                field="inhoud",
            )
        earlier = bestandsdeel.informatieobject.bestandsdelen.filter(volgnummer__lt=bestandsdeel.volgnummer)
        if earlier.filter(inhoud="").exists():
            raise DomainError(
                "Bestandsdelen worden op volgorde van hun volgnummer geüpload; een eerder deel ontbreekt nog.",
                "bestandsdeel-volgorde",
                field="inhoud",
            )
        replaced = bestandsdeel.inhoud.name if bestandsdeel.inhoud else ""
        stored = storage.store_upload(uploaded)
        if not stored.assembled:
            written.append(stored.name)
        bestandsdeel.inhoud = stored.name
        bestandsdeel.sha256_state = stored.sha256_state
        bestandsdeel.save(update_fields=["inhoud", "sha256_state"])
        if replaced:
            # The running SHA-256 of the parts after this one no longer fits the file.
            later = bestandsdeel.informatieobject.bestandsdelen.filter(volgnummer__gt=bestandsdeel.volgnummer)
            later.update(sha256_state=None)
        if replaced and replaced != stored.name:
            transaction.on_commit(lambda: storage.delete([replaced]))
        versie = bestandsdeel.informatieobject
        if not versie.bestandsdelen.filter(inhoud="").exists():
            _bestandsdelen_merge(versie, written)
    return bestandsdeel


def _bestandsdelen_merge(versie: EnkelvoudigInformatieObject, written: list[str]) -> None:
    parts = list(versie.bestandsdelen.order_by("volgnummer"))
    part_names = [p.inhoud.name for p in parts]
    assembled = storage.assembly_name(_assembly_key(versie))
    if all(name == assembled for name in part_names):
        last = parts[-1].sha256_state
        stored = storage.store_assembled(assembled, bytes(last) if last is not None else None)
        part_names = []
    else:
        stored = storage.store_concatenation(part_names)
        written.append(stored.name)
    if stored.size != versie.bestandsomvang:
        raise DomainError(
            f"De bestandsdelen zijn samen {stored.size} bytes, niet de aangekondigde {versie.bestandsomvang}.",
            "file-size",
            field="inhoud",
        )
    _set_file(versie, stored)
    versie.save()
    versie.bestandsdelen.all().delete()
    if part_names:
        transaction.on_commit(lambda: storage.delete(part_names))
    logger.info("bestandsdelen_merged", extra={"uuid": str(versie.informatieobject.uuid), "size": stored.size})


# --- gebruiksrechten and objectinformatieobjecten -------------------------------------------


def _indicatie_gebruiksrecht_set(informatieobject: InformatieObject, value: bool | None) -> None:
    """The latest version's `indicatieGebruiksrecht` follows whether gebruiksrechten exist."""
    latest = informatieobject.versies.order_by("-versie").first()
    latest.indicatie_gebruiksrecht = value
    latest.save(update_fields=["indicatie_gebruiksrecht"])


def gebruiksrechten_create(*, data: dict, auth: ClientAuth | None) -> Gebruiksrechten:
    informatieobject = data["informatieobject"]
    with transaction.atomic():
        latest = informatieobject.latest
        authorisation_check(auth, {SCOPE_AANMAKEN}, latest.informatieobjecttype, latest.vertrouwelijkheidaanduiding)
        _einddatum_check(data.get("startdatum"), data.get("einddatum"))
        gebruiksrecht = Gebruiksrechten.objects.create(**data)
        _indicatie_gebruiksrecht_set(informatieobject, True)
        url = api_url(f"gebruiksrechten/{gebruiksrecht.uuid}")
        _record(
            versie=latest, auth=auth, actie=Actie.create, resultaat=201, resource="gebruiksrechten", resource_url=url
        )
    return gebruiksrecht


def _einddatum_check(startdatum, einddatum) -> None:
    if startdatum and einddatum and einddatum < startdatum:
        raise DomainError("De einddatum ligt voor de startdatum.", "einddatum-voor-startdatum", field="einddatum")


def gebruiksrechten_update(*, gebruiksrecht: Gebruiksrechten, data: dict, auth: ClientAuth | None, partial: bool):
    with transaction.atomic():
        if "informatieobject" in data and data["informatieobject"] != gebruiksrecht.informatieobject:
            raise DomainError(
                "Het informatieobject van gebruiksrechten kan niet gewijzigd worden.",
                "wijzigen-niet-toegelaten",
                field="informatieobject",
            )
        latest = gebruiksrecht.informatieobject.latest
        authorisation_check(auth, {SCOPE_BIJWERKEN}, latest.informatieobjecttype, latest.vertrouwelijkheidaanduiding)
        for name, value in data.items():
            setattr(gebruiksrecht, name, value)
        _einddatum_check(gebruiksrecht.startdatum, gebruiksrecht.einddatum)
        gebruiksrecht.save()
        url = api_url(f"gebruiksrechten/{gebruiksrecht.uuid}")
        actie = Actie.partial_update if partial else Actie.update
        _record(versie=latest, auth=auth, actie=actie, resultaat=200, resource="gebruiksrechten", resource_url=url)
    return gebruiksrecht


def gebruiksrechten_delete(*, gebruiksrecht: Gebruiksrechten, auth: ClientAuth | None) -> None:
    with transaction.atomic():
        informatieobject = gebruiksrecht.informatieobject
        latest = informatieobject.latest
        authorisation_check(auth, {SCOPE_VERWIJDEREN}, latest.informatieobjecttype, latest.vertrouwelijkheidaanduiding)
        url = api_url(f"gebruiksrechten/{gebruiksrecht.uuid}")
        gebruiksrecht.delete()
        if not informatieobject.gebruiksrechten.exists():
            _indicatie_gebruiksrecht_set(informatieobject, None)
        _record(
            versie=latest, auth=auth, actie=Actie.destroy, resultaat=204, resource="gebruiksrechten", resource_url=url
        )


def _object_zichtbaar(auth: ClientAuth | None):
    """Whether the client may see a zaak or besluit, as its API describes it (every one for a
    write of our own): the autorisaties of `zrc` and `brc`."""

    def zichtbaar(object_type: str, body: dict) -> bool:
        if auth is None:
            return True
        if object_type == "zaak":
            return auth.may_see(
                "zrc", {"zaken.lezen"}, "zaaktype", str(body["zaaktype"]), body.get("vertrouwelijkheidaanduiding")
            )
        return auth.may_see("brc", {"besluiten.lezen"}, "besluittype", str(body["besluittype"]), None)

    return zichtbaar


def objectinformatieobject_create(*, data: dict, auth: ClientAuth | None) -> ObjectInformatieObject:
    """Mirror a relation that exists on the other side (a zaakinformatieobject or besluitinformatieobject)."""
    informatieobject = data["informatieobject"]
    latest = informatieobject.latest
    authorisation_check(auth, {SCOPE_AANMAKEN}, latest.informatieobjecttype, latest.vertrouwelijkheidaanduiding)
    if ObjectInformatieObject.objects.filter(informatieobject=informatieobject, object=data["object"]).exists():
        raise DomainError("De combinatie van informatieobject en object bestaat al.", "unique", field=NON_FIELD)
    try:
        clients.object_relation_check(
            object_type=data["object_type"],
            object_url=data["object"],
            informatieobject_url=informatieobject_url(informatieobject),
            zichtbaar=_object_zichtbaar(auth),
        )
    except clients.BadReferenceError as exc:
        field = NON_FIELD if exc.code == "inconsistent-relation" else "object"
        raise DomainError(str(exc), exc.code, field=field) from exc
    with transaction.atomic():
        relatie = ObjectInformatieObject.objects.create(**data)
        url = api_url(f"objectinformatieobjecten/{relatie.uuid}")
        _record(
            versie=latest,
            auth=auth,
            actie=Actie.create,
            resultaat=201,
            resource="objectinformatieobject",
            resource_url=url,
        )
    return relatie


def objectinformatieobject_delete(*, relatie: ObjectInformatieObject, auth: ClientAuth | None) -> None:
    with transaction.atomic():
        latest = relatie.informatieobject.latest
        authorisation_check(auth, {SCOPE_VERWIJDEREN}, latest.informatieobjecttype, latest.vertrouwelijkheidaanduiding)
        url = api_url(f"objectinformatieobjecten/{relatie.uuid}")
        relatie.delete()
        _record(
            versie=latest,
            auth=auth,
            actie=Actie.destroy,
            resultaat=204,
            resource="objectinformatieobject",
            resource_url=url,
        )


# --- verzendingen ---------------------------------------------------------------------------

VERZENDING_KANALEN = (
    "binnenlands_correspondentieadres",
    "buitenlands_correspondentieadres",
    "correspondentie_postadres",
    "faxnummer",
    "emailadres",
    "telefoonnummer",
    "mijn_overheid",
)


def _kanaal_gegeven(value) -> bool:
    if isinstance(value, dict):
        return any(item not in (None, "") for item in value.values())
    return bool(value)


def verzending_regels_check(verzending: Verzending) -> None:
    """The rules of a verzending, on the state it would have after the write.

    - Exactly one channel: one of the three address groups, or faxnummer, emailadres,
      telefoonnummer or mijnOverheid. A verzending comes from one address or goes to one
      (VNG, gemma-zaken#2373: to send to two addresses, make two verzendingen).
    - `ontvangstdatum` is required for an afzender, `verzenddatum` for a geadresseerde
      (the descriptions of both fields in the standard).
    - "Eenzelfde informatieobject kan niet tegelijk inkomend en uitgaand zijn" (the
      standard's description of `verzenddatum`): all verzendingen of one document have the
      same aardRelatie.
    """
    gegeven = [name for name in VERZENDING_KANALEN if _kanaal_gegeven(getattr(verzending, name))]
    if len(gegeven) != 1:
        raise DomainError(
            "Een verzending gaat via precies één kanaal: één correspondentieadres (binnenlands, buitenlands of "
            f"postadres), faxnummer, emailadres, telefoonnummer of mijnOverheid; gegeven: {len(gegeven)}.",
            "invalid-address",
            field=NON_FIELD,
        )
    if verzending.aard_relatie == AardRelatie.afzender and verzending.ontvangstdatum is None:
        raise DomainError(
            "De `ontvangstdatum` is verplicht wanneer `aardRelatie` `afzender` is.", "required", field="ontvangstdatum"
        )
    if verzending.aard_relatie == AardRelatie.geadresseerde and verzending.verzenddatum is None:
        raise DomainError(
            "De `verzenddatum` is verplicht wanneer `aardRelatie` `geadresseerde` is.", "required", field="verzenddatum"
        )
    andere = Verzending.objects.filter(informatieobject=verzending.informatieobject).exclude(pk=verzending.pk)
    if andere.exclude(aard_relatie=verzending.aard_relatie).exists():
        raise DomainError(
            "Een informatieobject is niet tegelijk inkomend en uitgaand: het heeft al verzendingen met een andere "
            "`aardRelatie`.",
            "inkomend-en-uitgaand",
            field="aardRelatie",
        )


def verzending_url(verzending: Verzending) -> str:
    return api_url(f"verzendingen/{verzending.uuid}")


def verzending_snapshot(verzending: Verzending) -> dict:
    """The verzending as the audit trail keeps it."""
    return {
        "url": verzending_url(verzending),
        "informatieobject": informatieobject_url(verzending.informatieobject),
        "betrokkene": verzending.betrokkene,
        "aardRelatie": verzending.aard_relatie,
        "ontvangstdatum": verzending.ontvangstdatum.isoformat() if verzending.ontvangstdatum else None,
        "verzenddatum": verzending.verzenddatum.isoformat() if verzending.verzenddatum else None,
        "kanaal": next((name for name in VERZENDING_KANALEN if _kanaal_gegeven(getattr(verzending, name))), None),
    }


def verzending_create(*, data: dict, auth: ClientAuth | None) -> Verzending:
    informatieobject = data["informatieobject"]
    with transaction.atomic():
        # the document's row is the lock under which the aardRelatie of its verzendingen is decided
        InformatieObject.objects.select_for_update().get(pk=informatieobject.pk)
        latest = informatieobject.latest
        authorisation_check(auth, {SCOPE_AANMAKEN}, latest.informatieobjecttype, latest.vertrouwelijkheidaanduiding)
        verzending = Verzending(**data)
        verzending_regels_check(verzending)
        verzending.save()
        _record(
            versie=latest,
            auth=auth,
            actie=Actie.create,
            resultaat=201,
            resource="verzending",
            resource_url=verzending_url(verzending),
            weergave=str(verzending),
            nieuw=verzending_snapshot(verzending),
        )
    return verzending


def verzending_update(*, verzending: Verzending, data: dict, auth: ClientAuth | None, partial: bool) -> Verzending:
    with transaction.atomic():
        InformatieObject.objects.select_for_update().get(pk=verzending.informatieobject_id)
        if "informatieobject" in data and data["informatieobject"] != verzending.informatieobject:
            raise DomainError(
                "Het informatieobject van een verzending kan niet gewijzigd worden.",
                "wijzigen-niet-toegelaten",
                field="informatieobject",
            )
        latest = verzending.informatieobject.latest
        authorisation_check(auth, {SCOPE_BIJWERKEN}, latest.informatieobjecttype, latest.vertrouwelijkheidaanduiding)
        oud = verzending_snapshot(verzending)
        if not partial:
            # a PUT writes the whole verzending: what it leaves out is empty afterwards
            for name in (*VERZENDING_KANALEN, "ontvangstdatum", "verzenddatum"):
                setattr(verzending, name, False if name == "mijn_overheid" else None)
            verzending.toelichting = verzending.contactpersoonnaam = ""
        for name, value in data.items():
            setattr(verzending, name, value)
        verzending_regels_check(verzending)
        verzending.save()
        _record(
            versie=latest,
            auth=auth,
            actie=Actie.partial_update if partial else Actie.update,
            resultaat=200,
            resource="verzending",
            resource_url=verzending_url(verzending),
            weergave=str(verzending),
            oud=oud,
            nieuw=verzending_snapshot(verzending),
        )
    return verzending


def verzending_delete(*, verzending: Verzending, auth: ClientAuth | None) -> None:
    with transaction.atomic():
        latest = verzending.informatieobject.latest
        authorisation_check(auth, {SCOPE_VERWIJDEREN}, latest.informatieobjecttype, latest.vertrouwelijkheidaanduiding)
        oud = verzending_snapshot(verzending)
        url = verzending_url(verzending)
        verzending.delete()
        _record(
            versie=latest,
            auth=auth,
            actie=Actie.destroy,
            resultaat=204,
            resource="verzending",
            resource_url=url,
            weergave=oud["betrokkene"],
            oud=oud,
        )
