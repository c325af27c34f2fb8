"""A small, faithful stand-in for the Documenten API 1.5, built strictly from
`../shared/standards/zgw/documenten-1.5.0.yaml`.

Why a fake: the real Documenten API (`documenten/`) is built in parallel and is not part
of this deployment yet. This provider answers the three operations openbaarmaking uses —
the paginated list and the detail of `enkelvoudiginformatieobjecten` (an earlier version
with `?versie=`), and `download` —
with the fields, enums, pagination and problem+json errors of the specification, and
refuses requests without a bearer token (401) and, as Open Zaak does, a download whose
Accept header does not admit application/octet-stream (406). Every JSON answer it gives is validated
against the official specification by the `documenten_api` fixture, so a field it got
wrong fails the test. Documents change through its Python methods (as an editor in the
real API would change them) and a change can be announced as the real provider does:
a notification on kanaal `documenten`.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid as _uuid
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode

import httpx

from common.testing import admits_download

API_ROOT_PATH = "/documenten/api/v1/"
COLLECTION = "enkelvoudiginformatieobjecten"
PAGE_SIZE = 100

STATUSSEN = ("in_bewerking", "concept", "definitief", "ter_vaststelling", "vastgesteld", "gearchiveerd")
VERTROUWELIJKHEIDAANDUIDINGEN = (
    "openbaar",
    "beperkt_openbaar",
    "intern",
    "zaakvertrouwelijk",
    "vertrouwelijk",
    "confidentieel",
    "geheim",
    "zeer_geheim",
)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat().replace("+00:00", "Z")


@dataclass
class StoredDocument:
    uuid: str
    body: dict
    inhoud: bytes = b""
    versies: list[dict] = field(default_factory=list)


class FakeDocumentenAPI(httpx.BaseTransport):
    """An httpx transport that plays the Documenten API at `api_root`."""

    def __init__(self, api_root: str) -> None:
        self.api_root = api_root if api_root.endswith("/") else api_root + "/"
        self.documents: dict[str, StoredDocument] = {}
        self.requests: list[httpx.Request] = []

    # --- what an editor does in the real API ---------------------------------------------

    def create(
        self,
        *,
        informatieobjecttype: str,
        titel: str = "Besluit op de aanvraag",
        status: str = "in_bewerking",
        vertrouwelijkheidaanduiding: str = "openbaar",
        inhoud: bytes = b"%PDF-1.7 besluit",
        formaat: str = "application/pdf",
        bestandsnaam: str = "besluit.pdf",
        taal: str = "nld",
        beschrijving: str = "",
        creatiedatum: str = "2026-11-01",
    ) -> dict:
        assert status in STATUSSEN and vertrouwelijkheidaanduiding in VERTROUWELIJKHEIDAANDUIDINGEN
        uuid = str(_uuid.uuid4())
        url = f"{self.api_root}{COLLECTION}/{uuid}"
        body = {
            "url": url,
            "identificatie": f"DOC-{uuid[:8]}",
            "bronorganisatie": "002220647",
            "creatiedatum": creatiedatum,
            "titel": titel,
            "vertrouwelijkheidaanduiding": vertrouwelijkheidaanduiding,
            "auteur": "Afdeling Vergunningen",
            "status": status,
            "formaat": formaat,
            "taal": taal,
            "versie": 1,
            "beginRegistratie": _now(),
            "bestandsnaam": bestandsnaam,
            "inhoud": f"{url}/download?versie=1",
            "bestandsomvang": len(inhoud),
            "link": "",
            "beschrijving": beschrijving,
            "ontvangstdatum": None,
            "verzenddatum": None,
            "indicatieGebruiksrecht": False,
            "verschijningsvorm": "",
            "ondertekening": None,
            "integriteit": None,
            "informatieobjecttype": informatieobjecttype,
            "locked": False,
            "bestandsdelen": [],
            "trefwoorden": [],
            "inhoudIsVervallen": False,
        }
        self.documents[uuid] = StoredDocument(uuid=uuid, body=body, inhoud=inhoud)
        return dict(body)

    def update(self, url: str, **changes) -> dict:
        """A new version with `changes` (e.g. `status="definitief"`), as a PATCH would make.

        Earlier versions stay readable with `?versie=` (Documenten API 1.5). `beginRegistratie`
        may be given, to place the new version at a known moment.
        """
        stored = self.documents[url.rsplit("/", 1)[1]]
        for key in ("status", "vertrouwelijkheidaanduiding"):
            if key in changes:
                assert changes[key] in (STATUSSEN if key == "status" else VERTROUWELIJKHEIDAANDUIDINGEN)
        stored.versies.append(dict(stored.body))
        stored.body.update(changes)
        stored.body["versie"] += 1
        stored.body["beginRegistratie"] = changes.get("beginRegistratie") or _now()
        stored.body["inhoud"] = f"{stored.body['url']}/download?versie={stored.body['versie']}"
        return dict(stored.body)

    def notificatie(self, url: str, actie: str = "partial_update") -> dict:
        """The message the real provider sends on kanaal `documenten` after a change."""
        body = self.documents[url.rsplit("/", 1)[1]].body
        return {
            "kanaal": "documenten",
            "hoofdObject": url,
            "resource": "enkelvoudiginformatieobject",
            "resourceUrl": url,
            "actie": actie,
            "aanmaakdatum": _now(),
            "kenmerken": {
                "bronorganisatie": body["bronorganisatie"],
                "informatieobjecttype": body["informatieobjecttype"],
                "vertrouwelijkheidaanduiding": body["vertrouwelijkheidaanduiding"],
            },
        }

    # --- the HTTP side -----------------------------------------------------------------------

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        path = request.url.path
        if not request.headers.get("authorization", "").startswith("Bearer "):
            return self._problem(request, 401, "not_authenticated", "Authenticatiegegevens zijn niet opgegeven.")
        if request.method != "GET" or not path.startswith(API_ROOT_PATH):
            return self._problem(request, 405 if path.startswith(API_ROOT_PATH) else 404, "error", "Niet ondersteund.")
        parts = path[len(API_ROOT_PATH) :].strip("/").split("/")
        if parts == [COLLECTION]:
            return self._list(request)
        if len(parts) in (2, 3) and parts[0] == COLLECTION:
            stored = self.documents.get(parts[1])
            if stored is None:
                return self._problem(request, 404, "not_found", "Niet gevonden.")
            if len(parts) == 2:
                versie = request.url.params.get("versie")
                if versie:
                    body = next((v for v in [*stored.versies, stored.body] if str(v["versie"]) == versie), None)
                    if body is None:
                        return self._problem(request, 404, "not_found", "Deze versie bestaat niet.")
                    return self._json(request, 200, body)
                return self._json(request, 200, stored.body)
            if parts[2] == "download":
                if not admits_download(request):  # as Open Zaak: a download is application/octet-stream
                    return self._problem(request, 406, "not_acceptable", "Een download is application/octet-stream.")
                return httpx.Response(
                    200,
                    headers={"content-type": "application/octet-stream", "content-length": str(len(stored.inhoud))},
                    content=stored.inhoud,
                    request=request,
                )
        return self._problem(request, 404, "not_found", "Niet gevonden.")

    def _list(self, request: httpx.Request) -> httpx.Response:
        query = parse_qs(request.url.query.decode())
        try:
            page = int(query.get("page", ["1"])[0])
        except ValueError:
            page = 0
        documents = list(self.documents.values())
        pages = max(1, -(-len(documents) // PAGE_SIZE))
        if page < 1 or page > pages:
            return self._problem(request, 404, "not_found", "Ongeldige pagina.")
        base = f"{self.api_root}{COLLECTION}"

        def link(number: int) -> str | None:
            return f"{base}?{urlencode({'page': number})}" if 1 <= number <= pages else None

        body = {
            "count": len(documents),
            "next": link(page + 1),
            "previous": link(page - 1),
            "results": [d.body for d in documents[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]],
        }
        return self._json(request, 200, body)

    @staticmethod
    def _json(request: httpx.Request, status: int, body: dict) -> httpx.Response:
        return httpx.Response(
            status,
            headers={"content-type": "application/json", "API-version": "1.5.0"},
            content=json.dumps(body).encode(),
            request=request,
        )

    @staticmethod
    def _problem(request: httpx.Request, status: int, code: str, detail: str) -> httpx.Response:
        body = {
            "type": f"https://example.org/fouten/{code}/",
            "code": code,
            "title": detail,
            "status": status,
            "detail": detail,
            "instance": f"urn:uuid:{_uuid.uuid4()}",
        }
        return httpx.Response(
            status,
            headers={"content-type": "application/problem+json"},
            content=json.dumps(body).encode(),
            request=request,
        )
