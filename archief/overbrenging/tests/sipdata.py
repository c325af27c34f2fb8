"""Case and document data shaped exactly like the ZGW API responses, for SIP tests.

Field names and values follow zaken-1.5.1.yaml, documenten-1.5.0.yaml and
catalogi-1.3.1.yaml in ../shared/standards/zgw/ (Zaak, EnkelvoudigInformatieObject with
`integriteit`, ZaakType, ResultaatType) and the Selectielijst resultaat.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from archief.overbrenging.mdto import DocumentGegevens, SipAfspraak, Verwijzing, ZaakGegevens

ZAKEN = "http://localhost:8000/zaken/api/v1/"
DOCUMENTEN = "http://localhost:8000/documenten/api/v1/"
CATALOGI = "http://localhost:8000/catalogi/api/v1/"
SELECTIELIJST = "http://localhost:8000/selectielijst/api/v1/"
CLOCK = dt.datetime(2026, 11, 29, 12, 0, 0, tzinfo=dt.UTC)

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"


def afspraak(**overrides) -> SipAfspraak:
    values = {
        "archiefvormer": Verwijzing(
            "Gemeente Voorbeeld",
            "https://organisaties.overheid.nl/00000/Gemeente_Voorbeeld",
            "Register van Overheidsorganisaties",
        ),
        "identificatiebron": "Gemeente Voorbeeld zaaksysteem",
        "beperking_label": (
            "Beperkt openbaar; eerbiediging persoonlijke levenssfeer (Archiefwet 1995, art. 15 lid 1 sub a)"
        ),
        "beperking_code": "AW1995-15-1a",
        "beperking_jaren": 75,
        "titel": "Overbrenging 2026 Gemeente Voorbeeld",
        "contact": "archief@voorbeeld.nl",
        "doel": "Regionaal Archief Voorbeeld e-Depot",
        "container_vorm": "tar",
        "max_omvang": 1024**3,
        "checksum_algoritme": "sha256",
    }
    values.update(overrides)
    return SipAfspraak(**values)


def content(seed: str, size: int, head: bytes = PDF) -> bytes:
    """Deterministic bytes of `size`, starting with `head` (a PDF header by default)."""
    block = hashlib.sha256(seed.encode()).digest() * 64
    data = (head + block * (size // len(block) + 1))[:size]
    return data


def chunked(data: bytes, size: int = 64 * 1024):
    def opener():
        for start in range(0, len(data), size):
            yield data[start : start + size]

    return opener


def document(
    zaak_nummer: int,
    nummer: int,
    *,
    size: int = 3000,
    bestandsnaam: str | None = None,
    titel: str | None = None,
    formaat: str = "application/pdf",
    head: bytes = PDF,
    data: bytes | None = None,
    integriteit: str | None = None,
    status: str = "gearchiveerd",
    vertrouwelijkheid: str = "openbaar",
) -> DocumentGegevens:
    identificatie = f"DOC-{zaak_nummer:04d}-{nummer:02d}"
    data = data if data is not None else content(identificatie, size, head)
    uuid = f"00000000-0000-4000-8000-{zaak_nummer:06d}{nummer:06d}"
    eio = {
        "url": f"{DOCUMENTEN}enkelvoudiginformatieobjecten/{uuid}",
        "identificatie": identificatie,
        "bronorganisatie": "002220647",
        "creatiedatum": "2003-02-01",
        "titel": titel if titel is not None else f"Besluit {identificatie}",
        "vertrouwelijkheidaanduiding": vertrouwelijkheid,
        "auteur": "Afdeling Vergunningen",
        "status": status,
        "formaat": formaat,
        "taal": "dut",
        "versie": 1,
        "beginRegistratie": "2003-02-01T10:00:00Z",
        "locked": False,
        "bestandsdelen": [],
        "bestandsnaam": bestandsnaam if bestandsnaam is not None else f"{identificatie}.pdf",
        "inhoud": f"{DOCUMENTEN}enkelvoudiginformatieobjecten/{uuid}/download",
        "bestandsomvang": len(data),
        "beschrijving": "",
        "ontvangstdatum": None,
        "verzenddatum": "2003-02-03",
        "informatieobjecttype": f"{CATALOGI}informatieobjecttypen/1",
        "integriteit": {
            "algoritme": "sha_256",
            "waarde": integriteit if integriteit is not None else hashlib.sha256(data).hexdigest(),
            "datum": "2003-02-01",
        },
    }
    return DocumentGegevens(eio, chunked(data), {"omschrijving": "Besluit"})


def zaak(
    nummer: int,
    *,
    documenten: int = 2,
    size: int = 3000,
    einddatum: str = "2004-06-30",
    vertrouwelijkheid: str = "zaakvertrouwelijk",
    identificatie: str | None = None,
    **document_kwargs,
) -> ZaakGegevens:
    uuid = f"00000000-0000-4000-9000-{nummer:012d}"
    return ZaakGegevens(
        zaak={
            "url": f"{ZAKEN}zaken/{uuid}",
            "uuid": uuid,
            "identificatie": identificatie if identificatie is not None else f"ZAAK-2003-{nummer:04d}",
            "bronorganisatie": "002220647",
            "omschrijving": f"Omgevingsvergunning Dorpsstraat {nummer}",
            "toelichting": "Bouw van een woning.",
            "zaaktype": f"{CATALOGI}zaaktypen/1",
            "registratiedatum": "2003-01-15",
            "startdatum": "2003-01-15",
            "einddatum": einddatum,
            "vertrouwelijkheidaanduiding": vertrouwelijkheid,
            "archiefnominatie": "blijvend_bewaren",
            "archiefstatus": "gearchiveerd",
            "archiefactiedatum": None,
            "startdatumBewaartermijn": einddatum,
            "resultaat": f"{ZAKEN}resultaten/{uuid}",
        },
        zaaktype={
            "url": f"{CATALOGI}zaaktypen/1",
            "identificatie": "OMGVERG",
            "omschrijving": "Omgevingsvergunning verlenen",
        },
        resultaattype={
            "url": f"{CATALOGI}resultaattypen/1",
            "omschrijving": "Verleend",
            "archiefnominatie": "blijvend_bewaren",
        },
        selectielijst_resultaat={
            "url": f"{SELECTIELIJST}resultaten/1",
            "naam": "Verleend",
            "volledigNummer": "11.1.1",
            "waardering": "blijvend_bewaren",
            "bewaartermijn": None,
            "jaar": 2020,
        },
        statussen=[
            {
                "url": f"{ZAKEN}statussen/{uuid}-1",
                "datumStatusGezet": "2003-01-15T09:00:00Z",
                "statustoelichting": "Ontvangen",
            },
            {
                "url": f"{ZAKEN}statussen/{uuid}-2",
                "datumStatusGezet": f"{einddatum}T16:00:00Z",
                "statustoelichting": "Afgehandeld",
            },
        ],
        documenten=[document(nummer, d + 1, size=size, **document_kwargs) for d in range(documenten)],
    )
