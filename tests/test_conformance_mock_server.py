"""The conformance run's mock server answers as VNG's `ZGW_mocks.json` says, over real HTTP."""

from __future__ import annotations

import importlib.util
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from common.testing import STANDARDS_DIR

MOCKS = STANDARDS_DIR / "zgw-tests" / "ZGW_mocks.json"


def _module():
    path = Path(__file__).resolve().parents[1] / "conformance" / "mock_server.py"
    spec = importlib.util.spec_from_file_location("mock_server", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def mock_url():
    module = _module()
    server = ThreadingHTTPServer(("127.0.0.1", 0), module.handler_for(module.load_examples(str(MOCKS))))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{module.PREFIX}"
    server.shutdown()
    server.server_close()


def test_every_example_of_the_mocks_file_is_served(mock_url):
    examples = _module().load_examples(str(MOCKS))
    assert ("GET", "/200") in examples and ("GET", "/404") in examples

    for (method, path), (status, content_type, body) in examples.items():
        response = httpx.request(method, mock_url + path)
        assert (response.status_code, response.content) == (status, body), path
        assert response.headers["content-type"] == content_type


def test_what_the_collection_relies_on(mock_url):
    assert httpx.get(f"{mock_url}/200").status_code == 200
    assert httpx.get(f"{mock_url}/404").status_code == 404
    assert httpx.get(f"{mock_url}/communicatiekanaal").json()["naam"] == "string"
    assert httpx.get(f"{mock_url}/nothing-here").status_code == 404
    assert httpx.get(mock_url.removesuffix("/mock") + "/200").status_code == 404
