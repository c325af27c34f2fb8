"""The base for calling another app's contract over HTTP.

A client is made for one API root (from settings) and refuses any URL that does not lie
under a configured API root, compared in normalised form (`common.safe_urls`: dot segments
resolved, no userinfo, no encoded slashes) and fetched in that same form, so a URL in a
request body can never make us call an arbitrary host or path (no SSRF). When the provider
runs in this same process (the API root lies on SITE_URL and API_IN_PROCESS is on), the
request is handed to Django through WSGI on a thread of its own, with its own database
connection and transaction: the same URL routing, authentication, serialization, contract
and visibility of data as over HTTP, only no socket. A management command or Celery task
therefore works without a web server running.
"""

from __future__ import annotations

import contextvars
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
from django.conf import settings
from django.db import connections, transaction

from . import requestid
from .auth import jwt_encode
from .requestid import current_request_id
from .safe_urls import root_of, url_under

API_ROOT_SETTINGS = (
    "CATALOGI_API_ROOT",
    "ZAKEN_API_ROOT",
    "BESLUITEN_API_ROOT",
    "DOCUMENTEN_API_ROOT",
    "AUTORISATIES_API_ROOT",
    "SELECTIELIJST_API_ROOT",
    "ARCHIEF_API_ROOT",
    "OPENBAARMAKING_API_ROOT",
)


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class ClientError(Exception):
    """A call to another component failed; `status` and `body` say how."""

    def __init__(self, message: str, *, status: int | None = None, body: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.body = body


class URLNotAllowedError(ClientError):
    """The URL lies outside every configured API root."""


def api_roots() -> list[str]:
    """Every root a URL may lie under to be followed: ours, then the external providers'."""
    own = [getattr(settings, name) for name in API_ROOT_SETTINGS if getattr(settings, name, "")]
    return own + list(getattr(settings, "EXTERNAL_API_ROOTS", []))


def is_external_url(url: str) -> bool:
    """The URL lies under one of `EXTERNAL_API_ROOTS`: another provider, no credentials of ours."""
    return root_of(url, list(getattr(settings, "EXTERNAL_API_ROOTS", []))) is not None


def is_allowed_url(url: str) -> bool:
    """The URL, normalised, lies under a configured API root (ours or an external one)."""
    return root_of(url, api_roots()) is not None


def allowed_url(url: str) -> str:
    """The normalised URL, the form that is fetched; URLNotAllowedError outside every root."""
    found = root_of(url, api_roots())
    if found is None:
        raise URLNotAllowedError(f"{url} lies outside the configured API roots.")
    return found[0]


class _ProviderThread:
    """The thread one in-process request runs in, with its own database connection.

    A provider in another deployment has its own connection and transaction and sees only
    what its callers have committed; the in-process transport gives it the same: the request
    is answered on a thread of its own, so Django's connection handling (a connection per
    thread, closed or kept at the end of each request cycle as CONN_MAX_AGE says) works as it
    does under gunicorn and nothing process-wide is switched. The thread serves the request
    until the answer's body is closed, because a streamed body (a file) is read, and its
    request cycle ended, on that thread. The caller's context (request id, the acting client)
    is copied along for each request.

    A thread that is done waits for the next in-process request (at most `IDLE_MAX` wait per
    process): with DB_CONN_MAX_AGE above 0 its connection is then used again, as a gunicorn
    thread's is, instead of a new connection per call.
    """

    IDLE_MAX = 8
    _idle: list[_ProviderThread] = []
    _idle_lock = threading.Lock()

    def __init__(self) -> None:
        # made by `take`, which gives it the caller's context
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="in-process-provider")

    @classmethod
    def take(cls) -> _ProviderThread:
        """A waiting thread, or a new one, for a request of the calling context."""
        with cls._idle_lock:
            thread = cls._idle.pop() if cls._idle else None
        thread = thread or cls()
        thread._context = contextvars.copy_context()
        return thread

    @classmethod
    def close_idle(cls) -> None:
        """End every waiting thread, closing its connections."""
        with cls._idle_lock:
            idle, cls._idle[:] = list(cls._idle), []
        for thread in idle:
            thread.discard()

    def call(self, function: Callable[[], Any]) -> Any:
        """Run `function` on the provider's thread and hand back its result or exception."""
        return self._executor.submit(self._context.copy().run, function).result()

    def finish(self) -> None:
        """The request is over (its cycle ended on this thread): wait for the next, or end."""
        with self._idle_lock:
            if len(self._idle) < self.IDLE_MAX:
                self._idle.append(self)
                return
        self.discard()

    def discard(self) -> None:
        """Close the thread's database connections and end it (after an error, its request
        cycle may not have ended: it is not used again)."""
        try:
            self._executor.submit(connections.close_all).result()
        finally:
            self._executor.shutdown(wait=True)


