"""Fixtures every app's tests share: authenticated API clients and schema validation."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from common import clients
from common.auth import jwt_encode
from common.contracts import contract_files
from common.models import Applicatie, Autorisatie, ClientCredential
from common.testing import ContractValidator


@pytest.fixture(autouse=True)
def in_process_calls_need_committed_data(request, monkeypatch):
    """An in-process provider answers on its own connection and sees only committed data
    (docs/decisions/0001-*). In a test that runs inside one transaction it would miss the
    test's data, and what it stores would outlive the test: a test that has a provider write
    must be transactional."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (
        (marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
        or "transactional_db" in request.fixturenames
        or "live_server" in request.fixturenames
    )
    if transactional or (marker is None and "db" not in request.fixturenames):
        return

    original = clients.InProcessTransport.handle_request

    def refuse(self, http_request):
        if http_request.method in clients.SAFE_METHODS:
            # A read sees committed data only (reference data, what the provider stored): a
            # test that needs its own data read this way fails on its own.
            return original(self, http_request)
        pytest.fail(
            f"{http_request.method} {http_request.url}: an in-process call from a test that is not transactional; "
            "mark it django_db(transaction=True) (the provider sees only committed data).",
            pytrace=False,
        )

    monkeypatch.setattr(clients.InProcessTransport, "handle_request", refuse)


@pytest.fixture(scope="session", autouse=True)
def provider_threads_end(django_db_setup):
    """The in-process provider threads that wait for work close their connections before the
    test database goes (they keep one where CONN_MAX_AGE allows)."""
    yield
    clients._ProviderThread.close_idle()


@pytest.fixture
def documenten_storage(settings, tmp_path):
    """Document files in a temporary folder of the test's own."""
    settings.STORAGES = {
        **settings.STORAGES,
        "documenten": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "documenten")},
        },
    }
    return tmp_path / "documenten"


@pytest.fixture(autouse=True)
def validate_contract_responses():
    """Every response one app gets from another is checked against the committed schema."""
    validator = ContractValidator(
        {url_path.removesuffix("schema/openapi.yaml"): path for url_path, path in contract_files()}
    )
    clients.response_hooks.append(validator)
    yield validator
    clients.response_hooks.remove(validator)


def _client_for(client_id: str, secret: str, user_id: str = "tester") -> APIClient:
    # Requests look as if they reach the configured SITE_URL, so the URLs the APIs build
    # match the API roots the apps call each other on.
    # and send the CRS headers, as ZGW clients do (common.geo; their absence is tested there)
    client = APIClient(HTTP_HOST="localhost:8000", HTTP_ACCEPT_CRS="EPSG:4326", HTTP_CONTENT_CRS="EPSG:4326")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {jwt_encode(client_id, secret, user_id=user_id)}")
    return client


@pytest.fixture
def make_api_client(db):
    """An API client whose applicatie has the given autorisaties (or all of them).

    `make_api_client(alle=True)` or
    `make_api_client(autorisaties=[{"component": "ztc", "scopes": ["catalogi.lezen"]}])`.
    The token's `user_id` is `tester`, or `user_id`.
    """
    counter = iter(range(1, 10_000))

    def make(
        *,
        alle: bool = False,
        autorisaties: list[dict] | None = None,
        client_id: str | None = None,
        user_id: str = "tester",
    ):
        client_id = client_id or f"test-client-{next(counter)}"
        ClientCredential.objects.update_or_create(client_id=client_id, defaults={"secret": "test-secret"})
        applicatie = Applicatie.objects.create(client_ids=[client_id], label=client_id, heeft_alle_autorisaties=alle)
        for autorisatie in autorisaties or []:
            Autorisatie.objects.create(applicatie=applicatie, **autorisatie)
        return _client_for(client_id, "test-secret", user_id)

    return make


@pytest.fixture
def api_client(make_api_client) -> APIClient:
    """An API client with all autorisaties."""
    return make_api_client(alle=True)


@pytest.fixture
def anonymous_client() -> APIClient:
    return APIClient(HTTP_HOST="localhost:8000")


class _Receiver:
    """A real HTTP server on 127.0.0.1 that records what is POSTed to it."""

    def __init__(self) -> None:
        import http.server
        import json
        import threading

        receiver = self
        self.messages: list[dict] = []
        self.headers: list[dict] = []
        self.status = 204

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                receiver.messages.append(json.loads(self.rfile.read(length) or b"null"))
                receiver.headers.append(dict(self.headers))
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/callback"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    """A subscriber's callback endpoint, listening on a real socket."""
    instance = _Receiver()
    yield instance
    instance.close()


@pytest.fixture(autouse=True)
def celery_eager():
    """Run Celery tasks in-process, whatever the broker setting (CI sets one).

    The tests of the broker itself use the `broker` fixture (common/tests), which turns
    this off for their test.
    """
    from config.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield app
    app.conf.task_always_eager = previous


@pytest.fixture
def browser():
    """Headless Chromium driven through chromedriver (Debian's packages, see bin/test)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1024",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(2)
    yield driver
    driver.quit()


@pytest.fixture
def admin_browser(browser, live_server, django_user_model):
    """The browser, logged in to the admin as a superuser."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    django_user_model.objects.create_superuser("beheerder", "beheer@example.org", "correct-horse-battery")
    browser.get(f"{live_server.url}/admin/login/")
    browser.find_element(By.NAME, "username").send_keys("beheerder")
    browser.find_element(By.NAME, "password").send_keys("correct-horse-battery")
    browser.find_element(By.CSS_SELECTOR, "input[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: driver.find_elements(By.ID, "user-tools"))
    browser.base_url = live_server.url
    return browser


@pytest.fixture
def broker(monkeypatch):
    """Point Celery at a broker for one test (not eager): `broker(url)`."""
    from kombu import pools as kombu_pools

    from config.celery import app as celery_app

    previous = (celery_app.conf.broker_url, celery_app.conf.task_always_eager)

    def reset_connections() -> None:
        kombu_pools.reset()  # closes every cached connection and forgets the pools
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    def use(url: str) -> None:
        # Celery reads CELERY_BROKER_URL from the environment before its own settings.
        monkeypatch.setenv("CELERY_BROKER_URL", url)
        celery_app.conf.broker_url = url
        celery_app.conf.task_always_eager = False
        reset_connections()

    yield use
    celery_app.conf.broker_url, celery_app.conf.task_always_eager = previous
    reset_connections()


class _JsonLogs:
    """The log lines written meanwhile, as the production formatter renders them (JSON)."""

    def __init__(self) -> None:
        import io
        import logging
        import threading

        from config.logs import formatter

        self.stream = io.StringIO()
        self._lock = threading.Lock()
        factory = dict(formatter("json"))
        self.handler = logging.StreamHandler(self.stream)
        self.handler.setFormatter(factory.pop("()")(**factory))
        self.handler.setLevel(logging.INFO)

    def lines(self) -> list[dict]:
        import json

        with self._lock:
            text = self.stream.getvalue()
        return [json.loads(line) for line in text.splitlines() if line.strip()]

    def of(self, request_id: str) -> list[dict]:
        return [line for line in self.lines() if line.get("request_id") == request_id]


@pytest.fixture
def json_logs():
    """Capture every log line (any logger, any thread) as the JSON formatter writes it."""
    import logging

    capture = _JsonLogs()
    root = logging.getLogger()
    previous = root.level
    root.addHandler(capture.handler)
    root.setLevel(logging.INFO)
    yield capture
    root.removeHandler(capture.handler)
    root.setLevel(previous)
