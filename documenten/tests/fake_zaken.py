"""A small, faithful stand-in for the Zaken and Besluiten APIs, on a real socket.

Another provider's Zaken API, as the Documenten API meets it when it runs in front of one:
the relation check of objectinformatieobjecten is tested against this fake, built from the
official `zaken-1.5.1.yaml` and `besluiten-1.0.2.yaml`: `GET /zaken/{uuid}`,
`GET /zaakinformatieobjecten?zaak=&informatieobject=` (a plain array), and the same for
besluiten and besluitinformatieobjecten. Its answers are validated against those official
specifications (see `fake_zaken_api` in conftest), so the fake cannot drift from them.
It requires a JWT bearer token, as the real APIs do, and answers 404 for anything else.
"""

from __future__ import annotations

import http.server
import json
import threading
import uuid
from urllib.parse import parse_qs, urlparse

NOT_FOUND = {
    "type": "https://example.org/fouten/not_found/",
    "code": "not_found",
    "title": "Niet gevonden.",
    "status": 404,
    "detail": "Niet gevonden.",
    "instance": "urn:uuid:00000000-0000-4000-8000-000000000000",
}


class FakeZakenAPI:
    def __init__(self) -> None:
        self.zaken: dict[str, dict] = {}
        self.besluiten: dict[str, dict] = {}
        self.zaakinformatieobjecten: list[dict] = []
        self.besluitinformatieobjecten: list[dict] = []
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if not self.headers.get("Authorization", "").startswith("Bearer "):
                    return self._send(401, {**NOT_FOUND, "code": "not_authenticated", "status": 401})
                status, body = fake.answer(urlparse(self.path))
                self._send(status, body)

            def _send(self, status: int, body) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json" if status < 400 else "application/problem+json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.zaken_root = f"{self.base}/zaken/api/v1/"
        self.besluiten_root = f"{self.base}/besluiten/api/v1/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- data ------------------------------------------------------------------------

    def zaak(self) -> str:
        key = str(uuid.uuid4())
        url = f"{self.zaken_root}zaken/{key}"
        self.zaken[key] = {
            "url": url,
            "uuid": key,
            "identificatie": "ZAAK-2024-0000000001",
            "bronorganisatie": "002220647",
            "omschrijving": "",
            "zaaktype": "http://localhost:8000/catalogi/api/v1/zaaktypen/" + str(uuid.uuid4()),
            "verantwoordelijkeOrganisatie": "002220647",
            "startdatum": "2024-05-01",
            "einddatum": None,
            "betalingsindicatieWeergave": "",
            "deelzaken": [],
            "eigenschappen": [],
            "rollen": [],
            "status": None,
            "resultaat": None,
            "zaakinformatieobjecten": [],
            "zaakobjecten": [],
        }
        return url

    def besluit(self) -> str:
        key = str(uuid.uuid4())
        url = f"{self.besluiten_root}besluiten/{key}"
        self.besluiten[key] = {
            "url": url,
            "identificatie": "BESLUIT-2024-0000000001",
            "verantwoordelijkeOrganisatie": "002220647",
            "besluittype": "http://localhost:8000/catalogi/api/v1/besluittypen/" + str(uuid.uuid4()),
            "datum": "2024-05-01",
            "ingangsdatum": "2024-05-01",
        }
        return url

    def relate_zaak(self, zaak: str, informatieobject: str) -> dict:
        key = str(uuid.uuid4())
        relation = {
            "url": f"{self.zaken_root}zaakinformatieobjecten/{key}",
            "uuid": key,
            "informatieobject": informatieobject,
            "zaak": zaak,
            "aardRelatieWeergave": "Hoort bij, omgekeerd: kent",
            "titel": "",
            "beschrijving": "",
            "registratiedatum": "2024-05-01T12:00:00Z",
        }
        self.zaakinformatieobjecten.append(relation)
        return relation

    def relate_besluit(self, besluit: str, informatieobject: str) -> dict:
        relation = {
            "url": f"{self.besluiten_root}besluitinformatieobjecten/{uuid.uuid4()}",
            "informatieobject": informatieobject,
            "besluit": besluit,
        }
        self.besluitinformatieobjecten.append(relation)
        return relation

    # --- answers -----------------------------------------------------------------------

    def answer(self, url) -> tuple[int, object]:
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        parts = url.path.strip("/").split("/")
        if parts[:3] == ["zaken", "api", "v1"]:
            return self._answer(parts[3:], query, self.zaken, self.zaakinformatieobjecten, "zaken", "zaak")
        if parts[:3] == ["besluiten", "api", "v1"]:
            return self._answer(
                parts[3:], query, self.besluiten, self.besluitinformatieobjecten, "besluiten", "besluit"
            )
        return 404, NOT_FOUND

    @staticmethod
    def _answer(parts, query, objects, relations, collection, field):
        if len(parts) == 2 and parts[0] == collection and parts[1] in objects:
            return 200, objects[parts[1]]
        if parts == [f"{field}informatieobjecten"]:
            return 200, [
                r
                for r in relations
                if r[field] == query.get(field, r[field])
                and r["informatieobject"] == query.get("informatieobject", r["informatieobject"])
            ]
        return 404, NOT_FOUND