def _forget_idle_threads_after_fork() -> None:
    # A forked child (a Celery prefork worker, a gunicorn worker) has none of its parent's
    # threads: the waiting ones would never answer there.
    _ProviderThread._idle = []
    _ProviderThread._idle_lock = threading.Lock()


os.register_at_fork(after_in_child=_forget_idle_threads_after_fork)


class _InProcessStream(httpx.SyncByteStream):
    """The WSGI application's body, handed to httpx chunk by chunk as it is read.

    A download (a document's content) is then never held whole in memory: the caller's
    `iter_bytes` pulls the provider's file iterator, one chunk at a time on the provider's
    thread. Closing ends the request cycle there and lets the thread go.
    """

    def __init__(self, stream: httpx.SyncByteStream, thread: _ProviderThread) -> None:
        self._stream = stream
        self._thread = thread
        self._closed = False

    def __iter__(self) -> Iterator[bytes]:
        chunks = self._thread.call(lambda: iter(self._stream))
        while True:
            chunk = self._thread.call(lambda: next(chunks, None))
            if chunk is None:
                return
            yield chunk

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self._thread.call(self._stream.close)
        except BaseException:
            self._thread.discard()
            raise
        self._thread.finish()


def is_json(response: httpx.Response) -> bool:
    return "json" in response.headers.get("content-type", "")


class InProcessTransport(httpx.BaseTransport):
    """Hands requests to this process's Django WSGI application, each on its own thread.

    JSON answers are read at once; other bodies (files) stream lazily from the provider's
    iterator, so `client.stream(...)` downloads in-process in constant memory. A plain
    `client.request(...)` reads the whole body as before.
    """

    def __init__(self) -> None:
        from django.core.handlers.wsgi import WSGIHandler

        self._transport = httpx.WSGITransport(app=WSGIHandler())
        self._network: httpx.HTTPTransport | None = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        # Only what lies on SITE_URL is this process; Django would answer any host alike.
        if url_under(str(request.url), settings.SITE_URL + "/") is None:
            raise httpx.ConnectError(f"{request.url} is not served by this process.", request=request)
        if not uses_in_process(str(request.url)):
            # On this host, but an API another deployment serves: over the network.
            self._network = self._network or httpx.HTTPTransport()
            return self._network.handle_request(request)
        thread = _ProviderThread.take()
        try:
            response = thread.call(lambda: self._transport.handle_request(request))
            if is_json(response):
                thread.call(response.read)
                thread.call(response.close)
                thread.finish()
                return response
        except BaseException:
            thread.discard()
            raise
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=_InProcessStream(response.stream, thread),
            request=request,
            extensions=response.extensions,
        )


ResponseHook = Callable[[httpx.Response], None]
# Tests install a hook here that validates every in-process response against the
# provider's committed schema.
response_hooks: list[ResponseHook] = []


def served_here(url: str) -> bool:
    """The URL lies under the root of an API this process serves (LEVENSLOOP_COMPONENTS)."""
    served = [
        getattr(settings, f"{api.upper()}_API_ROOT")
        for api in settings.LEVENSLOOP_COMPONENTS
        if getattr(settings, f"{api.upper()}_API_ROOT", "")
    ]
    return root_of(url, served) is not None


def uses_in_process(url: str) -> bool:
    """In-process only for an API this process serves, at a root on SITE_URL; any other goes
    over HTTP (run apart, the Documenten API may share the host but not the process)."""
    return (
        settings.API_IN_PROCESS
        and url_under(url, settings.SITE_URL + "/") is not None
        and (len(settings.LEVENSLOOP_COMPONENTS) == len(settings.ALL_APIS) or served_here(url))
    )


def _send_request_id(request: httpx.Request) -> None:
    """Every call to another component carries the id of the request or task behind it
    (`X-Request-ID`, common/requestid.py), so one request can be followed across them."""
    request_id = current_request_id()
    if request_id and requestid.HEADER not in request.headers:
        request.headers[requestid.HEADER] = request_id


def http_client(url: str, **kwargs: Any) -> httpx.Client:
    """An httpx client for `url`: in-process where the provider lives here."""
    if uses_in_process(url):
        kwargs.setdefault("transport", InProcessTransport())
    kwargs.setdefault("timeout", settings.API_TIMEOUT)
    hooks = dict(kwargs.pop("event_hooks", None) or {})
    hooks["request"] = [_send_request_id, *hooks.get("request", [])]
    return httpx.Client(event_hooks=hooks, **kwargs)


