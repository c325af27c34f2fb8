"""A small, faithful stand-in for the Zaken and Documenten APIs, for transfer tests.

Why a stand-in: it was written while the Zaken and Documenten APIs of this project were
built in parallel (issues 3 and 4); it stays for what the real providers make hard to
reach (a worker killed between two requests, a source outage). Its Documenten answers
are checked against the project's committed Documenten contract like any other.
This one follows the specifications in ../shared/standards/zgw/ for the parts a
transfer uses: paths, field names, list shapes (paginated `statussen`, a plain list of
`zaakinformatieobjecten`), status codes, the lock/unlock cycle of a document, and the
Zaken API rule that archiefstatus other than `nog_te_archiveren` needs every document
`gearchiveerd`, and Open Zaak's 406 on a download whose Accept header does not admit
application/octet-stream. The Catalogi and Selectielijst APIs are the real ones, called in-process,
so their responses are checked against the committed contracts as in every other test.

It can also "kill the worker": `kill_on(predicate)` raises `Killed` (a BaseException, so
no handler swallows it) on the first request the predicate picks.
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Callable, Iterator

import httpx

from archief.overbrenging.mdto import ZaakGegevens
from common.clients import InProcessTransport
from common.testing import admits_download

from . import sipdata

ZAKEN, DOCUMENTEN = sipdata.ZAKEN, sipdata.DOCUMENTEN


class Killed(BaseException):
    """The worker died here."""


# Statustypen are not read in a transfer: their URLs only need to look right.
STATUSTYPEN = "http://localhost:8000/catalogi/api/v1/statustypen/"
# The read-only fields the Zaken contract requires in every zaak it answers with.
ZAAK_LEZEN = {
    "betalingsindicatieWeergave": "",
    "deelzaken": [],
    "eigenschappen": [],
    "rollen": [],
    "zaakinformatieobjecten": [],
    "zaakobjecten": [],
    "status": None,
}


class FakeZGW(httpx.BaseTransport):
    def __init__(self, catalogus: dict) -> None:
        self.catalogus = catalogus  # URLs of the zaaktype and types in the real Catalogi API
        self.objects: dict[str, dict] = {}
        self.contents: dict[str, bytes] = {}
        self.zios: dict[str, list[str]] = {}
        self.statussen: dict[str, list[dict]] = {}
        self.locks: dict[str, str] = {}
        self.requests: list[tuple[str, str]] = []
        self.downloads: list[str] = []
        self._kill: Callable[[str, str], bool] | None = None
        self._fail: tuple[Callable[[str, str], bool], int] | None = None
        self._real = InProcessTransport()

    # --- test set-up -------------------------------------------------------------------

    def add(self, gegevens: ZaakGegevens) -> str:
        zaak = {**ZAAK_LEZEN, **gegevens.zaak, "zaaktype": self.catalogus["zaaktype"]}
        zaak.setdefault("verantwoordelijkeOrganisatie", zaak.get("bronorganisatie") or "")
        zaak["status"] = zaak.get("status") or (gegevens.statussen[-1]["url"] if gegevens.statussen else None)
        self.objects[zaak["resultaat"]] = {
            "url": zaak["resultaat"],
            "uuid": zaak["uuid"],
            "zaak": zaak["url"],
            "resultaattype": self.catalogus["resultaattype"],
            "toelichting": "",
        }
        self.objects[zaak["url"]] = zaak
        self.statussen[zaak["url"]] = [
            {
                "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, s["url"])),
                "statustype": f"{STATUSTYPEN}{uuid.uuid5(uuid.NAMESPACE_URL, s['statustoelichting'])}",
                "zaakinformatieobjecten": [],
                **s,
                "zaak": zaak["url"],
                "indicatieLaatstGezetteStatus": i == last,
            }
            for i, s in enumerate(gegevens.statussen)
            for last in [len(gegevens.statussen) - 1]
        ]
        self.zios[zaak["url"]] = []
        for document in gegevens.documenten:
            eio = {**document.informatieobject, "informatieobjecttype": self.catalogus["informatieobjecttype"]}
            self.objects[eio["url"]] = eio
            self.contents[eio["url"]] = b"".join(document.inhoud())
            self.zios[zaak["url"]].append(eio["url"])
        return zaak["url"]

    def kill_on(self, predicate: Callable[[str, str], bool] | None) -> None:
        self._kill = predicate

    def fail_on(self, predicate: Callable[[str, str], bool] | None, status: int = 500) -> None:
        """Answer `status` to every request the predicate picks (an outage), until cleared.

        500 by default: the server error the ZGW contracts document for every operation.
        """
        self._fail = (predicate, status) if predicate else None

    def zaak(self, url: str) -> dict:
        return self.objects[url]

    # --- the HTTP side -----------------------------------------------------------------

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = str(request.url).split("?")[0]
        method = request.method
        if not url.startswith((ZAKEN, DOCUMENTEN)):
            return self._real.handle_request(request)
        self.requests.append((method, url))
        if self._kill and self._kill(method, url):
            self._kill = None
            raise Killed(f"{method} {url}")
        if self._fail and self._fail[0](method, url):
            return self._problem(self._fail[1], "unavailable")
        params = dict(request.url.params)
        if method == "GET" and url == f"{ZAKEN}zaakinformatieobjecten":
            body = [
                {
                    "url": f"{ZAKEN}zaakinformatieobjecten/{uuid.uuid5(uuid.NAMESPACE_URL, eio)}",
                    "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, eio)),
                    "zaak": params["zaak"],
                    "informatieobject": eio,
                    "aardRelatieWeergave": "Hoort bij, omgekeerd: kent",
                    "registratiedatum": "2003-01-01T00:00:00Z",
                }
                for eio in self.zios.get(params.get("zaak", ""), [])
            ]
            return self._json(200, body)
        if method == "GET" and url == f"{ZAKEN}statussen":
            results = self.statussen.get(params.get("zaak", ""), [])
            return self._json(200, {"count": len(results), "next": None, "previous": None, "results": results})
        if method == "GET" and url.endswith("/download") and url.removesuffix("/download") in self.contents:
            if not admits_download(request):  # as Open Zaak: a download is application/octet-stream
                return self._problem(406, "not_acceptable")
            return self._download(url.removesuffix("/download"))
        if method == "POST" and url == f"{DOCUMENTEN}enkelvoudiginformatieobjecten":
            return self._create_document(json.loads(request.content))
        if method == "POST" and url.endswith("/lock") and url.removesuffix("/lock") in self.objects:
            lock = uuid.uuid4().hex
            self.locks[url.removesuffix("/lock")] = lock
            return self._json(200, {"lock": lock})
        if method == "POST" and url.endswith("/unlock") and url.removesuffix("/unlock") in self.objects:
            target = url.removesuffix("/unlock")
            if self.locks.get(target) != json.loads(request.content or b"{}").get("lock"):
                return self._problem(400, "incorrect-lock-id")
            del self.locks[target]
            return httpx.Response(204)
        if url not in self.objects:
            return self._problem(404, "not_found")
        if method == "GET":
            return self._json(200, self.objects[url])
        if method == "PATCH" and url.startswith(ZAKEN):
            return self._update_zaak(url, json.loads(request.content))
        if method == "PATCH" and url.startswith(DOCUMENTEN):
            return self._update_document(url, json.loads(request.content))
        return self._problem(405, "method_not_allowed")

    def _download(self, url: str) -> httpx.Response:
        data = self.contents[url]
        self.downloads.append(url)

        def chunks() -> Iterator[bytes]:
            for start in range(0, len(data), 64 * 1024):
                if self._kill and self._kill("STREAM", url):
                    self._kill = None
                    raise Killed(f"stream {url}")
                yield data[start : start + 64 * 1024]

        return httpx.Response(200, headers={"Content-Type": "application/octet-stream"}, content=chunks())

    def _update_zaak(self, url: str, body: dict) -> httpx.Response:
        zaak = self.objects[url]
        status = body.get("archiefstatus")
        if status not in (
            None,
            "nog_te_archiveren",
            "gearchiveerd",
            "gearchiveerd_procestermijn_onbekend",
            "overgedragen",
        ):
            return self._problem(400, "invalid_choice")
        if (
            status
            and status != "nog_te_archiveren"
            and any(self.objects[eio]["status"] != "gearchiveerd" for eio in self.zios[url])
        ):
            return self._problem(400, "documents-not-archived")
        zaak.update(body)
        return self._json(200, zaak)

    def _update_document(self, url: str, body: dict) -> httpx.Response:
        if self.locks.get(url) != body.pop("lock", None):
            return self._problem(400, "unlocked")
        document = self.objects[url]
        if "inhoud" in body and body["inhoud"] is None:
            self.contents[url] = b""
        document.update({key: value for key, value in body.items() if key != "inhoud"})
        return self._json(200, document)

    def _create_document(self, body: dict) -> httpx.Response:
        required = ("bronorganisatie", "creatiedatum", "titel", "auteur", "taal", "informatieobjecttype")
        missing = [name for name in required if not body.get(name)]
        if missing:
            return self._problem(400, "required", missing)
        identifier = str(uuid.uuid4())
        url = f"{DOCUMENTEN}enkelvoudiginformatieobjecten/{identifier}"
        content = base64.b64decode(body.pop("inhoud") or "")
        document = {
            **body,
            "url": url,
            "identificatie": identifier,
            "bestandsomvang": len(content),
            "versie": 1,
            "beginRegistratie": "2026-01-01T00:00:00Z",
            "locked": False,
            "bestandsdelen": [],
        }
        document["inhoud"] = f"{url}/download"
        self.objects[url] = document
        self.contents[url] = content
        return self._json(201, document)

    @staticmethod
    def _json(status: int, body) -> httpx.Response:
        return httpx.Response(status, json=body)

    @staticmethod
    def _problem(status: int, code: str, fields: list[str] | None = None) -> httpx.Response:
        body = {
            "type": f"https://fake-zgw.test/fouten/{code}/",
            "code": code,
            "title": code,
            "status": status,
            "detail": code,
            "instance": f"urn:uuid:{uuid.uuid4()}",
        }
        if status == 400:
            body["invalidParams"] = [{"name": f, "code": code, "reason": code} for f in fields or []]
        return httpx.Response(status, json=body, headers={"Content-Type": "application/problem+json"})
