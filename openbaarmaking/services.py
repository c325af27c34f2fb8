"""Writes of the Publicaties API and the path from a definitive document to a publication.

The rules, in short:
- a publicatie's status only moves forward: `concept` → `gepubliceerd` → `ingetrokken`
  (`ongeldige-statusovergang`); a revoked publicatie no longer changes
  (`publicatie-ingetrokken`);
- a document that is not `openbaar` is never published: it cannot be added to a
  publicatie and publishing checks every document again in the Documenten API
  (`document-niet-openbaar`);
- revoking needs a reason from the TOOI list of reasons for revocation or replacement
  (`reden-intrekking`);
- a definitive, public document whose informatieobjecttype a publicatieregel covers gets
  exactly one publicatie: published at once, or a concept with a deadline (see
  `document_verwerken`).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from common import tijd
from common.auth import jwt_encode
from common.exceptions import DomainError
from common.models import Abonnement

from . import selectors, waardelijsten
from .clients import (
    GEARCHIVEERD,
    BadReferenceError,
    CatalogiClient,
    Document,
    DocumentenClient,
    ProviderUnavailableError,
)
from .models import (
    Organisatie,
    Publicatie,
    PublicatieDocument,
    Publicatieregel,
    PublicatieStatus,
)

logger = logging.getLogger(__name__)

OVERGANGEN = {
    PublicatieStatus.concept: {PublicatieStatus.gepubliceerd},
    PublicatieStatus.gepubliceerd: {PublicatieStatus.ingetrokken},
    PublicatieStatus.ingetrokken: set(),
}


# --- organisaties ----------------------------------------------------------------------------


def _ensure_tooi_organisatie(identifier: str) -> None:
    """Rule: an organisation is known by its TOOI identifier, so the DiWoo metadata validates."""
    if identifier not in waardelijsten.organisaties():
        raise DomainError(
            f"{identifier} staat niet in de TOOI-organisatielijsten van DiWoo.", "tooi-onbekend", field="identifier"
        )


def organisatie_create(*, naam: str, identifier: str) -> Organisatie:
    _ensure_tooi_organisatie(identifier)
    return Organisatie.objects.create(naam=naam, identifier=identifier)


def organisatie_update(*, organisatie: Organisatie, data: dict) -> Organisatie:
    if "identifier" in data:
        _ensure_tooi_organisatie(data["identifier"])
    for name, value in data.items():
        setattr(organisatie, name, value)
    organisatie.save()
    return organisatie


def organisatie_eigen() -> Organisatie:
    """This deployment's own organisation (settings `OPENBAARMAKING_ORGANISATIE_*`), created when first needed."""
    identifier = settings.OPENBAARMAKING_ORGANISATIE_TOOI
    naam = settings.OPENBAARMAKING_ORGANISATIE_NAAM or waardelijsten.organisaties().get(identifier, identifier)
    organisatie, _ = Organisatie.objects.get_or_create(identifier=identifier, defaults={"naam": naam})
    return organisatie


# --- publicatieregels ------------------------------------------------------------------------


def _ensure_informatieobjecttype(url: str) -> None:
    """Rule: a publicatieregel names an informatieobjecttype that the Catalogi API knows."""
    try:
        CatalogiClient().informatieobjecttype(url)
    except BadReferenceError as exc:
        raise DomainError(str(exc), exc.code, field="informatieobjecttype") from exc


def publicatieregel_create(*, data: dict) -> Publicatieregel:
    _ensure_informatieobjecttype(data["informatieobjecttype"])
    return Publicatieregel.objects.create(**data)


def publicatieregel_update(*, regel: Publicatieregel, data: dict) -> Publicatieregel:
    if data.get("informatieobjecttype", regel.informatieobjecttype) != regel.informatieobjecttype:
        _ensure_informatieobjecttype(data["informatieobjecttype"])
    for name, value in data.items():
        setattr(regel, name, value)
    regel.save()
    return regel


# --- publicaties -----------------------------------------------------------------------------


def _ensure_not_revoked(publicatie: Publicatie) -> None:
    if publicatie.status == PublicatieStatus.ingetrokken:
        raise DomainError(
            "Een ingetrokken publicatie verandert niet meer.", "publicatie-ingetrokken", field="nonFieldErrors"
        )


