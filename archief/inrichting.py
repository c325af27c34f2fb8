"""What the archive sets up for itself (`manage.py archief inrichten`, and on first use).

`bin/run` and the image's `migrate` role run the command after the migrations; everything
here is idempotent, so every start may run it again.

- The index's subscription to kanaal `zaken`.
- The archive's own catalogue, made through the Catalogi API like any client's: a zaaktype
  for the verklaringen (blijvend bewaren, Selectielijst 2020 19.14 and 19.18) and the
  informatieobjecttypen "Verklaring van vernietiging" and "Verklaring van overbrenging". The
  settings ARCHIEF_VERKLARING_ZAAKTYPE, ARCHIEF_VERKLARING_INFORMATIEOBJECTTYPE and
  TRANSFER_VERKLARING_INFORMATIEOBJECTTYPE, when set, point at another provider's types
  instead (Open Zaak: docs/open-zaak.md); what they name is not made.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings

from common import tijd
from common.clients import APIClient, ClientError
from common.models import Abonnement

from .models import IndexZaak

logger = logging.getLogger(__name__)

DOMEIN = "ARCHB"
ZAAKTYPE_IDENTIFICATIE = "ARCHIEFBEHEER-VERKLARINGEN"
VERNIETIGING = "Verklaring van vernietiging"
OVERBRENGING = "Verklaring van overbrenging"
# Selectielijst gemeenten en intergemeentelijke organen 2020, procestype 19 (Secretariaat
# voeren en gegevens administreren / verwerken): 19.18 Archiefvernietiging and 19.14
# Vervanging, migratie, conversie, vervreemding, overbrenging: both blijvend bewaren.
PROCESTYPE_19 = "procestypen/a81c84fb-7c70-40fb-b76b-290c973402fa"
RESULTAATTYPEN = (
    ("Vernietigd", "resultaten/886e8b38-cf3e-4de5-8aae-ff2be7cd30dc"),
    ("Overgebracht", "resultaten/bfba0f85-b1ff-4878-9260-dcc7a5821f76"),
)
BEGIN = "2000-01-01"


class InrichtingError(Exception):
    """The archive cannot set up its catalogue (yet); the message says why."""


@dataclass(frozen=True)
class Verklaringtypen:
    """Where verklaringen are stored: a zaaktype, and an informatieobjecttype per kind."""

    zaaktype: str
    vernietiging: str
    overbrenging: str


def index_abonneren() -> Abonnement:
    """Subscribe the archive's index to kanaal `zaken` of this deployment's notifications.

    The callback accepts only ARCHIEF_NOTIFICATIES_AUTH, which defaults to a value derived
    from SECRET_KEY, so this works with no setting. With an external Notificaties API,
    subscribe ARCHIEF_API_ROOT + `notificaties` there with that value instead.
    """
    abonnement, _ = Abonnement.objects.update_or_create(
        callback_url=settings.ARCHIEF_API_ROOT + "notificaties",
        defaults={
            "label": "Archiefindex",
            "auth": settings.ARCHIEF_NOTIFICATIES_AUTH,
            "kanalen": ["zaken"],
            "actief": True,
        },
    )
    return abonnement


def bronorganisatie(*, catalogi: APIClient | None = None) -> str:
    """The RSIN the archive writes as bronorganisatie (its verklaringen, its catalogue).

    ARCHIEF_BRONORGANISATIE; unset, the RSIN of the archive's own catalogue once it exists,
    before that the bronorganisatie most zaken in the index carry (the organisation whose
    records these are); empty while there is neither.
    """
    if settings.ARCHIEF_BRONORGANISATIE:
        return settings.ARCHIEF_BRONORGANISATIE
    with _catalogi_client(catalogi) as client:
        eigen = _first(client, "catalogussen", {"domein": DOMEIN})
    if eigen:
        return eigen["rsin"]
    counts = Counter(IndexZaak.objects.exclude(bronorganisatie="").values_list("bronorganisatie", flat=True))
    return counts.most_common(1)[0][0] if counts else ""


@contextmanager
def _catalogi_client(catalogi: APIClient | None) -> Iterator[APIClient]:
    if catalogi is not None:
        yield catalogi
        return
    with APIClient(settings.CATALOGI_API_ROOT) as own:
        yield own


def vereiste_bronorganisatie(*, catalogi: APIClient | None = None) -> str:
    """The bronorganisatie, or InrichtingError saying how to give one."""
    rsin = bronorganisatie(catalogi=catalogi)
    if not rsin:
        raise InrichtingError(
            "Nog geen bronorganisatie: zet ARCHIEF_BRONORGANISATIE (het RSIN van de organisatie), of wacht tot "
            "de archiefindex zaken bevat; de eigen catalogus wordt dan bij het eerste gebruik gemaakt."
        )
    return rsin


def verklaringtypen(
    *, catalogi: APIClient | None = None, nodig: tuple[str, ...] = ("zaaktype", "vernietiging", "overbrenging")
) -> Verklaringtypen:
    """The types for verklaringen: the settings that name them, the archive's own catalogue for the rest.

    The own catalogue is made on first use when `archief inrichten` has not made it yet, and
    only when a type in `nodig` is not named in the settings.
    """
    overrides = Verklaringtypen(
        zaaktype=settings.ARCHIEF_VERKLARING_ZAAKTYPE,
        vernietiging=settings.ARCHIEF_VERKLARING_INFORMATIEOBJECTTYPE,
        overbrenging=settings.TRANSFER_VERKLARING_INFORMATIEOBJECTTYPE,
    )
    if all(getattr(overrides, name) for name in nodig):
        return overrides
    eigen = catalogus_inrichten(catalogi=catalogi)
    return Verklaringtypen(
        zaaktype=overrides.zaaktype or eigen.zaaktype,
        vernietiging=overrides.vernietiging or eigen.vernietiging,
        overbrenging=overrides.overbrenging or eigen.overbrenging,
    )


def catalogus_inrichten(*, catalogi: APIClient | None = None) -> Verklaringtypen:
    """Find or make the archive's catalogue with its published types; their URLs.

    Idempotent: what exists is reused, a concept zaaktype left half-made by an interrupted
    run is removed and made again. Two runs at once may both try to create; the loser's
    create is refused (the catalogue is unique per domein and RSIN) and it reads the winner's.
    """
    with _catalogi_client(catalogi) as client:
        rsin = vereiste_bronorganisatie(catalogi=client)
        catalogus = _catalogus(client, rsin)
        iotypen = {naam: _informatieobjecttype(client, catalogus, naam) for naam in (VERNIETIGING, OVERBRENGING)}
        zaaktype = _zaaktype(client, catalogus, list(iotypen.values()))
    return Verklaringtypen(zaaktype=zaaktype, vernietiging=iotypen[VERNIETIGING], overbrenging=iotypen[OVERBRENGING])


def _first(catalogi: APIClient, path: str, params: dict) -> dict | None:
    return next(iter(catalogi.list(path, params)), None)


def _catalogus(catalogi: APIClient, rsin: str) -> str:
    params = {"domein": DOMEIN, "rsin": rsin}
    found = _first(catalogi, "catalogussen", params)
    if found:
        return found["url"]
    try:
        made = catalogi.create(
            "catalogussen",
            {
                "domein": DOMEIN,
                "rsin": rsin,
                "naam": "Archiefbeheer",
                "versie": "1",
                "begindatumVersie": BEGIN,
                "contactpersoonBeheerNaam": "Archiefbeheer",
            },
        )
    except ClientError:
        found = _first(catalogi, "catalogussen", params)
        if found is None:
            raise
        return found["url"]
    logger.info("archief_catalogus_aangemaakt", extra={"catalogus": made["url"]})
    return made["url"]


def _informatieobjecttype(catalogi: APIClient, catalogus: str, omschrijving: str) -> str:
    params = {"catalogus": catalogus, "omschrijving": omschrijving, "status": "alles"}
    found = _first(catalogi, "informatieobjecttypen", params)
    if found is None:
        found = catalogi.create(
            "informatieobjecttypen",
            {
                "catalogus": catalogus,
                "omschrijving": omschrijving,
                "vertrouwelijkheidaanduiding": "openbaar",
                "informatieobjectcategorie": "Verklaring",
                "beginGeldigheid": BEGIN,
            },
        )
    if found["concept"]:
        _publish(catalogi, found["url"])
    return found["url"]


def _zaaktype(catalogi: APIClient, catalogus: str, informatieobjecttypen: list[str]) -> str:
    params = {"catalogus": catalogus, "identificatie": ZAAKTYPE_IDENTIFICATIE, "status": "alles"}
    bestaand = list(catalogi.list("zaaktypen", params))
    for zaaktype in bestaand:
        if not zaaktype["concept"]:
            return zaaktype["url"]
    for half in bestaand:  # an interrupted run's concept: made again from the start
        catalogi.delete(half["url"])
    selectielijst = settings.SELECTIELIJST_API_ROOT
    today = tijd.vandaag().isoformat()
    zaaktype = catalogi.create(
        "zaaktypen",
        {
            "identificatie": ZAAKTYPE_IDENTIFICATIE,
            "omschrijving": "Verklaringen van archiefbeheer",
            "vertrouwelijkheidaanduiding": "openbaar",
            "doel": "De verklaringen van vernietiging en van overbrenging bewaren.",
            "aanleiding": "Een vernietigingslijst is uitgevoerd of een overbrenging is afgerond.",
            "indicatieInternOfExtern": "intern",
            "handelingInitiator": "Vastleggen",
            "onderwerp": "Verklaring van archiefbeheer",
            "handelingBehandelaar": "Bewaren",
            "doorlooptijd": "P1D",
            "opschortingEnAanhoudingMogelijk": False,
            "verlengingMogelijk": False,
            "publicatieIndicatie": False,
            "productenOfDiensten": [],
            "selectielijstProcestype": selectielijst + PROCESTYPE_19,
            "referentieproces": {"naam": "Archiefbeheer"},
            "verantwoordelijke": "Archiefbeheer",
            "catalogus": catalogus,
            "besluittypen": [],
            "gerelateerdeZaaktypen": [],
            "beginGeldigheid": BEGIN,
            "versiedatum": today,
        },
    )
    for volgnummer, omschrijving in ((1, "Vastgelegd"), (2, "Afgerond")):
        catalogi.create(
            "statustypen", {"zaaktype": zaaktype["url"], "omschrijving": omschrijving, "volgnummer": volgnummer}
        )
    catalogi.create(
        "roltypen",
        {"zaaktype": zaaktype["url"], "omschrijving": "Archiefbeheerder", "omschrijvingGeneriek": "behandelaar"},
    )
    with APIClient(selectielijst) as client:
        omschrijvingen = {o["omschrijving"]: o["url"] for o in client.list("resultaattypeomschrijvingen")}
    for omschrijving, resultaat in RESULTAATTYPEN:
        catalogi.create(
            "resultaattypen",
            {
                "zaaktype": zaaktype["url"],
                "omschrijving": omschrijving,
                "resultaattypeomschrijving": omschrijvingen["Toegekend"],
                "selectielijstklasse": selectielijst + resultaat,
                "brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld"},
                # blijvend bewaren has no term in the Selectielijst; the transfer term dates it
                "archiefactietermijn": f"P{settings.ARCHIEF_OVERBRENGINGSTERMIJN}Y",
            },
        )
    for volgnummer, informatieobjecttype in enumerate(informatieobjecttypen, 1):
        catalogi.create(
            "zaaktype-informatieobjecttypen",
            {
                "zaaktype": zaaktype["url"],
                "informatieobjecttype": informatieobjecttype,
                "volgnummer": volgnummer,
                "richting": "intern",
            },
        )
    _publish(catalogi, zaaktype["url"])
    logger.info("archief_verklaringzaaktype_aangemaakt", extra={"zaaktype": zaaktype["url"]})
    return zaaktype["url"]


def _publish(catalogi: APIClient, url: str) -> None:
    response = catalogi.request("POST", url.rstrip("/") + "/publish")
    if response.status_code != 200:
        raise InrichtingError(f"{url} kon niet gepubliceerd worden: {response.text[:500]}")
