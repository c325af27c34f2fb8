"""A stand-in Documenten API provider, for tests that need a document in a given state.

It answers the few operations of `documenten-1.5.0.yaml` that the Zaken and Besluiten APIs
call: `GET /enkelvoudiginformatieobjecten/{uuid}`, and list, create and delete of
`/objectinformatieobjecten`. Its bodies take the shapes of that specification, and every
answer is checked against the specification itself (`documenten_fake` fixture), so the
stand-in cannot drift from the contract the real provider will serve. It runs as an httpx
transport behind `zaken.clients.DocumentenClient`; `test_documenten_contract.py` runs the
same client against the real `documenten/` in-process.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid as _uuid

import httpx
from django.conf import settings


class FakeDocumentenAPI:
    def __init__(self) -> None:
        self.root = settings.DOCUMENTEN_API_ROOT
        self.documenten: dict[str, dict] = {}
        self.relaties: dict[str, dict] = {}
        self.informatieobjecttype = f"{settings.CATALOGI_API_ROOT}informatieobjecttypen/{_uuid.uuid4()}"

    # --- test set-up ---------------------------------------------------------------------------

    def document(
        self,
        *,
        status: str = "definitief",
        locked: bool = False,
        indicatie_gebruiksrecht=False,
        informatieobjecttype: str = "",
    ) -> str:
        """Register an EnkelvoudigInformatieObject and return its URL."""
        key = str(_uuid.uuid4())
        url = f"{self.root}enkelvoudiginformatieobjecten/{key}"
        self.documenten[key] = {
            "url": url,
            "identificatie": f"DOC-{len(self.documenten) + 1}",
            "bronorganisatie": "002220647",
            "creatiedatum": "2024-01-02",
            "titel": "Een document",
            "vertrouwelijkheidaanduiding": "openbaar",
            "auteur": "Tester",
            "status": status,
            "formaat": "application/pdf",
            "taal": "nld",
            "versie": 1,
            "beginRegistratie": dt.datetime(2024, 1, 2, tzinfo=dt.UTC).isoformat().replace("+00:00", "Z"),
            "bestandsnaam": "document.pdf",
            "inhoud": None,
            "bestandsomvang": None,
            "link": "",
            "beschrijving": "",
            "ontvangstdatum": None,
            "verzenddatum": None,
            "indicatieGebruiksrecht": indicatie_gebruiksrecht,
            "verschijningsvorm": "",
            "ondertekening": None,
            "integriteit": None,
            "informatieobjecttype": informatieobjecttype or self.informatieobjecttype,
            "locked": locked,
            "bestandsdelen": [],
            "trefwoorden": [],
            "inhoudIsVervallen": False,
        }
        return url

    def set(self, url: str, **fields) -> None:
        self.documenten[url.rstrip("/").rsplit("/", 1)[-1]].update(fields)

    def relaties_voor(self, informatieobject: str) -> list[dict]:
        return [r for r in self.relaties.values() if r["informatieobject"] == informatieobject]

    # --- the provider --------------------------------------------------------------------------

    def _json(self, status: int, body, request: httpx.Request) -> httpx.Response:
        media = "application/problem+json" if status >= 400 else "application/json"
        return httpx.Response(status, content=json.dumps(body), headers={"Content-Type": media}, request=request)

    def _problem(self, status: int, code: str, request: httpx.Request, params: list | None = None) -> httpx.Response:
        body = {
            "type": f"https://example.nl/fouten/{code}/",
            "code": code,
            "title": code,
            "status": status,
            "detail": code,
            "instance": f"urn:uuid:{_uuid.uuid4()}",
        }
        if params is not None:
            body["invalidParams"] = params
        return self._json(status, body, request)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if not request.headers.get("Authorization", "").startswith("Bearer "):
            return self._problem(401, "not_authenticated", request)
        path = str(request.url.copy_with(query=None))[len(self.root) :].strip("/").split("/")
        if path[0] == "enkelvoudiginformatieobjecten" and len(path) == 2 and request.method == "GET":
            document = self.documenten.get(path[1])
            return self._json(200, document, request) if document else self._problem(404, "not_found", request)
        if path[0] == "objectinformatieobjecten" and len(path) == 1:
            if request.method == "GET":
                params = request.url.params
                found = [
                    r
                    for r in self.relaties.values()
                    if all(r[k] == params[k] for k in ("object", "informatieobject") if k in params)
                ]
                return self._json(200, found, request)
            if request.method == "POST":
                return self._create(json.loads(request.content), request)
        if path[0] == "objectinformatieobjecten" and len(path) == 2:
            relatie = self.relaties.get(path[1])
            if relatie is None:
                return self._problem(404, "not_found", request)
            if request.method == "GET":
                return self._json(200, relatie, request)
            if request.method == "DELETE":
                del self.relaties[path[1]]
                return httpx.Response(204, request=request)
        return self._problem(405, "method_not_allowed", request)

    def _create(self, body: dict, request: httpx.Request) -> httpx.Response:
        informatieobject = body.get("informatieobject", "")
        if informatieobject.rstrip("/").rsplit("/", 1)[-1] not in self.documenten:
            return self._problem(
                400,
                "invalid",
                request,
                [{"name": "informatieobject", "code": "does_not_exist", "reason": "Onbekend informatieobject."}],
            )
        if body.get("objectType") not in ("zaak", "besluit"):
            return self._problem(
                400, "invalid", request, [{"name": "objectType", "code": "invalid_choice", "reason": "zaak of besluit"}]
            )
        if any(r["object"] == body.get("object") for r in self.relaties_voor(informatieobject)):
            return self._problem(
                400, "invalid", request, [{"name": "nonFieldErrors", "code": "unique", "reason": "Bestaat al."}]
            )
        key = str(_uuid.uuid4())
        relatie = {
            "url": f"{self.root}objectinformatieobjecten/{key}",
            "informatieobject": informatieobject,
            "object": body["object"],
            "objectType": body["objectType"],
        }
        self.relaties[key] = relatie
        return self._json(201, relatie, request)
