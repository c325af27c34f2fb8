"""One request id per request, carried wherever the request's work goes.

The ZGW specifications name the header `X-Request-ID`. A request that brings a sane one
keeps it; any other gets a fresh UUID. The id is bound in structlog's context variables
for the length of the request, so every log line written meanwhile carries it
(config/logs.py), and it travels on:
- in the answer, as `X-Request-ID`;
- into Celery tasks queued meanwhile, as a message header (`before_task_publish`) that the
  worker binds again before the task runs (`task_prerun`);
- into every call to another component (`http_client` in common/clients.py sends it), where
  that component's own middleware takes it up: an in-process call as much as one over the
  network.
A task queued with no request behind it (the beat's) gets an id of its own when it runs.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import structlog

logger = logging.getLogger(__name__)

HEADER = "X-Request-ID"
# Celery message header; Celery's own (id, root_id, parent_id, ...) have other names.
TASK_HEADER = "x_request_id"

# What we accept from outside: a token a log search can match exactly, never a place for
# log injection (no spaces, quotes or control characters) and not arbitrarily long.
_SANE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:+=@/-]{0,127}")


def sane_request_id(value: str | None) -> str | None:
    """`value` if it may serve as a request id, else None."""
    if value and _SANE.fullmatch(value):
        return value
    return None


def new_request_id() -> str:
    return str(uuid.uuid4())


def current_request_id() -> str | None:
    """The id bound in this context (request, task), or None outside one."""
    return structlog.contextvars.get_contextvars().get("request_id")


@contextmanager
def bound_request_id(request_id: str, **context: Any) -> Iterator[str]:
    """Bind the id (and more context) for the block, then restore what was bound before:
    an in-process call to another component binds the same id inside its caller's block."""
    tokens = structlog.contextvars.bind_contextvars(request_id=request_id, **context)
    try:
        yield request_id
    finally:
        structlog.contextvars.reset_contextvars(**tokens)


class RequestIdMiddleware:
    """Takes up or makes the request's id, binds it, answers with it, and logs the request."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        request_id = sane_request_id(request.headers.get(HEADER)) or new_request_id()
        request.request_id = request_id
        started = time.perf_counter()
        with bound_request_id(request_id):
            response = self.get_response(request)
            match = getattr(request, "resolver_match", None)
            logger.info(
                "request_finished",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "api": (match.namespace or None) if match else None,
                    "route": match.url_name if match else None,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
        response[HEADER] = request_id
        return response


# --- Celery -------------------------------------------------------------------------------


def add_request_id_to_message(headers: dict | None = None, **kwargs: Any) -> None:
    """`before_task_publish`: the message carries the id of the request that queued it."""
    request_id = current_request_id()
    if headers is not None and request_id and TASK_HEADER not in headers:
        headers[TASK_HEADER] = request_id


def task_request_id(task: Any) -> str | None:
    """The id the task's message brought along (custom headers become request attributes)."""
    request = getattr(task, "request", None)
    value = getattr(request, TASK_HEADER, None) or (getattr(request, "headers", None) or {}).get(TASK_HEADER)
    return sane_request_id(value)


_task_bindings: dict[str, dict] = {}


def bind_task_request_id(task_id: str | None = None, task: Any = None, **kwargs: Any) -> None:
    """`task_prerun`: bind the message's id (or a new one) while the task runs.

    An eager task runs inside the request that queued it: the id is bound already and is
    kept (binding it again costs nothing and is undone at `task_postrun`).
    """
    request_id = task_request_id(task) or current_request_id() or new_request_id()
    tokens = structlog.contextvars.bind_contextvars(
        request_id=request_id, task=getattr(task, "name", None), task_id=task_id
    )
    if task_id:
        _task_bindings[task_id] = tokens


def unbind_task_request_id(task_id: str | None = None, state: str | None = None, **kwargs: Any) -> None:
    """`task_postrun`: log how the task ended (still under its id), then restore the context
    from before the task."""
    logger.info("task_finished", extra={"state": state})
    tokens = _task_bindings.pop(task_id, None) if task_id else None
    if tokens:
        structlog.contextvars.reset_contextvars(**tokens)


def connect_celery_signals() -> None:
    from celery.signals import before_task_publish, task_postrun, task_prerun

    before_task_publish.connect(add_request_id_to_message, weak=False)
    task_prerun.connect(bind_task_request_id, weak=False)
    task_postrun.connect(unbind_task_request_id, weak=False)