def _ensure_concept(publicatie: Publicatie, what: str) -> None:
    if publicatie.status != PublicatieStatus.concept:
        raise DomainError(
            f"{what} kan alleen bij een concept-publicatie; deze is {publicatie.status}.",
            "publicatie-niet-concept",
            field="publicatie",
        )


def _ensure_openbaar(document: Document, field: str = "document") -> None:
    """Rule: a document that is not `openbaar` is never published."""
    if not document.is_openbaar:
        raise DomainError(
            f"Het document {document.url} is niet openbaar (vertrouwelijkheidaanduiding "
            f"`{document.vertrouwelijkheidaanduiding}`) en wordt nooit gepubliceerd.",
            "document-niet-openbaar",
            field=field,
        )


def _fetch_document(url: str, field: str = "document") -> Document:
    try:
        return DocumentenClient().document(url)
    except BadReferenceError as exc:
        raise DomainError(str(exc), exc.code, field=field) from exc
    except ProviderUnavailableError as exc:
        raise DomainError(
            f"De Documenten API antwoordde niet zoals verwacht: {exc}", "documenten-api-onbereikbaar", status_code=503
        ) from exc


DOCUMENT_FIELDS = (
    "identificatie",
    "officiele_titel",
    "creatiedatum",
    "bestandsnaam",
    "formaat",
    "bestandsomvang",
    "taal",
    "vastgesteld_op",
)


def _document_fields(document: Document) -> dict:
    vastgesteld_op = document.begin_registratie
    if document.status == GEARCHIVEERD:
        vastgesteld_op = DocumentenClient().definitief_sinds(document)
    return {
        "identificatie": document.identificatie,
        "officiele_titel": document.titel,
        "creatiedatum": document.creatiedatum,
        "bestandsnaam": document.bestandsnaam,
        "formaat": document.formaat,
        "bestandsomvang": document.bestandsomvang,
        "taal": document.taal,
        "vastgesteld_op": vastgesteld_op,
    }


def _sitemaps_wijzigen() -> None:
    """The published set changed: have the sitemaps generated again once this commits."""
    from .tasks import queue_sitemaps_bijwerken

    queue_sitemaps_bijwerken()


def _touch(publicatie: Publicatie, now: dt.datetime) -> None:
    """Move the `lastmod` of the publicatie and its documents: the sitemaps changed."""
    publicatie.laatst_gewijzigd = now
    publicatie.documenten.update(laatst_gewijzigd=now)


def publicatie_create(*, data: dict) -> Publicatie:
    """A new publicatie is a concept; documents are added before it is published."""
    status = data.pop("status", PublicatieStatus.concept)
    if status != PublicatieStatus.concept:
        raise DomainError(
            "Een publicatie begint als concept; publiceer haar nadat de documenten zijn toegevoegd.",
            "ongeldige-statusovergang",
            field="status",
        )
    categorieen = data.pop("informatiecategorieen")
    with transaction.atomic():
        publicatie = Publicatie.objects.create(**data)
        publicatie.informatiecategorieen.set(categorieen)
    return publicatie


def publicatie_update(*, publicatie: Publicatie, data: dict) -> Publicatie:
    """Change metadata and, with `status`, move to the next status."""
    _ensure_not_revoked(publicatie)
    status = data.pop("status", publicatie.status)
    reden = data.pop("reden_intrekking", None)
    toelichting = data.pop("toelichting_intrekking", "")
    if status != publicatie.status and status not in OVERGANGEN[PublicatieStatus(publicatie.status)]:
        raise DomainError(
            f"Van `{publicatie.status}` naar `{status}` kan niet: alleen concept → gepubliceerd → ingetrokken.",
            "ongeldige-statusovergang",
            field="status",
        )
    with transaction.atomic():
        categorieen = data.pop("informatiecategorieen", None)
        for name, value in data.items():
            setattr(publicatie, name, value)
        if categorieen is not None:
            publicatie.informatiecategorieen.set(categorieen)
        _touch(publicatie, timezone.now())
        publicatie.save()
        if publicatie.status == PublicatieStatus.gepubliceerd:
            _sitemaps_wijzigen()
        if status == PublicatieStatus.gepubliceerd and publicatie.status == PublicatieStatus.concept:
            publicatie_publiceren(publicatie=publicatie)
        elif status == PublicatieStatus.ingetrokken and publicatie.status == PublicatieStatus.gepubliceerd:
            publicatie_intrekken(publicatie=publicatie, reden=reden or "", toelichting=toelichting)
    return publicatie


