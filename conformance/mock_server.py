"""The collection's mock server (`mock_url`), answering as VNG's `ZGW_mocks.json` describes.

VNG ran the conformance collection against a Postman mock server: `{{mock_url}}/200`
answers 200 with an empty HTML page (a URL that leads to something, but not to the
resource asked for), `{{mock_url}}/404` answers 404 (a URL that leads nowhere), and a few
paths answer with a resource (`/communicatiekanaal`, `/zaakobject_min`, ...). This serves
exactly the examples of that file under `/mock`: the same method, path, status,
Content-Type and body; anything else is a 404.

In the conformance run the server's root is one of Levensloop's `EXTERNAL_API_ROOTS`, so a
reference to it is followed and judged by what answers, as against any other provider.

Usage: mock_server.py MOCKS_JSON PORT   (serves until it is stopped)
"""

from __future__ import annotations

import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

PREFIX = "/mock"


def load_examples(path: str) -> dict[tuple[str, str], tuple[int, str, bytes]]:
    """(method, path) -> (status, content type, body) for every example response."""
    with open(path, encoding="utf-8") as handle:
        collection = json.load(handle)
    examples = {}
    for item in collection["item"]:
        request = item["request"]
        url = request["url"]["raw"] if isinstance(request["url"], dict) else request["url"]
        mock_path = urlsplit(url.replace("{{mock_url}}", "http://mock")).path or "/"
        for response in item.get("response", []):
            headers = {h["key"].lower(): h["value"] for h in response.get("header") or []}
            content_type = headers.get("content-type") or (
                "application/json" if (response.get("body") or "").lstrip().startswith("{") else "text/plain"
            )
            body = (response.get("body") or "").encode("utf-8")
            examples[(request["method"], mock_path)] = (response["code"], content_type, body)
    return examples


def handler_for(examples: dict[tuple[str, str], tuple[int, str, bytes]]) -> type[BaseHTTPRequestHandler]:
    class MockHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            path = urlsplit(self.path).path
            found = None
            if path.startswith(PREFIX + "/"):
                found = examples.get((self.command, path[len(PREFIX) :]))
            status, content_type, body = found or (404, "text/plain", b"")
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _answer

        def log_message(self, format: str, *args: object) -> None:
            sys.stderr.write("mock: " + (format % args) + "\n")

    return MockHandler


def main(mocks: str, port: str) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", int(port)), handler_for(load_examples(mocks)))
    print(f"mock server on http://127.0.0.1:{port}{PREFIX}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(*sys.argv[1:])