def fetch_reference(url: str) -> httpx.Response:
    """GET the URL a request refers to, to see what it is; only under a configured root.

    Raises URLNotAllowedError outside every root (nothing is fetched), ClientError when
    nothing answers. The caller judges status and body.
    """
    found = root_of(url, api_roots())
    if found is None:
        raise URLNotAllowedError(f"{url} lies outside the configured API roots.")
    url, root = found
    if is_external_url(url):
        try:
            with http_client(url) as client:
                return client.get(url, headers={"Accept": "application/json"})
        except httpx.HTTPError as exc:
            raise ClientError(f"GET {url} failed: {exc}") from exc
    with APIClient(root) as client:
        return client.request("GET", url)


def in_own_transaction() -> bool:
    """Whether the calling code holds a transaction open. The one a test case wraps around
    each test (Django marks it `_from_testcase`) does not count: it is the test's, not the
    code's."""
    return any(not getattr(block, "_from_testcase", False) for block in transaction.get_connection().atomic_blocks)


class APIClient:
    """Calls one ZGW-style API with JWT-ZGW credentials of this deployment."""

    def __init__(
        self,
        api_root: str,
        *,
        client_id: str | None = None,
        secret: str | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.api_root = api_root if api_root.endswith("/") else api_root + "/"
        self.client_id = client_id or settings.API_CLIENT_ID
        self.secret = secret or settings.API_CLIENT_SECRET
        kwargs: dict[str, Any] = {"event_hooks": {"response": [self._run_hooks]}}
        if transport is not None:
            kwargs["transport"] = transport
        self._http = http_client(self.api_root, **kwargs)

    def _run_hooks(self, response: httpx.Response) -> None:
        if response_hooks:
            if is_json(response):  # a file is left unread, so it can still stream
                response.read()
            for hook in response_hooks:
                hook(response)

    def _headers(self) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {jwt_encode(self.client_id, self.secret, user_id=self.client_id)}",
            "Accept": "application/json",
            "Content-Crs": "EPSG:4326",
            "Accept-Crs": "EPSG:4326",
        }

    def url(self, path_or_url: str) -> str:
        """The normalised absolute URL of a path below the API root, or of a checked absolute URL."""
        if "://" in path_or_url or path_or_url.startswith("//"):
            return allowed_url(path_or_url)
        url = url_under(self.api_root + path_or_url.lstrip("/"), self.api_root)
        if url is None:
            raise URLNotAllowedError(f"{path_or_url} does not lie below {self.api_root}.")
        return url

    def request(self, method: str, path_or_url: str, **kwargs: Any) -> httpx.Response:
        if method.upper() not in SAFE_METHODS and in_own_transaction():
            # The provider could not see what this transaction holds, and a rollback here
            # could not take back what it did: commit first, then call, undo on refusal.
            raise RuntimeError(
                f"{method} {path_or_url}: a write in another component is made after the commit, "
                "never inside an open transaction."
            )
        url = self.url(path_or_url)
        headers = {**self._headers(), **kwargs.pop("headers", {})}
        http = self._http
        if is_external_url(url) and url_under(url, self.api_root) is None:
            # Another provider: a connection of its own (never in-process), and never our
            # token, which is a key to our own APIs.
            del headers["Authorization"]
            http = http_client(url)
        try:
            return http.request(method, url, headers=headers, **kwargs)
        except httpx.HTTPError as exc:
            raise ClientError(f"{method} {url} failed: {exc}") from exc
        finally:
            if http is not self._http:
                http.close()

    def _json(self, response: httpx.Response, expected: tuple[int, ...]) -> Any:
        if response.status_code not in expected:
            try:
                body = response.json()
            except ValueError:
                body = response.text[:1000]
            raise ClientError(
                f"{response.request.method} {response.request.url} answered {response.status_code}",
                status=response.status_code,
                body=body,
            )
        return response.json() if response.content else None

    def retrieve(self, url: str) -> dict:
        return self._json(self.request("GET", url), (200,))

    def list(self, path: str, params: dict | None = None) -> Iterator[dict]:
        """Every object of a paginated list, following `next`."""
        url: str | None = self.url(path)
        while url:
            body = self._json(self.request("GET", url, params=params), (200,))
            params = None
            if isinstance(body, list):
                yield from body
                return
            yield from body["results"]
            url = body.get("next")

    def create(self, path: str, data: dict) -> dict:
        return self._json(self.request("POST", path, json=data), (201,))

    def partial_update(self, url: str, data: dict) -> dict:
        return self._json(self.request("PATCH", url, json=data), (200,))

    def delete(self, url: str) -> None:
        self._json(self.request("DELETE", url), (204,))

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> APIClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