def publicatie_publiceren(*, publicatie: Publicatie, gecontroleerd: Iterable[Document] = ()) -> Publicatie:
    """Publish a concept. Each document is read again from the Documenten API (unless it was
    just read, `gecontroleerd`) and must still be `openbaar`; its metadata is refreshed."""
    if publicatie.status != PublicatieStatus.concept:
        raise DomainError(
            f"Alleen een concept kan gepubliceerd worden; deze publicatie is {publicatie.status}.",
            "ongeldige-statusovergang",
            field="status",
        )
    documenten = list(publicatie.documenten.all())
    if not documenten:
        raise DomainError(
            "Een publicatie zonder documenten kan niet gepubliceerd worden.",
            "publicatie-zonder-documenten",
            field="status",
        )
    known = {document.url: document for document in gecontroleerd}
    actueel = {item.pk: known.get(item.document) or _fetch_document(item.document) for item in documenten}
    for document in actueel.values():
        _ensure_openbaar(document)
    velden = {pk: _document_fields(document) for pk, document in actueel.items()}  # may read versions: before
    now = timezone.now()
    with transaction.atomic():
        for item in documenten:
            for name, value in velden[item.pk].items():
                setattr(item, name, value)
            item.laatst_gewijzigd = now
        PublicatieDocument.objects.bulk_update(documenten, [*DOCUMENT_FIELDS, "laatst_gewijzigd"])
        publicatie.status = PublicatieStatus.gepubliceerd
        publicatie.datum_gepubliceerd = now
        publicatie.laatst_gewijzigd = now
        publicatie.save()
    _sitemaps_wijzigen()
    logger.info("publicatie_gepubliceerd", extra={"publicatie": str(publicatie.uuid)})
    return publicatie


def publicatie_intrekken(*, publicatie: Publicatie, reden: str, toelichting: str = "") -> Publicatie:
    """Revoke a published publicatie with a TOOI reason; its documents leave the sitemaps."""
    if publicatie.status != PublicatieStatus.gepubliceerd:
        raise DomainError(
            f"Alleen een gepubliceerde publicatie kan ingetrokken worden; deze is {publicatie.status}.",
            "ongeldige-statusovergang",
            field="status",
        )
    if reden not in waardelijsten.redenen_intrekking():
        raise DomainError(
            "Geef als `redenIntrekking` een reden uit de TOOI-lijst van redenen voor intrekking of vervanging: "
            + ", ".join(waardelijsten.redenen_intrekking()),
            "reden-intrekking",
            field="redenIntrekking",
        )
    now = timezone.now()
    with transaction.atomic():
        publicatie.status = PublicatieStatus.ingetrokken
        publicatie.datum_ingetrokken = now
        publicatie.reden_intrekking = reden
        publicatie.toelichting_intrekking = toelichting
        _touch(publicatie, now)
        publicatie.save()
    _sitemaps_wijzigen()
    logger.info("publicatie_ingetrokken", extra={"publicatie": str(publicatie.uuid), "reden": reden})
    return publicatie


