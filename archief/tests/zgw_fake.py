"""A small stand-in for "another ZGW provider": Zaken, Catalogi, Besluiten and Documenten.

archief/ must work unchanged against any provider of the ZGW contracts, so its
provider-facing code is tested against this one as well as against our own apps. It is
built from the official specifications in ../shared/standards/zgw/ (Zaken 1.5.1,
Catalogi 1.3.1, Besluiten 1.0.2, Documenten 1.5.0) and implements only the subset the
archive uses, with the rules of those specs that the archive depends on:

- lists are paginated (`count`, `next`, `previous`, `results`) and filter as specified
  (`zaak`, `informatieobject`, `besluit`, `zaaktype`);
- an EnkelvoudigInformatieObject is changed only with its `lock`, and cannot be deleted
  while a zaak or besluit still refers to it (Documenten: "alleen mogelijk als er geen
  OBJECTINFORMATIEOBJECTen relateerd zijn");
- a zaak gets `archiefstatus` other than `nog_te_archiveren` only with archiefnominatie and
  archiefactiedatum set and every informatieobject `gearchiveerd` (Zaken:
  `archiefstatus`); deleting it removes its zaakinformatieobjecten and resultaat;
- errors are problem+json in the ZGW shape;
- as strict as Open Zaak 1.30 about what a download asks for: 406 unless the Accept header
  admits application/octet-stream (`Accept: application/json` is refused).

Its API roots lie on another host with other path prefixes than ours, as another
provider's would. Calls to other hosts (the Selectielijst API) pass to this process.
`fail_on(method, url_part, times)` makes matching requests answer 500, for fault tests;
`fail_after_delete(url_part, ...)` carries a matching DELETE out and then answers 500 (as
Open Zaak 1.30 does for a zaak with a resultaat) or never answers (a timeout).
`without_integriteit()` stores no `integriteit` (as Open Zaak when the client sent none).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Callable
from urllib.parse import parse_qs, urlparse

import httpx

from common.clients import InProcessTransport
from common.testing import admits_download

HOST = "http://zgw.example"
ZAKEN = f"{HOST}/zrc/api/v1/"
CATALOGI = f"{HOST}/ztc/api/v1/"
BESLUITEN = f"{HOST}/brc/api/v1/"
DOCUMENTEN = f"{HOST}/drc/api/v1/"

ROUTES = {
    ZAKEN: ("zaken", "zaakinformatieobjecten", "resultaten"),
    CATALOGI: ("zaaktypen", "resultaattypen", "informatieobjecttypen"),
    BESLUITEN: ("besluiten", "besluitinformatieobjecten"),
    DOCUMENTEN: ("enkelvoudiginformatieobjecten",),
}
PAGE_SIZE = 2  # small, so the archive's clients must follow `next`


def _problem(status: int, code: str, detail: str, params: list | None = None) -> httpx.Response:
    body = {
        "type": f"{HOST}/fouten/{code}",
        "code": code,
        "title": detail,
        "status": status,
        "detail": detail,
        "instance": f"urn:uuid:{uuid.uuid4()}",
    }
    if params is not None:
        body["invalidParams"] = params
    return httpx.Response(status, json=body, headers={"Content-Type": "application/problem+json"})


class FakeZGW:
    def __init__(self) -> None:
        self.store: dict[str, dict[str, dict]] = {name: {} for names in ROUTES.values() for name in names}
        self.contents: dict[str, bytes] = {}
        self.locks: dict[str, str] = {}
        self.failures: list[list] = []
        self.failures_after_delete: list[list] = []
        self.stores_integriteit = True
        self.requests: list[tuple[str, str]] = []
        self.deleted: list[str] = []  # every successful DELETE, in order
        # Like some providers: the parts of an archived zaak do not change, not even by DELETE.
        self.archived_zaak_parts_fixed = False
        self._local = InProcessTransport()
        self.transport = httpx.MockTransport(self.handle)

    # --- setting up data, as a case system would through the same APIs -----------------

    def add(self, resource: str, **fields) -> dict:
        root = next(r for r, names in ROUTES.items() if resource in names)
        key = str(uuid.uuid4())
        obj = {"url": f"{root}{resource}/{key}", "uuid": key, **fields}
        self.store[resource][obj["url"]] = obj
        return obj

    def add_zaaktype(self, omschrijving="Melding", **fields) -> dict:
        return self.add(
            "zaaktypen",
            identificatie=f"ZT-{omschrijving}",
            omschrijving=omschrijving,
            concept=False,
            selectielijstProcestype=fields.pop("selectielijstProcestype", "procestype"),
            **fields,
        )

    def add_resultaattype(self, zaaktype: dict, selectielijstklasse: str, **fields) -> dict:
        values = {
            "zaaktype": zaaktype["url"],
            "omschrijving": "Afgehandeld",
            "selectielijstklasse": selectielijstklasse,
            "archiefnominatie": "vernietigen",
            "archiefactietermijn": "P5Y",
            "brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld"},
            **fields,
        }
        return self.add("resultaattypen", **values)

    def add_zaak(self, zaaktype: dict, resultaattype: dict | None = None, **fields) -> dict:
        zaak = self.add(
            "zaken",
            identificatie=fields.pop("identificatie", f"ZAAK-{len(self.store['zaken']) + 1}"),
            bronorganisatie="002220647",
            verantwoordelijkeOrganisatie="002220647",
            zaaktype=zaaktype["url"],
            omschrijving=fields.pop("omschrijving", "Een zaak"),
            startdatum=fields.pop("startdatum", "2010-01-04"),
            einddatum=fields.pop("einddatum", "2010-03-01"),
            archiefnominatie=fields.pop("archiefnominatie", "vernietigen"),
            archiefactiedatum=fields.pop("archiefactiedatum", "2015-03-01"),
            archiefstatus=fields.pop("archiefstatus", "nog_te_archiveren"),
            resultaat=None,
            **fields,
        )
        if resultaattype is not None:
            resultaat = self.add("resultaten", zaak=zaak["url"], resultaattype=resultaattype["url"], toelichting="")
            zaak["resultaat"] = resultaat["url"]
        return zaak

    def add_document(self, zaak: dict | None = None, *, status="definitief", inhoud=b"inhoud", **fields) -> dict:
        number = len(self.store["enkelvoudiginformatieobjecten"]) + 1
        values = {
            "identificatie": f"DOC-{number}",
            "bronorganisatie": "002220647",
            "creatiedatum": "2010-01-05",
            "titel": "Een document",
            "auteur": "Ada",
            "taal": "dut",
            "status": status,
            "versie": 1,
            "locked": False,
            "informatieobjecttype": f"{CATALOGI}informatieobjecttypen/x",
            "integriteit": {
                "algoritme": "sha_256",
                "waarde": hashlib.sha256(inhoud).hexdigest(),
                "datum": "2010-01-05",
            }
            if self.stores_integriteit
            else {"algoritme": "", "waarde": "", "datum": None},  # how Open Zaak shows none
            **fields,
        }
        document = self.add("enkelvoudiginformatieobjecten", **values)
        self.contents[document["url"]] = inhoud
        if zaak is not None:
            self.relate(zaak, document)
        return document

    def relate(self, zaak: dict, document: dict) -> dict:
        return self.add(
            "zaakinformatieobjecten",
            zaak=zaak["url"],
            informatieobject=document["url"],
            aardRelatieWeergave="Hoort bij, omgekeerd: kent",
            registratiedatum=dt.datetime.now(dt.UTC).isoformat(),
        )

    def add_besluit(self, zaak: dict, documenten: list[dict]) -> dict:
        besluit = self.add(
            "besluiten",
            zaak=zaak["url"],
            besluittype=f"{CATALOGI}besluittypen/b",
            verantwoordelijkeOrganisatie="002220647",
            datum="2010-02-01",
            ingangsdatum="2010-02-01",
        )
        for document in documenten:
            self.add("besluitinformatieobjecten", besluit=besluit["url"], informatieobject=document["url"])
        return besluit

    def fail_on(self, method: str, url_part: str, times: int = 1_000_000, *, skip: int = 0) -> None:
        """Matching requests answer 500 (`times` of them, after the first `skip` went through)."""
        self.failures.append([method.upper(), url_part, times, skip])

    def fail_after_delete(self, url_part: str, *, timeout: bool = False, times: int = 1) -> None:
        """Matching DELETEs are committed, then answered 500, or (`timeout`) not answered at all."""
        self.failures_after_delete.append([url_part, timeout, times])

    def without_integriteit(self) -> None:
        """From now on documents are stored without `integriteit`, as Open Zaak does when none was sent."""
        self.stores_integriteit = False

    def exists(self, url: str) -> bool:
        return any(url in objects for objects in self.store.values())

    # --- the HTTP side -------------------------------------------------------------------

    def handle(self, request: httpx.Request) -> httpx.Response:
        url = str(request.url).split("?")[0]
        if not url.startswith(HOST + "/"):
            return self._local.handle_request(request)
        self.requests.append((request.method, url))
        for failure in self.failures:
            if failure[0] == request.method and failure[1] in url and failure[2] > 0:
                if failure[3] > 0:
                    failure[3] -= 1
                    continue
                failure[2] -= 1
                return _problem(500, "error", "Simulated failure of the provider.")
        root = next((r for r in ROUTES if url.startswith(r)), None)
        parts = url[len(root) :].strip("/").split("/") if root else []
        if not parts or parts[0] not in ROUTES.get(root, ()):
            return _problem(404, "not_found", "No such resource.")
        resource = parts[0]
        body = json.loads(request.content) if request.content else {}
        query = {k: v[0] for k, v in parse_qs(urlparse(str(request.url)).query).items()}
        if len(parts) == 1:
            if request.method == "GET":
                return self._list(resource, query, str(request.url))
            if request.method == "POST":
                return self._create(resource, root, body)
            return _problem(405, "method_not_allowed", "Method not allowed.")
        obj_url = f"{root}{resource}/{parts[1]}"
        obj = self.store[resource].get(obj_url)
        if obj is None:
            return _problem(404, "not_found", "Not found.")
        if len(parts) == 3:
            if parts[2] == "download" and not admits_download(request):
                return _problem(406, "not_acceptable", "Een download is application/octet-stream.")
            return self._document_action(obj, parts[2], request.method, body)
        handler: dict[str, Callable[[], httpx.Response]] = {
            "GET": lambda: httpx.Response(200, json=self._render(resource, obj)),
            "PATCH": lambda: self._update(resource, obj, body),
            "DELETE": lambda: self._delete(resource, obj),
        }
        response = handler.get(request.method, lambda: _problem(405, "method_not_allowed", "Not allowed."))()
        if request.method == "DELETE" and response.status_code == 204:
            for failure in self.failures_after_delete:
                if failure[0] in url and failure[2] > 0:
                    failure[2] -= 1
                    if failure[1]:
                        raise httpx.ReadTimeout(f"DELETE {url}: no answer", request=request)
                    return _problem(500, "error", "Er is een serverfout opgetreden.")
        return response

    def _render(self, resource: str, obj: dict) -> dict:
        if resource == "zaken":
            return {
                **obj,
                "zaakinformatieobjecten": [
                    z["url"] for z in self.store["zaakinformatieobjecten"].values() if z["zaak"] == obj["url"]
                ],
            }
        return obj

    def _list(self, resource: str, query: dict, full_url: str) -> httpx.Response:
        page = int(query.pop("page", "1"))
        rows = [
            self._render(resource, obj)
            for obj in self.store[resource].values()
            if all(obj.get(key) == value for key, value in query.items())
        ]
        chunk = rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        base = full_url.split("?")[0]
        params = "&".join(f"{k}={v}" for k, v in query.items())

        def link(number: int) -> str:
            return f"{base}?{params + '&' if params else ''}page={number}"

        return httpx.Response(
            200,
            json={
                "count": len(rows),
                "next": link(page + 1) if page * PAGE_SIZE < len(rows) else None,
                "previous": link(page - 1) if page > 1 else None,
                "results": chunk,
            },
        )

    def _create(self, resource: str, root: str, body: dict) -> httpx.Response:
        if resource == "zaken":
            missing = [
                f
                for f in ("bronorganisatie", "zaaktype", "verantwoordelijkeOrganisatie", "startdatum")
                if not body.get(f)
            ]
            if missing:
                return _problem(
                    400,
                    "invalid",
                    "Invalid input.",
                    [{"name": f, "code": "required", "reason": "Required."} for f in missing],
                )
            zaaktype = self.store["zaaktypen"].get(body["zaaktype"])
            if zaaktype is None:
                return _problem(
                    400, "invalid", "Invalid input.", [{"name": "zaaktype", "code": "bad-url", "reason": "?"}]
                )
            obj = self.add(
                "zaken",
                **{
                    "einddatum": None,
                    "archiefnominatie": None,
                    "archiefactiedatum": None,
                    "archiefstatus": "nog_te_archiveren",
                    "resultaat": None,
                    "identificatie": f"ZAAK-{len(self.store['zaken']) + 1}",
                    **body,
                },
            )
        elif resource == "enkelvoudiginformatieobjecten":
            required = ("bronorganisatie", "creatiedatum", "titel", "auteur", "taal", "informatieobjecttype")
            missing = [f for f in required if not body.get(f)]
            if missing:
                return _problem(
                    400,
                    "invalid",
                    "Invalid input.",
                    [{"name": f, "code": "required", "reason": "Required."} for f in missing],
                )
            inhoud = base64.b64decode(body.pop("inhoud", "") or "")
            obj = self.add_document(**{"status": body.pop("status", "in_bewerking"), "inhoud": inhoud, **body})
            obj["bestandsomvang"] = len(inhoud)
        elif resource == "zaakinformatieobjecten":
            if (
                body.get("zaak") not in self.store["zaken"]
                or body.get("informatieobject") not in self.store["enkelvoudiginformatieobjecten"]
            ):
                return _problem(400, "invalid", "Invalid input.", [{"name": "zaak", "code": "bad-url", "reason": "?"}])
            obj = self.relate(
                self.store["zaken"][body["zaak"]], self.store["enkelvoudiginformatieobjecten"][body["informatieobject"]]
            )
            obj["titel"] = body.get("titel", "")
        else:
            return _problem(405, "method_not_allowed", "Not allowed here.")
        return httpx.Response(201, json=self._render(resource, obj))

    def _update(self, resource: str, obj: dict, body: dict) -> httpx.Response:
        if resource == "enkelvoudiginformatieobjecten":
            if body.pop("lock", None) != self.locks.get(obj["url"]) or obj["url"] not in self.locks:
                return _problem(
                    400,
                    "invalid",
                    "Invalid input.",
                    [{"name": "nonFieldErrors", "code": "unlocked", "reason": "Unlocked document."}],
                )
        elif resource == "zaken" and body.get("archiefstatus", "nog_te_archiveren") != "nog_te_archiveren":
            merged = {**obj, **body}
            if not merged.get("archiefnominatie") or not merged.get("archiefactiedatum"):
                return _problem(
                    400,
                    "invalid",
                    "Invalid input.",
                    [{"name": "archiefstatus", "code": "archiefnominatie-not-set", "reason": "?"}],
                )
            documents = [
                self.store["enkelvoudiginformatieobjecten"][z["informatieobject"]]
                for z in self.store["zaakinformatieobjecten"].values()
                if z["zaak"] == obj["url"]
            ]
            if any(d["status"] != "gearchiveerd" for d in documents):
                return _problem(
                    400,
                    "invalid",
                    "Invalid input.",
                    [{"name": "nonFieldErrors", "code": "documents-not-archived", "reason": "?"}],
                )
        elif resource != "zaken":
            return _problem(405, "method_not_allowed", "Not allowed here.")
        obj.update(body)
        return httpx.Response(200, json=self._render(resource, obj))

    def _delete(self, resource: str, obj: dict) -> httpx.Response:
        url = obj["url"]
        if resource == "zaakinformatieobjecten" and self.archived_zaak_parts_fixed:
            zaak = self.store["zaken"].get(obj["zaak"], {})
            if zaak.get("archiefstatus", "nog_te_archiveren") != "nog_te_archiveren":
                return _problem(400, "zaak-archiefstatus-invalid", "De zaak is gearchiveerd.")
        if resource == "enkelvoudiginformatieobjecten":
            related = [
                r
                for name in ("zaakinformatieobjecten", "besluitinformatieobjecten")
                for r in self.store[name].values()
                if r["informatieobject"] == url
            ]
            if related:
                return _problem(
                    400,
                    "invalid",
                    "Invalid input.",
                    [{"name": "nonFieldErrors", "code": "pending-relations", "reason": "?"}],
                )
            self.contents.pop(url, None)
        if resource == "zaken":
            for name in ("zaakinformatieobjecten", "resultaten"):
                for key in [k for k, r in self.store[name].items() if r["zaak"] == url]:
                    del self.store[name][key]
        if resource == "besluiten":  # "samen met alle gerelateerde resources": its BESLUITINFORMATIEOBJECTen
            for key in [k for k, r in self.store["besluitinformatieobjecten"].items() if r["besluit"] == url]:
                del self.store["besluitinformatieobjecten"][key]
        del self.store[resource][url]
        self.deleted.append(url)
        return httpx.Response(204)

    def _document_action(self, obj: dict, action: str, method: str, body: dict) -> httpx.Response:
        if "enkelvoudiginformatieobjecten" not in obj["url"]:
            return _problem(404, "not_found", "Not found.")
        if action == "download" and method == "GET":
            return httpx.Response(
                200, content=self.contents.get(obj["url"], b""), headers={"Content-Type": "application/octet-stream"}
            )
        if action == "lock" and method == "POST":
            if obj["url"] in self.locks:
                return _problem(
                    400,
                    "invalid",
                    "Invalid input.",
                    [{"name": "nonFieldErrors", "code": "existing-lock", "reason": "?"}],
                )
            self.locks[obj["url"]] = uuid.uuid4().hex
            obj["locked"] = True
            return httpx.Response(200, json={"lock": self.locks[obj["url"]]})
        if action == "unlock" and method == "POST":
            if body.get("lock") != self.locks.get(obj["url"]):
                return _problem(
                    400,
                    "invalid",
                    "Invalid input.",
                    [{"name": "nonFieldErrors", "code": "incorrect-lock-id", "reason": "?"}],
                )
            del self.locks[obj["url"]]
            obj["locked"] = False
            return httpx.Response(204)
        return _problem(405, "method_not_allowed", "Not allowed.")
