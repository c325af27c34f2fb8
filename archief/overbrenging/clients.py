"""The only place where transfers call other components: the ZGW contracts.

Cases, their statuses, results and documents come from the Zaken and Documenten APIs,
their types from the Catalogi API, the waardering and bewaartermijn from the
Selectielijst API. After the archive accepted a case, its archiefstatus becomes
`overgedragen` through the Zaken API, and the verklaring van overbrenging is stored as a
document through the Documenten API. Content is streamed, never held whole in memory.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

import httpx
from django.conf import settings

from common import tijd
from common.clients import APIClient, ClientError
from common.downloads import download_accept

from .mdto import DocumentGegevens, ZaakGegevens

CHUNK = 1024 * 1024

# Tests install a transport here that serves the Zaken, Documenten and Catalogi contracts
# (see tests/fake_zgw.py); None means the configured API roots, in-process where possible.
TRANSPORT: httpx.BaseTransport | None = None


class _Client(APIClient):
    def download(self, url: str, *, formaat: str = "", chunk_size: int = CHUNK) -> Iterator[bytes]:
        """A document's content, chunk by chunk, without buffering it; nothing for a 204 (no content).

        Asks for a file (`download_accept`): a strict provider answers 406 to a JSON Accept.
        """
        url = self.url(url)
        headers = {**self._headers(), "Accept": download_accept(formaat)}
        with self._http.stream("GET", url, headers=headers) as response:
            if response.status_code == 204:
                return
            if response.status_code != 200:
                raise ClientError(f"GET {url} answered {response.status_code}", status=response.status_code)
            yield from response.iter_bytes(chunk_size)


class ZGWBron:
    """Reads and writes cases and documents through the ZGW APIs of this deployment."""

    def __init__(self, transport: httpx.BaseTransport | None = None) -> None:
        transport = transport or TRANSPORT
        self.zaken = _Client(settings.ZAKEN_API_ROOT, transport=transport)
        self.documenten = _Client(settings.DOCUMENTEN_API_ROOT, transport=transport)
        self.catalogi = _Client(settings.CATALOGI_API_ROOT, transport=transport)
        self.selectielijst = _Client(settings.SELECTIELIJST_API_ROOT, transport=transport)

    def close(self) -> None:
        for client in (self.zaken, self.documenten, self.catalogi, self.selectielijst):
            client.close()

    def __enter__(self) -> ZGWBron:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- reading ---------------------------------------------------------------------

    def zaak(self, url: str) -> dict:
        return self.zaken.retrieve(url)

    def informatieobjecten(self, zaak_url: str) -> list[dict]:
        """The documents of a case, through its zaakinformatieobjecten."""
        relaties = self.zaken.list("zaakinformatieobjecten", params={"zaak": zaak_url})
        return [self.documenten.retrieve(relatie["informatieobject"]) for relatie in relaties]

    def zaaktypen(self) -> list[dict]:
        """Every zaaktype of the Catalogi API, concept or definitief (`status=alles`): what an
        agreement's early-transfer rule can name."""
        return list(self.catalogi.list("zaaktypen", params={"status": "alles"}))

    def selectielijst_resultaat(self, url: str) -> dict | None:
        if not url:
            return None
        resultaat = dict(self.selectielijst.retrieve(url))
        if resultaat.get("procesType"):
            resultaat["jaar"] = self.selectielijst.retrieve(resultaat["procesType"]).get("jaar")
        return resultaat

    def zaak_gegevens(
        self, url: str, *, zaak: dict | None = None, documenten: list[dict] | None = None
    ) -> ZaakGegevens:
        """Everything the SIP needs about one case, with its documents' content as streams."""
        zaak = zaak or self.zaak(url)
        zaaktype = self.catalogi.retrieve(zaak["zaaktype"])
        resultaattype = None
        if zaak.get("resultaat"):
            resultaat = self.zaken.retrieve(zaak["resultaat"])
            resultaattype = self.catalogi.retrieve(resultaat["resultaattype"])
        statussen = list(self.zaken.list("statussen", params={"zaak": url}))
        iotypen: dict[str, dict] = {}
        gegevens = []
        for eio in documenten if documenten is not None else self.informatieobjecten(url):
            iotype_url = eio.get("informatieobjecttype") or ""
            if iotype_url and iotype_url not in iotypen:
                iotypen[iotype_url] = self.catalogi.retrieve(iotype_url)
            gegevens.append(DocumentGegevens(eio, self._opener(eio), iotypen.get(iotype_url)))
        return ZaakGegevens(
            zaak=zaak,
            zaaktype=zaaktype,
            documenten=gegevens,
            resultaattype=resultaattype,
            selectielijst_resultaat=self.selectielijst_resultaat((resultaattype or {}).get("selectielijstklasse", "")),
            statussen=statussen,
        )

    def _opener(self, eio: dict):
        def open_content() -> Iterator[bytes]:
            return self.documenten.download(eio["inhoud"], formaat=eio.get("formaat") or "")

        return open_content

    # --- writing ---------------------------------------------------------------------

    def zet_overgedragen(self, zaak_url: str) -> dict:
        return self.zaken.partial_update(zaak_url, {"archiefstatus": "overgedragen"})

    def vernietig_inhoud(self, informatieobject_url: str) -> None:
        """Empty a document's content, keeping its metadata (lock, update, unlock)."""
        lock = self.documenten._json(self.documenten.request("POST", f"{informatieobject_url}/lock"), (200,))["lock"]
        try:
            self.documenten.partial_update(informatieobject_url, {"inhoud": None, "bestandsomvang": 0, "lock": lock})
        finally:
            self.documenten._json(
                self.documenten.request("POST", f"{informatieobject_url}/unlock", json={"lock": lock}), (204,)
            )

    def verklaring_opslaan(
        self, *, titel: str, bestandsnaam: str, inhoud: bytes, bronorganisatie: str, informatieobjecttype: str
    ) -> str:
        """Store the verklaring van overbrenging as a document; its URL."""
        document: dict[str, Any] = {
            "bronorganisatie": bronorganisatie,
            "creatiedatum": tijd.vandaag().isoformat(),
            "titel": titel,
            "auteur": "Archiefbeheer",
            "status": "definitief",
            "formaat": "application/xml",
            "taal": "dut",
            "bestandsnaam": bestandsnaam,
            "inhoud": base64.b64encode(inhoud).decode(),
            "vertrouwelijkheidaanduiding": "openbaar",
            "informatieobjecttype": informatieobjecttype,
            "indicatieGebruiksrecht": False,
        }
        return self.documenten.create("enkelvoudiginformatieobjecten", document)["url"]