def document_vernietigd(*, document_url: str) -> list[Publicatie]:
    """Withdraw every published publicatie of a document that no longer exists at the source.

    Destruction (an archive's vernietigingslijst, or any DELETE in the Documenten API) ends
    the document's public life: its download would answer 410, so the publicatie becomes
    `ingetrokken` and leaves the sitemaps. The document is read first: a notification is a
    hint, not a fact, and a document that still exists is left alone. None of the TOOI
    reasons for revocation fits destruction, so `redenIntrekking` stays empty and the
    toelichting says what happened.
    """
    publicaties = list(
        Publicatie.objects.filter(documenten__document=document_url, status=PublicatieStatus.gepubliceerd).distinct()
    )
    if not publicaties:
        return []
    try:
        DocumentenClient().document(document_url)
    except BadReferenceError:
        pass
    else:
        return []
    now = timezone.now()
    toelichting = (
        f"Het document {document_url} bestaat niet meer in de Documenten API (vernietigd); "
        f"ingetrokken op {tijd.lokaal(now):%d-%m-%Y}."
    )
    ingetrokken = []
    with transaction.atomic():
        for publicatie in Publicatie.objects.select_for_update().filter(
            pk__in=[p.pk for p in publicaties], status=PublicatieStatus.gepubliceerd
        ):
            publicatie.status = PublicatieStatus.ingetrokken
            publicatie.datum_ingetrokken = now
            publicatie.reden_intrekking = ""
            publicatie.toelichting_intrekking = toelichting
            _touch(publicatie, now)
            publicatie.save()
            ingetrokken.append(publicatie)
    if ingetrokken:
        _sitemaps_wijzigen()
    for publicatie in ingetrokken:
        logger.info("publicatie_ingetrokken_document_vernietigd", extra={"publicatie": str(publicatie.uuid)})
    return ingetrokken


def publicatie_delete(*, publicatie: Publicatie) -> None:
    _ensure_concept(publicatie, "Verwijderen")
    publicatie.delete()


# --- documenten of a publicatie --------------------------------------------------------------


def publicatiedocument_create(*, publicatie: Publicatie, document_url: str) -> PublicatieDocument:
    _ensure_concept(publicatie, "Een document toevoegen")
    document = _fetch_document(document_url)
    _ensure_openbaar(document)
    if publicatie.documenten.filter(document=document_url).exists():
        raise DomainError("Dit document hoort al bij deze publicatie.", "unique", field="document")
    return PublicatieDocument.objects.create(publicatie=publicatie, document=document_url, **_document_fields(document))


def publicatiedocument_delete(*, item: PublicatieDocument) -> None:
    _ensure_concept(item.publicatie, "Een document verwijderen")
    item.delete()


# --- from definitive document to publication ---------------------------------------------------


def deadline_voor(vastgesteld_op: dt.datetime, regel: Publicatieregel) -> dt.date:
    """The deadline: `termijnDagen` after the document became definitive (its definitive version's
    `beginRegistratie`, in the local time zone; for an archived document its first definitive one)."""
    return tijd.lokaal(vastgesteld_op).date() + dt.timedelta(days=regel.termijn_dagen)


def document_verwerken(*, document_url: str) -> Publicatie | None:
    """Make the publicatie a definitive, public document is due, if a rule covers its type.

    Reads the document through the Documenten API (a notification's kenmerken are a hint,
    not a fact). Running it again for the same document changes nothing: there is one
    publicatie per source document.
    """
    try:
        document = DocumentenClient().document(document_url)
    except BadReferenceError:
        logger.info("woo_document_onbekend", extra={"document": document_url})
        return None
    return _document_verwerken(document)


def _document_verwerken(document: Document) -> Publicatie | None:
    if not document.is_definitief:
        return None
    if not document.is_openbaar:
        logger.info(
            "woo_document_niet_openbaar",
            extra={"document": document.url, "vertrouwelijkheidaanduiding": document.vertrouwelijkheidaanduiding},
        )
        return None
    regel = Publicatieregel.objects.filter(informatieobjecttype=document.informatieobjecttype).first()
    if regel is None:
        return None
    bestaand = Publicatie.objects.filter(bron_document=document.url).first()
    if bestaand is not None:
        return bestaand
    velden = _document_fields(document)
    try:
        with transaction.atomic():
            publicatie = Publicatie.objects.create(
                officiele_titel=document.titel,
                omschrijving=document.beschrijving,
                publisher=organisatie_eigen(),
                deadline=deadline_voor(velden["vastgesteld_op"], regel),
                bron_document=document.url,
                publicatieregel=regel,
            )
            publicatie.informatiecategorieen.set([regel.informatiecategorie])
            PublicatieDocument.objects.create(publicatie=publicatie, document=document.url, **velden)
            if regel.automatisch_publiceren:
                publicatie_publiceren(publicatie=publicatie, gecontroleerd=[document])
    except IntegrityError:
        # Another worker handled the same document at the same moment.
        return Publicatie.objects.get(bron_document=document.url)
    logger.info(
        "woo_publicatie_aangemaakt",
        extra={"publicatie": str(publicatie.uuid), "document": document.url, "status": publicatie.status},
    )
    return publicatie


RECONCILIATIE_REDENEN = {
    "ander_type": "van een informatieobjecttype zonder publicatieregel",
    "niet_definitief": "niet definitief (of gearchiveerd)",
    "niet_openbaar": "niet openbaar",
    "al_een_publicatie": "hadden al een publicatie",
}
RECONCILIATIE_INGETROKKEN = "ingetrokken"


def publicaties_reconcile() -> dict[str, int]:
    """Catch up on missed notifications: every definitive (or archived), public document of a covered type
    that has no publicatie yet gets one. Reads the whole Documenten API list (it has no filter
    on type or status).

    The other way round, a published document that is no longer in the list (destroyed while
    its notification went missing) has its publicatie withdrawn (`document_vernietigd`).

    The counts say what was read, made and withdrawn, and why the rest was not made
    (`RECONCILIATIE_REDENEN`).
    """
    typen = set(Publicatieregel.objects.values_list("informatieobjecttype", flat=True))
    counts = {"gelezen": 0, "aangemaakt": 0, RECONCILIATIE_INGETROKKEN: 0, **dict.fromkeys(RECONCILIATIE_REDENEN, 0)}
    gepubliceerd = set(
        PublicatieDocument.objects.filter(publicatie__status=PublicatieStatus.gepubliceerd).values_list(
            "document", flat=True
        )
    )
    if not typen and not gepubliceerd:
        return counts
    for document in DocumentenClient().documenten():
        gepubliceerd.discard(document.url)
        counts["gelezen"] += 1
        if document.informatieobjecttype not in typen:
            counts["ander_type"] += 1
        elif not document.is_definitief:
            counts["niet_definitief"] += 1
        elif not document.is_openbaar:
            counts["niet_openbaar"] += 1
        elif Publicatie.objects.filter(bron_document=document.url).exists():
            counts["al_een_publicatie"] += 1
        elif _document_verwerken(document) is not None:
            counts["aangemaakt"] += 1
    for document_url in sorted(gepubliceerd):
        counts[RECONCILIATIE_INGETROKKEN] += len(document_vernietigd(document_url=document_url))
    logger.info("woo_reconciliatie", extra=counts)
    return counts


# --- the subscription on kanaal `documenten` -----------------------------------------------------


def abonnement_vernieuwen() -> Abonnement:
    """Subscribe the webhook to kanaal `documenten` of this deployment's notifications outbox.

    The outbox sends a subscription's `auth` header as stored, and JWT-ZGW tokens expire
    (JWT_EXPIRY), so this runs periodically (more often than the tokens expire) and writes a
    fresh token of this deployment's own client each time.
    """
    callback = settings.OPENBAARMAKING_API_ROOT.rstrip("/") + "/notificaties"
    token = jwt_encode(settings.API_CLIENT_ID, settings.API_CLIENT_SECRET, user_id=settings.API_CLIENT_ID)
    abonnement, _ = Abonnement.objects.update_or_create(
        callback_url=callback,
        defaults={
            "label": "openbaarmaking: Woo-publicatie van definitieve documenten",
            "kanalen": ["documenten"],
            "auth": f"Bearer {token}",
            "actief": True,
        },
    )
    return abonnement


# --- deadlines -------------------------------------------------------------------------------


def deadline_overzicht_mailen(*, vandaag: dt.date | None = None) -> int:
    """E-mail the publication officers the concepts nearing or past their deadline; returns how many."""
    vandaag = vandaag or tijd.vandaag()
    items = list(selectors.deadline_overzicht(vandaag=vandaag))
    ontvangers = settings.OPENBAARMAKING_OFFICER_EMAILS
    if not items or not ontvangers:
        return 0
    verlopen = sum(1 for item in items if item.deadline < vandaag)
    context = {"items": items, "vandaag": vandaag, "verlopen": verlopen, "base_url": settings.PUBLIC_BASE_URL}
    send_mail(
        subject=f"Woo-publicaties: {verlopen} over de deadline, {len(items) - verlopen} binnenkort",
        message=render_to_string("openbaarmaking/deadline_overzicht.txt", context),
        from_email=None,
        recipient_list=ontvangers,
    )
    return len(items)
